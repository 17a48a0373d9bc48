import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { Dialog } from '../ui/Dialog';
import type { DebriefView } from './view';

type Goal = Schemas['Goal'];

/**
 * Ending the debrief: one next step (or more) against the teacher's goals, then the summary for
 * everyone in the room (the server sends `ended`).
 */
export function EndDebrief({ view, onClose }: { view: DebriefView; onClose: () => void }) {
  const [goals, setGoals] = useState<Goal[] | null>(null);
  const [steps, setSteps] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const teacherId = view.recording.ownerId!;

  useEffect(() => {
    call(api.GET('/api/goals', { params: { query: { teacherId } } })).then(
      (list) => setGoals(list.filter((g) => g.status === 'active')),
      (e) => setError(`The teacher’s goals could not be loaded: ${messageOf(e)}`),
    );
  }, []);

  async function end(event: Event) {
    event.preventDefault();
    const nextSteps = Object.entries(steps).map(([goalId, text]) => ({ goalId, text: text.trim() })).filter((s) => s.text);
    if (goals?.length && nextSteps.length === 0) {
      setError('Write at least one next step for a goal, so the teacher knows what to try next.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const summary = await call(api.POST('/api/debriefs/{debriefId}/end', { params: { path: { debriefId: view.debrief.id! } }, body: { nextSteps } }));
      view.room.ended.value = summary as Record<string, unknown>;
      onClose();
    } catch (e) {
      setError(`The debrief was not ended: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title="End the debrief" onClose={onClose}>
      <form class="end-debrief" onSubmit={end}>
        <p>Agree on the next step before you end: it is saved against the teacher’s goal and shows in the goal’s evidence, with this debrief’s summary.</p>
        {goals === null && !error && <p class="loading" role="status">Loading the teacher’s goals…</p>}
        {goals?.length === 0 && <p class="notice info">The teacher has no open goal yet. You can end the debrief without a next step, or set a goal first.</p>}
        {goals?.map((goal) => (
          <label key={goal.id}>
            Next step for “{goal.statement}”
            <textarea rows={2} maxLength={2000} value={steps[goal.id!] ?? ''} onInput={(e) => setSteps({ ...steps, [goal.id!]: e.currentTarget.value })} />
          </label>
        ))}
        {error && <p class="notice error" role="alert">{error}</p>}
        <div class="actions">
          <button type="submit" class="button danger" disabled={busy || goals === null && !error}>End debrief for everyone</button>
          <button type="button" class="button subtle" onClick={onClose}>Keep going</button>
        </div>
      </form>
    </Dialog>
  );
}
