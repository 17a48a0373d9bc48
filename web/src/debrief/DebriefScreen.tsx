import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Me, Recording } from '../api/client';
import { playerAction } from '../review/keys';
import { DebriefPlayer } from './DebriefPlayer';
import { EndDebrief } from './EndDebrief';
import { Participants } from './Participants';
import { RoomComments } from './RoomComments';
import type { RoomComment } from './room';
import { Summary } from './Summary';
import { createDebriefView, type Debrief, type DebriefView } from './view';

/** How often the player is compared with the room (drift, overdue states, status reports). */
const TICK_MS = 100;

function ConnectionBanner({ view }: { view: DebriefView }) {
  const reason = view.room.closed.value;
  const status = view.room.status.value;
  if (status === 'connecting') return <p class="notice info" role="status">Connecting to the room…</p>;
  if (!reason || view.room.ended.value) return null;
  const final = status === 'closed';
  return (
    <div class={final ? 'notice error room-closed' : 'notice warning'} role={final ? 'alert' : 'status'}>
      <p><strong>{reason.title}.</strong> {reason.text}</p>
      {final && <p><a href="/">Go to your start page</a>{reason.code !== 4403 && reason.code !== 4401 && <> · <button type="button" class="button small" onClick={() => window.location.reload()}>Reload</button></>}</p>}
    </div>
  );
}

function keyboard(view: DebriefView, focusComment: () => void) {
  return (event: KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
    const hit = playerAction(event);
    if (!hit) return;
    const at = view.room.positionMs();
    const rates = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
    const rate = view.room.state.value?.rate ?? 1;
    const shift = (d: number) => rates[Math.max(0, Math.min(rates.length - 1, rates.indexOf(rate) + d))];
    const actions: Partial<Record<typeof hit.action, () => void>> = {
      togglePlay: () => view.drive(view.paused.value ? 'play' : 'pause'),
      back10: () => view.seekTo(at - 10_000),
      forward10: () => view.seekTo(at + 10_000),
      back5: () => view.seekTo(at - 5_000),
      forward5: () => view.seekTo(at + 5_000),
      slower: () => view.drive('rate', { rate: shift(-1) }),
      faster: () => view.drive('rate', { rate: shift(1) }),
      comment: focusComment,
    };
    const run = actions[hit.action];
    if (!run) return;
    event.preventDefault();
    run();
  };
}

/** The live debrief: both players in step, who is here and driving, pointer and drawings, live comments, the end. */
export function DebriefScreen({ debrief, recording, history, me }: { debrief: Debrief; recording: Recording; history: RoomComment[]; me: Me }) {
  const view = useMemo(() => createDebriefView(debrief, recording, me, history), []);
  const [ending, setEnding] = useState(false);
  const commentBox = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const { room } = view;
    room.connect();
    const ticker = setInterval(() => {
      room.tick();
      room.fadePointers();
      view.positionMs.value = room.positionMs();
    }, TICK_MS);
    const onKey = keyboard(view, () => commentBox.current?.focus());
    document.addEventListener('keydown', onKey);
    return () => {
      clearInterval(ticker);
      document.removeEventListener('keydown', onKey);
      room.close();
    };
  }, []);

  const summary = view.room.ended.value;
  if (summary) {
    return (
      <section class="page debrief-ended">
        <h1>{debrief.title}</h1>
        <p class="notice ok" role="status">The debrief has ended.</p>
        <Summary debriefId={debrief.id!} summary={Object.keys(summary).length ? summary : null} />
        <p><a href={`/recordings/${recording.id}`}>Back to the lesson</a></p>
      </section>
    );
  }
  const finalClose = view.room.status.value === 'closed';
  return (
    <section class="page debrief" aria-labelledby="debrief-title">
      <header class="review-head">
        <div>
          <h1 id="debrief-title">{debrief.title || recording.title}</h1>
          <p class="meta">
            <span class={view.room.status.value === 'open' ? 'badge ok' : 'badge'}>{view.room.status.value === 'open' ? 'Live debrief' : 'Not connected'}</span>
            <span>{recording.title}</span>
            {!finalClose && <span role="status" aria-live="polite">{view.driver.value ? `${view.driver.value} ${view.driver.value === 'You' ? 'are' : 'is'} driving` : 'Nobody has driven yet'}</span>}
          </p>
        </div>
        {!finalClose && (
          <div class="actions">
            <a class="button small subtle" href={`/recordings/${recording.id}`}>Leave</a>
            <button type="button" class="button danger" onClick={() => setEnding(true)}>End debrief</button>
          </div>
        )}
      </header>
      <ConnectionBanner view={view} />
      {!finalClose && (
        <div class="debrief-grid">
          <div class="debrief-main">
            <DebriefPlayer view={view} />
            {view.notice.value && (
              <p class="notice info" role="status">{view.notice.value} <button type="button" class="button small subtle" onClick={() => (view.notice.value = null)}>Dismiss</button></p>
            )}
            {view.room.problem.value && <p class="notice warning" role="alert">{view.room.problem.value}</p>}
          </div>
          <aside class="debrief-side">
            <Participants view={view} />
            <RoomComments view={view} boxRef={commentBox} />
          </aside>
        </div>
      )}
      {ending && <EndDebrief view={view} onClose={() => setEnding(false)} />}
    </section>
  );
}
