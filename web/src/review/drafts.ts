// Comment drafts kept in the browser (localStorage, per recording) until they are posted, so a
// dropped connection, a reload or a closed lid loses no typed text.

/** `new` for the comment box, `reply.<threadId>`, `edit.<commentId>`. */
export type DraftSlot = string;

function key(recordingId: string, slot: DraftSlot) {
  return `lessonloop.draft.${recordingId}.${slot}`;
}

export function loadDraft<T>(recordingId: string, slot: DraftSlot): T | null {
  try {
    const text = window.localStorage.getItem(key(recordingId, slot));
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** Saves the draft, or forgets it when `value` is null (posted or discarded). */
export function saveDraft(recordingId: string, slot: DraftSlot, value: unknown) {
  try {
    if (value === null) window.localStorage.removeItem(key(recordingId, slot));
    else window.localStorage.setItem(key(recordingId, slot), JSON.stringify(value));
  } catch {
    // Storage full or disabled: the text stays in the box; only a reload would lose it.
  }
}
