import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { describeShapes } from '../player/drawing';
import { composerAction } from '../review/keys';
import { formatTime } from '../ui/format';
import type { DebriefView } from './view';

/** Comments of the lesson and those made in the room (live for everyone), and the box to add one, with the drawing. */
export function RoomComments({ view, boxRef }: { view: DebriefView; boxRef: RefObject<HTMLTextAreaElement | null> }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'shared' | 'private'>('shared');
  const drafts = view.drafts.value;
  const at = view.draftAtMs.value ?? view.positionMs.value;
  const open = view.room.status.value === 'open';

  function submit() {
    const text = body.trim();
    if (!text) return;
    if (view.post(text, visibility)) setBody('');
  }

  return (
    <section class="card room-comments" aria-labelledby="room-comments-title">
      <h2 id="room-comments-title">Comments</h2>
      <form class="room-composer" aria-label="New comment" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label>
          Comment at {formatTime(at)}
          <textarea ref={boxRef} rows={3} value={body} maxLength={10_000}
            onInput={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              const hit = composerAction(e);
              if (hit?.action === 'post') {
                e.preventDefault();
                submit();
              } else if (hit?.action === 'cancel') {
                e.currentTarget.blur();
              }
            }} />
        </label>
        {drafts.length > 0 && <p class="with-drawing">{describeShapes(drafts)}, saved with this comment</p>}
        <div class="actions">
          <label class="inline">
            Visible to
            <select value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as 'shared' | 'private')}>
              <option value="shared">Everyone on this lesson</option>
              <option value="private">Only me (a private note)</option>
            </select>
          </label>
          <button type="submit" class="button primary" disabled={!open || !body.trim()} aria-keyshortcuts="Control+Enter">Post comment</button>
        </div>
      </form>
      <ol class="room-comment-list" aria-label="Comments in time order">
        {view.comments.value.map((c) => (
          <li key={String(c.id)} class={c.visibility === 'private' ? 'private' : undefined}>
            <button type="button" class="button small subtle time" onClick={() => view.seekTo(c.startMs ?? 0)}
              aria-label={`Go to ${formatTime(c.startMs)}`} disabled={!view.mayDrive.value}>
              {formatTime(c.startMs)}
            </button>
            <span class="author">{c.author?.displayName}</span>
            {c.visibility === 'private' && <span class="badge">Private note</span>}
            {c.drawings?.length ? <span class="badge">{describeShapes(c.drawings)}</span> : null}
            <p class="body">{c.body}</p>
          </li>
        ))}
      </ol>
      {view.comments.value.length === 0 && <p class="empty-note">No comments yet. Pause on a moment, draw on it if it helps, and say what you see.</p>}
    </section>
  );
}
