import { useEffect, useRef } from 'react';
import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';

/** How long "Ongedaan maken" is offered; the time stands still while the pointer or focus is on the bar. */
export const UNDO_MS = 15_000;

function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}

/**
 * "Punt 2.1 is verwijderd. [Ongedaan maken] of Ctrl+Z" at the bottom of the window. Focus moves to
 * the button (the deleted item's button is gone); Ctrl+Z outside a text box undoes (in a text box it
 * stays the text's own undo); Escape or the time closes it.
 */
export function UndoBar({ message, onUndo, onClose }: { message: string; onUndo(): void; onClose(): void }) {
  const bar = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const held = useRef(false);
  const latest = useRef({ onUndo, onClose });
  latest.current = { onUndo, onClose };

  useEffect(() => {
    button.current?.focus();
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => (held.current ? arm() : latest.current.onClose()), UNDO_MS);
    };
    arm();
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z' && !editsText(event.target)) {
        event.preventDefault();
        latest.current.onUndo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
    };
  }, [message]);

  const hold = (on: boolean) => () => {
    held.current = on;
  };
  return (
    <div
      ref={bar}
      className="aw-undo-bar"
      role="region"
      aria-label={t('advicesUi.undo')}
      data-testid="undo-bar"
      onMouseEnter={hold(true)}
      onMouseLeave={hold(false)}
      onFocus={hold(true)}
      onBlur={(event) => {
        if (!bar.current?.contains(event.relatedTarget as Node | null)) held.current = false;
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') latest.current.onClose();
      }}
    >
      <p role="status">{message}</p>
      <Button ref={button} appearance="primary" onClick={() => latest.current.onUndo()}>
        {t('advicesUi.undo')}
      </Button>
      <span className="aw-muted">{t('advicesUi.undoHint')}</span>
      <Button appearance="subtle" aria-label={t('advicesUi.undoClose')} onClick={() => latest.current.onClose()}>
        ×
      </Button>
    </div>
  );
}
