import { useSignalEffect } from '@preact/signals';
import { memo } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { formatBytes, formatTime } from '../ui/format';
import { PlaylistDialog } from './PlaylistDialog';
import type { Review } from './review';
import type { Clip } from './store';
import { TagChips } from './TagPicker';
import { fromControl } from './ThreadItem';
import { apiUrl } from './urls';

type Export = Schemas['ClipExport'];
/** How often an export under way is asked about (its clip.exported event usually comes first). */
const EXPORT_POLL_MS = 1500;

/** `heard` counts clip.exported events for this clip: each one reads the export's state again. */
function ExportControls({ clip, heard }: { clip: Clip; heard: number }) {
  const [state, setState] = useState<Export | null>(null);
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clipId = clip.id!;

  async function refresh() {
    try {
      const now = await call(api.GET('/api/clips/{clipId}/export', { params: { path: { clipId } } }));
      setState(now);
      setError('');
      if (now.status === 'queued' || now.status === 'running') timer.current = setTimeout(refresh, EXPORT_POLL_MS);
    } catch (e) {
      setError(messageOf(e));
      timer.current = setTimeout(refresh, EXPORT_POLL_MS * 2);
    }
  }
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    if (heard === 0) return;
    if (timer.current) clearTimeout(timer.current);
    void refresh();
  }, [heard]);

  async function start() {
    setError('');
    try {
      const started = await call(api.POST('/api/clips/{clipId}/export', { params: { path: { clipId } } }));
      setState(started);
      if (started.status !== 'ready' && started.status !== 'failed') timer.current = setTimeout(refresh, EXPORT_POLL_MS);
    } catch (e) {
      setError(`The export could not start: ${messageOf(e)}`);
    }
  }

  const status = state?.status;
  return (
    <div class="export">
      {(!state || status === 'failed') && (
        <button type="button" class="button small" onClick={() => void start()}>{status === 'failed' ? 'Export again' : 'Export MP4'}</button>
      )}
      {(status === 'queued' || status === 'running') && (
        <>
          <progress aria-label={`Export of ${clip.title}`} />
          <span role="status">{status === 'queued' ? 'Export waiting to start…' : 'Exporting…'}</span>
        </>
      )}
      {status === 'ready' && (
        <>
          <span role="status" class="visually-hidden">Export ready</span>
          <a class="button small primary" href={apiUrl('/api/clips/{clipId}/export.mp4', { clipId })} download>
            Download MP4{state?.size ? ` (${formatBytes(state.size)})` : ''}
          </a>
        </>
      )}
      {status === 'failed' && <span class="error-text" role="alert">The export failed: {state?.reason ?? 'unknown reason'}</span>}
      {error && <span class="error-text" role="alert">{error}</span>}
    </div>
  );
}

/** A clip in the list: its range, title, note and tags; export, download, add to a playlist. */
export const ClipItem = memo(function ClipItem({ clip, review }: { clip: Clip; review: Review }) {
  const [playlist, setPlaylist] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [heard, setHeard] = useState(0);
  const mayDelete = clip.author?.id === review.me.id || review.isOwner;
  const item = { id: clip.id!, startMs: clip.startMs ?? 0, clip };
  // An export finished elsewhere (another tab, the live channel): show it fresh.
  useSignalEffect(() => {
    if (review.exportEvent.value?.clipId === clip.id) setHeard((n) => n + 1);
  });

  async function remove() {
    try {
      await call(api.DELETE('/api/clips/{clipId}', { params: { path: { clipId: clip.id! } } }));
      review.store.dropClip(clip.id!);
    } catch (e) {
      review.notice.value = { kind: 'error', text: `The clip was not deleted: ${messageOf(e)}` };
    }
  }

  return (
    <li id={`item-${clip.id}`} class="item clip" onClick={(e) => {
      if (!fromControl(e)) review.select(item);
    }}>
      <div class="comment-head">
        <button type="button" class="time-link" onClick={() => review.select(item)}>
          <span class="visually-hidden">Go to </span>{formatTime(clip.startMs)}–{formatTime(clip.endMs)}
        </button>
        <span class="badge clip-badge">Clip</span>
        <span class="author">{clip.author?.displayName}</span>
      </div>
      <strong class="clip-title">{clip.title}</strong>
      {clip.note && <p class="body">{clip.note}</p>}
      <TagChips tags={clip.tags ?? []} />
      <div class="comment-actions">
        <ExportControls clip={clip} heard={heard} />
        <button type="button" class="button small" onClick={() => setPlaylist(true)}>Add to playlist</button>
        {mayDelete && !confirming && <button type="button" class="button small subtle" onClick={() => setConfirming(true)}>Delete clip</button>}
        {confirming && (
          <span class="confirm" role="group" aria-label="Delete this clip?">
            Delete it?{' '}
            <button type="button" class="button small danger" onClick={() => void remove()}>Yes, delete</button>
            <button type="button" class="button small" onClick={() => setConfirming(false)}>Keep</button>
          </span>
        )}
      </div>
      {playlist && <PlaylistDialog review={review} clip={clip} onClose={() => setPlaylist(false)} />}
    </li>
  );
});
