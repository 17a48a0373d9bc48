import { useState } from 'preact/hooks';
import { api, call, messageOf, type Recording } from '../api/client';
import { navigate } from '../router';
import { Dialog } from '../ui/Dialog';
import './rooms.css';

/** "Start a debrief" on the review page: now (and go there), or scheduled for later (it shows on both home screens). */
export function StartDebrief({ recording, onClose }: { recording: Recording; onClose: () => void }) {
  const [title, setTitle] = useState(`Debrief: ${recording.title}`);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const [presenterMode, setPresenterMode] = useState(false);
  const [error, setError] = useState('');
  const [scheduled, setScheduled] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (when === 'later' && !at) {
      setError('Choose the day and time of the debrief.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const room = await call(api.POST('/api/debriefs', {
        body: { recordingId: recording.id!, title: title.trim() || undefined, presenterMode, scheduledAt: when === 'later' ? new Date(at).toISOString() : undefined },
      }));
      if (when === 'now') {
        onClose();
        navigate(`/debriefs/${room.id}`);
      } else {
        setScheduled(room.id!);
      }
    } catch (e) {
      setError(`The debrief was not created: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title="Start a debrief" onClose={onClose}>
      {scheduled ? (
        <div class="notice ok" role="status">
          <p>The debrief is scheduled. It shows on your home screen and on the other person’s.</p>
          <p><a href={`/debriefs/${scheduled}`} onClick={onClose}>Open the debrief room</a></p>
        </div>
      ) : (
        <form class="start-debrief" onSubmit={submit}>
          <p>Watch this lesson together: both players stay in step, and either of you can pause, point and draw.</p>
          <label>
            Title
            <input type="text" value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <fieldset>
            <legend>When</legend>
            <label class="inline"><input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> Now</label>
            <label class="inline"><input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} /> Later</label>
            {when === 'later' && (
              <label>
                Day and time
                <input type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
              </label>
            )}
          </fieldset>
          <label class="inline">
            <input type="checkbox" checked={presenterMode} onChange={(e) => setPresenterMode(e.currentTarget.checked)} />
            Presenter mode (one person has the controls and hands them over)
          </label>
          {error && <p class="notice error" role="alert">{error}</p>}
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy}>{when === 'now' ? 'Start the debrief' : 'Schedule the debrief'}</button>
            <button type="button" class="button subtle" onClick={onClose}>Cancel</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
