// A recording's comment threads and clips as the page holds them: loaded from the timeline, then
// changed in place by the person's own actions and by live events. Every change makes new objects
// only for what changed, so the list re-renders one row, not a thousand.
import { signal } from '@preact/signals';
import type { Schemas } from '../api/client';

export type Comment = Schemas['Comment'];
export type Clip = Schemas['Clip'];
export type Label = Schemas['Label'];
export type Timeline = Schemas['Timeline'];
/** A thread's first comment, carrying its replies (oldest first). */
export type Thread = Comment & { replies: Comment[] };

function startOf(item: { startMs?: number | null }) {
  return item.startMs ?? 0;
}

function before(a: { startMs?: number | null; createdAt?: string }, b: { startMs?: number | null; createdAt?: string }) {
  return startOf(a) - startOf(b) || (a.createdAt ?? '').localeCompare(b.createdAt ?? '');
}

/** `list` with `item` in its place by time (replacing the one with its id). */
function placed<T extends { id?: string; startMs?: number | null; createdAt?: string }>(list: readonly T[], item: T): T[] {
  const without = list.filter((x) => x.id !== item.id);
  let lo = 0;
  let hi = without.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(without[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  without.splice(lo, 0, item);
  return without;
}

/** What the list shows of a comment, to tell whether a reloaded one changed. */
function signature(c: Comment) {
  return `${c.editedAt ?? ''}|${c.deleted}|${c.startMs}|${c.endMs}|${c.body?.length ?? 0}|${(c.tags ?? []).map((t) => `${t.id}${t.name}${t.color}`).join()}|${c.author?.displayName}`;
}

function sameThread(a: Thread, b: Thread) {
  if (signature(a) !== signature(b) || a.replies.length !== b.replies.length) return false;
  return a.replies.every((r, i) => r.id === b.replies[i].id && signature(r) === signature(b.replies[i]));
}

function sameClip(a: Clip, b: Clip) {
  return a.updatedAt === b.updatedAt && a.title === b.title && (a.tags ?? []).length === (b.tags ?? []).length;
}

export function createStore() {
  const threads = signal<Thread[]>([]);
  const clips = signal<Clip[]>([]);
  const loaded = signal(false);

  /** A whole timeline, keeping the objects of threads and clips that did not change. */
  function replace(timeline: Timeline) {
    const oldThreads = new Map(threads.value.map((t) => [t.id, t]));
    threads.value = (timeline.threads ?? []).map((raw) => {
      const thread = { ...raw, replies: raw.replies ?? [] } as Thread;
      const old = oldThreads.get(thread.id);
      return old && sameThread(old, thread) ? old : thread;
    });
    const oldClips = new Map(clips.value.map((c) => [c.id, c]));
    clips.value = (timeline.clips ?? []).map((clip) => {
      const old = oldClips.get(clip.id);
      return old && sameClip(old, clip) ? old : clip;
    });
    loaded.value = true;
  }

  /** A new or changed comment or reply (what the server answered, or a live event). */
  function putComment(comment: Comment) {
    if (comment.parentId) {
      threads.value = threads.value.map((t) => {
        if (t.id !== comment.parentId) return t;
        const at = t.replies.findIndex((r) => r.id === comment.id);
        const replies = at < 0 ? [...t.replies, comment] : t.replies.map((r) => (r.id === comment.id ? comment : r));
        return { ...t, replies };
      });
      return;
    }
    const existing = threads.value.find((t) => t.id === comment.id);
    threads.value = placed(threads.value, { ...comment, replies: existing?.replies ?? [] } as Thread);
  }

  function putClip(clip: Clip) {
    clips.value = placed(clips.value, clip);
  }

  function dropClip(clipId: string) {
    clips.value = clips.value.filter((c) => c.id !== clipId);
  }

  /** Applies a live event of this recording; false when it was not one the store holds. */
  function apply(type: string, data: Record<string, unknown>): boolean {
    switch (type) {
      case 'comment.created':
      case 'comment.updated':
      case 'comment.deleted':
        putComment(data as Comment);
        return true;
      case 'clip.created':
      case 'clip.updated':
        putClip(data as Clip);
        return true;
      case 'clip.deleted':
        dropClip(String(data.id));
        return true;
      default:
        return false;
    }
  }

  return { threads, clips, loaded, replace, putComment, putClip, dropClip, apply };
}

export type Store = ReturnType<typeof createStore>;
