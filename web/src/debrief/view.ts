// One open debrief screen: the room (socket, playback, presence), the drawing being made, the
// comments of the lesson with those made in the room, and what the controls may do now.
import { computed, signal } from '@preact/signals';
import type { Me, Recording, Schemas } from '../api/client';
import { MAX_SHAPES, type Shape } from '../player/drawing';
import { createRoom, type RoomComment } from './room';

export type Debrief = Schemas['Debrief'];
/** Where a room is in its life: not started yet, started (someone pressed play), or ended. */
export function lifecycle(d: Debrief): 'scheduled' | 'live' | 'ended' {
  if (d.endedAt) return 'ended';
  return d.startedAt ? 'live' : 'scheduled';
}

export type Tool = 'none' | 'pointer' | 'arrow' | 'rect' | 'freehand';

/** Room frames are at most 16 KiB (the server closes with 1009 beyond): a drawing leaves room for the comment. */
const MAX_DRAWING_CHARS = 12_000;
/** A saved drawing shows on the frame while the room is paused this close to its comment's time. */
export const DRAWING_SHOWN_WITHIN_MS = 250;

export function socketUrl(debriefId: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/api/debriefs/${encodeURIComponent(debriefId)}/socket`;
}

export function createDebriefView(debrief: Debrief, recording: Recording, me: Me, history: RoomComment[]) {
  const durationMs = signal(recording.media?.durationMs ?? 0);
  const room = createRoom({ url: socketUrl(debrief.id!), durationMs: () => durationMs.value || Infinity });
  const tool = signal<Tool>('none');
  const color = signal<string>('#ffd400');
  /** Shapes drawn here and not yet saved, and the frame they were drawn on. */
  const drafts = signal<Shape[]>([]);
  const draftAtMs = signal<number | null>(null);
  /** The room's position, refreshed a few times a second for the controls. */
  const positionMs = signal(0);
  const notice = signal<string | null>(null);

  const paused = computed(() => room.state.value?.paused ?? true);
  const presenter = computed(() => room.presenter.value);
  /** In presenter mode only the presenter drives; with nobody presenting, everyone may. */
  const mayDrive = computed(() => room.status.value === 'open' && (!presenter.value || presenter.value === me.id));
  const nameOf = (userId: string | null | undefined) =>
    room.participants.value.find((p) => p.userId === userId)?.displayName ?? (userId === me.id ? me.displayName ?? 'You' : 'Someone');
  const driver = computed(() => {
    const by = room.state.value?.drivenBy;
    return by ? (by === me.id ? 'You' : nameOf(by)) : null;
  });
  const comments = computed(() => {
    const byId = new Map<string, RoomComment>();
    for (const c of history) byId.set(String(c.id), c);
    for (const c of room.comments.value) byId.set(String(c.id), c);
    return [...byId.values()].filter((c) => !c.parentId && !c.deleted).sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
  });
  /** What is drawn on the frame now: saved drawings at this moment, the others' sketches, my draft. */
  const shownShapes = computed<Shape[]>(() => {
    if (!paused.value) return [];
    const at = room.state.value?.positionMs ?? 0;
    const saved = comments.value.filter((c) => c.drawings?.length && Math.abs((c.startMs ?? 0) - at) <= DRAWING_SHOWN_WITHIN_MS)
      .flatMap((c) => c.drawings ?? []);
    const sketches = Object.values(room.sketches.value).flat();
    const mine = draftAtMs.value !== null && Math.abs(draftAtMs.value - at) <= DRAWING_SHOWN_WITHIN_MS ? drafts.value : [];
    return [...saved, ...sketches, ...mine];
  });
  const pointers = computed(() => Object.entries(room.pointers.value).map(([id, p]) => ({ id, name: nameOf(id), x: p.x, y: p.y })));

  function drive(action: 'play' | 'pause' | 'seek' | 'rate' | 'item', fields: { positionMs?: number; rate?: number; item?: number } = {}) {
    if (!mayDrive.value) {
      notice.value = `${nameOf(presenter.value)} is presenting: only they control playback. Ask them to hand over.`;
      return;
    }
    notice.value = null;
    room.command(action, fields);
  }

  function seekTo(ms: number) {
    drive('seek', { positionMs: Math.round(Math.max(0, Math.min(ms, durationMs.value || ms))) });
  }

  function addShape(shape: Shape) {
    const at = room.state.value?.positionMs ?? 0;
    const keep = draftAtMs.value !== null && Math.abs(draftAtMs.value - at) <= DRAWING_SHOWN_WITHIN_MS ? drafts.value : [];
    if (keep.length >= MAX_SHAPES) {
      notice.value = `A drawing holds at most ${MAX_SHAPES} shapes. Post it with a comment, or clear it.`;
      return;
    }
    if (JSON.stringify([...keep, shape]).length > MAX_DRAWING_CHARS) {
      notice.value = 'The drawing is too detailed to send. Post it with a comment, or clear it, then go on drawing.';
      return;
    }
    draftAtMs.value = at;
    drafts.value = [...keep, shape];
    room.sketch(drafts.value);
  }

  function clearDrawing() {
    drafts.value = [];
    draftAtMs.value = null;
    room.sketch([]);
  }

  function undo() {
    drafts.value = drafts.value.slice(0, -1);
    room.sketch(drafts.value);
  }

  /** Posts a comment at the frame drawn on (or where the room is), with the drawing; false when it could not be sent. */
  function post(body: string, visibility: 'shared' | 'private'): boolean {
    const at = draftAtMs.value ?? room.positionMs();
    const sent = room.comment(body, at, visibility, drafts.value);
    if (!sent) {
      notice.value = 'Not connected to the room: your comment was not sent (the text is kept). It can be sent once the connection is back.';
      return false;
    }
    drafts.value = [];
    draftAtMs.value = null;
    return true;
  }

  return {
    debrief, recording, me, room, tool, color, drafts, draftAtMs, positionMs, durationMs, notice,
    paused, presenter, mayDrive, driver, comments, shownShapes, pointers, nameOf,
    drive, seekTo, addShape, clearDrawing, undo, post,
    isTeacher: recording.access === 'owner',
  };
}

export type DebriefView = ReturnType<typeof createDebriefView>;
