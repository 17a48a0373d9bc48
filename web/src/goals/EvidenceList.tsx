import { api, call, type Recording, type Schemas } from '../api/client';
import { ClipPlayer } from '../player/ClipPlayer';
import { formatDate, formatTime } from '../ui/format';
import { LoadError } from '../ui/LoadError';
import { useLoad } from '../ui/useLoad';

type Label = Schemas['Label'];

/** A comment or a clip tagged with the goal, as one kind of thing to show and play. */
type Item = {
  kind: 'Comment' | 'Clip';
  id: string;
  recordingId: string;
  startMs: number;
  endMs: number;
  title: string;
  text: string | null;
  author: string;
  private: boolean;
  tags: Label[];
};

// A comment on a moment plays that moment and what follows it.
const MOMENT_MS = 10_000;

function itemsOf(evidence: Schemas['Evidence'], goalId: string): Item[] {
  const otherLabels = (tags: Label[] | undefined) => (tags ?? []).filter((t) => t.id !== goalId);
  const comments: Item[] = (evidence.comments ?? []).map((c) => ({
    kind: 'Comment',
    id: c.id!,
    recordingId: c.recordingId!,
    startMs: c.startMs ?? 0,
    endMs: c.endMs ?? (c.startMs ?? 0) + MOMENT_MS,
    title: '',
    text: c.deleted ? null : c.body ?? null,
    author: c.author?.displayName ?? '',
    private: c.visibility === 'private',
    tags: otherLabels(c.tags),
  }));
  const clips: Item[] = (evidence.clips ?? []).map((c) => ({
    kind: 'Clip',
    id: c.id!,
    recordingId: c.recordingId!,
    startMs: c.startMs ?? 0,
    endMs: c.endMs ?? 0,
    title: c.title ?? '',
    text: c.note ?? null,
    author: c.author?.displayName ?? '',
    private: false,
    tags: otherLabels(c.tags),
  }));
  return [...comments, ...clips].sort((a, b) => a.startMs - b.startMs);
}

/** The goal's evidence, lesson by lesson: each moment plays here, or opens in the review page. */
export function EvidenceList({ goalId }: { goalId: string }) {
  const evidence = useLoad(() => call(api.GET('/api/goals/{goalId}/evidence', { params: { path: { goalId } } })), [goalId]);
  const items = evidence.data ? itemsOf(evidence.data, goalId) : [];
  const recordingIds = [...new Set(items.map((i) => i.recordingId))];
  // Titles and lesson dates of the recordings the evidence is on (the caller may view each).
  const recordings = useLoad(
    () => Promise.all(recordingIds.map((recordingId) =>
      call(api.GET('/api/recordings/{recordingId}', { params: { path: { recordingId } } })).catch(() => null))),
    [recordingIds.join(',')],
  );
  const recordingOf = (id: string): Recording | undefined =>
    recordings.data?.find((r) => r?.id === id) ?? undefined;

  return (
    <section class="card evidence" aria-labelledby="evidence-title">
      <h3 id="evidence-title">Evidence</h3>
      <LoadError error={evidence.error} retry={evidence.reload} />
      {evidence.data && items.length === 0 && (
        <p>No evidence yet. When a comment or clip on one of the lessons is tagged with this goal, it shows here.</p>
      )}
      {recordingIds.map((recordingId) => {
        const recording = recordingOf(recordingId);
        const title = recording?.title ?? 'A lesson';
        return (
          <section key={recordingId} class="evidence-lesson" aria-label={title}>
            <h4>
              {title}
              {recording?.lessonDate && <span class="lesson-date"> · {formatDate(recording.lessonDate)}</span>}
            </h4>
            <ul class="evidence-items">
              {items.filter((i) => i.recordingId === recordingId).map((item) => (
                <EvidenceItem key={item.id} item={item} lessonTitle={title} durationMs={recording?.media?.durationMs ?? null} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function EvidenceItem({ item, lessonTitle, durationMs }: { item: Item; lessonTitle: string; durationMs: number | null }) {
  const endMs = durationMs ? Math.min(item.endMs, durationMs) : item.endMs;
  const what = item.kind === 'Clip' ? item.title : item.text ?? 'a deleted comment';
  return (
    <li class="evidence-item">
      <p class="evidence-meta">
        <span class="badge">{item.kind}</span>
        {item.private && <span class="badge private">Only you</span>}
        <span>{formatTime(item.startMs)}{item.kind === 'Clip' || item.endMs - item.startMs !== MOMENT_MS ? `–${formatTime(item.endMs)}` : ''}</span>
        {item.author && <span>by {item.author}</span>}
      </p>
      {item.kind === 'Clip' && <p class="evidence-title">{item.title}</p>}
      {item.text !== null ? <p class="evidence-text">{item.text}</p> : item.kind === 'Comment' && <p class="evidence-text deleted">Deleted</p>}
      {item.tags.length > 0 && (
        <ul class="tag-chips" aria-label="Tags">
          {item.tags.map((tag) => (
            <li key={tag.id} class="tag-chip">
              {tag.color && <span class="swatch" aria-hidden="true" style={{ background: tag.color }} />}
              {tag.name}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <ClipPlayer recordingId={item.recordingId} startMs={item.startMs} endMs={endMs}
          label={`${item.kind.toLowerCase()} “${what.slice(0, 80)}” in ${lessonTitle}`} />
        <a class="review-link" href={`/recordings/${encodeURIComponent(item.recordingId)}?t=${item.startMs}`}>
          Open in review at {formatTime(item.startMs)}
        </a>
      </div>
    </li>
  );
}
