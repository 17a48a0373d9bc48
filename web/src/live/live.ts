// The browser side of the live channel (GET /api/live, a WebSocket; openapi.yaml describes its
// frames): one socket per tab, opened when something first listens, reconnecting with a backoff
// and subscribing again to what the page follows. Pages follow a recording with subscribe(); the
// user's own events (processing, shares) go to onUserEvent() listeners. While the socket is down
// nothing is heard: each page polls meanwhile (status tells it when) and reloads on `resync`.
import { signal, type ReadonlySignal } from '@preact/signals';

/** A server frame: `{type, recordingId, at, data}`, events also with an `id`. */
export type LiveFrame = {
  id?: string;
  type: string;
  recordingId: string | null;
  at: string;
  data: Record<string, unknown>;
};

/**
 * idle: nothing asked for the channel yet; connecting; open (the server said welcome); retrying:
 * waiting to reconnect after a drop; signed-out: the server ended the socket with the session.
 */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying' | 'signed-out';

/**
 * What a subscriber hears: the recording's events, `subscribed` (with `data.access`), `ended`
 * (`data.reason`: access-revoked, recording-deleted), `error` (`data.status`: 404 no access), and
 * `resync` when events may have been missed (after a reconnect): reload what the page shows.
 */
export type LiveHandler = (frame: LiveFrame) => void;

type SocketLike = {
  readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

export type LiveOptions = {
  url: () => string;
  open?: (url: string) => SocketLike;
  schedule?: (run: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  random?: () => number;
  /**
   * Pings the server this often while open (0: never). A socket that then hears nothing for
   * PONG_WAIT_MS is given up and reopened: on bad Wi-Fi a dead connection can stay "open" for
   * minutes without a close event.
   */
  heartbeatMs?: number;
  /** Registers what to run when the browser says the network is back (then it reconnects at once). */
  onOnline?: (run: () => void) => void;
};

/** Close codes after which reconnecting cannot help (openapi.yaml, GET /api/live). */
const SIGNED_OUT = 4401;
const OPEN = 1;
/** Backoff: 0.5 s doubling to 30 s, each wait between half and all of that (jitter spreads a restart's reconnects). */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const PONG_WAIT_MS = 10_000;
/** The close code the page uses for a socket it gave up on (RFC 6455 leaves 4000–4999 to applications). */
const NO_ANSWER = 4000;
/** Events that concern the user rather than a page's recording. */
const USER_EVENTS = new Set(['recording.processing', 'recording.playable', 'share.granted', 'share.revoked']);

export type LiveChannel = {
  status: ReadonlySignal<LiveStatus>;
  /**
   * Hears the user's own events (own recordings' processing, shares, own private notes) and
   * `resync` (recordingId null) when some may have been missed; until the returned function is called.
   */
  onUserEvent(handler: LiveHandler): () => void;
  /** Follows a recording until the returned function is called; opens the socket if needed. */
  subscribe(recordingId: string, handler: LiveHandler): () => void;
  /** Opens the socket for the user's own events. */
  connect(): void;
  /** Closes the socket and forgets every subscription (sign-out). */
  close(): void;
};

export function createLiveChannel(options: LiveOptions): LiveChannel {
  const open = options.open ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const schedule = options.schedule ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const cancel = options.cancel ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const random = options.random ?? Math.random;
  const heartbeatMs = options.heartbeatMs ?? 0;

  const status = signal<LiveStatus>('idle');
  const userHandlers = new Set<LiveHandler>();
  const handlers = new Map<string, Set<LiveHandler>>();
  let socket: SocketLike | null = null;
  let retryTimer: unknown = null;
  let failures = 0;
  let wanted = false;
  let everWelcomed = false;
  let hookedOnline = false;
  let beatTimer: unknown = null;
  let answerTimer: unknown = null;

  function send(message: object) {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function deliver(recordingId: string, frame: LiveFrame) {
    for (const handler of [...(handlers.get(recordingId) ?? [])]) handler(frame);
  }

  function deliverToUser(frame: LiveFrame) {
    for (const handler of [...userHandlers]) handler(frame);
  }

  function resyncAll() {
    for (const recordingId of handlers.keys()) deliver(recordingId, resyncFrame(recordingId));
    deliverToUser(resyncFrame(null));
  }

  function received(text: string) {
    heardFromServer();
    let frame: LiveFrame;
    try {
      frame = JSON.parse(text) as LiveFrame;
    } catch {
      return;
    }
    if (frame.type === 'welcome') {
      const reconnected = everWelcomed;
      everWelcomed = true;
      failures = 0;
      status.value = 'open';
      beatLater();
      for (const recordingId of handlers.keys()) send({ type: 'subscribe', recordingId });
      // Whatever happened while the socket was down was not heard: the pages reload it.
      if (reconnected) resyncAll();
      return;
    }
    if (frame.type === 'resync') {
      resyncAll();
      return;
    }
    if (frame.type === 'pong') return;
    const followed = frame.recordingId !== null && handlers.has(frame.recordingId);
    if (followed) deliver(frame.recordingId!, frame);
    if (!followed || USER_EVENTS.has(frame.type)) {
      if (frame.type !== 'subscribed' && frame.type !== 'ended' && frame.type !== 'error') deliverToUser(frame);
    }
  }

  function connectNow() {
    retryTimer = null;
    if (socket || !wanted) return;
    status.value = 'connecting';
    let opened: SocketLike;
    try {
      opened = open(options.url());
    } catch {
      retry();
      return;
    }
    socket = opened;
    opened.onmessage = (event) => {
      if (socket === opened && typeof event.data === 'string') received(event.data);
    };
    opened.onclose = (event) => {
      if (socket !== opened) return;
      socket = null;
      stopBeating();
      if (event.code === SIGNED_OUT) {
        status.value = 'signed-out';
        wanted = false;
        return;
      }
      retry();
    };
    opened.onerror = () => {
      // A close event follows and decides what to do.
    };
  }

  function beatLater() {
    if (heartbeatMs <= 0) return;
    if (beatTimer !== null) cancel(beatTimer);
    beatTimer = schedule(beat, heartbeatMs);
  }

  function beat() {
    beatTimer = null;
    const pinged = socket;
    if (!pinged || pinged.readyState !== OPEN) return;
    send({ type: 'ping', data: {} });
    if (answerTimer === null) answerTimer = schedule(() => giveUp(pinged), PONG_WAIT_MS);
    beatLater();
  }

  function heardFromServer() {
    if (answerTimer !== null) cancel(answerTimer);
    answerTimer = null;
  }

  function stopBeating() {
    if (beatTimer !== null) cancel(beatTimer);
    heardFromServer();
    beatTimer = null;
  }

  /** No answer to a ping: the connection is dead though not closed; its close event may never come. */
  function giveUp(dead: SocketLike) {
    answerTimer = null;
    if (socket !== dead) return;
    socket = null;
    stopBeating();
    dead.close(NO_ANSWER, 'no answer to ping');
    retry();
  }

  /** The network is back: reconnect now rather than at the end of a long backoff. */
  function networkBack() {
    if (!wanted || socket) return;
    if (retryTimer !== null) cancel(retryTimer);
    retryTimer = null;
    failures = 0;
    connectNow();
  }

  function retry() {
    if (!wanted) {
      status.value = 'idle';
      return;
    }
    status.value = 'retrying';
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures);
    failures++;
    retryTimer = schedule(connectNow, ceiling * (0.5 + random() / 2));
  }

  function connect() {
    wanted = true;
    if (!hookedOnline) {
      hookedOnline = true;
      options.onOnline?.(networkBack);
    }
    if (status.value === 'signed-out') status.value = 'idle';
    if (!socket && retryTimer === null) connectNow();
  }

  function subscribe(recordingId: string, handler: LiveHandler) {
    let set = handlers.get(recordingId);
    if (!set) {
      set = new Set();
      handlers.set(recordingId, set);
      send({ type: 'subscribe', recordingId });
    }
    set.add(handler);
    connect();
    return () => {
      const current = handlers.get(recordingId);
      if (!current?.delete(handler) || current.size > 0) return;
      handlers.delete(recordingId);
      send({ type: 'unsubscribe', recordingId });
    };
  }

  function onUserEvent(handler: LiveHandler) {
    userHandlers.add(handler);
    connect();
    return () => {
      userHandlers.delete(handler);
    };
  }

  function close() {
    wanted = false;
    handlers.clear();
    userHandlers.clear();
    if (retryTimer !== null) cancel(retryTimer);
    retryTimer = null;
    const closing = socket;
    socket = null;
    stopBeating();
    closing?.close(1000, 'closed by the page');
    status.value = 'idle';
  }

  return { status, onUserEvent, subscribe, connect, close };
}

function resyncFrame(recordingId: string | null): LiveFrame {
  return { type: 'resync', recordingId, at: new Date().toISOString(), data: {} };
}

function defaultUrl() {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/live`;
}

/** The tab's one live channel. */
export const live = createLiveChannel({
  url: defaultUrl,
  heartbeatMs: 25_000,
  onOnline: (run) => window.addEventListener('online', run),
});
