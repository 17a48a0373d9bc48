import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';

let loading: Promise<typeof Hls> | undefined;

/**
 * hls.js, fetched the first time a player needs it: one lazy chunk shared by every player (the
 * review page, goal evidence), so no screen that merely lists things pays for it. A failed fetch
 * (bad Wi-Fi) is forgotten, so the next player tries again. The light build is enough: our master
 * playlists have muxed audio and no subtitles or DRM (117 KB gzipped instead of 183 KB).
 */
export function loadHls(): Promise<typeof Hls> {
  loading ??= import('hls.js/light').then(
    (module) => module.default,
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The HLS master playlist of a recording, served through the access-checked media routes. */
export function masterPlaylistUrl(recordingId: string): string {
  return `/api/recordings/${encodeURIComponent(recordingId)}/media/master.m3u8`;
}

export type AttachedHls = {
  /** The hls.js instance, or null when the browser plays HLS itself. */
  hls: Hls | null;
  destroy(): void;
};

type AttachOptions = {
  /** Where to start loading, in seconds (hls.js fetches the segments from there first). */
  startSeconds?: number;
  /** A failure playback cannot recover from, in words for a person. */
  onFatal?: (message: string) => void;
  config?: Partial<HlsConfig>;
};

// Chromium 141+ answers "maybe" for HLS too, so canPlayType alone would pick its native player
// there; hls.js comes first wherever Media Source Extensions exist (as hls.js's own README
// advises), and the browser's own HLS serves where they do not (iPhone Safari).
function hasMediaSource(): boolean {
  return 'MediaSource' in window || 'ManagedMediaSource' in window;
}

/**
 * Plays `url` in `video`: with hls.js (a network failure retried three times, a media error recovered once), or
 * the browser's own HLS. Resolves once the source is attached.
 */
export async function attachHls(video: HTMLVideoElement, url: string, options: AttachOptions = {}): Promise<AttachedHls> {
  const { startSeconds = 0, onFatal = () => {}, config = {} } = options;
  if (hasMediaSource()) {
    const HlsClass = await loadHls();
    if (HlsClass.isSupported()) {
      const hls = new HlsClass({ startPosition: startSeconds, ...config });
      let recovered = false;
      let retries = 0;
      hls.on(HlsClass.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        const refused = data.response?.code === 403 || data.response?.code === 404;
        if (data.type === HlsClass.ErrorTypes.NETWORK_ERROR && !refused && retries < 3) {
          retries++; // hls.js has retried already; the Wi-Fi may come back a little later
          setTimeout(() => hls.startLoad(), 2000 * retries);
        } else if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && !recovered) {
          recovered = true;
          hls.recoverMediaError();
        } else {
          hls.destroy();
          onFatal(refused
            ? 'This video is not available to you (any more).'
            : 'The video could not be played. Check the connection and try again.');
        }
      });
      hls.loadSource(url);
      hls.attachMedia(video);
      return { hls, destroy: () => hls.destroy() };
    }
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    const onError = () => onFatal('The video could not be played. Reload the page to try again.');
    video.addEventListener('error', onError);
    if (startSeconds > 0) {
      video.addEventListener('loadedmetadata', () => (video.currentTime = startSeconds), { once: true });
    }
    video.src = url;
    return {
      hls: null,
      destroy() {
        video.removeEventListener('error', onError);
        video.removeAttribute('src');
        video.load();
      },
    };
  }
  onFatal('This browser cannot play these videos. Try a current Chrome, Edge, Firefox or Safari.');
  return { hls: null, destroy() {} };
}
