import type { ComponentChildren } from 'preact';
import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import { formatTime } from '../ui/format';
import { CommentEditor } from './CommentEditor';
import { loadDraft, saveDraft } from './drafts';
import type { Review } from './review';
import type { Comment, Thread } from './store';
import { TagChips, TagPicker } from './TagPicker';

type Draft = { body: string; mentions: string[] };

/** Clicks on the row seek to it, except on its own controls. */
export function fromControl(event: MouseEvent) {
  return !!(event.target as Element).closest('button, a, input, textarea, select, label, summary, dialog, [role="listbox"]');
}

/** Keeps the text of a reply or an edit in the browser until it is saved; `update` merges a change (mentions given are added). */
function useDraft(review: Review, slot: string, initial: Draft) {
  const [draft, setDraft] = useState<Draft>(() => loadDraft<Draft>(review.recordingId, slot) ?? initial);
  const update = (change: Partial<Draft>) => setDraft((current) => {
    const next = { ...current, ...change, mentions: [...current.mentions, ...(change.mentions ?? [])] };
    saveDraft(review.recordingId, slot, next);
    return next;
  });
  const forget = () => saveDraft(review.recordingId, slot, null);
  return [draft, update, forget] as const;
}

function mentionsIn(review: Review, draft: Draft) {
  return draft.mentions.filter((id) => review.people.value.some((p) => p.id === id && draft.body.includes(`@${p.displayName}`)));
}

function ReplyBox({ review, thread, onDone }: { review: Review; thread: Thread; onDone: () => void }) {
  const [draft, update, forget] = useDraft(review, `reply.${thread.id}`, { body: '', mentions: [] });
  const [busy, setBusy] = useState(false);
  async function post() {
    if (!draft.body.trim() || busy) return;
    setBusy(true);
    const ok = await review.reply(thread.id!, draft.body.trim(), mentionsIn(review, draft));
    setBusy(false);
    if (ok) {
      forget();
      onDone();
    }
  }
  return (
    <div class="reply-box">
      <CommentEditor label={`Reply to ${thread.author?.displayName}`} value={draft.body} autoFocus busy={busy}
        onInput={(body) => update({ body })}
        people={thread.visibility === 'private' ? null : review.people.value}
        onMention={(p) => update({ mentions: [p.id] })}
        onPost={() => void post()} onCancel={onDone} />
      <div class="actions">
        <button type="button" class="button small" onClick={onDone}>Cancel</button>
        <button type="button" class="button small primary" disabled={busy || !draft.body.trim()} onClick={() => void post()}>Post reply</button>
      </div>
    </div>
  );
}

function EditBox({ review, comment, onDone }: { review: Review; comment: Comment; onDone: () => void }) {
  const [draft, update, forget] = useDraft(review, `edit.${comment.id}`, { body: comment.body ?? '', mentions: comment.mentions ?? [] });
  const [busy, setBusy] = useState(false);
  async function save() {
    if (!draft.body.trim() || busy) return;
    setBusy(true);
    const ok = await review.edit(comment.id!, { body: draft.body.trim(), mentions: mentionsIn(review, draft) });
    setBusy(false);
    if (ok) {
      forget();
      onDone();
    }
  }
  const cancel = () => {
    forget();
    onDone();
  };
  return (
    <div class="edit-box">
      <CommentEditor label="Edit comment" value={draft.body} autoFocus busy={busy}
        onInput={(body) => update({ body })}
        people={comment.visibility === 'private' ? null : review.people.value}
        onMention={(p) => update({ mentions: [p.id] })}
        onPost={() => void save()} onCancel={cancel} />
      <div class="actions">
        <button type="button" class="button small" onClick={cancel}>Cancel</button>
        <button type="button" class="button small primary" disabled={busy} onClick={() => void save()}>Save</button>
      </div>
    </div>
  );
}

type ViewProps = { review: Review; comment: Comment; thread?: Thread; children?: ComponentChildren };

/** One comment or reply; `children` joins its row of actions (the thread's Reply). */
function CommentView({ review, comment, thread, children }: ViewProps) {
  const [editing, setEditing] = useState(() => !!loadDraft(review.recordingId, `edit.${comment.id}`));
  const [confirming, setConfirming] = useState(false);
  const mine = comment.author?.id === review.me.id;
  const canDelete = !comment.deleted && (mine || review.isOwner);
  const isRange = comment.endMs != null;
  return (
    <div class="comment">
      <div class="comment-head">
        {thread && (
          <button type="button" class="time-link" onClick={() => review.select({ id: thread.id!, startMs: thread.startMs ?? 0, thread })}>
            <span class="visually-hidden">Go to </span>{formatTime(comment.startMs)}{isRange ? `–${formatTime(comment.endMs)}` : ''}
          </button>
        )}
        <span class="author">{comment.author?.displayName}</span>
        {comment.visibility === 'private' && thread && <span class="badge private">Private note · only you</span>}
        {comment.edited && !comment.deleted && <span class="muted">(edited)</span>}
      </div>
      {comment.deleted
        ? <p class="body muted">This comment was deleted.</p>
        : editing
          ? <EditBox review={review} comment={comment} onDone={() => setEditing(false)} />
          : <p class="body">{comment.body}</p>}
      {thread && <TagChips tags={comment.tags ?? []} />}
      {!editing && (mine || canDelete || children) && (
        <div class="comment-actions">
          {children}
          {!comment.deleted && mine && thread && (
            <TagPicker review={review} label="Tags" selected={(comment.tags ?? []).map((t) => t.id!)}
              onChange={(tagIds) => void review.edit(comment.id!, { tagIds })} />
          )}
          {!comment.deleted && mine && <button type="button" class="button small subtle" onClick={() => setEditing(true)}>Edit</button>}
          {canDelete && !confirming && <button type="button" class="button small subtle" onClick={() => setConfirming(true)}>Delete</button>}
          {confirming && (
            <span class="confirm" role="group" aria-label="Delete this comment?">
              Delete it?{' '}
              <button type="button" class="button small danger" onClick={() => void review.remove(comment.id!)}>Yes, delete</button>
              <button type="button" class="button small" onClick={() => setConfirming(false)}>Keep</button>
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/** One thread in the list: its first comment, the replies, and a reply box. */
export const ThreadItem = memo(function ThreadItem({ thread, review }: { thread: Thread; review: Review }) {
  const [replying, setReplying] = useState(() => !!loadDraft(review.recordingId, `reply.${thread.id}`));
  const mayReply = !thread.deleted && (thread.visibility === 'private' || review.canComment);
  return (
    <li id={`item-${thread.id}`} class={thread.visibility === 'private' ? 'item private' : 'item'}
      onClick={(e) => {
        if (!fromControl(e)) review.select({ id: thread.id!, startMs: thread.startMs ?? 0, thread });
      }}>
      <CommentView review={review} comment={thread} thread={thread}>
        {!replying && mayReply && <button type="button" class="button small subtle" onClick={() => setReplying(true)}>Reply</button>}
      </CommentView>
      {thread.replies.length > 0 && (
        <ol class="replies" aria-label={`Replies to ${thread.author?.displayName}`}>
          {thread.replies.map((reply) => <li key={reply.id}><CommentView review={review} comment={reply} /></li>)}
        </ol>
      )}
      {replying && <ReplyBox review={review} thread={thread} onDone={() => setReplying(false)} />}
    </li>
  );
});
