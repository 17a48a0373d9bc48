// Why the room's socket closed, in words for the person, and whether coming back can help
// (DEBRIEF_PROTOCOL close codes; RFC 6455 §7.4 for 1000–1015).

export type CloseReason = { code: number; title: string; text: string; reconnect: boolean };

const REASONS: Record<number, Omit<CloseReason, 'code'>> = {
  4401: { title: 'You were signed out', text: 'Your session ended, so you left the debrief. Sign in again to rejoin it.', reconnect: false },
  4403: {
    title: 'Your access ended',
    text: 'The teacher stopped sharing this lesson with you, so you were removed from the debrief. The others can carry on; what you commented is kept.',
    reconnect: false,
  },
  4404: { title: 'No such debrief', text: 'This debrief does not exist, or it is not open to you. Check the link with the person who sent it.', reconnect: false },
  4409: { title: 'The debrief has ended', text: 'Someone ended this debrief. Its summary and next steps are saved.', reconnect: false },
  4429: {
    title: 'Disconnected: too many messages',
    text: 'This browser sent more messages than the room allows in a short time (for example a flood of seeks), so the server disconnected it. The others were not affected. Reload the page to rejoin.',
    reconnect: false,
  },
  4400: {
    title: 'Disconnected: messages not understood',
    text: 'This browser kept sending messages the server could not read, so it was disconnected. Reload the page to rejoin; if it happens again, update the browser.',
    reconnect: false,
  },
  1009: {
    title: 'Disconnected: a message was too large',
    text: 'Something sent to the room was too large (a drawing with very many points, say). Reload the page to rejoin, and draw with fewer strokes.',
    reconnect: false,
  },
  4408: {
    title: 'The connection fell behind',
    text: 'This browser stopped reading the room’s messages for a while (a sleeping tab or a very slow network). Reconnecting…',
    reconnect: true,
  },
};

const DROPPED = { title: 'Connection lost', text: 'The connection to the room dropped. Reconnecting… Playback follows the room again as soon as it is back.', reconnect: true };

/** `reason`: the close frame's reason; 4403 says `access-revoked` or `recording-deleted`. */
export function closeReason(code: number, reason = ''): CloseReason {
  if (code === 4403 && reason === 'recording-deleted') {
    return { code, ...REASONS[4403], text: 'The teacher deleted this recording, so the debrief on it cannot go on. Nothing else of yours is affected.' };
  }
  return { code, ...(REASONS[code] ?? DROPPED) };
}

/** Error frame codes, in words. */
export function errorText(code: string, detail?: string): string {
  switch (code) {
    case 'not-presenter': return 'Only the presenter can control playback now. Ask them to hand over the controls.';
    case 'rate-limited': return 'Slow down: the room ignored some of your actions because they came too fast.';
    case 'stale': return 'Someone else moved the video at the same moment; the room followed their change.';
    case 'invalid': return detail ? `The room refused that: ${detail}` : 'The room refused that action.';
    default: return detail ?? 'The room refused that action.';
  }
}
