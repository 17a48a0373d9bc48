import { useEffect, useRef, useState } from 'preact/hooks';
import { COLORS, simplify, toFraction, type Shape } from '../player/drawing';
import { attachHls, masterPlaylistUrl, type AttachedHls } from '../player/loadHls';
import { ShapeLayer, useFrameBox } from '../player/ShapeLayer';
import { RATES } from '../review/playback';
import { formatTime, spokenTime } from '../ui/format';
import type { DebriefView, Tool } from './view';

const TOOLS: { tool: Tool; name: string }[] = [
  { tool: 'pointer', name: 'Laser pointer' },
  { tool: 'arrow', name: 'Arrow' },
  { tool: 'rect', name: 'Rectangle' },
  { tool: 'freehand', name: 'Freehand' },
];

/** Keys the slider itself moves with (a seek when it changes); the others stay shortcuts (Space, K). */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** The room's video for the current item: plays where the room is; its controls ask the room. */
export function DebriefPlayer({ view }: { view: DebriefView }) {
  const { room } = view;
  const video = useRef<HTMLVideoElement>(null);
  const [trouble, setTrouble] = useState('');
  const [scrub, setScrub] = useState<number | null>(null);
  const stroke = useRef<Shape | null>(null);
  const [, redraw] = useState(0);
  const box = useFrameBox(video);
  const state = room.state.value;
  const items = view.debrief.items ?? [];
  const item = items[state?.item ?? 0];
  const recordingId = item?.recordingId ?? view.recording.id!;

  useEffect(() => {
    const element = video.current!;
    let attached: AttachedHls | null = null;
    let current = true;
    setTrouble('');
    // A seek waits for data by nature, and every member seeks together: only waiting outside one is a
    // stall (counted as one, three a minute would mark a member who merely followed seeks as catching up).
    const onWaiting = () => !element.seeking && room.setBuffering(true);
    const onPlaying = () => room.setBuffering(false);
    const onSeeked = () => {
      room.seeked();
      // A paused video that sought and shows its frame is not waiting for anything ('playing' never comes).
      if (element.paused && element.readyState >= 2) room.setBuffering(false);
      // Playing on from a seek without the data to do so: that is a stall.
      else if (!element.paused && element.readyState < 3) room.setBuffering(true);
    };
    const onDuration = () => {
      if (Number.isFinite(element.duration) && element.duration > 0) view.durationMs.value = Math.round(element.duration * 1000);
    };
    element.addEventListener('waiting', onWaiting);
    element.addEventListener('playing', onPlaying);
    element.addEventListener('canplay', onPlaying);
    element.addEventListener('loadeddata', onPlaying);
    element.addEventListener('seeked', onSeeked);
    element.addEventListener('durationchange', onDuration);
    void attachHls(element, masterPlaylistUrl(recordingId), {
      startSeconds: (room.state.value?.positionMs ?? 0) / 1000,
      onFatal: (message) => current && setTrouble(message),
      config: { capLevelToPlayerSize: true, maxBufferLength: 30 },
    }).then((a) => {
      attached = a;
      if (!current) a.destroy();
      else room.attachVideo(element);
    });
    return () => {
      current = false;
      room.attachVideo(null);
      element.removeEventListener('waiting', onWaiting);
      element.removeEventListener('playing', onPlaying);
      element.removeEventListener('canplay', onPlaying);
      element.removeEventListener('loadeddata', onPlaying);
      element.removeEventListener('seeked', onSeeked);
      element.removeEventListener('durationchange', onDuration);
      attached?.destroy();
    };
  }, [recordingId]);

  const paused = view.paused.value;
  const tool = view.tool.value;
  const drawing = tool === 'arrow' || tool === 'rect' || tool === 'freehand';
  // Drawing needs a still frame: a tool picked while playing waits, and play puts it down.
  useEffect(() => {
    if (!paused && drawing) view.tool.value = 'none';
  }, [paused]);

  function fraction(event: PointerEvent, clamp = false) {
    const surface = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return toFraction({ left: surface.left, top: surface.top, width: surface.width, height: surface.height }, event.clientX, event.clientY, { clamp });
  }

  function onPointerDown(event: PointerEvent) {
    if (!drawing) return;
    const at = fraction(event);
    if (!at) return;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    stroke.current = { kind: tool as Shape['kind'], points: [at, at], color: view.color.value };
    redraw((n) => n + 1);
  }

  function onPointerMove(event: PointerEvent) {
    if (tool === 'pointer') {
      room.pointer(fraction(event));
      return;
    }
    const s = stroke.current;
    if (!s) return;
    const at = fraction(event, true)!;
    s.points = s.kind === 'freehand' ? [...s.points, at] : [s.points[0], at];
    room.sketch([...view.drafts.value, s.kind === 'freehand' ? { ...s, points: simplify(s.points) } : s]);
    redraw((n) => n + 1);
  }

  function onPointerUp() {
    const s = stroke.current;
    stroke.current = null;
    if (!s) return;
    const points = s.kind === 'freehand' ? simplify(s.points) : s.points;
    const [a, b] = [points[0], points[points.length - 1]];
    if (Math.hypot(a[0] - b[0], a[1] - b[1]) < 0.01 && s.kind !== 'freehand') return redraw((n) => n + 1);
    view.addShape({ ...s, points });
  }

  const shapes = stroke.current ? [...view.shownShapes.value, stroke.current] : view.shownShapes.value;
  const duration = view.durationMs.value;
  const position = scrub ?? view.positionMs.value;
  const pending = room.pending.value;
  const disabled = !view.mayDrive.value;
  const rate = state?.rate ?? 1;

  return (
    <div class="player debrief-player">
      <div class="video-box">
        <video ref={video} preload="auto" playsInline muted={false} aria-label={`Lesson video: ${view.recording.title}`}
          onClick={() => !drawing && tool !== 'pointer' && view.drive(paused ? 'play' : 'pause')} />
        <ShapeLayer box={box} shapes={shapes} pointers={view.pointers.value}>
          {(drawing || tool === 'pointer') && (
            <div class="draw-surface" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp} onPointerLeave={() => tool === 'pointer' && room.pointer(null)}
              aria-hidden="true" />
          )}
        </ShapeLayer>
        {room.needsClick.value && (
          <button type="button" class="button primary join-playback" onClick={() => room.unblock()}>Start my player</button>
        )}
      </div>
      {trouble && <p class="notice warning" role="alert">{trouble}</p>}
      <div class="controls" role="group" aria-label="Room playback">
        <button type="button" class="button icon primary" disabled={disabled} onClick={() => view.drive(paused ? 'play' : 'pause')}
          aria-label={paused ? 'Play for everyone' : 'Pause for everyone'}>
          {paused ? 'Play' : 'Pause'}
        </button>
        <button type="button" class="button icon" disabled={disabled} onClick={() => view.seekTo(room.positionMs() - 10_000)} aria-label="Back 10 seconds">−10</button>
        <button type="button" class="button icon" disabled={disabled} onClick={() => view.seekTo(room.positionMs() + 10_000)} aria-label="Forward 10 seconds">+10</button>
        <input type="range" class="seek" min={0} max={Math.max(1, duration)} step={100} value={Math.round(position)} disabled={disabled}
          aria-label="Position in the lesson" aria-valuetext={spokenTime(position)}
          onInput={(e) => setScrub(Number(e.currentTarget.value))}
          onChange={(e) => {
            setScrub(null);
            view.seekTo(Number(e.currentTarget.value));
          }}
          onKeyDown={(e) => SLIDER_KEYS.has(e.key) && e.stopPropagation()} />
        <span class="clock"><span>{formatTime(position)}</span> / <span>{formatTime(duration)}</span></span>
        <label class="rate">
          <span>Speed</span>
          <select value={String(pending?.action === 'rate' ? pending.rate : rate)} disabled={disabled}
            onChange={(e) => view.drive('rate', { rate: Number(e.currentTarget.value) })}>
            {RATES.map((r) => <option key={r} value={String(r)}>{r}×</option>)}
          </select>
        </label>
        {items.length > 1 && (
          <label class="rate">
            <span>Clip</span>
            <select value={String(state?.item ?? 0)} disabled={disabled} onChange={(e) => view.drive('item', { item: Number(e.currentTarget.value) })}>
              {items.map((it) => <option key={it.index} value={String(it.index)}>{it.title}</option>)}
            </select>
          </label>
        )}
        {pending && <span class="pending" role="status">Asking the room…</span>}
      </div>
      <div class="tools" role="toolbar" aria-label="Pointer and drawing">
        {TOOLS.map(({ tool: t, name }) => {
          const needsPause = t !== 'pointer';
          return (
            <button key={t} type="button" class="button small" aria-pressed={tool === t} disabled={needsPause && !paused}
              title={needsPause && !paused ? 'Pause to draw on the frame' : undefined}
              onClick={() => {
                if (tool === 'pointer' && t !== 'pointer') room.pointer(null);
                view.tool.value = tool === t ? 'none' : t;
              }}>
              {name}
            </button>
          );
        })}
        <fieldset class="colors">
          <legend class="visually-hidden">Colour</legend>
          {COLORS.map((c) => (
            <label key={c.value} class="swatch">
              <input type="radio" name="draw-color" value={c.value} checked={view.color.value === c.value} onChange={() => (view.color.value = c.value)} />
              <span class="chip" style={{ backgroundColor: c.value }} aria-hidden="true" />
              <span class="visually-hidden">{c.name}</span>
            </label>
          ))}
        </fieldset>
        <button type="button" class="button small subtle" disabled={view.drafts.value.length === 0} onClick={() => view.undo()}>Undo</button>
        <button type="button" class="button small subtle" disabled={view.drafts.value.length === 0} onClick={() => view.clearDrawing()}>Clear drawing</button>
        {!paused && <span class="hint">Pause to draw on the frame.</span>}
      </div>
    </div>
  );
}
