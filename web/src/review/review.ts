// One open review: the recording, its threads and clips, the player, what is selected and
// filtered, and the actions the keyboard map and the controls share. Kept current by the live
// channel, or, while that is not subscribed, by reading the timeline again every few seconds.
import { batch, computed, effect, signal } from '@preact/signals';
import { ApiError, OfflineError, api, call, messageOf, type Me, type Recording, type Schemas } from '../api/client';
import { live, type LiveFrame } from '../live/live';
import { offline } from '../ui/ConnectionNotice';
import { formatTime } from '../ui/format';
import { loadDraft } from './drafts';
import { createPlayback } from './playback';
import { createStore, type Clip, type Comment, type Label, type Thread, type Timeline } from './store';
import { lastStartedAt } from './timelineLayout';

export type Person = { id: string; displayName: string };
export type Kind = '' | 'comment' | 'note' | 'clip';
export type Filters = { tagId: string; authorId: string; kind: Kind };
export type Item = { id: string; startMs: number; thread?: Thread; clip?: Clip };
export type NewComment = { body: string; startMs: number; endMs: number | null; tagIds: string[]; mentions: string[]; visibility: 'shared' | 'private' };
export type Notice = { kind: 'error' | 'info'; text: string } | null;
/** An open comment box: its time (and range), and whether playback resumes when it closes. */
export type Composing = { startMs: number; endMs: number | null; resume: boolean };

/** How often the timeline is read again while the live channel is not following the recording. */
export const POLL_MS = 4000;
/** A goal has no colour of its own; one that no framework tag uses by default. */
export const GOAL_COLOR = '#8a4b08';
export const UNTAGGED_COLOR = '#4a5566';

export function colorOf(tags: readonly Label[] | undefined): string {
  const tag = tags?.[0];
  if (!tag) return UNTAGGED_COLOR;
  return tag.color ?? (tag.kind === 'goal' ? GOAL_COLOR : UNTAGGED_COLOR);
}

function merged(threads: readonly Thread[], clips: readonly Clip[]): Item[] {
  const items: Item[] = [];
  let t = 0;
  let c = 0;
  while (t < threads.length || c < clips.length) {
    const thread = threads[t];
    const clip = clips[c];
    if (clip === undefined || (thread !== undefined && (thread.startMs ?? 0) <= (clip.startMs ?? 0))) {
      items.push({ id: thread.id!, startMs: thread.startMs ?? 0, thread });
      t++;
    } else {
      items.push({ id: clip.id!, startMs: clip.startMs ?? 0, clip });
      c++;
    }
  }
  return items;
}

export function createReview(recording: Recording, me: Me, timeline: Timeline) {
  const recordingId = recording.id!;
  const store = createStore();
  store.replace(timeline);
  const playback = createPlayback(recording.media?.durationMs ?? timeline.durationMs ?? 0);
  const tagSets = signal<Schemas['TagSet'][]>([]);
  const goals = signal<Label[]>([]);
  const users = signal<Schemas['User'][]>([]);
  const shares = signal<Schemas['Share'][]>([]);
  const filters = signal<Filters>({ tagId: '', authorId: '', kind: '' });
  const selectedId = signal<string | null>(null);
  const inMs = signal<number | null>(null);
  const outMs = signal<number | null>(null);
  /** The comment box: open at a time (and a range), or closed. */
  const composing = signal<Composing | null>(null);
  const accessEnded = signal<'revoked' | 'deleted' | null>(null);
  const liveActive = signal(false);
  const announcement = signal('');
  const notice = signal<Notice>(null);
  /** The latest clip.exported event (the clip's row refreshes its export). */
  const exportEvent = signal<{ clipId: string } | null>(null);

  const isOwner = recording.access === 'owner';
  const canComment = recording.access === 'owner' || recording.access === 'comment';
  const frameworkTags = computed(() => tagSets.value.flatMap((set) => set.tags ?? []));
  const labels = computed<Label[]>(() => [...frameworkTags.value, ...goals.value]);

  const items = computed(() => {
    const { tagId, authorId, kind } = filters.value;
    const threads = kind === 'clip' ? [] : store.threads.value.filter((t) =>
      (kind !== 'comment' || t.visibility === 'shared') && (kind !== 'note' || t.visibility === 'private')
      && (!authorId || t.author?.id === authorId) && (!tagId || (t.tags ?? []).some((l) => l.id === tagId)));
    const clips = kind === 'comment' || kind === 'note' ? [] : store.clips.value.filter((c) =>
      (!authorId || c.author?.id === authorId) && (!tagId || (c.tags ?? []).some((l) => l.id === tagId)));
    return merged(threads, clips);
  });
  const visibleThreads = computed(() => items.value.filter((item) => item.thread).map((item) => item.thread!));
  const currentId = computed(() => {
    const list = items.value;
    const at = lastStartedAt(list, playback.currentMs.value);
    return at >= 0 ? list[at].id : null;
  });
  const authors = computed<Person[]>(() => {
    const seen = new Map<string, string>();
    for (const t of store.threads.value) if (t.author?.id) seen.set(t.author.id, t.author.displayName ?? '');
    for (const c of store.clips.value) if (c.author?.id) seen.set(c.author.id, c.author.displayName ?? '');
    return [...seen].map(([id, displayName]) => ({ id, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName));
  });
  /** Who can be mentioned: the teacher, the people it is shared with (the owner knows them) and whoever wrote here. */
  const people = computed<Person[]>(() => {
    const found = new Map<string, string>();
    const owner = users.value.find((u) => u.id === recording.ownerId);
    if (owner) found.set(owner.id!, owner.displayName ?? '');
    for (const share of shares.value) if (share.user?.id) found.set(share.user.id, share.user.displayName ?? '');
    for (const author of authors.value) found.set(author.id, author.displayName);
    found.delete(me.id!);
    return [...found].map(([id, displayName]) => ({ id, displayName }));
  });
  const range = computed(() => (inMs.value !== null && outMs.value !== null && outMs.value > inMs.value
    ? { startMs: inMs.value, endMs: outMs.value } : null));

  function findComment(id: string | null): Comment | undefined {
    if (!id) return undefined;
    for (const t of store.threads.value) {
      if (t.id === id) return t;
      const reply = t.replies.find((r) => r.id === id);
      if (reply) return reply;
    }
    return undefined;
  }

  function failed(what: string, error: unknown) {
    if (error instanceof OfflineError) offline.value = true;
    notice.value = { kind: 'error', text: `${what}: ${messageOf(error)}` };
  }

  function succeeded() {
    if (offline.value) offline.value = false;
  }

  function endAccess(why: 'revoked' | 'deleted') {
    if (accessEnded.value) return;
    batch(() => {
      accessEnded.value = why;
      composing.value = null;
    });
    playback.unload();
    stop();
  }

  async function reloadTimeline() {
    try {
      store.replace(await call(api.GET('/api/recordings/{recordingId}/timeline', { params: { path: { recordingId } } })));
      succeeded();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) endAccess('revoked');
      else if (error instanceof OfflineError) offline.value = true;
    }
  }

  function heard(frame: LiveFrame) {
    switch (frame.type) {
      case 'subscribed':
        liveActive.value = true;
        return;
      case 'ended':
        if (frame.data.reason === 'access-revoked') endAccess('revoked');
        else if (frame.data.reason === 'recording-deleted') endAccess('deleted');
        return;
      case 'error':
        if (frame.data.status === 404) endAccess('revoked');
        else liveActive.value = false;
        return;
      case 'resync':
        void reloadTimeline();
        return;
      case 'clip.exported':
        exportEvent.value = { clipId: String(frame.data.clipId) };
        return;
    }
    const known = frame.type === 'comment.created' ? findComment(String(frame.data.id)) : undefined;
    if (store.apply(frame.type, frame.data) && frame.type === 'comment.created' && !known) {
      const comment = frame.data as Comment;
      if (comment.author?.id !== me.id) {
        announcement.value = `New ${comment.parentId ? 'reply' : 'comment'} from ${comment.author?.displayName}`;
      }
    }
  }

  let unsubscribe: (() => void) | null = null;
  let poller: ReturnType<typeof setInterval> | null = null;
  let stopStatus: (() => void) | null = null;

  const quietly = <T>(pending: Promise<T>, fallback: T) => pending.catch(() => fallback);

  /**
   * The framework tags and the teacher's goals. Read again when a tag picker or the comment box
   * opens: a goal the teacher set while this page was open is offered too.
   */
  async function loadLabels() {
    const teacherId = recording.ownerId!;
    const [sets, teacherGoals] = await Promise.all([
      quietly(call(api.GET('/api/tag-sets')), null),
      quietly(call(api.GET('/api/goals', { params: { query: { teacherId } } })), null),
    ]);
    batch(() => {
      if (sets) tagSets.value = sets;
      if (teacherGoals) {
        goals.value = teacherGoals.filter((g) => g.status !== 'archived')
          .map((g) => ({ id: g.id, kind: 'goal' as const, name: g.statement ?? '', color: null }));
      }
    });
  }

  async function loadExtras() {
    const [, colleagues, sharedWith] = await Promise.all([
      loadLabels(),
      quietly(call(api.GET('/api/users')), []),
      isOwner ? quietly(call(api.GET('/api/recordings/{recordingId}/shares', { params: { path: { recordingId } } })), []) : Promise.resolve([]),
    ]);
    batch(() => {
      users.value = colleagues;
      shares.value = sharedWith;
    });
  }

  function start() {
    void loadExtras();
    // A draft left from an earlier visit (a reload, a dropped connection) opens where it was.
    const kept = loadDraft<NewComment>(recordingId, 'new');
    if (kept?.body) composing.value = { startMs: kept.startMs, endMs: kept.endMs, resume: false };
    unsubscribe = live.subscribe(recordingId, heard);
    stopStatus = effect(() => {
      if (live.status.value !== 'open') liveActive.value = false;
    });
    poller = setInterval(() => {
      if (!liveActive.value && !accessEnded.value && document.visibilityState !== 'hidden') void reloadTimeline();
    }, POLL_MS);
  }

  function stop() {
    unsubscribe?.();
    unsubscribe = null;
    stopStatus?.();
    stopStatus = null;
    if (poller) clearInterval(poller);
    poller = null;
  }

  function startComposing() {
    if (accessEnded.value) return;
    const resume = playback.playing.value || (composing.value?.resume ?? false);
    playback.pause();
    void loadLabels();
    composing.value = { ...(range.value ?? { startMs: Math.round(playback.now()), endMs: null }), resume };
  }

  /** Closes the comment box; playback goes on if it was playing when the box opened. */
  function stopComposing() {
    const was = composing.value;
    composing.value = null;
    if (was?.resume && !accessEnded.value) playback.play();
  }

  async function post(draft: NewComment): Promise<boolean> {
    try {
      const comment = await call(api.POST('/api/recordings/{recordingId}/comments', {
        params: { path: { recordingId } },
        body: { body: draft.body, startMs: draft.startMs, endMs: draft.endMs, tagIds: draft.tagIds,
          mentions: draft.visibility === 'private' ? [] : draft.mentions, visibility: draft.visibility },
      }));
      succeeded();
      batch(() => {
        store.putComment(comment);
        selectedId.value = comment.id!;
        notice.value = null;
        announcement.value = `${draft.visibility === 'private' ? 'Private note' : 'Comment'} posted at ${formatTime(draft.startMs)}`;
      });
      return true;
    } catch (error) {
      failed('Your comment was not posted (the text is kept; try again)', error);
      return false;
    }
  }

  async function reply(threadId: string, body: string, mentions: string[]): Promise<boolean> {
    try {
      const comment = await call(api.POST('/api/comments/{commentId}/replies', { params: { path: { commentId: threadId } }, body: { body, mentions } }));
      succeeded();
      store.putComment(comment);
      announcement.value = 'Reply posted';
      return true;
    } catch (error) {
      failed('Your reply was not posted (the text is kept; try again)', error);
      return false;
    }
  }

  async function edit(commentId: string, change: { body?: string; mentions?: string[]; tagIds?: string[] }): Promise<boolean> {
    try {
      const comment = await call(api.PATCH('/api/comments/{commentId}', { params: { path: { commentId } }, body: change }));
      succeeded();
      store.putComment(comment);
      return true;
    } catch (error) {
      failed('The change was not saved', error);
      return false;
    }
  }

  async function remove(commentId: string) {
    try {
      await call(api.DELETE('/api/comments/{commentId}', { params: { path: { commentId } } }));
      succeeded();
      const comment = findComment(commentId);
      if (comment) store.putComment({ ...comment, deleted: true, body: null });
      announcement.value = 'Comment deleted';
    } catch (error) {
      failed('The comment was not deleted', error);
    }
  }

  /** 1–9: the n-th framework tag on the selected comment, or off it when it has it already. */
  async function toggleTag(n: number) {
    const tag = frameworkTags.value[n - 1];
    const comment = findComment(selectedId.value);
    if (!tag) {
      notice.value = { kind: 'info', text: `There is no framework tag ${n}.` };
      return;
    }
    if (!comment || comment.parentId || comment.deleted) {
      notice.value = { kind: 'info', text: 'Post or select a comment first, then press a number to tag it.' };
      return;
    }
    if (comment.author?.id !== me.id) {
      notice.value = { kind: 'info', text: 'Only its author can tag a comment.' };
      return;
    }
    const ids = (comment.tags ?? []).map((l) => l.id!);
    const has = ids.includes(tag.id!);
    if (await edit(comment.id!, { tagIds: has ? ids.filter((id) => id !== tag.id) : [...ids, tag.id!] })) {
      announcement.value = `${has ? 'Removed' : 'Tagged'} “${tag.name}” ${has ? 'from' : 'on'} the comment at ${formatTime(comment.startMs)}`;
    }
  }

  function select(item: Item | undefined) {
    if (!item) return;
    selectedId.value = item.id;
    playback.seek(item.startMs);
  }

  /** `[`: the comment before the one playing (pressed again, the one before that); `]`: the next one. */
  function neighbour(direction: 1 | -1) {
    const threads = visibleThreads.value;
    const now = playback.now();
    const target = direction > 0
      ? threads.find((t) => (t.startMs ?? 0) > now + 50)
      : [...threads].reverse().find((t) => (t.startMs ?? 0) < now - 1000);
    if (!target) {
      announcement.value = direction > 0 ? 'No later comment' : 'No earlier comment';
      return;
    }
    select({ id: target.id!, startMs: target.startMs ?? 0, thread: target });
    announcement.value = `Comment at ${formatTime(target.startMs)} by ${target.author?.displayName}`;
  }

  function setIn() {
    const now = Math.round(playback.now());
    batch(() => {
      inMs.value = now;
      if (outMs.value !== null && outMs.value <= now) outMs.value = null;
    });
    announcement.value = `In point ${formatTime(now)}`;
  }

  function setOut() {
    const now = Math.round(playback.now());
    batch(() => {
      outMs.value = now;
      if (inMs.value !== null && inMs.value >= now) inMs.value = null;
    });
    announcement.value = inMs.value === null ? `Out point ${formatTime(now)}; press I at the start` : `Range ${formatTime(inMs.value)} to ${formatTime(now)}`;
  }

  function clearRange() {
    batch(() => {
      inMs.value = null;
      outMs.value = null;
    });
  }

  return {
    recording, recordingId, me, isOwner, canComment, store, playback,
    tagSets, goals, frameworkTags, labels, users, shares, people, authors,
    filters, items, currentId, selectedId, inMs, outMs, range, composing, accessEnded, liveActive,
    announcement, notice, exportEvent,
    start, stop, reloadTimeline, loadLabels, endAccess, startComposing, stopComposing, post, reply, edit, remove, toggleTag,
    select, neighbour, setIn, setOut, clearRange, findComment,
  };
}

export type Review = ReturnType<typeof createReview>;
