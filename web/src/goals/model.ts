import type { Schemas } from '../api/client';

export type Goal = Schemas['Goal'];
export type GoalChange = Schemas['GoalChange'];
export type Measurement = Schemas['Measurement'];
export type Evidence = Schemas['Evidence'];
export type Phase = NonNullable<Goal['phase']>;
export type Status = NonNullable<Goal['status']>;

/** The Impact Cycle (Jim Knight): identify a goal, learn a strategy, improve until the goal is met. */
export const PHASES: { code: Phase; name: string; hint: string }[] = [
  { code: 'identify', name: 'Identify', hint: 'Choose a goal from what the video shows' },
  { code: 'learn', name: 'Learn', hint: 'Learn a teaching strategy to reach it' },
  { code: 'improve', name: 'Improve', hint: 'Try it, measure, adjust' },
];

export const STATUS_NAMES: Record<Status, string> = { active: 'Active', met: 'Met', archived: 'Archived' };

const STATUS_ORDER: Record<Status, number> = { active: 0, met: 1, archived: 2 };

/** Active goals first, then met, then archived; newest first within each (the server's order). */
export function byStatus(goals: Goal[]): Goal[] {
  return goals
    .map((goal, index) => ({ goal, index }))
    .sort((a, b) => STATUS_ORDER[a.goal.status ?? 'active'] - STATUS_ORDER[b.goal.status ?? 'active'] || a.index - b.index)
    .map(({ goal }) => goal);
}

/** The number in a baseline or target such as "40 %" or "12 of 25 students", for the chart's lines. */
export function leadingNumber(text: string | null | undefined): number | null {
  const found = /-?\d+(?:[.,]\d+)?/.exec(text ?? '');
  return found ? Number(found[0].replace(',', '.')) : null;
}

/** Today as the API writes dates (2026-11-20), in the person's own time zone. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function formatValue(value: number | undefined): string {
  return value == null ? '–' : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}
