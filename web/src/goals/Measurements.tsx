import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';
import { formatDate } from '../ui/format';
import { formatValue, leadingNumber, todayIso, type Goal, type Measurement } from './model';
import type { ChartProps } from './ProgressChart';

// uPlot and its stylesheet load with the first chart, not with the page.
let chartModule: Promise<ComponentType<ChartProps>> | undefined;
function loadChart() {
  chartModule ??= import('./ProgressChart').then((m) => m.ProgressChart, (e) => {
    chartModule = undefined;
    throw e;
  });
  return chartModule;
}

/** Oldest first, as the chart draws them; a measurement just added falls into place. */
/** The goal's own words for its baseline or target, unless they are just the number shown beside them. */
function spelledOut(text: string | null | undefined, value: number) {
  return text?.trim() === formatValue(value) ? '' : text;
}

function byDate(measurements: Measurement[]): Measurement[] {
  return [...measurements].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
}

type Props = { goal: Goal; onAdded: (m: Measurement) => void };

/** The goal's progress: a chart, always with the same numbers as a table beside it, and a form to add one. */
export function Measurements({ goal, onAdded }: Props) {
  const measurements = byDate(goal.measurements ?? []);
  const baseline = leadingNumber(goal.baseline);
  const target = leadingNumber(goal.target);
  const [Chart, setChart] = useState<ComponentType<ChartProps> | null>(null);
  const [chartFailed, setChartFailed] = useState(false);
  const hasPoints = measurements.length > 0;

  useEffect(() => {
    if (!hasPoints || Chart) return;
    let current = true;
    loadChart().then((c) => current && setChart(() => c), () => current && setChartFailed(true));
    return () => {
      current = false;
    };
  }, [hasPoints]);

  return (
    <section class="card measurements" aria-labelledby="measurements-title">
      <h3 id="measurements-title">Progress</h3>
      {!hasPoints && <p>No measurements yet. Record the first one below: it shows where you start.</p>}
      {hasPoints && (
        <div class="progress-views">
          <div class="chart-box">
            {Chart && <Chart measurements={measurements} baseline={baseline} target={target} />}
            {chartFailed && <p class="notice warning">The chart could not be loaded; the table has every value.</p>}
          </div>
          <table class="measurement-table">
            <caption>Measurements{goal.measure ? `: ${goal.measure}` : ''}</caption>
            <thead>
              <tr><th scope="col">Date</th><th scope="col" class="number">Value</th><th scope="col">Note</th></tr>
            </thead>
            <tbody>
              {measurements.map((m) => (
                <tr key={m.id}>
                  <td class="date">{formatDate(m.date)}</td>
                  <td class="number">{formatValue(m.value)}</td>
                  <td>{m.note}</td>
                </tr>
              ))}
            </tbody>
            {(baseline !== null || target !== null) && (
              <tfoot>
                {baseline !== null && <tr><th scope="row">Baseline</th><td class="number">{formatValue(baseline)}</td><td>{spelledOut(goal.baseline, baseline)}</td></tr>}
                {target !== null && <tr><th scope="row">Target</th><td class="number">{formatValue(target)}</td><td>{spelledOut(goal.target, target)}</td></tr>}
              </tfoot>
            )}
          </table>
        </div>
      )}
      <MeasurementForm goalId={goal.id!} onAdded={onAdded} />
    </section>
  );
}

function MeasurementForm({ goalId, onAdded }: { goalId: string; onAdded: (m: Measurement) => void }) {
  const [date, setDate] = useState(todayIso);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const number = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(number)) {
      setError('Enter the value as a number, e.g. 12 or 40.5.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const added = await call(api.POST('/api/goals/{goalId}/measurements', {
        params: { path: { goalId } },
        body: { date, value: number, note: note.trim() === '' ? null : note.trim() },
      }));
      onAdded(added);
      setValue('');
      setNote('');
      setSaid(`Measurement of ${formatValue(number)} on ${formatDate(date)} added.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="measurement-form" onSubmit={submit} aria-labelledby="add-measurement-title">
      <h4 id="add-measurement-title">Add a measurement</h4>
      {error && <p class="notice error" role="alert">{error}</p>}
      <p class="visually-hidden" role="status">{said}</p>
      <div class="form-grid">
        <label>
          Date
          <input type="date" name="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
        <label>
          Value
          <input type="text" inputMode="decimal" name="value" required value={value}
            onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
        <label class="wide">
          Note
          <input name="note" maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Adding…' : 'Add measurement'}</button>
      </div>
    </form>
  );
}
