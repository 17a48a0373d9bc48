import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';
import { formatDate } from '../ui/format';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';
import { EvidenceList } from './EvidenceList';
import { GoalForm } from './GoalForm';
import { Measurements } from './Measurements';
import { PHASES, STATUS_NAMES, type Goal, type Phase } from './model';
import { PhaseStepper } from './PhaseStepper';

type Props = {
  goalId: string;
  /** The goal's teacher: may edit it and move its phase. */
  editable: boolean;
  onChanged: (goal: Goal) => void;
  /** Just written: the focus goes to it once it is shown (the form that had it is gone). */
  focusOnShow?: boolean;
};

/** One goal: what it says, where it is in the Impact Cycle, its measurements and its evidence. */
export function GoalDetail({ goalId, editable, onChanged, focusOnShow = false }: Props) {
  const goal = useLoad(() => call(api.GET('/api/goals/{goalId}', { params: { path: { goalId } } })), [goalId]);
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = goal.data !== undefined;
  useEffect(() => {
    if (shown && focusOnShow) heading.current?.focus();
  }, [shown]);

  const g = goal.data;
  if (!g) {
    return (
      <div class="goal-detail">
        <LoadError error={goal.error} retry={goal.reload} />
        {!goal.error && <p class="loading" role="status">Loading the goal…</p>}
      </div>
    );
  }

  const changed = (next: Goal) => {
    const merged = { ...g, ...next, measurements: g.measurements };
    goal.set(merged);
    onChanged(merged);
  };

  async function move(phase: Phase) {
    setMoving(true);
    setError('');
    try {
      changed(await call(api.PATCH('/api/goals/{goalId}', { params: { path: { goalId } }, body: { phase } })));
      setSaid(`The goal is now in the ${PHASES.find((p) => p.code === phase)?.name} phase.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setMoving(false);
    }
  }

  const closeForm = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  return (
    <article class="goal-detail" aria-labelledby="goal-statement">
      {editing ? (
        <GoalForm goal={g} onCancel={closeForm} onSaved={(saved) => {
          changed(saved);
          setSaid('Goal saved.');
          closeForm();
        }} />
      ) : (
        <div class="card goal-summary">
          <div class="goal-heading">
            <h2 id="goal-statement" ref={heading} tabIndex={-1}>{g.statement}</h2>
            <span class={`badge status-${g.status}`}>{STATUS_NAMES[g.status ?? 'active']}</span>
          </div>
          <dl class="goal-facts">
            <div><dt>Measure</dt><dd>{g.measure || '–'}</dd></div>
            <div><dt>Baseline</dt><dd>{g.baseline || '–'}</dd></div>
            <div><dt>Target</dt><dd>{g.target || '–'}</dd></div>
            <div><dt>Due</dt><dd>{formatDate(g.dueDate)}</dd></div>
          </dl>
          {editable && (
            <div class="actions">
              <button ref={editButton} type="button" class="button" onClick={() => setEditing(true)}>Edit goal</button>
            </div>
          )}
        </div>
      )}
      <p class="visually-hidden" role="status">{said}</p>
      {error && <p class="notice error" role="alert">{error}</p>}
      <PhaseStepper phase={g.phase ?? 'identify'} onMove={editable ? move : undefined} busy={moving} />
      <Measurements goal={g} onAdded={(m) => goal.set({ ...g, measurements: [...(g.measurements ?? []), m] })} />
      <EvidenceList goalId={goalId} />
    </article>
  );
}
