// Tells the owner who watched her lesson (issue 12): what this player played, as one playback
// session with the ranges of media time played and the time spent playing. A heartbeat goes every
// 15 s while playing, a report on pause and end, and a last one when the page is hidden or left
// (fetch with keepalive, which carries the CSRF header, unlike sendBeacon). Each report repeats the
// whole session so far, so a lost or repeated one does no harm.
import { api } from '../api/client';

const HEARTBEAT_MS = 15_000;
/** A jump in media time larger than this between two timeupdates (about 4 a second) is a seek, not playing. */
const MAX_STEP_MS = 1_500;
/** What the server takes in one report; the oldest gaps are merged beyond it. */
const MAX_RANGES = 500;

type Range = [number, number];

export function reportPlayback(video: HTMLVideoElement, recordingId: string): () => void {
  const sessionId = crypto.randomUUID();
  const ranges: Range[] = [];
  let current: Range | null = null;
  let lastMs = 0;
  let playingSince: number | null = null;
  let watchedMs = 0;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let sentWatched = -1;
  let sentRanges = '';

  const position = () => Math.round(video.currentTime * 1000);

  function closeRange() {
    if (current && current[1] > current[0]) ranges.push(current);
    current = null;
  }

  function onTime() {
    if (video.paused || video.seeking) return;
    const at = position();
    const step = at - lastMs;
    if (current && step >= 0 && step <= MAX_STEP_MS * Math.max(1, video.playbackRate)) current[1] = at;
    else {
      closeRange();
      current = [at, at];
    }
    lastMs = at;
  }

  function onPlay() {
    playingSince = performance.now();
    lastMs = position();
    current = [lastMs, lastMs];
    heartbeat ??= setInterval(() => send(false), HEARTBEAT_MS);
  }

  function stopClock() {
    if (playingSince !== null) watchedMs += performance.now() - playingSince;
    playingSince = playingSince === null ? null : performance.now();
  }

  function onPause() {
    onTime();
    stopClock();
    playingSince = null;
    closeRange();
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    send(false);
  }

  function onSeeking() {
    closeRange();
  }

  function merged(): Range[] {
    const all = [...ranges, ...(current && current[1] > current[0] ? [current] : [])].map((r) => [...r] as Range);
    all.sort((a, b) => a[0] - b[0]);
    const out: Range[] = [];
    for (const r of all) {
      const last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r);
    }
    return out.slice(-MAX_RANGES);
  }

  /** Best effort: a report refused (a lapsed share, too many) or lost is not the viewer's problem. */
  function send(leaving: boolean) {
    stopClock();
    const body = { watchedMs: Math.round(watchedMs), ranges: merged() };
    const encoded = JSON.stringify(body.ranges);
    if (body.watchedMs === 0 && body.ranges.length === 0) return;
    if (body.watchedMs === sentWatched && encoded === sentRanges) return;
    sentWatched = body.watchedMs;
    sentRanges = encoded;
    void api.PUT('/api/recordings/{recordingId}/playback/{sessionId}', {
      params: { path: { recordingId, sessionId } }, body, keepalive: leaving,
    }).catch(() => {});
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') send(true);
  };
  const onPageHide = () => send(true);
  const listeners: [EventTarget, string, EventListener][] = [
    [video, 'timeupdate', onTime], [video, 'play', onPlay], [video, 'pause', onPause], [video, 'ended', onPause],
    [video, 'seeking', onSeeking], [document, 'visibilitychange', onHidden], [window, 'pagehide', onPageHide],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);

  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    if (heartbeat) clearInterval(heartbeat);
    onTime();
    send(true);
  };
}
