import { useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ClipItem } from './ClipItem';
import type { Item, Kind, Review } from './review';
import { ThreadItem } from './ThreadItem';
import { offsets, rowAt, slots } from './windowing';

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

/** Rows rendered beyond the visible part on each side, in pixels and at least in rows. */
const OVERSCAN_PX = 600;
const OVERSCAN_ROWS = 3;
/** A row's height until it has been measured: the mean of those measured so far, else this. */
const FIRST_ESTIMATE_PX = 96;

type Layout = { items: Item[]; tops: number[]; index: Map<string, number> };

/** Scrolls the list (only the list, not the page) so that the row at `top` shows, a third of the way down. */
function reveal(container: HTMLElement, top: number, height: number, always = false) {
  const hidden = top < container.scrollTop || top + Math.min(height, 120) > container.scrollTop + container.clientHeight;
  if (always || hidden) container.scrollTop = Math.max(0, top - container.clientHeight / 3);
}

/** The row element of an item, when it is in the page. */
function rowOf(id: string | null) {
  return id ? document.getElementById(`item-${id}`) : null;
}

/**
 * Comments and clips in time order, windowed (windowing.ts): only the rows near the visible part
 * and the one holding keyboard focus are in the page; the others are room of their height. The
 * one playing is highlighted and kept in view until the person scrolls the list; highlight and
 * selection are set on the DOM directly, so playback never re-renders rows.
 */
export function CommentList({ review }: { review: Review }) {
  const list = useRef<HTMLOListElement>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const heights = useRef(new Map<string, number>());
  /** Measured rows: their summed height and count (for the estimate), and a version bumped on each change. */
  const measured = useRef({ sum: 0, count: 0, version: 0 });
  const observed = useRef(new Set<Element>());
  const focusedId = useRef<string | null>(null);
  const layout = useRef<Layout>({ items: [], tops: [0], index: new Map() });
  /** The first and last rows of the contiguous window put in the page by the last render. */
  const rendered = useRef<{ first: number; last: number } | null>(null);
  const [, rerender] = useState(0);
  const frame = useRef(0);
  const follow = (on: boolean) => {
    followingRef.current = on;
    setFollowing(on);
  };
  const refresh = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      rerender((n) => n + 1);
    });
  };

  const items = review.items.value;
  const estimate = measured.current.count ? measured.current.sum / measured.current.count : FIRST_ESTIMATE_PX;
  const tops = useMemo(() => offsets(items.map((item) => heights.current.get(item.id) ?? estimate)), [items, measured.current.version]);
  const index = useMemo(() => new Map(items.map((item, i) => [item.id, i])), [items]);
  layout.current = { items, tops, index };

  const container = list.current;
  const top = container?.scrollTop ?? 0;
  const bottom = top + (container?.clientHeight ?? 800);
  // A jump (a seek far off, the end of a drag, a fast fling) puts in only the rows in sight, and
  // those around them a frame later, so that no one frame mounts a whole new window of rows.
  const jumped = rendered.current !== null && (rowAt(tops, top) < rendered.current.first || rowAt(tops, bottom) > rendered.current.last);
  const overscan = jumped ? 0 : OVERSCAN_PX;
  // The focused row and its neighbours stay, so that Tab and Shift+Tab reach the next row even
  // when the list was scrolled away from it.
  const focused = focusedId.current === null ? undefined : index.get(focusedId.current);
  const pinned = focused === undefined ? [] : Array.from({ length: 2 * OVERSCAN_ROWS + 1 }, (_, i) => focused - OVERSCAN_ROWS + i);
  const extra = jumped ? 0 : OVERSCAN_ROWS;
  const view = slots(tops, top - overscan, bottom + overscan, extra, pinned);
  rendered.current = items.length === 0 ? null : {
    first: Math.max(0, rowAt(tops, top - overscan) - extra),
    last: Math.min(items.length - 1, rowAt(tops, bottom + overscan) + extra),
  };

  /** Scrolls to an item's row (rendered or not); the scroll brings it into the page. */
  const revealItem = (id: string | null, always = false) => {
    const at = id === null ? undefined : layout.current.index.get(id);
    if (at === undefined || !list.current) return;
    const { tops: t } = layout.current;
    reveal(list.current, t[at], t[at + 1] - t[at], always);
  };

  // Rows are measured as they show; a changed height moves the rows below it (and the room).
  const sizes = useMemo(() => new ResizeObserver((entries) => {
    let changed = false;
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).id.slice('item-'.length);
      const height = (entry.target as HTMLElement).offsetHeight;
      if (!height) continue;
      const before = heights.current.get(id);
      if (before === height) continue;
      if (before === undefined) {
        measured.current.sum += height;
        measured.current.count++;
      }
      heights.current.set(id, height);
      changed = true;
    }
    if (changed) {
      measured.current.version++;
      refresh();
    }
  }), []);
  useEffect(() => () => {
    sizes.disconnect();
    cancelAnimationFrame(frame.current);
  }, []);

  // After each render: observe the new rows, number them for screen readers, mark the current and selected ones.
  useLayoutEffect(() => {
    if (jumped) refresh();
    const count = String(layout.current.items.length);
    for (const row of observed.current) {
      if (row.isConnected) continue;
      sizes.unobserve(row);
      observed.current.delete(row);
    }
    for (const row of list.current?.querySelectorAll<HTMLElement>(':scope > [id^="item-"]') ?? []) {
      if (!observed.current.has(row)) {
        observed.current.add(row);
        sizes.observe(row);
      }
      const at = layout.current.index.get(row.id.slice('item-'.length));
      if (at !== undefined) {
        row.setAttribute('aria-posinset', String(at + 1));
        row.setAttribute('aria-setsize', count);
      }
    }
    mark('aria-current', 'true', review.currentId.peek());
    mark('data-selected', '', review.selectedId.peek());
  });

  function mark(attribute: string, value: string, id: string | null) {
    const old = list.current?.querySelector(`[${attribute}]`);
    const row = rowOf(id);
    if (old && old !== row) old.removeAttribute(attribute);
    if (row && !row.hasAttribute(attribute)) row.setAttribute(attribute, value);
  }

  useSignalEffect(() => {
    const id = review.currentId.value;
    mark('aria-current', 'true', id);
    // While the playhead is dragged the list waits for it to be let go: following each frame would
    // put a new window of rows in the page 60 times a second, which nobody reads mid-drag.
    if (followingRef.current && !review.playback.scrubbing.value) revealItem(id);
  });
  useSignalEffect(() => {
    mark('data-selected', '', review.selectedId.value);
  });

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
        onScroll={refresh}
        onWheel={stopFollowing} onTouchMove={stopFollowing}
        onKeyDown={(e) => SCROLL_KEYS.has(e.key) && e.target === e.currentTarget && stopFollowing()}
        onPointerDown={(e) => e.target === e.currentTarget && stopFollowing()}
        onFocusIn={(e) => {
          // The row with keyboard focus stays in the page, wherever the list scrolls.
          const row = (e.target as Element).closest('[id^="item-"]');
          const id = row ? row.id.slice('item-'.length) : null;
          if (id !== focusedId.current) {
            focusedId.current = id;
            refresh();
          }
        }}
        onFocusOut={(e) => {
          if (!e.relatedTarget || !(e.currentTarget as Element).contains(e.relatedTarget as Node)) {
            focusedId.current = null;
            refresh();
          }
        }}>
        {view.map((slot, at) => {
          if (typeof slot !== 'number') return <li key={`gap-${at}`} class="gap" aria-hidden="true" style={{ height: `${slot.gap}px` }} />;
          const item = items[slot];
          return item.thread
            ? <ThreadItem key={item.id} thread={item.thread} review={review} />
            : <ClipItem key={item.id} clip={item.clip!} review={review} />;
        })}
      </ol>
      {!following && (
        <button type="button" class="button small follow" onClick={() => {
          follow(true);
          revealItem(review.currentId.value, true);
        }}>Follow playback</button>
      )}
    </section>
  );
}
