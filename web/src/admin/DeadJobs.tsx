import { useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type Job = Schemas['Job'];

const KIND_NAMES: Record<string, string> = {
  'media.process': 'Processing a recording',
  'clip.export': 'Exporting a clip',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(job: Job): string {
  const at = job.finishedAt ?? job.updatedAt;
  return at ? timeFormat.format(new Date(at)) : '–';
}

/**
 * Background jobs that failed on every attempt, with their last error, and a retry that queues
 * one again with fresh attempts. States and errors only: nothing of the recordings themselves.
 */
export function DeadJobs() {
  const jobs = useLoad(() => call(api.GET('/api/jobs', { params: { query: { state: 'dead' } } })), []);
  const [said, setSaid] = useState('');
  const list = jobs.data ?? [];

  return (
    <section class="card admin-section wide" aria-labelledby="jobs-title">
      <div class="page-head">
        <h2 id="jobs-title" tabIndex={-1}>Failed background jobs</h2>
        <button type="button" class="button small" aria-disabled={jobs.loading}
          onClick={() => { if (jobs.loading) return; setSaid(''); jobs.reload(); }}>
          {jobs.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <LoadError error={jobs.error} retry={jobs.reload} />
      <p class={said ? 'notice ok' : 'visually-hidden'} role="status">{said}</p>
      {jobs.data && list.length === 0 && (
        <p>No failed jobs. A job that fails on every attempt shows here, with its error and a retry.</p>
      )}
      {list.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Failed background jobs, most recent first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th><th scope="col">Failed</th><th scope="col">Attempts</th>
                <th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((job) => (
                <JobRow key={job.id} job={job} onRetried={() => {
                  jobs.set(list.filter((j) => j.id !== job.id));
                  setSaid(`${KIND_NAMES[job.kind ?? ''] ?? job.kind}: queued again with fresh attempts.`);
                  requestAnimationFrame(() => document.getElementById('jobs-title')?.focus());
                }} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function JobRow({ job, onRetried }: { job: Job; onRetried: () => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const name = KIND_NAMES[job.kind ?? ''] ?? job.kind;

  async function retry() {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await call(api.POST('/api/jobs/{jobId}/retry', { params: { path: { jobId: job.id! } } }));
      onRetried();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <tr>
      <td>{name}</td>
      <td>{when(job)}</td>
      <td>{job.attempts} of {job.maxAttempts}</td>
      <td class="wrap job-error">{job.lastError ?? '–'}</td>
      <td class="row-actions">
        <button type="button" class="button small" onClick={retry} aria-disabled={busy}
          aria-label={`Retry ${name} from ${when(job)}`}>Retry</button>
        {error && <p class="notice error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}
