// The review page's keyboard map, YouTube-like, as data: the help dialog lists it and one
// dispatcher reads it, so what is shown is what works. No imports, so it is unit-tested in Node.

export type PlayerAction =
  | 'togglePlay' | 'back10' | 'forward10' | 'back5' | 'forward5' | 'prevFrame' | 'nextFrame'
  | 'slower' | 'faster' | 'comment' | 'setIn' | 'setOut' | 'prevComment' | 'nextComment'
  | 'applyTag' | 'mute' | 'fullscreen' | 'help';

export type ComposerAction = 'post' | 'cancel';

export type Binding<A> = {
  /** KeyboardEvent.key values; letters are matched without regard to case. */
  keys: readonly string[];
  /** How the help dialog names the keys. */
  shown: string;
  action: A;
  does: string;
  ctrl?: boolean;
};

export const PLAYER_KEYS: readonly Binding<PlayerAction>[] = [
  { keys: [' ', 'k'], shown: 'Space or K', action: 'togglePlay', does: 'Play or pause' },
  { keys: ['j'], shown: 'J', action: 'back10', does: 'Back 10 seconds' },
  { keys: ['l'], shown: 'L', action: 'forward10', does: 'Forward 10 seconds' },
  { keys: ['ArrowLeft'], shown: '←', action: 'back5', does: 'Back 5 seconds' },
  { keys: ['ArrowRight'], shown: '→', action: 'forward5', does: 'Forward 5 seconds' },
  { keys: [','], shown: ',', action: 'prevFrame', does: 'One frame back (pauses)' },
  { keys: ['.'], shown: '.', action: 'nextFrame', does: 'One frame forward (pauses)' },
  { keys: ['<'], shown: '<', action: 'slower', does: 'Slower' },
  { keys: ['>'], shown: '>', action: 'faster', does: 'Faster' },
  { keys: ['c'], shown: 'C', action: 'comment', does: 'Comment at the current time (pauses while you type)' },
  { keys: ['i'], shown: 'I', action: 'setIn', does: 'Set the start (in point) of a range' },
  { keys: ['o'], shown: 'O', action: 'setOut', does: 'Set the end (out point) of a range' },
  { keys: ['['], shown: '[', action: 'prevComment', does: 'Previous comment' },
  { keys: [']'], shown: ']', action: 'nextComment', does: 'Next comment' },
  { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], shown: '1 – 9', action: 'applyTag',
    does: 'Apply the n-th framework tag to the comment just posted or selected' },
  { keys: ['m'], shown: 'M', action: 'mute', does: 'Mute or unmute' },
  { keys: ['f'], shown: 'F', action: 'fullscreen', does: 'Full screen' },
  { keys: ['?'], shown: '?', action: 'help', does: 'Show these shortcuts' },
];

export const COMPOSER_KEYS: readonly Binding<ComposerAction>[] = [
  { keys: ['Enter'], ctrl: true, shown: 'Ctrl + Enter', action: 'post', does: 'Post the comment' },
  { keys: ['Escape'], shown: 'Esc', action: 'cancel', does: 'Close the comment box (the draft is kept)' },
];

/** Inside the comment box: these complete, they are not shortcuts. */
export const COMPLETION_HINTS = [
  { shown: '#', does: 'Tag completion' },
  { shown: '@', does: 'Mention someone on this recording' },
] as const;

/** The part of a KeyboardEvent the dispatcher reads (a plain object in tests). */
export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null | { tagName?: string; isContentEditable?: boolean; type?: string; getAttribute?: (name: string) => string | null };
};

export type Dispatched<A> = { action: A; n?: number };

type TargetLike = { tagName?: string; isContentEditable?: boolean; type?: string; getAttribute?: (name: string) => string | null };

const TYPING_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Typing in a text field, a list box or an editable element: every key belongs to it. */
export function isTyping(target: KeyPress['target']): boolean {
  const t = target as TargetLike | null;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TYPING_INPUTS.has((t.type || 'text').toLowerCase());
  const role = t.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'listbox';
}

/** Space on a button, link or check box presses it, as everywhere else on the web. */
function pressesControl(key: string, target: KeyPress['target']): boolean {
  if (key !== ' ' && key !== 'Enter') return false;
  const t = target as TargetLike | null;
  const tag = t?.tagName?.toUpperCase();
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || (tag === 'INPUT' && (t?.type === 'checkbox' || t?.type === 'radio'));
}

function matches<A>(binding: Binding<A>, key: string): boolean {
  return binding.keys.some((k) => (k.length === 1 ? k === key.toLowerCase() || k === key : k === key));
}

/**
 * The player action a key press asks for, or null when it is not a shortcut here: while typing,
 * with Ctrl, Alt or Meta held (the browser's and the system's own shortcuts), or unbound.
 */
export function playerAction(press: KeyPress): Dispatched<PlayerAction> | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  if (isTyping(press.target) || pressesControl(press.key, press.target)) return null;
  const binding = PLAYER_KEYS.find((b) => matches(b, press.key));
  if (!binding) return null;
  return binding.action === 'applyTag' ? { action: 'applyTag', n: Number(press.key) } : { action: binding.action };
}

/** Inside the comment box only Ctrl+Enter (or Cmd+Enter on a Mac) and Esc act. */
export function composerAction(press: KeyPress): Dispatched<ComposerAction> | null {
  const binding = COMPOSER_KEYS.find((b) => matches(b, press.key));
  if (!binding) return null;
  const ctrl = press.ctrlKey || press.metaKey;
  if (binding.ctrl ? !ctrl : ctrl || press.altKey) return null;
  return { action: binding.action };
}
