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

/** A modal question on the native <dialog>: focus is trapped, Escape cancels. */
export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // Unique per dialog: a page with two confirmations (wijken and back-ups) must not share an id.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="aw-dialog" aria-labelledby={titleId} onCancel={onCancel} onClose={onCancel}>
      <Heading level={2} id={titleId}>
        {title}
      </Heading>
      <Paragraph>{message}</Paragraph>
      <div className="aw-button-row">
        <Button appearance="danger" onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button appearance="secondary" onClick={onCancel} autoFocus>
          {t('common.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
