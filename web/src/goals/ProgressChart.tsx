import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
// A stylesheet file of this chunk (Vite emits CSS, loaded by <link>): the CSP's style-src 'self' allows it.
import 'uplot/dist/uPlot.min.css';
import { formatDate } from '../ui/format';
import { formatValue, type Measurement } from './model';

export type ChartProps = {
  measurements: Measurement[];
  baseline: number | null;
  target: number | null;
};

const DAY = 86_400;
const COLORS = { value: '#1d5fd1', baseline: '#5f6b7a', target: '#1e7a3c' };

/** Local midnight of an API date, in seconds (uPlot's time unit). */
function seconds(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y, m - 1, d).getTime() / 1000;
}

function summary({ measurements, baseline, target }: ChartProps): string {
  const first = measurements[0];
  const last = measurements[measurements.length - 1];
  const parts = [`Progress chart of ${measurements.length} measurement${measurements.length === 1 ? '' : 's'}`];
  parts.push(measurements.length === 1
    ? `${formatValue(first.value)} on ${formatDate(first.date)}`
    : `from ${formatValue(first.value)} on ${formatDate(first.date)} to ${formatValue(last.value)} on ${formatDate(last.date)}`);
  if (baseline !== null) parts.push(`baseline ${formatValue(baseline)}`);
  if (target !== null) parts.push(`target ${formatValue(target)}`);
  return `${parts.join(', ')}. The table lists every value.`;
}

/** The measurements over time as a line, with the baseline and the target as dashed lines (uPlot). */
export function ProgressChart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const { measurements, baseline, target } = props;
  // The parent hands a fresh array every render; the chart is redrawn only when a value changed.
  const drawn = measurements.map((m) => `${m.id}:${m.date}:${m.value}`).join(',');

  useEffect(() => {
    const element = box.current!;
    const xs = measurements.map((m) => seconds(m.date!));
    const ys = measurements.map((m) => m.value ?? null);
    const first = xs[0];
    const last = xs[xs.length - 1];
    const lines = ([[baseline, COLORS.baseline], [target, COLORS.target]] as const)
      .filter((line): line is readonly [number, string] => line[0] !== null);
    const chart = new uPlot({
      width: Math.max(240, element.clientWidth),
      height: 240,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        // From the data, not uPlot's guess (one point in time gets ~1000 days after it): one
        // measurement, or all on one day, gets a week around it, so the point is not on the edge.
        x: { time: true, range: () => (first === last ? [first - 3 * DAY, last + 3 * DAY] : [first - DAY / 2, last + DAY / 2]) },
        // The baseline and the target are always in view.
        y: {
          range: (_u, min, max) => {
            const values = [min, max, ...lines.map(([value]) => value)].filter(Number.isFinite);
            const low = Math.min(...values);
            const high = Math.max(...values);
            const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
            return [low - pad, high + pad];
          },
        },
      },
      axes: [{ stroke: '#4a5566' }, { stroke: '#4a5566' }],
      series: [{}, { label: 'Value', stroke: COLORS.value, width: 2, points: { show: true, size: 8, fill: COLORS.value } }],
      // The baseline and the target as dashed lines across the whole chart (a series would only
      // join the measurements' dates, and draw nothing for a single one).
      hooks: {
        draw: [(u) => {
          const { ctx, bbox } = u;
          ctx.save();
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
          for (const [value, color] of lines) {
            const y = Math.round(u.valToPos(value, 'y', true));
            ctx.strokeStyle = color;
            ctx.beginPath();
            ctx.moveTo(bbox.left, y);
            ctx.lineTo(bbox.left + bbox.width, y);
            ctx.stroke();
          }
          ctx.restore();
        }],
      },
    }, [xs, ys], element);

    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(240, element.clientWidth), height: 240 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [drawn, baseline, target]);

  return (
    <figure class="progress-chart">
      <div ref={box} role="img" aria-label={summary(props)} />
      <figcaption>
        <ul class="chart-key">
          <li><span class="key-line value" aria-hidden="true" />Measured value</li>
          {baseline !== null && <li><span class="key-line baseline" aria-hidden="true" />Baseline</li>}
          {target !== null && <li><span class="key-line target" aria-hidden="true" />Target</li>}
        </ul>
      </figcaption>
    </figure>
  );
}
