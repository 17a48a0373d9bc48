import { useRef, useState } from 'preact/hooks';
import { api, call, type User } from '../api/client';
import { navigate, queryParam } from '../router';
import { me } from '../session/session';
import { formatDate } from '../ui/format';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';
import { GoalDetail } from './GoalDetail';
import { GoalForm } from './GoalForm';
import { byStatus, PHASES, STATUS_NAMES, type Goal } from './model';
import './goals.css';

/**
 * A teacher's SMART goals: their own at /goals (they write and edit them), or, for a coach,
 * /goals?teacher=<id> (read-only, but a coach records measurements). ?goal=<id> picks one.
 */
export default function GoalsPage() {
  const user = me.value!;
  if (user.role === 'admin') {
    return (
      <section class="page">
        <h1>Goals</h1>
        <p class="notice info">Goals belong to teachers and their coaches; administrators do not see them.</p>
      </section>
    );
  }
  const teacherParam = queryParam('teacher');
  const own = user.role === 'teacher' && (!teacherParam || teacherParam === user.id);
  const teacherId = own ? user.id! : teacherParam;
  return <Goals key={teacherId ?? 'all'} teacherId={teacherId} own={own} />;
}

function Goals({ teacherId, own }: { teacherId: string | null; own: boolean }) {
  const goals = useLoad(
    () => call(api.GET('/api/goals', { params: { query: teacherId ? { teacherId } : {} } })).then(byStatus),
    [teacherId],
  );
  // A coach sees whose goals these are; names come from the organization's people.
  const teachers = useLoad(
    () => (own ? Promise.resolve([] as User[]) : call(api.GET('/api/users', { params: { query: { role: 'teacher' } } }))),
    [own],
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const newGoalButton = useRef<HTMLButtonElement>(null);
  const nameOf = (id: string | null | undefined) => teachers.data?.find((t) => t.id === id)?.displayName ?? 'a teacher';

  const list = goals.data ?? [];
  const wanted = queryParam('goal');
  const selected = list.find((g) => g.id === wanted) ?? list[0];
  const link = (goalId: string) => {
    const query = new URLSearchParams();
    if (!own && teacherId) query.set('teacher', teacherId);
    query.set('goal', goalId);
    return `/goals?${query}`;
  };

  const replace = (changed: Goal) => {
    goals.set(byStatus(list.map((g) => (g.id === changed.id ? { ...g, ...changed } : g))));
  };

  const title = own ? 'My goals'
    : !teacherId ? 'Goals of the teachers I coach'
    : teachers.data ? `Goals of ${nameOf(teacherId)}` : 'Goals';
  return (
    <section class="page goals-page" aria-labelledby="goals-title">
      <div class="page-head">
        <h1 id="goals-title">{title}</h1>
        {own && !creating && (
          <button ref={newGoalButton} type="button" class="button primary" onClick={() => setCreating(true)}>New goal</button>
        )}
      </div>
      {own && (
        <p class="lede">
          A SMART goal is specific, measurable, achievable, relevant and time-bound. Your coach tags moments of your
          lessons with it; they show here as evidence.
        </p>
      )}
      {!own && <p class="lede">You can read these goals and record measurements; only the teacher changes them.</p>}
      <LoadError error={goals.error} retry={goals.reload} />
      {creating && (
        <GoalForm
          onSaved={(goal) => {
            setCreating(false);
            setCreated(goal.id!);
            goals.set(byStatus([goal, ...list]));
            navigate(link(goal.id!), { replace: true });
          }}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => newGoalButton.current?.focus());
          }}
        />
      )}
      {goals.data && list.length === 0 && !creating && (
        <div class="card empty">
          {own ? (
            <p>No goals yet. Watch a lesson, pick one thing to improve, and press <strong>New goal</strong>.</p>
          ) : (
            <p>No goals to show: the teacher has not set one yet, or has not shared a recording with you.</p>
          )}
        </div>
      )}
      {list.length > 0 && (
        <div class="goals-layout">
          <nav class="goal-list" aria-label="Goals">
            <ul>
              {list.map((goal) => (
                <li key={goal.id}>
                  <a href={link(goal.id!)} aria-current={goal.id === selected?.id ? 'true' : undefined}>
                    <span class="goal-list-statement">{goal.statement}</span>
                    <span class="goal-list-meta">
                      <span class={`badge status-${goal.status}`}>{STATUS_NAMES[goal.status ?? 'active']}</span>
                      <span>{PHASES.find((p) => p.code === goal.phase)?.name}</span>
                      {goal.dueDate && <span>due {formatDate(goal.dueDate)}</span>}
                      {!own && !teacherId && <span>{nameOf(goal.teacherId)}</span>}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {selected && <GoalDetail key={selected.id} goalId={selected.id!} editable={own} onChanged={replace}
              focusOnShow={selected.id === created} />}
        </div>
      )}
    </section>
  );
}
