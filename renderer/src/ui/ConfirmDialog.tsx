import { useEffect, useId, useRef } from 'react';
import { t } from '../../../shared/i18n';
import { Button } from './Button';
import { Heading, Paragraph } from './Heading';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question on the native <dialog>: focus is trapped, Escape cancels, and it opens on the safe
 * choice ("Annuleren"), so Enter right away changes nothing.
 */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Unique per dialog: a page with two confirmations (wijken and back-ups) must not share an id.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal() focuses the first button (the dangerous one) unless a child has the `autofocus`
      // attribute, which React never renders (its autoFocus only focuses on mount, while the dialog
      // is still closed). So the safe choice is focused here, once the dialog is open.
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="aw-dialog aw-dialog--framed" aria-labelledby={titleId} onCancel={onCancel} onClose={onCancel}>
      <div className="aw-dialog__frame">
        <div className="aw-dialog__body">
          <Heading level={2} id={titleId}>
            {title}
          </Heading>
          <Paragraph>{message}</Paragraph>
        </div>
        <div className="aw-dialog__footer aw-button-row">
          <Button appearance="danger" onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button appearance="secondary" onClick={onCancel} ref={cancelRef}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
