import { useSignalEffect } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import { ClipItem } from './ClipItem';
import type { Kind, Review } from './review';
import { ThreadItem } from './ThreadItem';

/** Keys and gestures by which a person scrolls the list themselves (then it stops following playback). */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown']);

function Filters({ review }: { review: Review }) {
  const f = review.filters.value;
  const set = (patch: Partial<typeof f>) => (review.filters.value = { ...f, ...patch });
  return (
    <div class="filters" role="group" aria-label="Filter comments">
      <label>
        <span>Show</span>
        <select value={f.kind} onChange={(e) => set({ kind: e.currentTarget.value as Kind })}>
          <option value="">Everything</option>
          <option value="comment">Shared comments</option>
          <option value="note">My private notes</option>
          <option value="clip">Clips</option>
        </select>
      </label>
      <label>
        <span>Tag</span>
        <select value={f.tagId} onChange={(e) => set({ tagId: e.currentTarget.value })}>
          <option value="">Any tag</option>
          {review.labels.value.map((l) => <option key={l.id} value={l.id}>{l.kind === 'goal' ? `Goal: ${l.name}` : l.name}</option>)}
        </select>
      </label>
      <label>
        <span>Author</span>
        <select value={f.authorId} onChange={(e) => set({ authorId: e.currentTarget.value })}>
          <option value="">Anyone</option>
          {review.authors.value.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
        </select>
      </label>
    </div>
  );
}

/** Scrolls the list (only the list, not the page) so that the row shows, a third of the way down. */
function reveal(container: HTMLElement, row: HTMLElement, always = false) {
  const top = row.offsetTop;
  const hidden = top < container.scrollTop || top + Math.min(row.offsetHeight, 120) > container.scrollTop + container.clientHeight;
  if (always || hidden) container.scrollTop = Math.max(0, top - container.clientHeight / 3);
}

/**
 * Comments and clips in time order. The one playing is highlighted and kept in view, until the
 * person scrolls the list; both are done on the DOM directly, so playback never re-renders rows.
 */
export function CommentList({ review }: { review: Review }) {
  const list = useRef<HTMLOListElement>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const follow = (on: boolean) => {
    followingRef.current = on;
    setFollowing(on);
  };

  useSignalEffect(() => {
    const id = review.currentId.value;
    const container = list.current;
    if (!container) return;
    container.querySelector('[aria-current]')?.removeAttribute('aria-current');
    const row = id ? document.getElementById(`item-${id}`) : null;
    if (!row) return;
    row.setAttribute('aria-current', 'true');
    if (followingRef.current) reveal(container, row);
  });
  useSignalEffect(() => {
    const id = review.selectedId.value;
    list.current?.querySelector('[data-selected]')?.removeAttribute('data-selected');
    if (id) document.getElementById(`item-${id}`)?.setAttribute('data-selected', '');
  });

  const items = review.items.value;
  const all = review.store.threads.value.length + review.store.clips.value.length;
  const stopFollowing = () => followingRef.current && follow(false);
  return (
    <section class="comments card" aria-labelledby="comments-title">
      <div class="comments-head">
        <h2 id="comments-title">Comments <span class="count">{items.length === all ? all : `${items.length} of ${all}`}</span></h2>
        <Filters review={review} />
      </div>
      {items.length === 0 && (
        <p class="muted empty">{all === 0 ? 'No comments yet. Press C to comment at the current moment.' : 'Nothing matches these filters.'}</p>
      )}
      <ol ref={list} class="comment-list" aria-label="Comments and clips in time order" tabIndex={-1}
        onWheel={stopFollowing} onTouchMove={stopFollowing}
        onKeyDown={(e) => SCROLL_KEYS.has(e.key) && e.target === e.currentTarget && stopFollowing()}
        onPointerDown={(e) => e.target === e.currentTarget && stopFollowing()}>
        {items.map((item) => (item.thread
          ? <ThreadItem key={item.id} thread={item.thread} review={review} />
          : <ClipItem key={item.id} clip={item.clip!} review={review} />))}
      </ol>
      {!following && (
        <button type="button" class="button small follow" onClick={() => {
          follow(true);
          const row = review.currentId.value && document.getElementById(`item-${review.currentId.value}`);
          if (row && list.current) reveal(list.current, row, true);
        }}>Follow playback</button>
      )}
    </section>
  );
}
