// The room's playback on this side: which server state is in force, when it takes effect, the
// commands this person sends, and the status reports the server uses to wait for a buffering
// member. Pure (clock, timers and the corrector are handed in), so Node tests run it.
//
// Two rules carry the sync:
//   - a state takes effect at its `effectiveAt`, converted to this tab's clock, so both players
//     act at the same instant (the server picks it ~2× the slowest round trip ahead);
//   - while our own command is unanswered, states and heartbeats that are not its answer are
//     ignored: applying them would snap the player back to where it was before our seek
//     (Syncplay#452). A newer seq then wins as usual ("last by seq").
import { signal } from '@preact/signals';
import type { ClockSync } from './clock';
import type { DriftCorrector } from './drift';
import type { Action, ClientFrame, RoomState } from './protocol';

/** A command the server never answered (a dropped socket) stops blocking states after this. */
export const PENDING_TIMEOUT_MS = 3000;
export const STATUS_EVERY_MS = 1000;
/** A new state whose position differs from where the old one would be by more than this is a jump. */
const JUMP_MS = 20;

export type SyncOptions = {
  clock: ClockSync;
  corrector: DriftCorrector;
  /** The local clock (the same one the ClockSync uses). */
  now: () => number;
  send: (frame: ClientFrame) => void;
  /** The video's position in ms, for status reports. */
  position: () => number;
  schedule?: (run: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  newId?: () => string;
};

type Pending = { commandId: string; action: Action; sentAt: number; positionMs?: number; rate?: number; item?: number };

export function createPlaybackSync(options: SyncOptions) {
  const { clock, corrector, now, send, position } = options;
  const schedule = options.schedule ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const cancel = options.cancel ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let counter = 0;
  const newId = options.newId ?? (() => (globalThis.crypto?.randomUUID?.() ?? `c${Date.now()}-${++counter}`));

  /** The state in force (what the player does now). */
  const state = signal<RoomState | null>(null);
  /** Our command on its way: what the controls show meanwhile. */
  const pending = signal<Pending | null>(null);
  /** A state received whose moment has not come yet. */
  let upcoming: { state: RoomState; atLocal: number; timer: unknown } | null = null;
  let buffering = false;
  let lastStatus = -Infinity;
  /** The newest seq heard, applied or waiting. */
  let newestSeq = -1;

  function targetOf(s: RoomState) {
    return { positionMs: s.positionMs, at: s.atServerTime, paused: s.paused, rate: s.rate };
  }

  /** Whether the room's position jumps at this state (a seek, another clip) or carries on (play, pause, rate). */
  function jumps(before: RoomState | null, s: RoomState) {
    if (!before || before.item !== s.item) return true;
    const carried = before.paused ? before.positionMs : before.positionMs + (s.atServerTime - before.atServerTime) * before.rate;
    return Math.abs(carried - s.positionMs) > JUMP_MS;
  }

  function takeEffect(s: RoomState) {
    if (upcoming?.state === s) upcoming = null;
    const before = state.value;
    state.value = s;
    corrector.apply(targetOf(s), jumps(before, s));
  }

  function accept(s: RoomState, effectiveAt: number) {
    if (s.seq < newestSeq) return;
    newestSeq = s.seq;
    if (upcoming) cancel(upcoming.timer);
    upcoming = null;
    const atLocal = clock.toLocal(effectiveAt);
    const wait = atLocal - now();
    if (wait <= 0) {
      takeEffect(s);
      return;
    }
    const entry = { state: s, atLocal, timer: null as unknown };
    entry.timer = schedule(() => upcoming === entry && takeEffect(s), wait);
    upcoming = entry;
  }

  function blockedByPending(commandId: string | null | undefined) {
    const mine = pending.value;
    if (!mine) return false;
    if (commandId === mine.commandId) {
      pending.value = null;
      return false;
    }
    if (now() - mine.sentAt > PENDING_TIMEOUT_MS) {
      pending.value = null;
      return false;
    }
    return true;
  }

  return {
    state,
    pending,
    /** The snapshot a (re)connect starts from: it is in force already, whatever came before. */
    welcome(s: RoomState) {
      newestSeq = -1;
      pending.value = null;
      accept(s, s.atServerTime);
    },
    /** A `state` frame. */
    received(s: RoomState, effectiveAt: number, commandId?: string | null) {
      if (blockedByPending(commandId)) return;
      accept(s, effectiveAt);
    },
    /** A `heartbeat`: the same state again, unless we missed one. */
    heartbeat(s: RoomState) {
      if (blockedByPending(undefined)) return;
      if (s.seq > newestSeq) accept(s, s.atServerTime);
    },
    /** An `error` frame about one of our commands (stale, not-presenter): the state follows, if any. */
    refused(commandId: string | null | undefined) {
      if (pending.value && (!commandId || commandId === pending.value.commandId)) pending.value = null;
    },
    /** Asks the room to do something; it happens on every player at the answer's effectiveAt. */
    command(action: Action, fields: { positionMs?: number; rate?: number; item?: number } = {}) {
      const commandId = newId();
      const basedOnSeq = Math.max(newestSeq, state.value?.seq ?? -1);
      pending.value = { commandId, action, sentAt: now(), ...fields };
      send({ type: 'command', commandId, basedOnSeq, action, ...fields });
      return commandId;
    },
    /** Call a few times a second: applies an overdue state, corrects drift, reports status. */
    tick() {
      if (upcoming && now() >= upcoming.atLocal) takeEffect(upcoming.state);
      const correction = corrector.tick();
      const s = state.value;
      if (s && !s.paused && now() - lastStatus >= STATUS_EVERY_MS) {
        lastStatus = now();
        send({ type: 'status', seq: s.seq, positionMs: Math.round(position()), buffering });
      }
      return correction;
    },
    /** The video stalled (waiting) or recovered (playing): the server hears it at once. */
    setBuffering(value: boolean) {
      if (buffering === value) return;
      buffering = value;
      const s = state.value;
      lastStatus = now();
      send({ type: 'status', seq: s?.seq ?? -1, positionMs: Math.round(position()), buffering });
    },
    /** Where the room is now, by the server's clock (for the controls' clock). */
    roomPositionMs() {
      const s = state.value;
      if (!s) return 0;
      return s.paused ? s.positionMs : s.positionMs + (clock.serverNow() - s.atServerTime) * s.rate;
    },
    stop() {
      if (upcoming) cancel(upcoming.timer);
      upcoming = null;
    },
  };
}

export type PlaybackSync = ReturnType<typeof createPlaybackSync>;
