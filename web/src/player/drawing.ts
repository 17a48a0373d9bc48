// Drawings and the pointer as fractions (0–1) of the video frame, so they land on the same spot on
// every screen size (DEBRIEF_PROTOCOL: drawings on comments). The frame is not the element: a
// <video> letterboxes its picture (object-fit: contain), so the picture's own box is found first.

/** A shape on the frame (a comment's `drawings`, a sketch in a debrief). */
export type Shape = { kind: 'arrow' | 'rect' | 'freehand'; points: number[][]; color?: string };

/** The colour of a shape saved without one (the server's default). */
export const DEFAULT_COLOR = '#e53935';

export type Box = { left: number; top: number; width: number; height: number };

export const MAX_SHAPES = 20;
export const MAX_POINTS = 500;
export const COLORS = [
  { value: '#ffd400', name: 'Yellow' },
  { value: '#e8112d', name: 'Red' },
  { value: '#00a3ff', name: 'Blue' },
  { value: '#ffffff', name: 'White' },
] as const;

/** Where the picture is inside an element box showing a `videoWidth`×`videoHeight` video with object-fit: contain. */
export function frameBox(element: Box, videoWidth: number, videoHeight: number): Box {
  if (!(videoWidth > 0 && videoHeight > 0) || !(element.width > 0 && element.height > 0)) return element;
  const scale = Math.min(element.width / videoWidth, element.height / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { left: element.left + (element.width - width) / 2, top: element.top + (element.height - height) / 2, width, height };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** A screen point as a fraction of the frame, or null when it is outside the picture. */
export function toFraction(frame: Box, clientX: number, clientY: number, { clamp = false } = {}): [number, number] | null {
  const x = (clientX - frame.left) / frame.width;
  const y = (clientY - frame.top) / frame.height;
  if (!clamp && (x < 0 || x > 1 || y < 0 || y > 1)) return null;
  return [round4(clamp01(x)), round4(clamp01(y))];
}

/**
 * A freehand stroke with at most MAX_POINTS points: points closer than `minStep` (a fraction of the
 * frame) to the last kept one are dropped, then, if still too many, every n-th is kept (the ends stay).
 */
export function simplify(points: readonly number[][], minStep = 0.004): number[][] {
  const kept: number[][] = [];
  for (const p of points) {
    const last = kept.at(-1);
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minStep) kept.push(p);
  }
  const end = points.at(-1);
  if (end && kept.at(-1) !== end && kept.length > 0) kept.push(end);
  if (kept.length <= MAX_POINTS) return kept;
  const every = Math.ceil(kept.length / (MAX_POINTS - 1));
  const thinned = kept.filter((_, i) => i % every === 0);
  thinned.push(kept.at(-1)!);
  return thinned.slice(0, MAX_POINTS);
}

/** Whether a shape is well formed (what the server accepts): kind, 2+ points in 0–1, a #rrggbb colour. */
export function validShape(shape: Shape): boolean {
  const points = shape.points;
  return ['arrow', 'rect', 'freehand'].includes(shape.kind) && (shape.color === undefined || /^#[0-9a-f]{6}$/i.test(shape.color))
    && points.length >= 2 && points.length <= MAX_POINTS
    && points.every((p) => p.length === 2 && p.every((v) => Number.isFinite(v) && v >= 0 && v <= 1));
}

/** The two barbs of an arrow's head at its end, in the same units as its points (after scaling to pixels). */
export function arrowHead(from: readonly number[], to: readonly number[], size: number): [[number, number], [number, number]] {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const spread = Math.PI / 7;
  const barb = (a: number): [number, number] => [to[0] - size * Math.cos(a), to[1] - size * Math.sin(a)];
  return [barb(angle - spread), barb(angle + spread)];
}

/** A spoken description of a drawing, for people who cannot see it. */
export function describeShapes(shapes: readonly Shape[]): string {
  if (shapes.length === 0) return 'No drawing';
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const names: Record<string, [string, string]> = { arrow: ['arrow', 'arrows'], rect: ['rectangle', 'rectangles'], freehand: ['freehand line', 'freehand lines'] };
  return `Drawing: ${[...counts].map(([kind, n]) => `${n} ${names[kind][n === 1 ? 0 : 1]}`).join(', ')}`;
}
