import { useEffect, useState, type ChangeEvent } from 'react';
import { useFieldArray } from 'react-hook-form';
import type { z } from 'zod';
import { councilSettingsInput, type CouncilSettings } from '../../../../shared/api/council';
import { t } from '../../../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryError } from '../../ui/QueryState';
import { useUnsavedChangesGuard } from '../../ui/useUnsavedChangesGuard';

function toFormValues(settings: CouncilSettings): z.input<typeof councilSettingsInput> {
  const { updatedAt: _updatedAt, ...values } = settings;
  return values;
}

export function CouncilForm() {
  const [saved, setSaved] = useState(false);
  const form = useContractForm(councilSettingsInput);
  const { register, reset, setValue, watch, formState } = form;
  const signatories = useFieldArray({ control: form.control, name: 'signatories' });
  const errors = formState.errors;
  const logo = watch('logoDataUrl');
  const settings = useApiQuery('council.get');
  const update = useApiMutation('council.update');
  const leaveGuard = useUnsavedChangesGuard(formState.isDirty);

  useEffect(() => {
    if (settings.data) reset(toFormValues(settings.data));
  }, [settings.data, reset]);

  const save = async (values: z.output<typeof councilSettingsInput>) => {
    setSaved(false);
    const updated = await update.run(values);
    if (!updated) return;
    reset(toFormValues(updated));
    setSaved(true);
  };

  function onLogoChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => setValue('logoDataUrl', String(reader.result), { shouldValidate: true, shouldDirty: true });
    reader.readAsDataURL(file);
  }

  return (
    <section className="aw-card" aria-labelledby="raad-titel">
      <Heading level={2} id="raad-titel">
        {t('council.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('council.intro')}</Paragraph>
      {leaveGuard}
      {settings.isError && <QueryError error={settings.error} retry={() => void settings.refetch()} />}
      <ContractForm
        form={form}
        onSubmit={save}
        submitLabel={t('common.save')}
        aria-labelledby="raad-titel"
        status={saved && !formState.isDirty && <Alert kind="ok">{t('common.saved')}</Alert>}
      >
        <TextField label={t('council.name')} description={t('council.nameHint')} error={errors.name?.message} {...register('name')} />
        <TextField label={t('council.municipality')} error={errors.municipality?.message} {...register('municipality')} />
        <TextField
          label={t('council.defaultAddressee')}
          description={t('council.defaultAddresseeHint')}
          error={errors.defaultAddressee?.message}
          {...register('defaultAddressee')}
        />
        <TextAreaField label={t('council.postalAddress')} error={errors.postalAddress?.message} {...register('postalAddress')} />
        <TextField
          label={t('council.responseTermWeeks')}
          description={t('council.responseTermWeeksHint')}
          error={errors.responseTermWeeks?.message}
          type="number"
          inputMode="numeric"
          min={1}
          max={52}
          {...register('responseTermWeeks', { valueAsNumber: true })}
        />
        <TextField
          label={t('council.kenmerkPattern')}
          description={t('council.kenmerkPatternHint')}
          error={errors.kenmerkPattern?.message}
          {...register('kenmerkPattern')}
        />
        <TextField
          label={t('council.logo')}
          error={errors.logoDataUrl?.message}
          type="file"
          accept="image/png,image/jpeg"
          onChange={onLogoChosen}
        />
        {logo && (
          <div className="aw-button-row">
            <img src={logo} alt={t('council.logo')} height={48} />
            <Button appearance="subtle" onClick={() => setValue('logoDataUrl', '', { shouldDirty: true })}>
              {t('council.logoRemove')}
            </Button>
          </div>
        )}

        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-heading-3">{t('council.signatories')}</legend>
          {signatories.fields.map((field, index) => (
            <div className="aw-field-row" key={field.id}>
              <TextField
                label={`${t('council.signatoryName')} ${index + 1}`}
                error={errors.signatories?.[index]?.name?.message}
                {...register(`signatories.${index}.name`)}
              />
              <TextField
                label={`${t('council.signatoryRole')} ${index + 1}`}
                error={errors.signatories?.[index]?.role?.message}
                {...register(`signatories.${index}.role`)}
              />
              <div className="utrecht-form-field">
                <Button appearance="subtle" onClick={() => signatories.remove(index)}>
                  {t('council.removeSignatory', { index: index + 1 })}
                </Button>
              </div>
            </div>
          ))}
          {errors.signatories?.message && <p className="utrecht-form-field-error-message">{errors.signatories.message}</p>}
          <Button onClick={() => signatories.append({ name: '', role: signatories.fields.length === 0 ? 'voorzitter' : 'secretaris' })}>
            {t('council.addSignatory')}
          </Button>
        </fieldset>

      </ContractForm>
    </section>
  );
}
