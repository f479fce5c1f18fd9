import { useEffect, useRef } from 'react';
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
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="aw-dialog" aria-labelledby="bevestig-titel" onCancel={onCancel} onClose={onCancel}>
      <Heading level={2} id="bevestig-titel">
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
