// One open debrief room on this side: its socket (reconnecting after a drop, stopping with the close
// codes that mean "coming back cannot help"), who is here, the pointers and sketches of the others,
// comments made in the room, and the room's playback (sync.ts) once a <video> is attached.
// Timers and the socket are handed in, so Node tests drive it with a scripted socket.
import { batch, signal } from '@preact/signals';
import type { Schemas } from '../api/client';
import { createClockSync } from './clock';
import { closeReason, errorText, type CloseReason } from './closeCodes';
import { createDriftCorrector, type VideoLike } from './drift';
import type { Action, ClientFrame, Participant, ServerFrame, Shape } from './protocol';
import { createPlaybackSync } from './sync';

type SocketLike = {
  readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

export type RoomOptions = {
  url: string;
  open?: (url: string) => SocketLike;
  now?: () => number;
  schedule?: (run: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  /** The video's length, so a seek never goes past its end. */
  durationMs?: () => number;
};

export type RoomStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';
export type Pointer = { x: number; y: number; at: number };
export type RoomComment = Schemas['Comment'];

const OPEN = 1;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;
/** The protocol's rate limits: pointer moves ≤ 30/s, sketches ≤ 10/s (sent trailing, latest wins). */
const POINTER_EVERY_MS = 34;
const SKETCH_EVERY_MS = 100;
/** A pointer nobody moved for this long fades out. */
export const POINTER_IDLE_MS = 4000;

/** Stands in for the <video> until the page attaches one (states heard before are kept and applied then). */
function videoProxy() {
  let element: VideoLike | null = null;
  const proxy: VideoLike & { use(v: VideoLike | null): void } = {
    use(v) { element = v; },
    get currentTime() { return element?.currentTime ?? 0; },
    set currentTime(value) { if (element) element.currentTime = value; },
    get playbackRate() { return element?.playbackRate ?? 1; },
    set playbackRate(value) { if (element) element.playbackRate = value; },
    get paused() { return element?.paused ?? true; },
    get seeking() { return element?.seeking ?? false; },
    play() { return element?.play(); },
    pause() { element?.pause(); },
  };
  return proxy;
}

export function createRoom(options: RoomOptions) {
  const open = options.open ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const schedule = options.schedule ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const cancel = options.cancel ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  const status = signal<RoomStatus>('connecting');
  /** Why the socket is closed or dropped (shown to the person), null while all is well. */
  const closed = signal<CloseReason | null>(null);
  const you = signal<{ id: string; displayName: string; role: string } | null>(null);
  const participants = signal<Participant[]>([]);
  const presenter = signal<string | null>(null);
  const pointers = signal<Record<string, Pointer>>({});
  const sketches = signal<Record<string, Shape[]>>({});
  const comments = signal<RoomComment[]>([]);
  const ended = signal<Record<string, unknown> | null>(null);
  /** The last refusal (error frame) in words. */
  const problem = signal<string | null>(null);
  /** The browser refused to start the video without a click (autoplay policy). */
  const needsClick = signal(false);

  let socket: SocketLike | null = null;
  let retry: unknown = null;
  let failures = 0;
  let stopped = false;

  function send(frame: ClientFrame) {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(frame));
  }

  const video = videoProxy();
  const clock = createClockSync({ now, send: (t0) => send({ type: 'time', t0 }), schedule, cancel });
  const corrector = createDriftCorrector(video, clock.serverNow, options.durationMs);
  corrector.onBlockedChange((blocked) => (needsClick.value = blocked));
  const sync = createPlaybackSync({ clock, corrector, now, send, position: () => video.currentTime * 1000, schedule, cancel });

  function throttled<T>(everyMs: number, emit: (value: T) => void) {
    let last = -Infinity;
    let waiting: { value: T } | null = null;
    let timer: unknown = null;
    return (value: T) => {
      const t = now();
      if (t - last >= everyMs && !timer) {
        last = t;
        emit(value);
        return;
      }
      waiting = { value };
      timer ??= schedule(() => {
        timer = null;
        last = now();
        if (waiting) emit(waiting.value);
        waiting = null;
      }, Math.max(0, everyMs - (t - last)));
    };
  }

  function heard(frame: ServerFrame) {
    switch (frame.type) {
      case 'welcome': {
        const list = Array.isArray(frame.presence) ? frame.presence : frame.presence?.participants ?? [];
        batch(() => {
          you.value = frame.you;
          participants.value = list;
          presenter.value = frame.presenter ?? null;
          status.value = 'open';
          closed.value = null;
        });
        failures = 0;
        clock.seed(frame.serverTime);
        clock.start();
        sync.welcome(frame.state);
        return;
      }
      case 'state':
        sync.received(frame.state, frame.effectiveAt, frame.cause?.commandId);
        return;
      case 'heartbeat':
        sync.heartbeat(frame.state);
        return;
      case 'time':
        clock.heard(frame.t0, frame.serverTime);
        return;
      case 'presence':
        batch(() => {
          participants.value = frame.participants;
          presenter.value = frame.presenter ?? null;
        });
        return;
      case 'pointer': {
        if (frame.by === you.value?.id) return;
        const next = { ...pointers.value };
        if (frame.x === null || frame.y === null) delete next[frame.by];
        else next[frame.by] = { x: frame.x, y: frame.y, at: now() };
        pointers.value = next;
        return;
      }
      case 'sketch':
        if (frame.by === you.value?.id) return;
        sketches.value = { ...sketches.value, [frame.by]: frame.shapes };
        return;
      case 'comment': {
        const comment = frame.comment as RoomComment;
        const others = comments.value.filter((c) => c.id !== comment.id);
        batch(() => {
          comments.value = [...others, comment];
          const by = comment.author?.id;
          // A saved drawing replaces its author's sketch in progress.
          if (by && sketches.value[by]) {
            const next = { ...sketches.value };
            delete next[by];
            sketches.value = next;
          }
        });
        return;
      }
      case 'ended':
        ended.value = frame.summary ?? {};
        return;
      case 'error':
        sync.refused(frame.commandId);
        problem.value = errorText(frame.code, frame.detail);
        return;
    }
  }

  function connect() {
    if (stopped) return;
    status.value = failures === 0 ? 'connecting' : 'reconnecting';
    const current = open(options.url);
    socket = current;
    // The room reads nothing before its welcome, the clock's samples included.
    current.onopen = () => {};
    current.onmessage = (event) => {
      if (socket !== current || typeof event.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      heard(frame);
    };
    current.onerror = () => {};
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      clock.stop();
      const reason = closeReason(event.code, event.reason);
      if (stopped) return;
      if (event.code === 4409 && !ended.value) ended.value = {};
      if (!reason.reconnect) {
        batch(() => {
          status.value = 'closed';
          closed.value = reason;
        });
        sync.stop();
        video.pause();
        return;
      }
      batch(() => {
        status.value = 'reconnecting';
        closed.value = reason;
      });
      failures++;
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
      retry = schedule(connect, delay);
    };
  }

  const sendPointer = throttled<[number, number] | null>(POINTER_EVERY_MS, (p) => send({ type: 'pointer', x: p?.[0] ?? null, y: p?.[1] ?? null }));
  const sendSketch = throttled<Shape[]>(SKETCH_EVERY_MS, (shapes) => send({ type: 'sketch', shapes }));

  return {
    status, closed, you, participants, presenter, pointers, sketches, comments, ended, problem, needsClick,
    state: sync.state,
    pending: sync.pending,
    clock,
    connect,
    /** The page's <video> (or null when it goes): playback follows the room from now on. */
    attachVideo(element: VideoLike | null) {
      video.use(element);
      const s = sync.state.value;
      if (element && s) corrector.apply({ positionMs: s.positionMs, at: s.atServerTime, paused: s.paused, rate: s.rate }, true);
    },
    tick: () => sync.tick(),
    seeked: () => corrector.seeked(),
    setBuffering: (value: boolean) => sync.setBuffering(value),
    /** Where the room is now (the controls' clock), in ms. */
    positionMs: () => sync.roomPositionMs(),
    /** How far this player is from the room, in ms (positive: ahead). */
    driftMs: () => corrector.error(),
    command(action: Action, fields: { positionMs?: number; rate?: number; item?: number } = {}) {
      problem.value = null;
      return sync.command(action, fields);
    },
    /** The person pressed play after the browser refused to start the video by itself. */
    unblock: () => corrector.unblock(),
    pointer: (at: [number, number] | null) => sendPointer(at),
    sketch: (shapes: Shape[]) => sendSketch(shapes),
    comment(body: string, positionMs: number, visibility: 'shared' | 'private', drawings: Shape[] = []) {
      send({ type: 'comment', body, positionMs: Math.round(positionMs), visibility, ...(drawings.length ? { drawings } : {}) });
      return socket?.readyState === OPEN;
    },
    handOver: (to: string | null) => send({ type: 'presenter', to }),
    /** Forgets pointers nobody moved lately (the page calls it with its ticks). */
    fadePointers() {
      const t = now();
      const entries = Object.entries(pointers.value);
      const fresh = entries.filter(([, p]) => t - p.at < POINTER_IDLE_MS);
      if (fresh.length !== entries.length) pointers.value = Object.fromEntries(fresh);
    },
    close() {
      stopped = true;
      cancel(retry);
      clock.stop();
      sync.stop();
      const s = socket;
      socket = null;
      s?.close(1000, 'left');
      status.value = 'closed';
    },
  };
}

export type Room = ReturnType<typeof createRoom>;
