// Which rows of a long list to put in the page: those in and near the visible part, plus a few
// that must stay (the one with keyboard focus), with empty room of the right height in between,
// so that 1,000 comments cost the page about thirty rows. Heights are measured as rows show and
// estimated until then.

/** A row to render by its index, or the room that the rows between two rendered ones take. */
export type Slot = number | { gap: number };

/** The top of each row and, last, the height of the whole list. */
export function offsets(heights: readonly number[]): number[] {
  const tops = new Array<number>(heights.length + 1);
  tops[0] = 0;
  for (let i = 0; i < heights.length; i++) tops[i + 1] = tops[i] + heights[i];
  return tops;
}

/** The index of the row at `y` pixels from the top (the last row's when below). */
export function rowAt(tops: readonly number[], y: number): number {
  const rows = tops.length - 1;
  if (rows <= 0) return -1;
  let lo = 0;
  let hi = rows - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The slots for a view from `from` to `to` pixels: the rows there and `extra` more on each side
 * (so that Tab and the arrow keys always find the next row in the page), and the `pinned` rows.
 */
export function slots(tops: readonly number[], from: number, to: number, extra: number, pinned: Iterable<number>): Slot[] {
  const rows = tops.length - 1;
  if (rows <= 0) return [];
  const first = Math.max(0, rowAt(tops, from) - extra);
  const last = Math.min(rows - 1, rowAt(tops, to) + extra);
  const shown = new Set<number>();
  for (let i = first; i <= last; i++) shown.add(i);
  for (const i of pinned) if (i >= 0 && i < rows) shown.add(i);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: Slot[] = [];
  let next = 0;
  for (const i of sorted) {
    if (i > next) out.push({ gap: tops[i] - tops[next] });
    out.push(i);
    next = i + 1;
  }
  if (next < rows) out.push({ gap: tops[rows] - tops[next] });
  return out;
}
