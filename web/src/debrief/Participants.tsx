import { useState } from 'preact/hooks';
import type { DebriefView } from './view';

const ROLES: Record<string, string> = { teacher: 'Teacher', coach: 'Coach', admin: 'Administrator' };

/** Who is here, who drives, who is catching up; and, in presenter mode, who has the controls. */
export function Participants({ view }: { view: DebriefView }) {
  const { room, me } = view;
  const presenter = view.presenter.value;
  const people = room.participants.value;
  const others = people.filter((p) => p.userId !== me.id && p.connected);
  const [to, setTo] = useState('');
  const mine = people.find((p) => p.userId === me.id);
  return (
    <section class="card participants" aria-labelledby="participants-title">
      <h2 id="participants-title">In the room</h2>
      <ul class="people">
        {people.map((p) => (
          <li key={p.userId} class={p.connected ? 'here' : 'away'}>
            <span class="person-name">{p.displayName}{p.userId === me.id ? ' (you)' : ''}</span>
            <span class="person-role">{ROLES[p.role] ?? p.role}</span>
            <span class="person-badges">
              <span class={p.connected ? 'badge ok' : 'badge'}>{p.connected ? 'Here' : 'Away'}</span>
              {p.driving && <span class="badge driving">Driving</span>}
              {presenter === p.userId && <span class="badge driving">Presenter</span>}
              {p.catchingUp && <span class="badge warn">Catching up</span>}
              {p.buffering && !p.catchingUp && <span class="badge">Loading video…</span>}
            </span>
          </li>
        ))}
      </ul>
      {mine?.catchingUp && (
        <p class="notice warning">Your video keeps stalling, so the room no longer waits for you; your player catches up on its own.</p>
      )}
      {view.debrief.presenterMode && (
        <div class="presenter">
          {presenter === null && (
            <>
              <p>Everyone may drive.</p>
              <button type="button" class="button small" onClick={() => room.handOver(me.id!)}>Take the controls</button>
            </>
          )}
          {presenter !== null && presenter !== me.id && <p>{view.nameOf(presenter)} has the controls. Ask them to hand over.</p>}
          {presenter === me.id && (
            <form class="hand-over" onSubmit={(e) => { e.preventDefault(); if (to) room.handOver(to); }}>
              <p>You have the controls.</p>
              <label>
                Hand over to
                <select value={to} onChange={(e) => setTo(e.currentTarget.value)}>
                  <option value="">Choose someone</option>
                  {others.map((p) => <option key={p.userId} value={p.userId}>{p.displayName}</option>)}
                </select>
              </label>
              <div class="actions">
                <button type="submit" class="button small" disabled={!to}>Hand over</button>
                <button type="button" class="button small subtle" onClick={() => room.handOver(null)}>Let everyone drive</button>
              </div>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
