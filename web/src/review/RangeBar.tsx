import { useState } from 'preact/hooks';
import { api, call, messageOf } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { formatTime } from '../ui/format';
import type { Review } from './review';
import { TagPicker } from './TagPicker';

function ClipDialog({ review, onClose }: { review: Review; onClose: () => void }) {
  const range = review.range.value!;
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [goalId, setGoalId] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function create(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const clip = await call(api.POST('/api/recordings/{recordingId}/clips', {
        params: { path: { recordingId: review.recordingId } },
        body: { title: title.trim(), note: note.trim() || null, startMs: range.startMs, endMs: range.endMs, tagIds: goalId ? [...tagIds, goalId] : tagIds },
      }));
      review.store.putClip(clip);
      review.selectedId.value = clip.id!;
      review.announcement.value = `Clip “${clip.title}” made`;
      onClose();
    } catch (e) {
      setError(`The clip was not made: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open title={`Make a clip of ${formatTime(range.startMs)} to ${formatTime(range.endMs)}`} onClose={onClose}>
      <form class="stack" onSubmit={create}>
        <label>
          Name
          <input value={title} required maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          Note
          <textarea value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div>
          <TagPicker review={review} goals={false} selected={tagIds} onChange={setTagIds} label="Framework tags" />
        </div>
        <label>
          Goal
          <select value={goalId} onChange={(e) => setGoalId(e.currentTarget.value)}>
            <option value="">No goal</option>
            {review.goals.value.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        </label>
        {error && <p class="notice error" role="alert">{error}</p>}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>{busy ? 'Making the clip…' : 'Make clip'}</button>
          <button type="button" class="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

/** In and out points (I and O), and what a range is for: a range comment or a clip. */
export function RangeBar({ review }: { review: Review }) {
  const [clipping, setClipping] = useState(false);
  const from = review.inMs.value;
  const to = review.outMs.value;
  const range = review.range.value;
  return (
    <div class="range-bar" role="group" aria-label="Comment or clip">
      <button type="button" class="button small primary" onClick={() => review.startComposing()} disabled={!!review.composing.value}>
        {range ? 'Comment on the range' : 'Comment here'} <kbd>C</kbd>
      </button>
      <span class="range-points">
        <button type="button" class="button small" onClick={() => review.setIn()}>Set in <kbd>I</kbd></button>
        <span class="point">{from === null ? 'In –' : `In ${formatTime(from)}`}</span>
        <button type="button" class="button small" onClick={() => review.setOut()}>Set out <kbd>O</kbd></button>
        <span class="point">{to === null ? 'Out –' : `Out ${formatTime(to)}`}</span>
        {(from !== null || to !== null) && <button type="button" class="button small subtle" onClick={() => review.clearRange()}>Clear range</button>}
      </span>
      {review.canComment && (
        <button type="button" class="button small" disabled={!range} onClick={() => setClipping(true)}
          title={range ? undefined : 'Set an in and an out point first (I and O)'}>
          Make a clip
        </button>
      )}
      {clipping && range && <ClipDialog review={review} onClose={() => setClipping(false)} />}
    </div>
  );
}
