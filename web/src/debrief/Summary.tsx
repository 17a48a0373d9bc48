import type { Schemas } from '../api/client';
import { apiUrl } from '../review/urls';

type DebriefSummary = Schemas['DebriefSummary'];

/** What a debrief came to: clips watched, comments and drawings made, next steps agreed; printable. */
export function Summary({ debriefId, summary, goals = [] }: { debriefId: string; summary: DebriefSummary | null; goals?: { id?: string; statement?: string }[] }) {
  const goalName = (id: string | undefined) => goals.find((g) => g.id === id)?.statement;
  return (
    <section class="card debrief-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      {summary ? (
        <>
          <p>
            {summary.comments ?? 0} comment{summary.comments === 1 ? '' : 's'} and {summary.drawings ?? 0} drawing{summary.drawings === 1 ? '' : 's'} made
            {summary.clipsWatched?.length ? `; watched: ${summary.clipsWatched.map((c) => c.title).join(', ')}` : ''}.
          </p>
          <h3>Next steps</h3>
          {summary.nextSteps?.length ? (
            <ul>
              {summary.nextSteps.map((step, i) => (
                <li key={i}>{step.text}{goalName(step.goalId) && <span class="goal-of"> — towards “{goalName(step.goalId)}”</span>}</li>
              ))}
            </ul>
          ) : <p>No next steps were recorded.</p>}
        </>
      ) : <p>The summary is being prepared.</p>}
      <p><a href={apiUrl('/api/debriefs/{debriefId}/summary.html', { debriefId })} target="_blank" rel="noopener">Printable summary</a></p>
    </section>
  );
}
