import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CurrentUser } from '../../../shared/api/council';
import { t } from '../../../shared/i18n';
import { ApiCallError } from '../../../shared/result';
import { apiWrite } from '../data/queries';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { Heading, Paragraph } from '../ui/Heading';

/** Asks who is working, at first start and from the sidebar; the name goes on every record. */
export function FirstStartDialog({
  initialName,
  onSaved,
  onClose,
}: {
  initialName: string;
  onSaved(user: CurrentUser): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onSaved(await apiWrite('user.update', { name }));
    } catch (caught) {
      if (caught instanceof ApiCallError) setError(caught.issues[0]?.message ?? caught.message);
      else throw caught;
    }
  }

  return (
    <dialog ref={ref} className="aw-dialog aw-dialog--framed" aria-labelledby="gebruiker-titel" onClose={onClose}>
      <form className="aw-dialog__frame" onSubmit={submit} noValidate>
        <div className="aw-dialog__body">
          <Heading level={2} id="gebruiker-titel">
            {t('user.title')}
          </Heading>
          <Paragraph>{t('user.intro')}</Paragraph>
          <TextField
            label={t('user.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="name"
            autoFocus
            {...(error ? { error } : {})}
          />
        </div>
        <div className="aw-dialog__footer aw-button-row">
          <Button appearance="primary" type="submit">
            {t('user.confirm')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
