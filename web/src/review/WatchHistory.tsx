import { useEffect, useState } from 'preact/hooks';
import { api, call, messageOf, type Schemas } from '../api/client';
import { browserTimeZone } from '../ui/format';

type Line = Schemas['WatchLine'];

/** What a viewer did right after watching joins their playback line ("…; exported clip 'Turn and talk'"). */
const FOLLOW_UP_MS = 10 * 60_000;
const FOLLOW_UPS = new Set(['clip.exported', 'comments.exported']);

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "12 min", "45 s": time spent playing. */
export function watchedFor(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.round(ms / 60_000)} min`;
}

function who(line: Line): string {
  const name = line.actorName ?? 'A former member';
  return line.actorRole ? `${name} (${line.actorRole})` : name;
}

function what(line: Line): string {
  const subject = line.subjectName ?? 'a colleague';
  switch (line.action) {
    case 'share.granted': return `shared it with ${subject} (${line.detail ?? 'view'})`;
    case 'share.changed': return `changed ${subject}'s access to ${line.detail}`;
    case 'share.end-changed': return line.detail === 'no end' ? `let ${subject}'s access run until revoked` : `set ${subject}'s access to end`;
    case 'share.revoked': return `stopped sharing it with ${subject}`;
    case 'clip.exported': return `exported clip '${line.detail ?? ''}'`;
    case 'comments.exported': return `downloaded the comments (${line.detail ?? 'file'})`;
    case 'recording.viewed': return 'opened the lesson';
    default: return line.action ?? 'did something';
  }
}

type Sentence = { key: string; text: string; at: number };

/** One sentence per line of the history, newest first, follow-ups folded into the playback they followed. */
export function sentences(lines: Line[]): Sentence[] {
  const folded = new Set<Line>();
  const out: Sentence[] = [];
  for (const line of lines) {
    if (line.kind !== 'playback') continue;
    const start = new Date(line.at);
    const end = new Date(line.until ?? line.at);
    const after = lines.filter((l) => l.kind === 'event' && FOLLOW_UPS.has(l.action ?? '') && l.actorId === line.actorId
      && new Date(l.at) >= start && new Date(l.at).getTime() <= end.getTime() + FOLLOW_UP_MS && !folded.has(l));
    after.forEach((l) => folded.add(l));
    const extra = after.reverse().map((l) => `; ${what(l)}`).join('');
    out.push({ key: `${line.at}-${line.actorId}`, at: start.getTime(),
      text: `${who(line)} watched ${watchedFor(line.watchedMs ?? 0)} on ${day.format(start)}, ${clock.format(start)}–${clock.format(end)}${extra}` });
  }
  for (const line of lines) {
    if (line.kind !== 'event' || folded.has(line)) continue;
    const at = new Date(line.at);
    const text = line.action === 'share.expired'
      ? `${line.subjectName ?? 'A colleague'}'s access ended on ${day.format(at)}, ${clock.format(at)} (the share lapsed)`
      : `${who(line)} ${what(line)} on ${day.format(at)}, ${clock.format(at)}`;
    out.push({ key: `${line.at}-${line.action}-${line.actorId}`, at: at.getTime(), text });
  }
  return out.sort((a, b) => b.at - a.at);
}

/** Who watched my lesson, and who shared, exported or stopped sharing it: the owner's eyes only. */
export function WatchHistory({ recordingId }: { recordingId: string }) {
  const [lines, setLines] = useState<Line[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call(api.GET('/api/recordings/{recordingId}/watch-history', { params: { path: { recordingId } } }))
      .then(setLines, (e) => setError(`The history could not be loaded: ${messageOf(e)}`));
  }, [recordingId]);

  if (error) return <p class="notice error" role="alert">{error}</p>;
  if (lines === null) return <p class="muted" role="status">Loading…</p>;
  const shown = sentences(lines);
  return (
    <section aria-labelledby="watch-history-title">
      <h3 id="watch-history-title">Who watched</h3>
      <p class="muted">Only you see this. Times are in {browserTimeZone()}.</p>
      {shown.length === 0 ? <p class="muted">Nobody else has watched it yet.</p> : (
        <ul class="plain" aria-label="Who watched and what they did">
          {shown.map((s) => <li key={s.key}>{s.text}</li>)}
        </ul>
      )}
    </section>
  );
}
