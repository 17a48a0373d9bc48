import { useId, useState } from 'preact/hooks';
import type { Review } from './review';
import type { Label } from './store';

type Props = {
  review: Review;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** Goals are offered too unless false (a clip takes its goal from its own field). */
  goals?: boolean;
  /** What the button says, e.g. "Tags" or "Tags of this comment". */
  label?: string;
};

/** A disclosure with the framework tags (numbered 1–9 as on the keyboard) and the teacher's goals as check boxes. */
export function TagPicker({ review, selected, onChange, goals = true, label = 'Tags' }: Props) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  let number = 0;
  const box = (tag: Label) => {
    number++;
    return (
      <label key={tag.id} class="check tag-choice">
        <input type="checkbox" checked={selected.includes(tag.id!)} onChange={() => toggle(tag.id!)} />
        <span class="swatch" style={{ backgroundColor: tag.color ?? undefined }} aria-hidden="true" />
        <span>{tag.name}</span>
        {tag.kind === 'tag' && number <= 9 && <kbd class="key-hint" aria-hidden="true">{number}</kbd>}
      </label>
    );
  };
  const goalLabels = goals ? review.goals.value : [];
  return (
    <div class="tag-picker">
      <button type="button" class="button small subtle" aria-expanded={open} aria-controls={panel} onClick={() => {
        if (!open) void review.loadLabels();
        setOpen(!open);
      }}>
        {label}{selected.length > 0 ? ` (${selected.length})` : ''}
      </button>
      {/* The choices are put in the page only when open: a list of 1,000 comments would otherwise carry
          a hidden panel of every tag in each of its rows. */}
      <div id={panel} class="tag-panel" hidden={!open}>
        {open && <>
          {review.tagSets.value.map((set) => (
            <fieldset key={set.id}>
              <legend>{set.name}</legend>
              {(set.tags ?? []).map(box)}
            </fieldset>
          ))}
          {goalLabels.length > 0 && (
            <fieldset>
              <legend>Goals</legend>
              {goalLabels.map(box)}
            </fieldset>
          )}
          {review.tagSets.value.length === 0 && goalLabels.length === 0 && <p class="muted">No tags yet: an administrator adds tag sets, a teacher sets goals.</p>}
        </>}
      </div>
    </div>
  );
}

/** Tags as small coloured chips (text, never markup). */
export function TagChips({ tags, onRemove }: { tags: readonly Label[]; onRemove?: (tag: Label) => void }) {
  if (tags.length === 0) return null;
  return (
    <ul class="chips" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.id} class={tag.kind === 'goal' ? 'chip goal' : 'chip'} style={{ '--chip': tag.color ?? undefined }}>
          <span class="swatch" aria-hidden="true" style={{ backgroundColor: tag.color ?? undefined }} />
          {tag.kind === 'goal' ? 'Goal: ' : ''}{tag.name}
          {onRemove && (
            <button type="button" class="chip-remove" aria-label={`Remove tag ${tag.name}`} onClick={() => onRemove(tag)}>×</button>
          )}
        </li>
      ))}
    </ul>
  );
}
