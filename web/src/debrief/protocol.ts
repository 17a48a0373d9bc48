// The debrief room socket's frames (GET /api/debriefs/{id}/socket; the server documents them next
// to its DebriefSocket and in docs). OpenAPI describes no WebSocket frames, so their shapes live here;
// the REST shapes come from the generated client.
import type { Shape } from '../player/drawing';

export type Action = 'play' | 'pause' | 'seek' | 'rate' | 'item';

/** The room's playback state; position at server time t is positionMs + (t − atServerTime) × rate unless paused. */
export type RoomState = {
  seq: number;
  item: number;
  positionMs: number;
  atServerTime: number;
  paused: boolean;
  rate: number;
  drivenBy: string | null;
};

export type Participant = {
  userId: string;
  displayName: string;
  role: string;
  connected: boolean;
  driving: boolean;
  catchingUp: boolean;
  buffering: boolean;
};

export type { Shape };

export type ServerFrame =
  | { type: 'welcome'; you: { id: string; displayName: string; role: string }; serverTime: number; state: RoomState; presence: Participant[] | { participants: Participant[] }; presenter: string | null }
  | { type: 'state'; state: RoomState; effectiveAt: number; cause?: { action: Action | string; by: string | null; commandId?: string | null } }
  | { type: 'heartbeat'; serverTime: number; state: RoomState }
  | { type: 'time'; t0: number; serverTime: number }
  | { type: 'presence'; participants: Participant[]; presenter: string | null }
  | { type: 'pointer'; by: string; x: number | null; y: number | null }
  | { type: 'sketch'; by: string; shapes: Shape[] }
  | { type: 'comment'; comment: Record<string, unknown> }
  | { type: 'ended'; summary: Record<string, unknown> }
  | { type: 'error'; code: string; detail?: string; commandId?: string | null };

export type Command = {
  commandId: string;
  basedOnSeq: number;
  action: Action;
  positionMs?: number;
  rate?: number;
  item?: number;
};

export type ClientFrame =
  | { type: 'time'; t0: number }
  | ({ type: 'command' } & Command)
  | { type: 'status'; seq: number; positionMs: number; buffering: boolean }
  | { type: 'pointer'; x: number | null; y: number | null }
  | { type: 'sketch'; shapes: Shape[] }
  | { type: 'comment'; body: string; positionMs: number; visibility: 'shared' | 'private'; tagIds?: string[]; drawings?: Shape[] }
  | { type: 'presenter'; to: string | null };
