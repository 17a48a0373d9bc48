import { useRef, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas, type User } from '../api/client';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type Pair = Schemas['Pair'];

/**
 * Coaching pairs. A pair by itself grants the coach nothing: the teacher decides what to share
 * (one recording, or all of them through the pair's standing share).
 */
export function Pairs({ people }: { people: User[] }) {
  const pairs = useLoad(() => call(api.GET('/api/pairs')), []);
  const [said, setSaid] = useState('');
  const list = pairs.data ?? [];
  const nameOf = (id: string | undefined) => people.find((p) => p.id === id)?.displayName ?? 'Someone';
  const coaches = people.filter((p) => p.role === 'coach');
  const teachers = people.filter((p) => p.role === 'teacher');

  return (
    <section class="card admin-section" aria-labelledby="pairs-title">
      <h2 id="pairs-title" tabIndex={-1}>Coaching pairs</h2>
      <p class="hint">Pairing grants no access by itself: the teacher chooses what to share with their coach.</p>
      <LoadError error={pairs.error} retry={pairs.reload} />
      <p class="visually-hidden" role="status">{said}</p>
      {pairs.data && list.length === 0 && <p>No pairs yet.</p>}
      {list.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Coaching pairs</caption>
            <thead>
              <tr><th scope="col">Coach</th><th scope="col">Teacher</th><th scope="col">Shared</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {list.map((pair) => (
                <PairRow key={pair.id} pair={pair} coach={nameOf(pair.coachId)} teacher={nameOf(pair.teacherId)}
                  onRemoved={() => {
                    pairs.set(list.filter((p) => p.id !== pair.id));
                    setSaid(`${nameOf(pair.coachId)} no longer coaches ${nameOf(pair.teacherId)}.`);
                    // The row with the focused button is gone: the focus goes back to the section.
                    requestAnimationFrame(() => document.getElementById('pairs-title')?.focus());
                  }} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewPairForm coaches={coaches} teachers={teachers} onCreated={(pair) => {
        pairs.set([...list, pair]);
        setSaid(`${nameOf(pair.coachId)} now coaches ${nameOf(pair.teacherId)}.`);
      }} />
    </section>
  );
}

function PairRow({ pair, coach, teacher, onRemoved }: { pair: Pair; coach: string; teacher: string; onRemoved: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const removeButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);

  async function remove() {
    setError('');
    try {
      await call(api.DELETE('/api/pairs/{pairId}', { params: { path: { pairId: pair.id! } } }));
      onRemoved();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const ask = () => {
    setConfirming(true);
    requestAnimationFrame(() => keepButton.current?.focus());
  };
  const keep = () => {
    setConfirming(false);
    requestAnimationFrame(() => removeButton.current?.focus());
  };

  return (
    <tr>
      <td class="wrap">{coach}</td>
      <td class="wrap">{teacher}</td>
      <td>{pair.standingPermission ? `All recordings (${pair.standingPermission})` : 'What the teacher shares'}</td>
      <td class="row-actions">
        {confirming ? (
          <span class="confirm" role="group" aria-label={`Remove the pair ${coach} and ${teacher}?`}>
            <span aria-hidden="true">Remove?</span>
            <button type="button" class="button small danger" onClick={remove}>Yes, remove</button>
            <button ref={keepButton} type="button" class="button small" onClick={keep}>Keep</button>
          </span>
        ) : (
          <button ref={removeButton} type="button" class="button small danger" onClick={ask}
            aria-label={`Remove pair ${coach} and ${teacher}`}>Remove</button>
        )}
        {error && <p class="notice error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}

function NewPairForm({ coaches, teachers, onCreated }: { coaches: User[]; teachers: User[]; onCreated: (pair: Pair) => void }) {
  const [coachId, setCoachId] = useState('');
  const [teacherId, setTeacherId] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!coachId || !teacherId) {
      setError('Choose a coach and a teacher.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      onCreated(await call(api.POST('/api/pairs', { body: { coachId, teacherId } })));
      setTeacherId('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (coaches.length === 0 || teachers.length === 0) {
    return <p class="hint">To pair people, first add at least one coach and one teacher.</p>;
  }
  return (
    <form class="admin-form" onSubmit={submit} aria-labelledby="new-pair-title">
      <h3 id="new-pair-title">Pair a coach with a teacher</h3>
      {error && <p class="notice error" role="alert">{error}</p>}
      <div class="form-grid">
        <label>
          Coach
          <select name="coachId" required value={coachId} onChange={(e) => setCoachId(e.currentTarget.value)}>
            <option value="">Choose a coach</option>
            {coaches.map((c) => <option key={c.id} value={c.id}>{c.displayName} ({c.email})</option>)}
          </select>
        </label>
        <label>
          Teacher
          <select name="teacherId" required value={teacherId} onChange={(e) => setTeacherId(e.currentTarget.value)}>
            <option value="">Choose a teacher</option>
            {teachers.map((t) => <option key={t.id} value={t.id}>{t.displayName} ({t.email})</option>)}
          </select>
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Pairing…' : 'Pair them'}</button>
      </div>
    </form>
  );
}
