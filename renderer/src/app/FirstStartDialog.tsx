import { useEffect, useRef } from 'react';
import { userInput, type CurrentUser } from '../../../shared/api/council';
import { t } from '../../../shared/i18n';
import { useApiMutation } from '../data/queries';
import { TextField } from '../ui/Field';
import { ContractForm, useContractForm } from '../ui/Form';
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
  const form = useContractForm(userInput, { defaultValues: { name: initialName } });
  const update = useApiMutation('user.update');
  const error = form.formState.errors.name?.message;

  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);

  const submit = async (values: { name: string }) => {
    const user = await update.run(values);
    if (user) onSaved(user);
  };

  return (
    <dialog ref={ref} className="aw-dialog aw-dialog--framed" aria-labelledby="gebruiker-titel" onClose={onClose}>
      <ContractForm id="gebruiker" framed form={form} onSubmit={submit} submitLabel={t('user.confirm')}>
        <Heading level={2} id="gebruiker-titel">
          {t('user.title')}
        </Heading>
        <Paragraph>{t('user.intro')}</Paragraph>
        <TextField label={t('user.name')} autoComplete="name" autoFocus {...(error ? { error } : {})} {...form.register('name')} />
      </ContractForm>
    </dialog>
  );
}
