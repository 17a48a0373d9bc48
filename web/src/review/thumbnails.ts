// The scrub previews: a WebVTT track whose cues name a tile of a sprite sheet with a media
// fragment, `sprite_0.jpg#xywh=160,90,160,90` (W3C Media Fragments 1.0, §4.2.2), as the server's
// media/ThumbnailTrack writes it.

export type Thumbnail = { startMs: number; endMs: number; url: string; x: number; y: number; w: number; h: number };

/** `00:01:02.500` or `01:02.500` in milliseconds, or NaN. */
export function vttTime(text: string): number {
  const parts = text.trim().split(':');
  if (parts.length < 2 || parts.length > 3) return NaN;
  const [h, m, s] = parts.length === 3 ? parts : ['0', ...parts];
  return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

/** The cues of a thumbnail track, with each tile's image resolved against `baseUrl`; unusable cues are skipped. */
export function parseThumbnails(vtt: string, baseUrl: string): Thumbnail[] {
  const thumbnails: Thumbnail[] = [];
  const lines = vtt.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const arrow = lines[i].indexOf('-->');
    if (arrow < 0) continue;
    const startMs = vttTime(lines[i].slice(0, arrow));
    const endMs = vttTime(lines[i].slice(arrow + 3).trim().split(/\s+/)[0]);
    const target = (lines[i + 1] ?? '').trim();
    const hash = target.indexOf('#xywh=');
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || hash < 0) continue;
    const [x, y, w, h] = target.slice(hash + 6).split(',').map(Number);
    if (![x, y, w, h].every(Number.isFinite)) continue;
    thumbnails.push({ startMs, endMs, url: new URL(target.slice(0, hash), baseUrl).toString(), x, y, w, h });
  }
  return thumbnails;
}

/** The tile showing `ms` (cues are in time order), or null. */
export function thumbnailAt(thumbnails: readonly Thumbnail[], ms: number): Thumbnail | null {
  let lo = 0;
  let hi = thumbnails.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = thumbnails[mid];
    if (ms < t.startMs) hi = mid - 1;
    else if (ms >= t.endMs) lo = mid + 1;
    else return t;
  }
  return thumbnails.length > 0 && ms >= thumbnails[thumbnails.length - 1].endMs ? thumbnails[thumbnails.length - 1] : null;
}
