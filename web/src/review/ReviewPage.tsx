import { useEffect, useState } from 'preact/hooks';
import './review.css';
import { ApiError, api, call, messageOf, type Recording } from '../api/client';
import { me } from '../session/session';
import { ReviewScreen } from './ReviewScreen';
import { preloadHls } from './source';
import type { Timeline } from './store';

type State =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'failed'; message: string }
  | { kind: 'processing'; recording: Recording }
  | { kind: 'ready'; recording: Recording; timeline: Timeline };

/** How often a recording still being processed is asked about. */
const PROCESSING_POLL_MS = 3000;

/**
 * /recordings/:id. What the server refuses (404 for anyone it is not shared with, administrators
 * included) shows one calm sentence, and no media is ever asked for.
 */
export default function ReviewPage({ params }: { params: Record<string, string> }) {
  const recordingId = params.id;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const path = { params: { path: { recordingId } } };
    // The player's code is fetched while the recording is asked for.
    preloadHls()?.catch(() => {});
    async function load() {
      try {
        const [recording, timeline] = await Promise.all([
          call(api.GET('/api/recordings/{recordingId}', path)),
          call(api.GET('/api/recordings/{recordingId}/timeline', path)),
        ]);
        if (!current) return;
        if (recording.media?.playable) {
          setState({ kind: 'ready', recording, timeline });
        } else {
          setState({ kind: 'processing', recording });
          if (recording.status !== 'failed') timer = setTimeout(load, PROCESSING_POLL_MS);
        }
      } catch (error) {
        if (!current) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400)) setState({ kind: 'unavailable' });
        else setState({ kind: 'failed', message: messageOf(error) });
      }
    }
    setState({ kind: 'loading' });
    void load();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [recordingId, attempt]);

  switch (state.kind) {
    case 'loading':
      return <p class="loading" role="status">Loading the lesson…</p>;
    case 'unavailable':
      return (
        <section class="page">
          <h1>Not available</h1>
          <p class="notice info">This recording is not available to you.</p>
          <p><a href="/">Go to your start page</a></p>
        </section>
      );
    case 'failed':
      return (
        <section class="page">
          <h1>The lesson could not be loaded</h1>
          <p class="notice error" role="alert">{state.message}</p>
          <button type="button" class="button primary" onClick={() => setAttempt(attempt + 1)}>Try again</button>
        </section>
      );
    case 'processing': {
      const media = state.recording.media;
      return (
        <section class="page">
          <h1>{state.recording.title}</h1>
          {state.recording.status === 'failed'
            ? <p class="notice error" role="alert">This video could not be processed: {state.recording.statusReason ?? 'unknown reason'}</p>
            : (
              <div class="notice info" role="status">
                <p>The video is being prepared{media?.step ? ` (${media.step}${media.progress != null ? `, ${media.progress}%` : ''})` : ''}. It plays here as soon as it can.</p>
                {media?.progress != null && <progress max={100} value={media.progress} aria-label="Processing" />}
              </div>
            )}
        </section>
      );
    }
    case 'ready':
      return <ReviewScreen key={recordingId} recording={state.recording} timeline={state.timeline} me={me.value!} />;
  }
}
