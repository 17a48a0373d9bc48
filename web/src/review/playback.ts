// The player's state as signals over one <video>: what the controls, the timeline and the comment
// list read. The position signal moves at the video's timeupdate pace (about 4 times a second) and
// on every seek; the playhead reads the video itself each frame (Timeline), so nothing re-renders
// 60 times a second.
import { signal } from '@preact/signals';
import { attachSource, type Detach } from './source';

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** Recordings are 25–30 frames a second; the API does not say which, so a frame step is 1/30 s. */
const FRAME_MS = 1000 / 30;
const END_MARGIN_MS = 100;

export type PlaybackProblem = 'unsupported' | 'network' | 'media';

export function createPlayback(initialDurationMs: number) {
  const currentMs = signal(0);
  const durationMs = signal(initialDurationMs);
  const playing = signal(false);
  const rate = signal(1);
  const muted = signal(false);
  /** The first frame can be shown. */
  const ready = signal(false);
  const waiting = signal(false);
  const problem = signal<PlaybackProblem | null>(null);
  /** A person is dragging the playhead along the timeline. */
  const scrubbing = signal(false);
  let video: HTMLVideoElement | null = null;
  let detach: Detach | null = null;
  let listeners: [string, EventListener][] = [];

  function on(type: string, listener: EventListener) {
    video!.addEventListener(type, listener);
    listeners.push([type, listener]);
  }

  /** Plays `src` in `element`; `onFatal` hears what could not be recovered (a revoked share's 404s, say). */
  async function attach(element: HTMLVideoElement, src: string, onFatal: (problem: PlaybackProblem) => void) {
    video = element;
    on('timeupdate', () => (currentMs.value = Math.round(element.currentTime * 1000)));
    on('seeking', () => (currentMs.value = Math.round(element.currentTime * 1000)));
    on('play', () => (playing.value = true));
    on('pause', () => (playing.value = false));
    on('ended', () => (playing.value = false));
    on('ratechange', () => (rate.value = element.playbackRate));
    on('volumechange', () => (muted.value = element.muted));
    on('loadeddata', () => (ready.value = true));
    on('waiting', () => (waiting.value = true));
    on('playing', () => (waiting.value = false));
    on('durationchange', () => {
      if (Number.isFinite(element.duration) && element.duration > 0) durationMs.value = Math.round(element.duration * 1000);
    });
    try {
      detach = await attachSource(element, src, (p) => {
        problem.value = p;
        onFatal(p);
      });
    } catch {
      problem.value = 'unsupported';
      onFatal('unsupported');
    }
    if (video !== element) detach?.();
  }

  /** Stops and lets go of the media (and hls.js), so nothing more is fetched. */
  function unload() {
    const element = video;
    video = null;
    if (element) {
      element.pause();
      for (const [type, listener] of listeners) element.removeEventListener(type, listener);
    }
    listeners = [];
    detach?.();
    detach = null;
    playing.value = false;
    ready.value = false;
  }

  // The stream's own end, when known, can fall short of the recording's stated duration; a seek to or past
  // it leaves hls.js asking for a fragment that is not there, so the furthest seek stops just before it.
  function clamp(ms: number) {
    const streamEnd = video && Number.isFinite(video.duration) && video.duration > 0 ? video.duration * 1000 - END_MARGIN_MS : 0;
    const end = streamEnd || durationMs.value || Number.MAX_SAFE_INTEGER;
    return Math.min(Math.max(0, ms), end);
  }

  function seek(ms: number) {
    if (!video) return;
    const to = clamp(ms);
    video.currentTime = to / 1000;
    currentMs.value = Math.round(to);
  }

  /** The position right now (between timeupdates). */
  function now() {
    return video ? video.currentTime * 1000 : currentMs.value;
  }

  function play() {
    // A refused play (no user gesture yet) leaves the controls saying "Play".
    video?.play().catch(() => (playing.value = false));
  }

  function pause() {
    video?.pause();
  }

  function setRate(value: number) {
    if (video) video.playbackRate = value;
    rate.value = value;
  }

  function shiftRate(direction: 1 | -1) {
    const at = RATES.findIndex((r) => r >= rate.value - 1e-6);
    const next = RATES[Math.min(RATES.length - 1, Math.max(0, (at < 0 ? RATES.length - 1 : at) + direction))];
    setRate(next);
    return next;
  }

  return {
    currentMs, durationMs, playing, rate, muted, ready, waiting, problem, scrubbing,
    attach, unload, seek, now, play, pause, setRate,
    toggle: () => (video?.paused ? play() : pause()),
    skip: (deltaMs: number) => seek(now() + deltaMs),
    step: (frames: number) => {
      pause();
      seek(now() + frames * FRAME_MS);
    },
    faster: () => shiftRate(1),
    slower: () => shiftRate(-1),
    toggleMute: () => {
      if (video) video.muted = !video.muted;
    },
    element: () => video,
  };
}

export type Playback = ReturnType<typeof createPlayback>;
