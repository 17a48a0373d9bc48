import { useState } from 'preact/hooks';
import { api, call, messageOf, type Recording } from '../api/client';
import { refreshRecordings } from './liveRecordings';
import type { LocalUpload } from '../upload/progress';
import { percent } from '../ui/format';

type Props = { recording: Recording; local?: LocalUpload };

/**
 * Where a recording stands, in words a teacher reads between classes: uploading with its
 * percentage, processing with its step, playable, ready, or failed with the reason and a retry.
 */
export function RecordingStatus({ recording: r, local }: Props) {
  const owner = r.access === 'owner';
  const title = r.title ?? '';
  switch (r.status) {
    case 'awaiting_upload':
    case 'uploading': {
      const sent = local?.sent ?? r.upload?.offset ?? 0;
      const total = local?.total ?? r.upload?.length ?? 0;
      const pct = percent(sent, total);
      const label = local ? (local.paused ? 'Upload paused' : 'Uploading') : r.status === 'uploading' ? 'Uploading' : 'Waiting for its video';
      return (
        <div class="rec-status">
          <span class="badge busy">{label}{total > 0 && ` ${pct}%`}</span>
          {total > 0 && <progress max={100} value={pct} aria-label={`Upload of ${title}`} />}
          {owner && !local && (
            <p class="rec-hint">
              If the upload stopped, <a href="/upload">choose the same file again</a> to continue where it left off.
            </p>
          )}
        </div>
      );
    }
    case 'uploaded':
      return (
        <div class="rec-status">
          <span class="badge busy">Uploaded</span>
          <p class="rec-hint">Processing starts in a moment.</p>
        </div>
      );
    case 'processing': {
      const pct = r.media?.progress ?? 0;
      return (
        <div class="rec-status">
          <span class="badge busy">Processing {pct}%</span>
          {r.media?.playable && <span class="badge ok">Playable</span>}
          <progress max={100} value={pct} aria-label={`Processing of ${title}`} />
          <p class="rec-hint">
            {r.media?.step ? `Now ${r.media.step}. ` : ''}
            {r.media?.playable ? 'You can watch it already; sharper versions are on their way.' : ''}
          </p>
        </div>
      );
    }
    case 'ready':
      return (
        <div class="rec-status">
          <span class="badge ok">Ready</span>
        </div>
      );
    case 'failed':
      return (
        <div class="rec-status">
          <span class="badge error">Failed</span>
          <p class="rec-reason">{r.statusReason || 'Processing stopped without a reason.'}</p>
          {owner && <RetryButton recording={r} />}
        </div>
      );
    default:
      return <span class="badge">{r.status}</span>;
  }
}

function RetryButton({ recording }: { recording: Recording }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function retry() {
    setBusy(true);
    setError('');
    try {
      await call(api.POST('/api/recordings/{recordingId}/processing/retry', { params: { path: { recordingId: recording.id! } } }));
      await refreshRecordings();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" class="button small" onClick={retry} disabled={busy} aria-label={`Retry processing ${recording.title ?? ''}`}>
        {busy ? 'Retrying…' : 'Retry'}
      </button>
      {error && <p class="notice error" role="alert">{error}</p>}
    </>
  );
}
