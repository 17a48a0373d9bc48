// The audio waveform under the timeline, from the server's peaks.json: BBC audiowaveform's JSON
// format, version 2 (min/max pairs per `samples_per_pixel` samples, interleaved per channel).
// https://github.com/bbc/audiowaveform/blob/master/doc/DataFormat.md

export type Peaks = { bits: number; channels: number; length: number; data: ArrayLike<number> };

/** The peaks, or null when the document is not version-2 peaks. */
export function parsePeaks(json: unknown): Peaks | null {
  if (!json || typeof json !== 'object') return null;
  const doc = json as Record<string, unknown>;
  const data = doc.data;
  const bits = Number(doc.bits ?? 8);
  const channels = Number(doc.channels ?? 1);
  if (!Array.isArray(data) || (bits !== 8 && bits !== 16) || !(channels >= 1)) return null;
  const length = Math.floor(data.length / (2 * channels));
  return { bits, channels, length, data };
}

/**
 * For each of `columns` pixel columns, the loudest excursion in it as a fraction of full scale
 * (0–1), taking the first channel: what a small strip can show.
 */
export function columnHeights(peaks: Peaks, columns: number): Float32Array {
  const heights = new Float32Array(Math.max(0, columns));
  if (peaks.length === 0 || columns <= 0) return heights;
  const full = peaks.bits === 8 ? 128 : 32768;
  const stride = 2 * peaks.channels;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * peaks.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * peaks.length) / columns));
    let loudest = 0;
    for (let i = from; i < to && i < peaks.length; i++) {
      const min = Math.abs(peaks.data[i * stride]);
      const max = Math.abs(peaks.data[i * stride + 1]);
      loudest = Math.max(loudest, min, max);
    }
    heights[c] = Math.min(1, loudest / full);
  }
  return heights;
}
