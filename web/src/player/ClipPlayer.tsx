import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTime } from '../ui/format';
import { attachHls, masterPlaylistUrl, type AttachedHls } from './loadHls';

type Props = {
  recordingId: string;
  startMs: number;
  endMs: number;
  /** What is playing, for the player's accessible name ("Clip: Wait time after questions"). */
  label: string;
};

/**
 * A moment of a recording played in place: nothing is fetched until the person presses play;
 * then hls.js (lazily loaded) starts at `startMs` and playback pauses at `endMs`. Playing again
 * from outside the range starts it over.
 */
export function ClipPlayer({ recordingId, startMs, endMs, label }: Props) {
  const [open, setOpen] = useState(false);
  const range = `${formatTime(startMs)}–${formatTime(endMs)}`;
  if (!open) {
    return (
      <button type="button" class="button small" onClick={() => setOpen(true)}
        aria-label={`Play ${range}: ${label}`}>
        <span aria-hidden="true">▶</span> Play {range}
      </button>
    );
  }
  return <RangeVideo recordingId={recordingId} startMs={startMs} endMs={endMs} label={label} />;
}

function RangeVideo({ recordingId, startMs, endMs, label }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState('');
  const start = startMs / 1000;
  const end = endMs / 1000;

  useEffect(() => {
    const element = video.current!;
    let attached: AttachedHls | undefined;
    let stopTimer: ReturnType<typeof setTimeout> | undefined;
    let gone = false;

    // timeupdate comes about every 250 ms, too coarse for the out point: a timer stops it on time.
    const scheduleStop = () => {
      clearTimeout(stopTimer);
      if (element.paused) return;
      const left = end - element.currentTime;
      if (left <= 0.05) {
        element.pause();
        element.currentTime = end;
      } else if (left < 0.6) {
        stopTimer = setTimeout(scheduleStop, (left / (element.playbackRate || 1)) * 1000);
      }
    };
    const restartOutsideRange = () => {
      if (element.currentTime >= end - 0.05 || element.currentTime < start - 0.5) element.currentTime = start;
    };
    element.addEventListener('timeupdate', scheduleStop);
    element.addEventListener('play', restartOutsideRange);
    element.focus(); // the play button it replaces had the focus

    attachHls(element, masterPlaylistUrl(recordingId), {
      startSeconds: start,
      onFatal: (message) => !gone && setError(message),
      // A clip needs a few seconds of video, not the default 30 s buffer of a whole lesson.
      config: { maxBufferLength: Math.max(8, end - start + 2), maxMaxBufferLength: Math.max(16, end - start + 4) },
    }).then((result) => {
      if (gone) {
        result.destroy();
        return;
      }
      attached = result;
      element.play().catch(() => {
        // Autoplay refused: the controls are there; the person presses play.
      });
    }, () => !gone && setError('The player could not be loaded. Check the connection and try again.'));

    return () => {
      gone = true;
      clearTimeout(stopTimer);
      element.removeEventListener('timeupdate', scheduleStop);
      element.removeEventListener('play', restartOutsideRange);
      attached?.destroy();
    };
  }, [recordingId, start, end]);

  return (
    <div class="clip-player">
      <video ref={video} controls playsInline preload="none" aria-label={`Clip player: ${label}`} />
      {error && <p class="notice error" role="alert">{error}</p>}
    </div>
  );
}
