// Drawings (and debrief pointers) shown over the picture of a <video>: an SVG placed exactly on the
// frame's box (not the element's: the picture is letterboxed), so 0–1 fractions land where they
// were drawn on any screen. Used by the review page (drawings saved with comments) and the debrief.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { arrowHead, DEFAULT_COLOR, describeShapes, frameBox, type Box, type Shape } from './drawing';
import './shapes.css';

/** The frame's box inside the video's parent, kept current through resizes and new media. */
export function useFrameBox(video: RefObject<HTMLVideoElement | null>): Box | null {
  const [box, setBox] = useState<Box | null>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const measure = () => {
      const element2 = video.current;
      if (!element2) return;
      const next = frameBox({ left: element2.offsetLeft, top: element2.offsetTop, width: element2.clientWidth, height: element2.clientHeight },
        element2.videoWidth, element2.videoHeight);
      setBox((old) => (old && old.left === next.left && old.top === next.top && old.width === next.width && old.height === next.height ? old : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('loadedmetadata', measure);
    element.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      element.removeEventListener('loadedmetadata', measure);
      element.removeEventListener('resize', measure);
    };
  }, [video.current]);
  return box;
}

export type ShownPointer = { id: string; name: string; x: number; y: number };

type Props = {
  box: Box | null;
  shapes: readonly Shape[];
  pointers?: readonly ShownPointer[];
  /** What a screen reader hears for the drawing (default: its shapes counted). */
  label?: string;
  children?: ComponentChildren;
};

function ShapePath({ shape, w, h }: { shape: Shape; w: number; h: number }) {
  const pts = shape.points.map(([x, y]) => [x * w, y * h] as [number, number]);
  const common = { stroke: shape.color ?? DEFAULT_COLOR, 'stroke-width': 4, fill: 'none', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;
  if (shape.kind === 'rect' && pts.length >= 2) {
    const [a, b] = [pts[0], pts[pts.length - 1]];
    return <rect x={Math.min(a[0], b[0])} y={Math.min(a[1], b[1])} width={Math.abs(a[0] - b[0])} height={Math.abs(a[1] - b[1])} {...common} />;
  }
  if (shape.kind === 'arrow' && pts.length >= 2) {
    const [a, b] = [pts[0], pts[pts.length - 1]];
    const [l, r] = arrowHead(a, b, Math.max(12, Math.min(w, h) * 0.04));
    return <path d={`M${a[0]},${a[1]} L${b[0]},${b[1]} M${l[0]},${l[1]} L${b[0]},${b[1]} L${r[0]},${r[1]}`} {...common} />;
  }
  return <polyline points={pts.map((p) => p.join(',')).join(' ')} {...common} />;
}

export function ShapeLayer({ box, shapes, pointers = [], label, children }: Props) {
  if (!box || box.width === 0) return null;
  const { width: w, height: h } = box;
  const hasShapes = shapes.length > 0;
  return (
    <div class="shape-layer" style={{ left: `${box.left}px`, top: `${box.top}px`, width: `${w}px`, height: `${h}px` }}>
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role={hasShapes ? 'img' : undefined} aria-label={hasShapes ? label ?? describeShapes(shapes) : undefined}
        aria-hidden={hasShapes ? undefined : 'true'}>
        {shapes.map((shape, i) => <ShapePath key={i} shape={shape} w={w} h={h} />)}
      </svg>
      {pointers.map((p) => (
        <span key={p.id} class="laser" style={{ left: `${p.x * w}px`, top: `${p.y * h}px` }} role="img" aria-label={`${p.name} is pointing here`}>
          <span class="laser-name" aria-hidden="true">{p.name}</span>
        </span>
      ))}
      {children}
    </div>
  );
}
