import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

type Props = {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** A wider dialog for tables. */
  wide?: boolean;
};

/**
 * A modal dialog on the native <dialog>: the browser keeps focus inside and closes it with Esc;
 * focus goes back to whatever opened it.
 */
export function Dialog({ open, title, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog ref={ref} class={wide ? 'dialog wide' : 'dialog'} aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}>
      <div class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="button subtle" onClick={onClose}>Close</button>
      </div>
      {children}
    </dialog>
  );
}
