import { useEffect, useState } from 'preact/hooks';
import { api, call } from '../api/client';
import { lifecycle, type Debrief } from './view';
import './rooms.css';

/** How often a home screen asks again which debriefs are scheduled or live. */
const REFRESH_MS = 30_000;

const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** Scheduled and live debriefs I may join, for the home screens; nothing at all when there are none. */
export function RoomList() {
  const [rooms, setRooms] = useState<Debrief[]>([]);
  useEffect(() => {
    let current = true;
    const load = () => call(api.GET('/api/debriefs')).then((list) => current && setRooms(list), () => {});
    void load();
    const timer = setInterval(() => document.visibilityState !== 'hidden' && load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, []);
  const open = rooms.filter((r) => lifecycle(r) !== 'ended');
  if (open.length === 0) return null;
  return (
    <section class="card debrief-rooms" aria-labelledby="debrief-rooms-title">
      <h2 id="debrief-rooms-title">Debriefs</h2>
      <ul>
        {open.map((r) => (
          <li key={r.id}>
            <span class={lifecycle(r) === 'live' ? 'badge ok' : 'badge'}>{lifecycle(r) === 'live' ? 'Live now' : r.scheduledAt ? 'Scheduled' : 'Open'}</span>
            <span class="room-title">{r.title}</span>
            {r.scheduledAt && lifecycle(r) !== 'live' && <span class="room-when">{when.format(new Date(r.scheduledAt))}</span>}
            <span class="room-by">with {r.createdBy?.displayName}</span>
            <a class="button small primary" href={`/debriefs/${r.id}`} aria-label={`Join ${r.title}`}>Join</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
