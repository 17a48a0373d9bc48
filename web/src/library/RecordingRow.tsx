import { useState } from 'preact/hooks';
import type { Recording } from '../api/client';
import { localUploads } from '../upload/progress';
import { formatDate, formatTime, spokenTime } from '../ui/format';
import { shareEndsSoon } from '../ui/shareEnd';
import { RecordingStatus } from './RecordingStatus';

type Props = { recording: Recording; heading?: 'h2' | 'h3'; isNew?: boolean };

/** One recording in a list: poster, title, lesson date, duration, whose it is, and where it stands. */
export function RecordingRow({ recording: r, heading: Heading = 'h2', isNew = false }: Props) {
  const playable = r.status === 'ready' || r.media?.playable === true;
  const duration = r.media?.durationMs;
  const ending = shareEndsSoon(r.shareEndsAt);
  return (
    <li class="rec-row">
      <Poster recording={r} />
      <div class="rec-main">
        <Heading class="rec-title">
          {playable ? <a href={`/recordings/${r.id}`}>{r.title}</a> : r.title}
          {isNew && <span class="badge new">New</span>}
          {ending && <span class="badge warning">{ending}</span>}
        </Heading>
        <p class="rec-meta">
          <span>{r.lessonDate ? formatDate(r.lessonDate) : 'No lesson date'}</span>
          {duration != null && <span><span aria-hidden="true">{formatTime(duration)}</span><span class="visually-hidden">{spokenTime(duration)}</span></span>}
          {r.subject && <span>{r.subject}</span>}
          {r.grade && <span>Grade {r.grade}</span>}
          {r.access !== 'owner' && <span class="rec-owner">Shared by {r.ownerName ?? 'a colleague'}</span>}
        </p>
        <RecordingStatus recording={r} local={r.id ? localUploads.value.get(r.id) : undefined} />
      </div>
    </li>
  );
}

/**
 * The poster exists once processing is done (it is made in the last step); before that, or if it
 * cannot be loaded, a neutral placeholder, never a broken image.
 */
function Poster({ recording: r }: { recording: Recording }) {
  const [broken, setBroken] = useState(false);
  if (r.status !== 'ready' || broken) {
    return (
      <div class="poster placeholder" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="32" height="32" focusable="false">
          <path d="M4 5h11a2 2 0 0 1 2 2v2.5l4-2.5v10l-4-2.5V17a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z" fill="currentColor" />
        </svg>
      </div>
    );
  }
  return (
    <img class="poster" src={`/api/recordings/${r.id}/media/poster.jpg`} alt="" width={160} height={90}
      loading="lazy" decoding="async" onError={() => setBroken(true)} />
  );
}
