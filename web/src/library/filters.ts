import { signal } from '@preact/signals';
import type { Recording } from '../api/client';

/** What the library is narrowed to; kept while the person moves between pages. */
export type Filters = { text: string; subject: string; from: string; to: string; status: StatusFilter; whose: Whose };
export type StatusFilter = '' | 'uploading' | 'processing' | 'ready' | 'failed';
export type Whose = '' | 'mine' | 'shared';

export const NO_FILTERS: Filters = { text: '', subject: '', from: '', to: '', status: '', whose: '' };
export const filters = signal<Filters>(NO_FILTERS);

export const STATUS_CHOICES: { value: StatusFilter; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'uploading', label: 'Uploading' },
  { value: 'processing', label: 'Processing' },
  { value: 'ready', label: 'Ready' },
  { value: 'failed', label: 'Failed' },
];

const STATUS_GROUPS: Record<Exclude<StatusFilter, ''>, string[]> = {
  uploading: ['awaiting_upload', 'uploading'],
  processing: ['uploaded', 'processing'],
  ready: ['ready'],
  failed: ['failed'],
};

export function isFiltered(f: Filters): boolean {
  return Object.values(f).some((v) => v !== '');
}

export function applyFilters(list: Recording[], f: Filters): Recording[] {
  const text = f.text.trim().toLocaleLowerCase();
  return list.filter((r) => {
    if (text && !(r.title ?? '').toLocaleLowerCase().includes(text)) return false;
    if (f.subject && r.subject !== f.subject) return false;
    // ISO dates compare as text; a recording without a date is outside any date range.
    if (f.from && !(r.lessonDate && r.lessonDate >= f.from)) return false;
    if (f.to && !(r.lessonDate && r.lessonDate <= f.to)) return false;
    if (f.status && !STATUS_GROUPS[f.status].includes(r.status ?? '')) return false;
    if (f.whose === 'mine' && r.access !== 'owner') return false;
    if (f.whose === 'shared' && r.access === 'owner') return false;
    return true;
  });
}

/** The subjects the list has, for the subject filter. */
export function subjectsOf(list: Recording[]): string[] {
  return [...new Set(list.map((r) => r.subject).filter((s): s is string => !!s))].sort((a, b) => a.localeCompare(b));
}
