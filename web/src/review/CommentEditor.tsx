import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { filterOptions, replaceToken, tokenAt, type Token } from './completion';
import { composerAction } from './keys';
import type { Label } from './store';
import type { Person } from './review';

type Option = { id: string; name: string; color?: string | null; hint?: string };

type Props = {
  label: string;
  value: string;
  onInput: (text: string) => void;
  onPost: () => void;
  onCancel: () => void;
  /** `#` completes these (null: no tags here). */
  tags?: readonly Label[] | null;
  onTag?: (label: Label) => void;
  /** `@` completes these (null: nobody to mention, as in a private note). */
  people?: readonly Person[] | null;
  onMention?: (person: Person) => void;
  autoFocus?: boolean;
  busy?: boolean;
};

/**
 * A comment box: Ctrl+Enter posts, Esc cancels, `#` completes a tag and `@` a person. The list
 * follows the ARIA 1.2 combobox pattern on the text box (aria-activedescendant; focus stays in the box).
 */
export function CommentEditor(props: Props) {
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [token, setToken] = useState<Token | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (props.autoFocus && box.current) {
      box.current.focus();
      box.current.setSelectionRange(box.current.value.length, box.current.value.length);
    }
  }, []);

  const source: Option[] = token?.trigger === '#'
    ? (props.tags ?? []).map((t) => ({ id: t.id!, name: t.name ?? '', color: t.color, hint: t.kind === 'goal' ? 'goal' : undefined }))
    : token?.trigger === '@' ? (props.people ?? []).map((p) => ({ id: p.id, name: p.displayName })) : [];
  const enabled = token && (token.trigger === '#' ? props.tags : props.people);
  const options = enabled ? filterOptions(source, token.query) : [];
  const open = options.length > 0;

  function look(element: HTMLTextAreaElement) {
    const found = tokenAt(element.value, element.selectionStart ?? element.value.length);
    setToken(found);
    if (found?.query !== token?.query || found?.trigger !== token?.trigger) setActive(0);
  }

  function choose(option: Option) {
    if (!token || !box.current) return;
    const isTag = token.trigger === '#';
    const { text, caret } = replaceToken(box.current.value, token, isTag ? '' : `@${option.name}`);
    props.onInput(text);
    if (isTag) props.onTag?.((props.tags ?? []).find((t) => t.id === option.id)!);
    else props.onMention?.((props.people ?? []).find((p) => p.id === option.id)!);
    setToken(null);
    requestAnimationFrame(() => box.current?.setSelectionRange(caret, caret));
  }

  function onKeyDown(event: KeyboardEvent) {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
        event.preventDefault();
        choose(options[Math.min(active, options.length - 1)]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setToken(null);
        return;
      }
    }
    const action = composerAction(event);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (action.action === 'post') props.onPost();
    else props.onCancel();
  }

  const activeId = open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined;
  return (
    <div class="editor">
      <label class="editor-label">
        <span>{props.label}</span>
        <textarea ref={box} value={props.value} rows={3} maxLength={10000} disabled={props.busy}
          aria-autocomplete="list" aria-controls={open ? listId : undefined} aria-activedescendant={activeId}
          onInput={(e) => {
            props.onInput(e.currentTarget.value);
            look(e.currentTarget);
          }}
          onKeyUp={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') look(e.currentTarget);
          }}
          onClick={(e) => look(e.currentTarget)}
          onBlur={() => setTimeout(() => setToken(null), 150)}
          onKeyDown={onKeyDown} />
      </label>
      {open && (
        <ul id={listId} role="listbox" class="completion" aria-label={token!.trigger === '#' ? 'Tags' : 'People'}>
          {options.map((option, i) => (
            <li key={option.id} id={`${listId}-${i}`} role="option" aria-selected={i === Math.min(active, options.length - 1)}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}>
              {option.color && <span class="swatch" style={{ backgroundColor: option.color }} aria-hidden="true" />}
              {token!.trigger === '@' ? '@' : '#'}{option.name}
              {option.hint && <span class="hint"> ({option.hint})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
