import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';
import { STATUS_NAMES, type Goal, type GoalChange, type Status } from './model';

type Props = {
  /** The goal being edited; a new one when absent. */
  goal?: Goal;
  onSaved: (goal: Goal) => void;
  onCancel: () => void;
};

type Fields = { statement: string; measure: string; baseline: string; target: string; dueDate: string; status: Status };

function fieldsOf(goal?: Goal): Fields {
  return {
    statement: goal?.statement ?? '',
    measure: goal?.measure ?? '',
    baseline: goal?.baseline ?? '',
    target: goal?.target ?? '',
    dueDate: goal?.dueDate ?? '',
    status: goal?.status ?? 'active',
  };
}

/** Empty optional fields are cleared (null), not stored as empty text. */
function changeOf(fields: Fields, editing: boolean): GoalChange {
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    statement: fields.statement.trim(),
    measure: optional(fields.measure),
    baseline: optional(fields.baseline),
    target: optional(fields.target),
    dueDate: fields.dueDate === '' ? null : fields.dueDate,
    ...(editing ? { status: fields.status } : {}),
  };
}

/** Writing a goal down, or changing it. What was typed stays when saving fails. */
export function GoalForm({ goal, onSaved, onCancel }: Props) {
  const editing = goal !== undefined;
  const [fields, setFields] = useState(() => fieldsOf(goal));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  const id = editing ? `goal-${goal.id}` : 'new-goal';

  useEffect(() => first.current?.focus(), []);

  const set = (name: keyof Fields) => (event: Event) =>
    setFields((f) => ({ ...f, [name]: (event.currentTarget as HTMLInputElement).value }));

  async function submit(event: Event) {
    event.preventDefault();
    if (fields.statement.trim() === '') {
      setError('Write the goal itself: what you want to change in your teaching.');
      first.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const body = changeOf(fields, editing);
      const saved = editing
        ? await call(api.PATCH('/api/goals/{goalId}', { params: { path: { goalId: goal.id! } }, body }))
        : await call(api.POST('/api/goals', { body }));
      onSaved(saved);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card goal-form" onSubmit={submit} aria-labelledby={`${id}-title`}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h2 id={`${id}-title`}>{editing ? 'Edit goal' : 'New goal'}</h2>
      {error && <p class="notice error" role="alert">{error}</p>}
      <div class="field">
        <label>
          Goal
          <textarea ref={first} name="statement" required maxLength={1000} rows={2} value={fields.statement}
            aria-describedby={`${id}-statement-hint`} onInput={set('statement')} />
        </label>
        <span class="hint" id={`${id}-statement-hint`}>What will change in your teaching, for whom, by when.</span>
      </div>
      <div class="field">
        <label>
          Measure
          <input name="measure" maxLength={500} value={fields.measure} aria-describedby={`${id}-measure-hint`}
            onInput={set('measure')} />
        </label>
        <span class="hint" id={`${id}-measure-hint`}>How you will count it, e.g. “students who answer after a 3 s wait”.</span>
      </div>
      <div class="form-grid">
        <label>
          Baseline
          <input name="baseline" maxLength={200} value={fields.baseline} onInput={set('baseline')} />
        </label>
        <label>
          Target
          <input name="target" maxLength={200} value={fields.target} onInput={set('target')} />
        </label>
        <label>
          Due date
          <input type="date" name="dueDate" value={fields.dueDate} onInput={set('dueDate')} />
        </label>
        {editing && (
          <label>
            Status
            <select name="status" value={fields.status} onChange={set('status')}>
              {(Object.keys(STATUS_NAMES) as Status[]).map((code) => (
                <option key={code} value={code}>{STATUS_NAMES[code]}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Save goal'}
        </button>
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
