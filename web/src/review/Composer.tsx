import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '../ui/format';
import { CommentEditor } from './CommentEditor';
import { loadDraft, saveDraft } from './drafts';
import type { NewComment, Review } from './review';
import { TagChips, TagPicker } from './TagPicker';

const SLOT = 'new';

/** The comment box C opens at the current time (or the I/O range); its draft outlives reloads until posted. */
export function Composer({ review }: { review: Review }) {
  const at = review.composing.value!;
  const [draft, setDraft] = useState<NewComment>(() => {
    const kept = loadDraft<NewComment>(review.recordingId, SLOT);
    if (kept?.body) return kept;
    return { body: '', startMs: at.startMs, endMs: at.endMs, tagIds: [], mentions: [], visibility: review.canComment ? 'shared' : 'private' };
  });
  const [busy, setBusy] = useState(false);
  const restored = draft.startMs !== at.startMs || draft.endMs !== at.endMs;

  useEffect(() => {
    saveDraft(review.recordingId, SLOT, draft.body || draft.tagIds.length ? draft : null);
  }, [draft]);

  const change = (patch: Partial<NewComment>) => setDraft((d) => ({ ...d, ...patch }));
  const isPrivate = draft.visibility === 'private';
  const labels = review.labels.value;
  const chosen = labels.filter((l) => draft.tagIds.includes(l.id!));
  const when = draft.endMs != null ? `${formatTime(draft.startMs)} to ${formatTime(draft.endMs)}` : formatTime(draft.startMs);

  async function post() {
    if (!draft.body.trim() || busy) return;
    setBusy(true);
    const body = draft.body.trim();
    // A mention whose @Name was deleted from the text is no mention.
    const mentions = draft.mentions.filter((id) => review.people.value.some((p) => p.id === id && body.includes(`@${p.displayName}`)));
    const posted = await review.post({ ...draft, body, mentions });
    setBusy(false);
    if (posted) {
      saveDraft(review.recordingId, SLOT, null);
      review.stopComposing();
    }
  }

  function discard() {
    saveDraft(review.recordingId, SLOT, null);
    review.stopComposing();
  }

  return (
    <form class="composer card" aria-label="New comment" onSubmit={(e) => {
      e.preventDefault();
      void post();
    }}>
      {restored && (
        <p class="notice info">
          Your unposted draft for {when} is back.{' '}
          <button type="button" class="button small" onClick={() => change({ startMs: at.startMs, endMs: at.endMs })}>
            Move it to {at.endMs != null ? `${formatTime(at.startMs)} to ${formatTime(at.endMs)}` : formatTime(at.startMs)}
          </button>
        </p>
      )}
      <CommentEditor label={`${isPrivate ? 'Private note' : 'Comment'} at ${when}`} value={draft.body} autoFocus busy={busy}
        onInput={(body) => change({ body })}
        tags={labels} onTag={(tag) => change({ tagIds: draft.tagIds.includes(tag.id!) ? draft.tagIds : [...draft.tagIds, tag.id!] })}
        people={isPrivate ? null : review.people.value}
        onMention={(person) => change({ mentions: draft.mentions.includes(person.id) ? draft.mentions : [...draft.mentions, person.id] })}
        onPost={() => void post()} onCancel={() => review.stopComposing()} />
      <TagChips tags={chosen} onRemove={(tag) => change({ tagIds: draft.tagIds.filter((id) => id !== tag.id) })} />
      <div class="actions">
        <TagPicker review={review} selected={draft.tagIds} onChange={(tagIds) => change({ tagIds })} />
        <label class="check">
          <input type="checkbox" checked={isPrivate} disabled={!review.canComment}
            onChange={(e) => change({ visibility: e.currentTarget.checked ? 'private' : 'shared' })} />
          Private note (only you)
        </label>
        <span class="spacer" />
        <button type="button" class="button subtle" onClick={discard}>Discard</button>
        <button type="button" class="button" onClick={() => review.stopComposing()}>Close <kbd>Esc</kbd></button>
        <button type="submit" class="button primary" disabled={busy || !draft.body.trim()}>
          {busy ? 'Posting…' : 'Post'} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
      {!review.canComment && <p class="muted">You can view this lesson, so what you write is a private note only you will see.</p>}
    </form>
  );
}
