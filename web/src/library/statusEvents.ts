// What one live event for the user changes in the recordings list: the row patched at once, and
// whether to read the list again for what the event does not carry (a poster, a new share's row).
import type { Recording } from '../api/client';
import type { LiveFrame } from '../live/live';

export type Applied = { list: Recording[] | undefined; reload: boolean };

type Processing = { status?: string; step?: string | null; progress?: number | null; playable?: boolean; reason?: string | null };

const STATUSES = new Set(['processing', 'ready', 'failed']);

function patched(r: Recording, data: Processing): Recording {
  const status = STATUSES.has(data.status ?? '') ? (data.status as Recording['status']) : r.status;
  return {
    ...r,
    status,
    statusReason: status === 'failed' ? (data.reason ?? r.statusReason ?? null) : null,
    media: {
      ...r.media,
      step: data.step !== undefined ? data.step : status === 'processing' ? r.media?.step : null,
      progress: data.progress ?? r.media?.progress ?? null,
      playable: data.playable ?? (status === 'ready' ? true : r.media?.playable),
    },
  };
}

export function applyUserEvent(list: Recording[] | undefined, frame: LiveFrame): Applied {
  const id = frame.recordingId;
  switch (frame.type) {
    case 'resync':
    case 'share.granted':
      return { list, reload: true };
    case 'share.revoked':
      // Gone from the list at once; the reload confirms it.
      return { list: list?.filter((r) => r.id !== id), reload: true };
    case 'recording.processing':
    case 'recording.playable': {
      if (!list || !list.some((r) => r.id === id)) return { list, reload: true };
      const data: Processing = frame.type === 'recording.playable' ? { playable: true } : (frame.data as Processing);
      const next = list.map((r) => (r.id === id ? patched(r, data) : r));
      // Ready or failed: the poster, the duration and the failed step come with the recording itself.
      return { list: next, reload: data.status === 'ready' || data.status === 'failed' };
    }
    default:
      return { list, reload: false };
  }
}
