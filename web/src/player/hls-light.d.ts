// hls.js ships no typings for its light build; its API is the full build's, less alternate audio,
// subtitles, DRM, CMCD, content steering and interstitials (none of which our playlists use).
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
