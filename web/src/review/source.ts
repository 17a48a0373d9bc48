// Attaches an HLS master playlist to a <video>: natively where the browser plays HLS itself
// (Safari, iPad), else through hls.js, fetched the first time it is needed as its own chunk.
import type { PlaybackProblem } from './playback';

export type Detach = () => void;

type HlsModule = typeof import('hls.js/light');
let hlsModule: Promise<HlsModule> | null = null;

/** Starts fetching hls.js (the review page calls it at once, so play does not wait for it). */
export function preloadHls(): Promise<HlsModule> | null {
  if (nativeHls()) return null;
  hlsModule ??= import('hls.js/light');
  return hlsModule;
}

function nativeHls() {
  return document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '';
}

function emptied(video: HTMLVideoElement) {
  video.removeAttribute('src');
  video.load();
}

export async function attachSource(video: HTMLVideoElement, src: string, onFatal: (problem: PlaybackProblem) => void): Promise<Detach> {
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    const failed = () => onFatal(video.error?.code === MediaError.MEDIA_ERR_NETWORK ? 'network' : 'media');
    video.addEventListener('error', failed);
    video.src = src;
    return () => {
      video.removeEventListener('error', failed);
      emptied(video);
    };
  }
  const { default: Hls } = await preloadHls()!;
  if (!Hls.isSupported()) throw new Error('This browser cannot play HLS');
  const hls = new Hls({
    // The player is small next to the comments: no need for the 1080p rung in a 640 px box.
    capLevelToPlayerSize: true,
    maxBufferLength: 30,
    backBufferLength: 30,
  });
  let recovered = false;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
      // One decoder hiccup is recoverable (hls.js's documented recipe); a second one is not.
      recovered = true;
      hls.recoverMediaError();
      return;
    }
    onFatal(data.type === Hls.ErrorTypes.NETWORK_ERROR ? 'network' : 'media');
  });
  hls.loadSource(src);
  hls.attachMedia(video);
  return () => {
    hls.destroy();
    emptied(video);
  };
}
