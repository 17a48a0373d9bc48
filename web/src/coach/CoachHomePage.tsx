import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, call, messageOf, type Recording, type Schemas, type User } from '../api/client';
import { recordings, watchRecordings } from '../library/liveRecordings';
import { RecordingRow } from '../library/RecordingRow';
import { RoomList } from '../debrief/RoomList';
import { me } from '../session/session';
import { formatDate } from '../ui/format';
import { visitOf } from './lastVisit';
import '../library/library.css';
import './coach.css';

type Pair = Schemas['Pair'];
type Goal = Schemas['Goal'];
type People = { pairs: Pair[]; teachers: User[]; goals: Goal[] };

const PHASES: Record<string, string> = { identify: 'Identify', learn: 'Learn', improve: 'Improve' };

/** The teachers I coach, the lessons they shared with me (new ones first) and their open goals. */
export default function CoachHomePage() {
  useEffect(() => watchRecordings(), []);
  const userId = me.value?.id ?? '';
  const [people, setPeople] = useState<People>();
  const [error, setError] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setError('');
    Promise.all([
      call(api.GET('/api/pairs')),
      call(api.GET('/api/users', { params: { query: { role: 'teacher' } } })),
      call(api.GET('/api/goals')),
    ]).then(
      ([pairs, teachers, goals]) => current && setPeople({ pairs, teachers, goals }),
      (e) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const shared = (recordings.value ?? []).filter((r) => r.access !== 'owner');
  const ids = shared.map((r) => r.id ?? '');
  const visit = useMemo(() => (recordings.value ? visitOf(userId, ids) : undefined), [userId, ids.join()]);
  const isNew = (r: Recording) => visit?.isNew(r.id ?? '') ?? false;
  const ordered = [...shared].sort((a, b) => Number(isNew(b)) - Number(isNew(a)) || newestFirst(a, b));
  const newCount = shared.filter(isNew).length;

  return (
    <section class="page coach" aria-labelledby="coach-title">
      <h1 id="coach-title">Coach home</h1>
      {visit && (
        <p class="coach-summary">
          {newCount === 0 ? 'Nothing new' : `${newCount} new lesson${newCount === 1 ? '' : 's'}`}
          {visit.previousVisitAt ? ` since your last visit on ${formatDate(new Date(visit.previousVisitAt).toISOString())}.` : ' shared with you.'}
        </p>
      )}
      <RoomList />
      <div class="coach-columns">
        <section class="coach-lessons" aria-labelledby="coach-lessons-title">
          <h2 id="coach-lessons-title">Lessons shared with you</h2>
          {recordings.value === undefined ? (
            <p class="loading" role="status">Loading lessons…</p>
          ) : ordered.length === 0 ? (
            <p class="card">No lessons have been shared with you yet. When a teacher shares one, it appears here.</p>
          ) : (
            <ul class="rec-list" aria-label="Lessons shared with you">
              {ordered.map((r) => <RecordingRow key={r.id} recording={r} heading="h3" isNew={isNew(r)} />)}
            </ul>
          )}
        </section>
        <section class="coach-teachers" aria-labelledby="coach-teachers-title">
          <h2 id="coach-teachers-title">Teachers you coach</h2>
          {error && (
            <div class="notice error" role="alert">
              <p>{error}</p>
              <button type="button" class="button small" onClick={() => setAttempt(attempt + 1)}>Try again</button>
            </div>
          )}
          {!people && !error && <p class="loading" role="status">Loading teachers…</p>}
          {people && <Teachers people={people} coachId={userId} shared={shared} isNew={isNew} />}
        </section>
      </div>
    </section>
  );
}

function Teachers({ people, coachId, shared, isNew }: { people: People; coachId: string; shared: Recording[]; isNew: (r: Recording) => boolean }) {
  const pairs = people.pairs.filter((p) => p.coachId === coachId);
  if (pairs.length === 0) {
    return <p class="card">You are not paired with a teacher yet. Your programme administrator pairs coaches with teachers.</p>;
  }
  const names = new Map(people.teachers.map((t) => [t.id, t.displayName]));
  return (
    <ul class="teacher-list" aria-label="Teachers you coach">
      {pairs.map((pair) => {
        const theirs = shared.filter((r) => r.ownerId === pair.teacherId);
        const fresh = theirs.filter(isNew).length;
        const name = names.get(pair.teacherId) ?? theirs[0]?.ownerName ?? 'A teacher';
        const goals = people.goals.filter((g) => g.teacherId === pair.teacherId && g.status === 'active');
        return (
          <li key={pair.id} class="card teacher-card">
            <h3>{name}</h3>
            <p class="teacher-counts">
              {theirs.length === 0 ? 'No lessons shared with you yet' : `${theirs.length} lesson${theirs.length === 1 ? '' : 's'} shared with you`}
              {fresh > 0 && <>, <strong>{fresh} new</strong></>}
              {pair.standingPermission && <> · shares every lesson with you</>}
            </p>
            <h4>Open goals</h4>
            {goals.length === 0 ? (
              <p class="teacher-none">No open goals.</p>
            ) : (
              <ul class="goal-list">
                {goals.map((g) => (
                  <li key={g.id}>
                    <p class="goal-statement">{g.statement}</p>
                    <p class="goal-meta">
                      <span class="badge">{PHASES[g.phase ?? ''] ?? g.phase}</span>
                      {g.dueDate && <span>Due {formatDate(g.dueDate)}</span>}
                      {g.target && <span>Target: {g.target}</span>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function newestFirst(a: Recording, b: Recording): number {
  return (b.lessonDate ?? '').localeCompare(a.lessonDate ?? '') || (b.createdAt ?? '').localeCompare(a.createdAt ?? '');
}
