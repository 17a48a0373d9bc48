import { effect, signal } from '@preact/signals';
import { api, call, messageOf, OfflineError, type Recording } from '../api/client';
import { live, type LiveFrame } from '../live/live';
import { me } from '../session/session';
import { offline } from '../ui/ConnectionNotice';
import { applyUserEvent } from './statusEvents';

/**
 * The caller's recordings (GET /api/recordings), kept fresh while something on them moves. The
 * live channel's `recording.processing`, `recording.playable` and `share.*` events patch the rows
 * at once (statusEvents.ts); the server sends no event for an upload's bytes, so an upload from
 * another tab or device is still polled every 2 s, and so is processing while the socket is down.
 */
export const recordings = signal<Recording[] | undefined>(undefined);
/** Why the last refresh failed (the server's words), or ''. The list keeps what it had. */
export const recordingsError = signal('');

const POLL_MS = 2000;
const MAX_BACKOFF_MS = 30_000;
/** An upload whose offset has not moved this long is someone's paused or abandoned one: stop polling for it. */
const STALLED_UPLOAD_MS = 30_000;

let watchers = 0;
let stopLive: (() => void) | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let running: Promise<void> | undefined;
let again = false;
const uploadMoves = new Map<string, { offset: number; at: number }>();

// Whoever signs in next never sees the previous person's list, not even for a moment.
let listOwner: string | undefined;
effect(() => {
  const id = me.value?.id;
  if (id === listOwner) return;
  listOwner = id;
  recordings.value = undefined;
  recordingsError.value = '';
  uploadMoves.clear();
});

/** Keeps the list fresh while a page shows it; call the returned function when the page goes. */
export function watchRecordings(): () => void {
  watchers++;
  if (watchers === 1) {
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onVisible);
    const stopEvents = live.onUserEvent(heard);
    // The socket dropping or coming back changes what has to be polled.
    let was = live.status.peek();
    const stopStatus = effect(() => {
      const now = live.status.value;
      if (now === was) return;
      was = now;
      if (!running) schedule();
    });
    stopLive = () => {
      stopEvents();
      stopStatus();
    };
  }
  void refreshRecordings();
  return () => {
    watchers--;
    if (watchers === 0) {
      clearTimeout(timer);
      timer = undefined;
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onVisible);
      stopLive?.();
      stopLive = undefined;
    }
  };
}

function heard(frame: LiveFrame) {
  const { list, reload } = applyUserEvent(recordings.value, frame);
  if (list !== recordings.value) {
    recordings.value = list;
    // A list being read now may be older than this event: read it once more after.
    if (running) again = true;
  }
  if (reload) void refreshRecordings();
}

/** Asks the server now (after a create, an upload's end, a retry); one request at a time. */
export function refreshRecordings(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = load().finally(() => {
    running = undefined;
    if (again) {
      again = false;
      void refreshRecordings();
    } else {
      schedule();
    }
  });
  return running;
}

async function load() {
  const asked = listOwner;
  try {
    const list = await call(api.GET('/api/recordings'));
    if (asked !== listOwner) return;
    recordings.value = list;
    recordingsError.value = '';
    offline.value = false;
    failures = 0;
  } catch (error) {
    failures++;
    if (error instanceof OfflineError) offline.value = true;
    else recordingsError.value = messageOf(error);
  }
}

function schedule() {
  clearTimeout(timer);
  timer = undefined;
  if (watchers === 0 || document.hidden) return;
  if (failures > 0) {
    timer = setTimeout(refreshRecordings, Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS));
  } else if ((recordings.value ?? []).some((r) => isMoving(r, live.status.value === 'open'))) {
    timer = setTimeout(refreshRecordings, POLL_MS);
  }
}

function onVisible() {
  if (!document.hidden) void refreshRecordings();
}

/** Whether the server will have something new to say about this recording soon that no live event brings. */
function isMoving(r: Recording, liveOpen: boolean): boolean {
  if (r.status === 'uploaded' || r.status === 'processing') return !liveOpen;
  if (r.status !== 'uploading' || !r.id) return false;
  const offset = r.upload?.offset ?? 0;
  const seen = uploadMoves.get(r.id);
  const now = Date.now();
  if (!seen || seen.offset !== offset) {
    uploadMoves.set(r.id, { offset, at: now });
    return true;
  }
  return now - seen.at < STALLED_UPLOAD_MS;
}
