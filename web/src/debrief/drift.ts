// Keeps a <video> where the room says it should be, gently. The room's target is a line in time:
// position(t) = positionMs + (t − at) × rate while playing. Each tick compares the video with
// it and, as SyncPlay's peers taught (DESIGN §4.5, issue 13):
//   - within ±40 ms nothing is done (a rate change costs more than it mends);
//   - up to 1.5 s off, the playback rate is nudged by at most ±10 % until the video is back in
//     the dead band (aggressive rate correction stutters: jellyfin-webos#41);
//   - beyond that, one seek;
//   - after a correction, none for 2 s, so a seek that lands short is not chased in a loop.
// Pure: the video and the clock are handed in, so Node tests drive it with simulated ones.

/** What the corrector needs of a <video> (HTMLVideoElement has all of it). */
export type VideoLike = {
  currentTime: number;
  playbackRate: number;
  readonly paused: boolean;
  readonly seeking: boolean;
  play(): Promise<void> | void;
  pause(): void;
};

/**
 * Where the video should be: at time `at` (on the corrector's clock: the page gives it the server's
 * clock, so a better clock estimate moves the target with it) it is at `positionMs`, moving at `rate`
 * unless paused.
 */
export type Target = { positionMs: number; at: number; paused: boolean; rate: number };

export const DEAD_BAND_MS = 40;
export const NUDGE_LIMIT_MS = 1500;
export const MAX_NUDGE = 0.1;
/** A nudge closes the gap over about this long (an error of 200 ms or more gets the full 10 %). */
export const NUDGE_HORIZON_MS = 2000;
export const COOLDOWN_MS = 2000;
/** Paused, both show the same frame (what a drawing is made on): any difference past this is sought away. */
const PAUSED_TOLERANCE_MS = 5;
/** After a command (seek, play), the video gets this long to settle before it is judged. */
export const SETTLE_MS = 500;
/** A seek while playing lands this much further on, learnt from the last seeks (the picture stands still meanwhile). */
const MAX_SEEK_LEAD_MS = 500;
/**
 * The room may run past the video's end (a lesson ends while both watch): the player then waits
 * on the last frame. play() on an ended video would start it again from 0, and a seek to the very
 * end leaves hls.js asking for a fragment that is not there, so the end is kept this far off.
 */
const END_MARGIN_MS = 100;

export type Correction = 'none' | 'nudge' | 'seek';

export function expectedAt(target: Target, time: number): number {
  return target.paused ? target.positionMs : target.positionMs + (time - target.at) * target.rate;
}

export function createDriftCorrector(video: VideoLike, now: () => number, durationMs: () => number = () => Infinity) {
  let target: Target | null = null;
  let quietUntil = 0;
  let nudging = 0;
  /** Set when play() was refused (no user gesture yet): the page asks the person to press play once. */
  let blocked = false;
  let onBlocked: (blocked: boolean) => void = () => {};
  /** How long seeks take here (moving average); the start of the one under way. */
  let seekLatency = 0;
  let seekStartedAt: number | null = null;

  function endMs() {
    return durationMs() - END_MARGIN_MS;
  }

  function clampMs(ms: number) {
    return Math.max(0, Math.min(ms, endMs()));
  }

  /** Past the end: stand on the last frame (and say whether a seek was needed). */
  function holdAtEnd(t: number): Correction {
    if (!video.paused) video.pause();
    if (nudging !== 0 && target) setRate(target.rate);
    nudging = 0;
    if (t >= quietUntil && Math.abs(video.currentTime * 1000 - endMs()) > DEAD_BAND_MS) {
      seekTo(endMs(), false);
      quietUntil = t + COOLDOWN_MS;
      return 'seek';
    }
    return 'none';
  }

  function setRate(rate: number) {
    if (Math.abs(video.playbackRate - rate) > 1e-6) video.playbackRate = rate;
  }

  function seekTo(ms: number, playing: boolean) {
    const lead = playing && target ? seekLatency * target.rate : 0;
    video.currentTime = clampMs(ms + lead) / 1000;
    seekStartedAt = now();
  }

  function seeked() {
    if (seekStartedAt === null) return;
    const took = Math.min(MAX_SEEK_LEAD_MS, now() - seekStartedAt);
    seekLatency = seekLatency === 0 ? took : 0.5 * seekLatency + 0.5 * took;
    seekStartedAt = null;
  }

  function play() {
    try {
      const started = video.play();
      if (started && typeof (started as Promise<void>).then === 'function') {
        (started as Promise<void>).then(() => setBlocked(false), () => setBlocked(true));
      }
    } catch {
      setBlocked(true);
    }
  }

  function setBlocked(value: boolean) {
    if (blocked === value) return;
    blocked = value;
    onBlocked(value);
  }

  /**
   * The room's new state takes effect now: pause, play and rate at once; the position jumps only
   * when the room's position did (`jump`: a seek, a new clip, a first state), when the video starts
   * from a standstill (a play that arrived after its moment would otherwise start that much late,
   * and the picture stands still anyway), or when it is far off, since a seek costs a moment of
   * standing still; small gaps of a running video are left to the nudges.
   */
  function apply(next: Target, jump = true) {
    target = next;
    nudging = 0;
    const t = now();
    const want = clampMs(expectedAt(next, t));
    setRate(next.rate);
    const off = Math.abs(video.currentTime * 1000 - want);
    const starting = !next.paused && video.paused;
    if (next.paused ? off > PAUSED_TOLERANCE_MS : ((jump || starting) && off > DEAD_BAND_MS) || off > NUDGE_LIMIT_MS) seekTo(want, !next.paused);
    if (next.paused || want >= endMs() - 1) {
      if (!video.paused) video.pause();
    } else if (video.paused) {
      play();
    }
    quietUntil = t + SETTLE_MS;
  }

  /** One look at the video; what it did about it. Call it a few times a second. */
  function tick(): Correction {
    if (!target || video.seeking) return 'none';
    const t = now();
    if (target.paused) {
      if (!video.paused) video.pause();
      if (t < quietUntil) return 'none';
      const still = clampMs(target.positionMs);
      if (Math.abs(video.currentTime * 1000 - still) > PAUSED_TOLERANCE_MS) {
        seekTo(still, false);
        quietUntil = t + COOLDOWN_MS;
        return 'seek';
      }
      return 'none';
    }
    const want = expectedAt(target, t);
    if (want >= endMs()) return holdAtEnd(t);
    if (video.paused && !blocked) play();
    const ahead = video.currentTime * 1000 - want;
    if (nudging !== 0) {
      // A nudge runs until the gap is inside the dead band (or has flipped sign), then stops.
      if (Math.abs(ahead) <= DEAD_BAND_MS || Math.sign(ahead) !== nudging) {
        nudging = 0;
        setRate(target.rate);
        quietUntil = t + COOLDOWN_MS;
      } else if (Math.abs(ahead) > NUDGE_LIMIT_MS) {
        nudging = 0;
        setRate(target.rate);
        seekTo(want, true);
        quietUntil = t + COOLDOWN_MS;
        return 'seek';
      }
      return nudging === 0 ? 'none' : 'nudge';
    }
    if (t < quietUntil || Math.abs(ahead) <= DEAD_BAND_MS) return 'none';
    if (Math.abs(ahead) > NUDGE_LIMIT_MS) {
      seekTo(want, true);
      quietUntil = t + COOLDOWN_MS;
      return 'seek';
    }
    const factor = Math.min(MAX_NUDGE, Math.abs(ahead) / NUDGE_HORIZON_MS);
    nudging = Math.sign(ahead);
    setRate(target.rate * (1 - nudging * factor));
    return 'nudge';
  }

  return {
    apply,
    tick,
    /** The video's `seeked` event: how long that seek took (the next seek while playing lands that much further). */
    seeked,
    target: () => target,
    /** How far the video is ahead of where it should be (negative: behind), or null without a target. */
    error: () => (target ? video.currentTime * 1000 - expectedAt(target, now()) : null),
    isBlocked: () => blocked,
    onBlockedChange: (listener: (blocked: boolean) => void) => {
      onBlocked = listener;
    },
    /** The person pressed play after a refused autoplay: start where the room is. */
    unblock: () => {
      blocked = false;
      if (target) apply(target);
    },
  };
}

export type DriftCorrector = ReturnType<typeof createDriftCorrector>;
