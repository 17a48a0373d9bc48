import { useEffect, useRef } from 'preact/hooks';
import { recordings } from '../library/liveRecordings';
import { RecordingStatus } from '../library/RecordingStatus';
import { formatBytes, formatTimeLeft, percent } from '../ui/format';
import { askToCancel, cancel, pause, remove, resume, start, updateDetails, type QueueItem } from './queue';

/** One file in the upload list: its details first, then its progress, then its processing. */
export function UploadItem({ item }: { item: QueueItem }) {
  const s = item.state.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `upload-${item.key}`;
  // The buttons the person was using go away when the upload ends; keep their place in the page.
  useEffect(() => {
    if (s.phase === 'done' && document.activeElement === document.body) heading.current?.focus();
  }, [s.phase]);

  return (
    <li class="card upload-item" aria-labelledby={headingId}>
      <div class="upload-file">
        <h3 id={headingId} ref={heading} tabIndex={-1}>{s.phase === 'draft' ? item.file.name : s.details.title}</h3>
        <span class="upload-size">
          {s.phase !== 'draft' && `${item.file.name} · `}{formatBytes(item.file.size)}
        </span>
      </div>
      {s.resumed && s.phase !== 'done' && (
        <p class="notice info">
          You started uploading this file earlier. It continues from what the server already has, not from the beginning.
        </p>
      )}
      {s.phase === 'draft' && <DetailsForm item={item} />}
      {s.phase === 'checking' && <p class="upload-phase">Looking for an earlier upload of this file…</p>}
      {['queued', 'starting', 'uploading', 'reconnecting', 'paused', 'waiting'].includes(s.phase) && <Progress item={item} />}
      {s.phase === 'failed' && (
        <>
          <p class="notice error" role="alert">{s.message}</p>
          <div class="actions">
            {s.recordingId ? <CancelButton item={item} label="Remove" /> : (
              <button type="button" class="button" onClick={() => remove(item)} aria-label={`Remove ${item.file.name}`}>Remove</button>
            )}
          </div>
        </>
      )}
      {s.phase === 'done' && <Processing item={item} />}
    </li>
  );
}

function DetailsForm({ item }: { item: QueueItem }) {
  const { details: d, message } = item.state.value;
  const errorId = `upload-${item.key}-error`;
  const field = (name: keyof typeof d) => ({
    value: d[name],
    onInput: (e: Event) => updateDetails(item, { [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <form class="upload-form" noValidate onSubmit={(e) => { e.preventDefault(); start(item); }}>
      <div class="form-grid">
        <label class="upload-title-field">
          Title
          <input type="text" name="title" required maxLength={200} autocomplete="off" {...field('title')}
            aria-invalid={message ? true : undefined} aria-describedby={message ? errorId : undefined} />
        </label>
        <label>
          Lesson date
          <input type="date" name="lessonDate" {...field('lessonDate')} />
        </label>
        <label>
          Subject
          <input type="text" name="subject" maxLength={100} list="known-subjects" autocomplete="off" {...field('subject')} />
        </label>
        <label>
          Grade
          <input type="text" name="grade" maxLength={50} autocomplete="off" {...field('grade')} />
        </label>
      </div>
      {message && <p id={errorId} class="notice error" role="alert">{message}</p>}
      <div class="actions">
        <button type="submit" class="button primary" aria-label={`Upload ${item.file.name}`}>Upload</button>
        <button type="button" class="button" onClick={() => remove(item)} aria-label={`Remove ${item.file.name}`}>Remove</button>
      </div>
    </form>
  );
}

const PHASE_WORDS: Partial<Record<string, string>> = {
  queued: 'Waiting for the upload before it to finish.',
  starting: 'Starting…',
  paused: 'Paused. Press Resume to continue from where it stopped.',
};

function Progress({ item }: { item: QueueItem }) {
  const s = item.state.value;
  const pct = percent(s.sent, s.total);
  const moving = ['queued', 'starting', 'uploading', 'reconnecting'].includes(s.phase);
  const figures = [`${formatBytes(s.sent)} of ${formatBytes(s.total)}`];
  if (s.phase === 'uploading' && s.speed) figures.push(`${formatBytes(s.speed)}/s`);
  if (s.phase === 'uploading' && s.secondsLeft !== undefined && s.secondsLeft > 0) figures.push(`${formatTimeLeft(s.secondsLeft)} left`);
  const words = s.message || PHASE_WORDS[s.phase];
  return (
    <div class="upload-progress">
      <div class="upload-bar">
        <progress max={100} value={pct} aria-label={`Upload of ${s.details.title}`} />
        <strong class="upload-percent">{pct}%</strong>
      </div>
      <p class="upload-figures">{figures.join(' · ')}</p>
      {words && <p class={`upload-phase${s.phase === 'waiting' || s.phase === 'reconnecting' ? ' warning' : ''}`}>{words}</p>}
      <div class="actions">
        {/* One button whose words change, so focus stays on it between Pause and Resume. */}
        <button type="button" class="button" onClick={() => (moving ? pause(item) : resume(item))}
          aria-label={`${moving ? 'Pause' : 'Resume'} upload of ${s.details.title}`}>
          {moving ? 'Pause' : 'Resume'}
        </button>
        <CancelButton item={item} label="Cancel upload" />
      </div>
    </div>
  );
}

/** Cancelling deletes the lesson and what was sent of it, so it asks once more, in place. */
function CancelButton({ item, label }: { item: QueueItem; label: string }) {
  const s = item.state.value;
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (s.confirmingCancel) confirm.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = !!s.confirmingCancel;
  }, [s.confirmingCancel]);
  if (!s.confirmingCancel) {
    return (
      <button ref={opener} type="button" class="button subtle" onClick={() => askToCancel(item, true)}
        aria-label={`${label}: ${s.details.title}`}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={`${label}: ${s.details.title}`}
      onKeyDown={(e) => e.key === 'Escape' && askToCancel(item, false)}>
      <span>Stop and delete “{s.details.title}”?</span>
      <button ref={confirm} type="button" class="button danger" onClick={() => void cancel(item)}>Delete it</button>
      <button type="button" class="button" onClick={() => askToCancel(item, false)}>Keep it</button>
    </span>
  );
}

function Processing({ item }: { item: QueueItem }) {
  const s = item.state.value;
  const recording = recordings.value?.find((r) => r.id === s.recordingId);
  const playable = recording && (recording.status === 'ready' || recording.media?.playable);
  return (
    <div class="upload-done">
      {recording ? <RecordingStatus recording={recording} /> : <p class="upload-phase">Uploaded. Processing starts in a moment.</p>}
      <div class="actions">
        {playable && <a class="button primary" href={`/recordings/${recording.id}`}>Watch “{s.details.title}”</a>}
        <button type="button" class="button subtle" onClick={() => remove(item)} aria-label={`Remove from list: ${s.details.title}`}>
          Remove from list
        </button>
      </div>
    </div>
  );
}
