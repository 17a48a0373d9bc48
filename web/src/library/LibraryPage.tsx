import { useEffect, useRef, useState } from 'preact/hooks';
import type { Recording } from '../api/client';
import { me } from '../session/session';
import { shareEndsSoon } from '../ui/shareEnd';
import { applyFilters, filters, isFiltered, NO_FILTERS, STATUS_CHOICES, subjectsOf, type Filters } from './filters';
import { recordings, recordingsError, watchRecordings } from './liveRecordings';
import { RecordingRow } from './RecordingRow';
import { RoomList } from '../debrief/RoomList';
import { RetentionNotice } from './RetentionNotice';
import './library.css';

/** My recordings and the ones shared with me, with their status kept live. */
export default function LibraryPage() {
  useEffect(() => watchRecordings(), []);
  const teacher = me.value?.role === 'teacher';
  const list = recordings.value;
  const announcement = useStatusAnnouncements(list);
  const shown = list ? applyFilters(list, filters.value) : [];

  return (
    <section class="page library" aria-labelledby="library-title">
      <div class="page-head">
        <h1 id="library-title">{teacher ? 'My lessons' : 'Recordings'}</h1>
        {teacher && <a class="button primary" href="/upload">Upload lessons</a>}
      </div>
      {teacher && <RetentionNotice />}
      <RoomList />
      {recordingsError.value && (
        <p class="notice warning" role="alert">
          The list could not be refreshed: {recordingsError.value} Lessonloop keeps trying.
        </p>
      )}
      {list && <SharesEndingSoon list={list} />}
      {list === undefined ? (
        !recordingsError.value && <p class="loading" role="status">Loading recordings…</p>
      ) : list.length === 0 ? (
        <EmptyLibrary teacher={teacher} />
      ) : (
        <>
          <FilterBar list={list} />
          <p class="result-count" role="status">
            {shown.length === list.length ? `${list.length} recording${list.length === 1 ? '' : 's'}`
              : `${shown.length} of ${list.length} recordings match`}
          </p>
          {shown.length === 0 ? (
            <div class="card empty">
              <p>No recordings match these filters.</p>
              <button type="button" class="button" onClick={() => (filters.value = NO_FILTERS)}>Clear filters</button>
            </div>
          ) : (
            <ul class="rec-list" aria-label="Recordings">
              {shown.map((r) => <RecordingRow key={r.id} recording={r} />)}
            </ul>
          )}
        </>
      )}
      <p class="visually-hidden" role="status">{announcement}</p>
    </section>
  );
}

/** Warns the teacher before a share of hers lapses, so she can extend it from the lesson's Share dialog. */
function SharesEndingSoon({ list }: { list: Recording[] }) {
  const ending = list.flatMap((r) => {
    const when = r.access === 'owner' ? shareEndsSoon(r.shareEndsAt) : null;
    return when ? [{ r, when }] : [];
  });
  if (ending.length === 0) return null;
  return (
    <div class="notice warning" role="status" aria-label="Shares ending soon">
      <p>{ending.length === 1 ? 'A share of one of your lessons ends soon.' : `Shares of ${ending.length} of your lessons end soon.`}
        {' '}To extend one, open the lesson and choose Share.</p>
      <ul class="plain">
        {ending.map(({ r, when }) => <li key={r.id}><a href={`/recordings/${r.id}`}>{r.title}</a>: {when.toLowerCase()}</li>)}
      </ul>
    </div>
  );
}

function EmptyLibrary({ teacher }: { teacher: boolean }) {
  if (!teacher) {
    return (
      <div class="card empty">
        <h2>Nothing shared with you yet</h2>
        <p>When a teacher shares a lesson with you, it appears here, and on your coach home.</p>
      </div>
    );
  }
  return (
    <div class="card empty">
      <h2>Start with your first lesson</h2>
      <ol class="steps">
        <li>Record a lesson on your phone, tablet or laptop (any length; MP4 or MOV is fine).</li>
        <li>Upload the video file here. If the connection drops or you close the laptop, it continues where it stopped.</li>
        <li>Watch it back, add notes, and share it with your coach when you are ready. Until then only you can see it.</li>
      </ol>
      <a class="button primary" href="/upload">Upload your first lesson</a>
    </div>
  );
}

function FilterBar({ list }: { list: Recording[] }) {
  const f = filters.value;
  const set = (patch: Partial<Filters>) => (filters.value = { ...filters.value, ...patch });
  const subjects = subjectsOf(list);
  const mixed = list.some((r) => r.access === 'owner') && list.some((r) => r.access !== 'owner');
  return (
    <form class="filters" role="search" aria-label="Filter recordings" onSubmit={(e) => e.preventDefault()}>
      <label class="filter-text">
        Search titles
        <input type="search" value={f.text} onInput={(e) => set({ text: e.currentTarget.value })} />
      </label>
      <label>
        Subject
        <select value={f.subject} onChange={(e) => set({ subject: e.currentTarget.value })}>
          <option value="">All subjects</option>
          {subjects.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        Lesson date from
        <input type="date" value={f.from} max={f.to || undefined} onInput={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label>
        Lesson date to
        <input type="date" value={f.to} min={f.from || undefined} onInput={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <label>
        Status
        <select value={f.status} onChange={(e) => set({ status: e.currentTarget.value as Filters['status'] })}>
          {STATUS_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </label>
      {mixed && (
        <label>
          Whose
          <select value={f.whose} onChange={(e) => set({ whose: e.currentTarget.value as Filters['whose'] })}>
            <option value="">Mine and shared with me</option>
            <option value="mine">Mine</option>
            <option value="shared">Shared with me</option>
          </select>
        </label>
      )}
      {isFiltered(f) && (
        <button type="button" class="button subtle filter-clear" onClick={() => (filters.value = NO_FILTERS)}>Clear filters</button>
      )}
    </form>
  );
}

/**
 * Says once, politely, when a recording becomes playable, ready or failed, so a screen-reader
 * user need not re-read the list on every refresh.
 */
function useStatusAnnouncements(list: Recording[] | undefined): string {
  const previous = useRef<Map<string, string> | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!list) return;
    const now = new Map(list.map((r) => [r.id ?? '', stage(r)]));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    const news = list.filter((r) => before.has(r.id ?? '') && before.get(r.id ?? '') !== now.get(r.id ?? '')).map(describe).filter(Boolean);
    if (news.length) setMessage(news.join(' '));
  }, [list]);
  return message;
}

function stage(r: Recording): string {
  return r.status === 'processing' && r.media?.playable ? 'playable' : r.status ?? '';
}

function describe(r: Recording): string {
  switch (stage(r)) {
    case 'playable': return `“${r.title}” can be watched now.`;
    case 'ready': return `“${r.title}” is ready.`;
    case 'failed': return `“${r.title}” failed: ${r.statusReason ?? ''}`;
    default: return '';
  }
}
