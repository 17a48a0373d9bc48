import { useEffect, useState } from 'preact/hooks';
// The player, controls and page head look as on the review page.
import '../review/review.css';
import './debrief.css';
import { ApiError, api, call, messageOf, type Recording } from '../api/client';
import { loadHls } from '../player/loadHls';
import { me } from '../session/session';
import { DebriefScreen } from './DebriefScreen';
import type { RoomComment } from './room';
import { Summary } from './Summary';
import { lifecycle, type Debrief } from './view';

type State =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'failed'; message: string }
  | { kind: 'ended'; debrief: Debrief }
  | { kind: 'ready'; debrief: Debrief; recording: Recording; history: RoomComment[] };

/**
 * /debriefs/:id. A room the person may not join reads as not there (404), as a recording does;
 * an ended one shows its summary.
 */
export default function DebriefPage({ params }: { params: Record<string, string> }) {
  const debriefId = params.id;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    loadHls().catch(() => {});
    (async () => {
      try {
        const debrief = await call(api.GET('/api/debriefs/{debriefId}', { params: { path: { debriefId } } }));
        if (lifecycle(debrief) === 'ended') {
          if (current) setState({ kind: 'ended', debrief });
          return;
        }
        const recordingId = debrief.recordingId ?? debrief.items?.[0]?.recordingId;
        if (!recordingId) throw new ApiError(404, {});
        const path = { params: { path: { recordingId } } };
        const [recording, timeline] = await Promise.all([
          call(api.GET('/api/recordings/{recordingId}', path)),
          call(api.GET('/api/recordings/{recordingId}/timeline', path)),
        ]);
        if (current) setState({ kind: 'ready', debrief, recording, history: (timeline.threads ?? []) as RoomComment[] });
      } catch (error) {
        if (!current) return;
        if (error instanceof ApiError && [400, 403, 404].includes(error.status)) setState({ kind: 'unavailable' });
        else setState({ kind: 'failed', message: messageOf(error) });
      }
    })();
    return () => {
      current = false;
    };
  }, [debriefId, attempt]);

  switch (state.kind) {
    case 'loading':
      return <p class="loading" role="status">Joining the debrief…</p>;
    case 'unavailable':
      return (
        <section class="page">
          <h1>Not available</h1>
          <p class="notice info">This debrief is not available to you. The lesson may no longer be shared with you, or the link is wrong.</p>
          <p><a href="/">Go to your start page</a></p>
        </section>
      );
    case 'failed':
      return (
        <section class="page">
          <h1>The debrief could not be opened</h1>
          <p class="notice error" role="alert">{state.message}</p>
          <button type="button" class="button primary" onClick={() => setAttempt(attempt + 1)}>Try again</button>
        </section>
      );
    case 'ended':
      return (
        <section class="page debrief-ended">
          <h1>{state.debrief.title}</h1>
          <p class="notice info">This debrief has ended.</p>
          <Summary debriefId={debriefId} summary={state.debrief.summary ?? null} />
        </section>
      );
    case 'ready':
      return <DebriefScreen key={debriefId} debrief={state.debrief} recording={state.recording} history={state.history} me={me.value!} />;
  }
}
