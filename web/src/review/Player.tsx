import { computed } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, call } from '../api/client';
import { reportPlayback } from '../player/playbackReport';
import { formatTime } from '../ui/format';
import { RATES, type PlaybackProblem } from './playback';
import type { Review } from './review';
import { masterPlaylistUrl, mediaUrl } from './urls';
import { ShapeLayer, useFrameBox } from '../player/ShapeLayer';
import type { Shape } from '../player/drawing';

/** A comment's drawing shows while the player is paused this close to its time, or for a while after it plays past. */
const DRAWING_NEAR_MS = 250;
const DRAWING_PLAYING_MS = 2000;

/** The drawings saved with comments at this moment (made in a debrief), as the review page shows them. */
export function drawingsAt(review: Review, ms: number, playing: boolean): Shape[] {
  return review.store.threads.value.filter((t) => {
    if (!t.drawings?.length || t.deleted) return false;
    const d = ms - (t.startMs ?? 0);
    return playing ? d >= 0 && d <= DRAWING_PLAYING_MS : Math.abs(d) <= DRAWING_NEAR_MS;
  }).flatMap((t) => (t.drawings ?? []) as Shape[]);
}

/** Two taps closer than this are a double tap (skip), not two plays. */
const DOUBLE_TAP_MS = 300;

type Props = { review: Review; registerFullscreen: (toggle: () => void) => void };

/** The video with its own controls (play, skip, speed, mute, full screen) and touch gestures. */
export function Player({ review, registerFullscreen }: Props) {
  const { playback, recording, recordingId } = review;
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [trouble, setTrouble] = useState('');
  const [flash, setFlash] = useState('');
  const tap = useRef<{ at: number; timer: ReturnType<typeof setTimeout> | null; touch: boolean }>({ at: 0, timer: null, touch: false });
  const frame = useFrameBox(video);
  const elapsed = useMemo(() => computed(() => formatTime(playback.currentMs.value)), [playback]);
  const total = useMemo(() => computed(() => formatTime(playback.durationMs.value)), [playback]);

  async function fatal(problem: PlaybackProblem) {
    if (problem === 'unsupported') {
      setTrouble('This browser cannot play the video. Try a current Chrome, Edge, Firefox or Safari.');
      return;
    }
    // Segments refused: is it the connection, or did the teacher stop sharing?
    try {
      await call(api.GET('/api/recordings/{recordingId}', { params: { path: { recordingId } } }));
      setTrouble('The video stopped loading. Check the connection, then try again.');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) review.endAccess('revoked');
      else setTrouble('The video stopped loading. Check the connection, then try again.');
    }
  }

  function load() {
    setTrouble('');
    playback.unload();
    void playback.attach(video.current!, masterPlaylistUrl(recordingId), fatal);
  }

  useEffect(() => {
    // The owner watching her own lesson is not "who watched": only others' playback is reported.
    const stopReporting = review.me.id === recording.ownerId ? () => {} : reportPlayback(video.current!, recordingId);
    load();
    return () => {
      stopReporting();
      playback.unload();
    };
  }, []);

  function toggleFullscreen() {
    const element = box.current as (HTMLDivElement & { webkitRequestFullscreen?: () => void }) | null;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (element?.requestFullscreen) void element.requestFullscreen().catch(() => {});
    else (video.current as HTMLVideoElement & { webkitEnterFullscreen?: () => void })?.webkitEnterFullscreen?.();
  }
  registerFullscreen(toggleFullscreen);

  function skip(ms: number) {
    playback.skip(ms);
    setFlash(ms < 0 ? '− 10 s' : '+ 10 s');
    setTimeout(() => setFlash(''), 600);
  }

  /** Touch: a tap plays or pauses, a double tap on the left or right half skips 10 s. */
  function onPointerUp(event: PointerEvent) {
    const state = tap.current;
    state.touch = event.pointerType === 'touch';
    if (!state.touch) return;
    const now = event.timeStamp;
    if (state.timer && now - state.at < DOUBLE_TAP_MS) {
      clearTimeout(state.timer);
      state.timer = null;
      const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
      skip(event.clientX < rect.left + rect.width / 2 ? -10_000 : 10_000);
      return;
    }
    state.at = now;
    state.timer = setTimeout(() => {
      state.timer = null;
      playback.toggle();
    }, DOUBLE_TAP_MS);
  }

  const playing = playback.playing.value;
  const poster = recording.status === 'ready' ? mediaUrl(recordingId, 'poster.jpg') : undefined;
  return (
    <div class="player" ref={box}>
      <div class="video-box">
        <video ref={video} poster={poster} preload="auto" playsInline aria-label={`Lesson video: ${recording.title}`}
          onPointerUp={onPointerUp}
          onClick={() => {
            if (!tap.current.touch) playback.toggle();
          }}
          onDblClick={() => {
            if (!tap.current.touch) toggleFullscreen();
          }} />
        <ShapeLayer box={frame} shapes={drawingsAt(review, playback.currentMs.value, playback.playing.value)} />
        {flash && <span class="skip-flash" aria-hidden="true">{flash}</span>}
        {playback.waiting.value && playing && <span class="buffering" role="status">Loading…</span>}
      </div>
      {trouble && (
        <p class="notice warning" role="alert">
          {trouble} <button type="button" class="button small" onClick={load}>Try again</button>
        </p>
      )}
      <div class="controls" role="group" aria-label="Player">
        <button type="button" class="button icon primary" onClick={() => playback.toggle()} aria-label={playing ? 'Pause' : 'Play'}
          disabled={!!trouble}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button type="button" class="button icon" onClick={() => skip(-10_000)} aria-label="Back 10 seconds">−10</button>
        <button type="button" class="button icon" onClick={() => skip(10_000)} aria-label="Forward 10 seconds">+10</button>
        <span class="clock"><span>{elapsed}</span> / <span>{total}</span></span>
        <label class="rate">
          <span>Speed</span>
          <select value={String(playback.rate.value)} onChange={(e) => playback.setRate(Number(e.currentTarget.value))}>
            {RATES.map((r) => <option key={r} value={String(r)}>{r}×</option>)}
          </select>
        </label>
        <button type="button" class="button icon" onClick={() => playback.toggleMute()} aria-pressed={playback.muted.value}>
          Mute
        </button>
        <button type="button" class="button icon" onClick={toggleFullscreen}>Full screen</button>
      </div>
    </div>
  );
}

function PlayIcon() {
  return <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M7 4.5v15l12-7.5z" fill="currentColor" /></svg>;
}

function PauseIcon() {
  return <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M6 4.5h4v15H6zM14 4.5h4v15h-4z" fill="currentColor" /></svg>;
}
