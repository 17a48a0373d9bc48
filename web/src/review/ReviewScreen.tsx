import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Me, Recording } from '../api/client';
import { formatDate } from '../ui/format';
import { CommentList } from './CommentList';
import { Composer } from './Composer';
import { playerAction, type Dispatched, type PlayerAction } from './keys';
import { KeyboardHelp } from './KeyboardHelp';
import { Player } from './Player';
import { RangeBar } from './RangeBar';
import { createReview, type Review } from './review';
import { ShareDialog } from './ShareDialog';
import { StartDebrief } from '../debrief/StartDebrief';
import type { Timeline as TimelineData } from './store';
import { Timeline } from './Timeline';
import { apiUrl } from './urls';

const ACCESS_NAMES = { owner: 'Your lesson', comment: 'You can comment', view: 'You can view' } as const;

function run(review: Review, hit: Dispatched<PlayerAction>, ui: { help: () => void; fullscreen: () => void }) {
  const p = review.playback;
  switch (hit.action) {
    case 'togglePlay': return p.toggle();
    case 'back10': return p.skip(-10_000);
    case 'forward10': return p.skip(10_000);
    case 'back5': return p.skip(-5_000);
    case 'forward5': return p.skip(5_000);
    case 'prevFrame': return p.step(-1);
    case 'nextFrame': return p.step(1);
    case 'slower': review.announcement.value = `Speed ${p.slower()}×`; return;
    case 'faster': review.announcement.value = `Speed ${p.faster()}×`; return;
    case 'comment': return review.startComposing();
    case 'setIn': return review.setIn();
    case 'setOut': return review.setOut();
    case 'prevComment': return review.neighbour(-1);
    case 'nextComment': return review.neighbour(1);
    case 'applyTag': return void review.toggleTag(hit.n!);
    case 'mute': return p.toggleMute();
    case 'fullscreen': return ui.fullscreen();
    case 'help': return ui.help();
  }
}

function Downloads({ recordingId }: { recordingId: string }) {
  return (
    <details class="downloads">
      <summary class="button small">Export comments</summary>
      <ul class="menu">
        <li><a href={apiUrl('/api/recordings/{recordingId}/comments.csv', { recordingId })} download>Comments as CSV (spreadsheet)</a></li>
        <li><a href={apiUrl('/api/recordings/{recordingId}/comments.vtt', { recordingId })} download>Comments as WebVTT (captions)</a></li>
        <li><a href={apiUrl('/api/recordings/{recordingId}/summary.html', { recordingId })} target="_blank" rel="noopener">Printable summary</a></li>
      </ul>
    </details>
  );
}

function AccessEnded({ review }: { review: Review }) {
  return (
    <section class="page">
      <h1>{review.recording.title}</h1>
      <div class="notice warning" role="alert">
        <p><strong>Your access to this lesson ended.</strong></p>
        <p>{review.accessEnded.value === 'deleted'
          ? 'The teacher deleted this recording.'
          : 'The teacher stopped sharing it with you, so it no longer plays here.'}</p>
      </div>
      <p><a href="/">Go to your start page</a></p>
    </section>
  );
}

/** The review page of a playable recording: player, timeline, comment box and list, clips, sharing. */
export function ReviewScreen({ recording, timeline, me }: { recording: Recording; timeline: TimelineData; me: Me }) {
  const review = useMemo(() => createReview(recording, me, timeline), []);
  const [help, setHelp] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [debriefing, setDebriefing] = useState(false);
  const fullscreen = useRef<() => void>(() => {});

  useEffect(() => {
    review.start();
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || review.accessEnded.value || document.querySelector('dialog[open]')) return;
      const hit = playerAction(event);
      if (!hit) return;
      event.preventDefault();
      run(review, hit, { help: () => setHelp(true), fullscreen: () => fullscreen.current() });
    }
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      review.stop();
      review.playback.unload();
    };
  }, []);

  if (review.accessEnded.value) return <AccessEnded review={review} />;
  const owner = review.users.value.find((u) => u.id === recording.ownerId);
  const notice = review.notice.value;
  return (
    <section class="page review">
      <header class="review-head">
        <div>
          <h1>{recording.title}</h1>
          <p class="meta">
            {recording.lessonDate && <span>{formatDate(recording.lessonDate)}</span>}
            {recording.subject && <span>{recording.subject}</span>}
            {recording.grade && <span>Grade {recording.grade}</span>}
            {!review.isOwner && owner && <span>{owner.displayName}’s lesson</span>}
            <span class="badge">{ACCESS_NAMES[recording.access ?? 'view']}</span>
            <span class={review.liveActive.value ? 'badge ok' : 'badge'}>{review.liveActive.value ? 'Live' : 'Refreshes every few seconds'}</span>
          </p>
        </div>
        <div class="actions">
          {review.isOwner && <button type="button" class="button" onClick={() => setSharing(true)}>Share</button>}
          {review.canComment && <button type="button" class="button" onClick={() => setDebriefing(true)}>Start a debrief</button>}
          <Downloads recordingId={review.recordingId} />
          <button type="button" class="button small subtle" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Keyboard shortcuts <kbd>?</kbd>
          </button>
        </div>
      </header>
      {notice && (
        <p class={notice.kind === 'error' ? 'notice error toast' : 'notice info toast'} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text} <button type="button" class="button small subtle" onClick={() => (review.notice.value = null)}>Dismiss</button>
        </p>
      )}
      <div class="review-grid">
        <div class="review-main">
          <Player review={review} registerFullscreen={(toggle) => (fullscreen.current = toggle)} />
          <Timeline review={review} />
          <RangeBar review={review} />
          {review.composing.value && <Composer review={review} />}
        </div>
        <CommentList review={review} />
      </div>
      <p class="visually-hidden" aria-live="polite">{review.announcement}</p>
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
      {sharing && <ShareDialog review={review} onClose={() => setSharing(false)} />}
      {debriefing && <StartDebrief recording={recording} onClose={() => setDebriefing(false)} />}
    </section>
  );
}
