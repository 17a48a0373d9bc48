import { computed, signal, useSignalEffect } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { formatTime, spokenTime } from '../ui/format';
import { columnHeights, parsePeaks, type Peaks } from './peaks';
import { colorOf, type Item, type Review } from './review';
import { parseThumbnails, thumbnailAt, type Thumbnail } from './thumbnails';
import { groupMarkers, layoutBars, timeAt, type Bar, type Point, type Span } from './timelineLayout';
import { mediaUrl } from './urls';

const SLIDER_STEP_MS = 5_000;
const PAGE_STEP_MS = 60_000;

function excerpt(text: string | null | undefined, length = 60) {
  if (!text) return '';
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * The strip under the video: comment markers (grouped where they would overlap), range comments and
 * clips as bars, the waveform, a thumbnail preview on hover, and a slider to seek with pointer or keys.
 */
export function Timeline({ review }: { review: Review }) {
  const { playback, recording, recordingId } = review;
  const width = useMemo(() => signal(0), []);
  const root = useRef<HTMLDivElement>(null);
  const track = useRef<HTMLDivElement>(null);
  const playhead = useRef<HTMLDivElement>(null);
  const rangeBox = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLDivElement>(null);
  const previewImage = useRef<HTMLDivElement>(null);
  const previewTime = useRef<HTMLSpanElement>(null);
  const thumbs = useRef<Thumbnail[] | null>(null);
  const peaks = useMemo(() => signal<Peaks | null>(null), []);
  const processed = recording.status === 'ready';

  const layout = useMemo(() => computed(() => {
    const w = width.value;
    const d = playback.durationMs.value;
    const points: Point[] = [];
    const ranges: Span[] = [];
    const clips: Span[] = [];
    const names = new Map<string, string>();
    const byId = new Map<string, Item>();
    for (const item of review.items.value) {
      byId.set(item.id, item);
      if (item.thread) {
        const t = item.thread;
        const color = colorOf(t.tags);
        names.set(t.id!, `${t.author?.displayName}: ${excerpt(t.deleted ? 'deleted comment' : t.body)}`);
        if (t.endMs != null) ranges.push({ id: t.id!, startMs: t.startMs ?? 0, endMs: t.endMs, color });
        else points.push({ id: t.id!, startMs: t.startMs ?? 0, color });
      } else if (item.clip) {
        const c = item.clip;
        names.set(c.id!, c.title ?? '');
        clips.push({ id: c.id!, startMs: c.startMs ?? 0, endMs: c.endMs ?? 0, color: colorOf(c.tags) });
      }
    }
    return { groups: groupMarkers(points, d, w), ranges: layoutBars(ranges, d, w, 2), clips: layoutBars(clips, d, w, 1), names, byId };
  }), [review]);
  const valueNow = useMemo(() => computed(() => Math.floor(playback.currentMs.value / 1000)), [playback]);
  const valueText = useMemo(() => computed(() =>
    `${spokenTime(playback.currentMs.value)} of ${spokenTime(playback.durationMs.value)}`), [playback]);

  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => (width.value = Math.round(entry.contentRect.width)));
    observer.observe(track.current!);
    return () => observer.disconnect();
  }, []);

  // The waveform: fetched once, drawn again when the strip changes width.
  useEffect(() => {
    if (!processed || recording.media?.hasAudio === false) return;
    let current = true;
    fetch(mediaUrl(recordingId, 'peaks.json'), { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((json) => current && (peaks.value = parsePeaks(json)))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, []);
  useSignalEffect(() => {
    const data = peaks.value;
    const w = width.value;
    const element = canvas.current;
    if (!data || !element || w === 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(w * ratio);
    element.height = Math.round(28 * ratio);
    const g = element.getContext('2d');
    if (!g) return;
    const heights = columnHeights(data, Math.round(w / 2));
    g.clearRect(0, 0, element.width, element.height);
    g.fillStyle = '#9aa7b8';
    const mid = element.height / 2;
    const column = element.width / heights.length;
    heights.forEach((h, i) => {
      const half = Math.max(0.5 * ratio, h * mid);
      g.fillRect(i * column, mid - half, Math.max(1, column - ratio * 0.5), half * 2);
    });
  });

  // The playhead follows the video each frame while it plays, and every seek otherwise.
  useSignalEffect(() => {
    const d = playback.durationMs.value;
    const w = width.value;
    const place = (ms: number) => {
      if (playhead.current) playhead.current.style.transform = `translateX(${d > 0 ? (ms / d) * w : 0}px)`;
    };
    place(playback.currentMs.value);
    if (!playback.playing.value) return;
    let frame = requestAnimationFrame(function tick() {
      place(playback.now());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  });
  useSignalEffect(() => {
    const box = rangeBox.current;
    const d = playback.durationMs.value;
    const w = width.value;
    const from = review.inMs.value;
    const to = review.outMs.value;
    if (!box) return;
    box.hidden = from === null && to === null;
    const start = from ?? to ?? 0;
    const end = to ?? from ?? 0;
    box.style.left = `${d > 0 ? (start / d) * w : 0}px`;
    box.style.width = `${Math.max(2, d > 0 ? ((end - start) / d) * w : 0)}px`;
  });

  async function loadThumbnails() {
    if (thumbs.current || !processed) return;
    thumbs.current = [];
    try {
      const response = await fetch(mediaUrl(recordingId, 'thumbnails.vtt'), { credentials: 'same-origin' });
      if (response.ok) thumbs.current = parseThumbnails(await response.text(), new URL(mediaUrl(recordingId, 'thumbnails.vtt'), window.location.href).toString());
    } catch {
      thumbs.current = null;
    }
  }

  const pending = useRef(0);
  const seeking = useRef(false);
  function at(event: PointerEvent) {
    const rect = track.current!.getBoundingClientRect();
    return { ms: timeAt(event.clientX, rect.left, rect.width, playback.durationMs.value), x: event.clientX - rect.left, w: rect.width };
  }
  function showPreview(event: PointerEvent) {
    const { ms, x, w } = at(event);
    cancelAnimationFrame(pending.current);
    pending.current = requestAnimationFrame(() => {
      const box = preview.current;
      const image = previewImage.current;
      if (!box || !image) return;
      const tile = thumbs.current ? thumbnailAt(thumbs.current, ms) : null;
      image.hidden = !tile;
      if (tile) {
        image.style.backgroundImage = `url("${tile.url}")`;
        image.style.backgroundPosition = `-${tile.x}px -${tile.y}px`;
        image.style.width = `${tile.w}px`;
        image.style.height = `${tile.h}px`;
      }
      const half = (tile?.w ?? 60) / 2;
      box.style.transform = `translateX(${Math.min(Math.max(0, x - half), Math.max(0, w - 2 * half))}px)`;
      previewTime.current!.textContent = formatTime(ms);
      box.hidden = false;
      if (seeking.current) playback.seek(ms);
    });
  }

  function onKeyDown(event: KeyboardEvent) {
    const steps: Record<string, number> = {
      ArrowLeft: -SLIDER_STEP_MS, ArrowDown: -SLIDER_STEP_MS, ArrowRight: SLIDER_STEP_MS, ArrowUp: SLIDER_STEP_MS,
      PageDown: -PAGE_STEP_MS, PageUp: PAGE_STEP_MS,
    };
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key in steps) playback.skip(steps[event.key]);
    else if (event.key === 'Home') playback.seek(0);
    else if (event.key === 'End') playback.seek(playback.durationMs.value);
    else return;
    // The page's own shortcuts (←/→) must not move it a second time.
    event.preventDefault();
  }

  const { groups, ranges, clips, names, byId } = layout.value;
  return (
    <div class="timeline" ref={root}>
      <div class="timeline-lane markers" role="group" aria-label="Comment markers">
        {groups.map((group) => {
          const single = group.ids.length === 1;
          const label = single
            ? `Comment at ${formatTime(group.firstMs)}, ${names.get(group.ids[0])}`
            : `${group.ids.length} comments from ${formatTime(group.firstMs)} to ${formatTime(group.lastMs)}`;
          return (
            <button key={group.ids[0]} type="button" tabIndex={-1} class={single ? 'marker' : 'marker group'} aria-label={label} title={label}
              style={{ left: `${group.x}px`, backgroundColor: group.color ?? undefined }}
              onClick={() => review.select(byId.get(group.ids[0]))}>
              {single ? '' : group.ids.length > 99 ? '99+' : group.ids.length}
            </button>
          );
        })}
      </div>
      {ranges.length + clips.length > 0 && (
        <div class="timeline-lane bars" role="group" aria-label="Ranges and clips">
          {ranges.map((bar) => <BarButton key={bar.id} kind="range" bar={bar} name={names.get(bar.id) ?? ''} item={byId.get(bar.id)} review={review} />)}
          {clips.map((bar) => <BarButton key={bar.id} kind="clip" bar={bar} name={names.get(bar.id) ?? ''} item={byId.get(bar.id)} review={review} />)}
        </div>
      )}
      <div ref={track} class="timeline-track" role="slider" tabIndex={0} aria-label="Position in the lesson"
        aria-valuemin={0} aria-valuemax={Math.floor(playback.durationMs.value / 1000)} aria-valuenow={valueNow} aria-valuetext={valueText}
        onKeyDown={onKeyDown}
        onPointerEnter={() => void loadThumbnails()}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          seeking.current = true;
          playback.scrubbing.value = true;
          track.current!.setPointerCapture(event.pointerId);
          playback.seek(at(event).ms);
        }}
        onPointerMove={showPreview}
        onPointerUp={(event) => track.current!.releasePointerCapture(event.pointerId)}
        onLostPointerCapture={() => {
          seeking.current = false;
          playback.scrubbing.value = false;
        }}
        onPointerLeave={() => {
          if (!seeking.current && preview.current) preview.current.hidden = true;
        }}>
        <canvas ref={canvas} class="waveform" aria-hidden="true" />
        <div ref={rangeBox} class="in-out" hidden aria-hidden="true" />
        <div ref={playhead} class="playhead" aria-hidden="true" />
      </div>
      <div ref={preview} class="scrub-preview" hidden aria-hidden="true">
        <div ref={previewImage} class="scrub-image" hidden />
        <span ref={previewTime} />
      </div>
    </div>
  );
}

type BarProps = { kind: 'range' | 'clip'; bar: Bar; name: string; item: Item | undefined; review: Review };

function BarButton({ kind, bar, name, item, review }: BarProps) {
  const label = `${kind === 'clip' ? 'Clip' : 'Range comment'} ${formatTime(item?.startMs)}, ${name}`;
  return (
    <button type="button" tabIndex={-1} class={`bar ${kind} lane-${bar.lane}`} aria-label={label} title={label}
      style={{ left: `${bar.left}px`, width: `${bar.width}px`, backgroundColor: bar.color }}
      onClick={() => review.select(item)} />
  );
}
