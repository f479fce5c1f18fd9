import { useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import { todayInNetherlands } from '../../../../shared/calendar';
import { annualReportParams, publicationSettingsInput } from '../../../../shared/api/publication';
import { t } from '../../../../shared/i18n';
import { DEFAULT_SITE_COLOUR } from '../../../../shared/publication/colour';
import { useApiMutation, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { QueryError } from '../../ui/QueryState';
import { useJob } from '../../ui/useJob';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Instellingen → Publicatie: the site's colour (stored), and the public website as a .zip, made by a job and downloaded from it. */
export function PublicationSection() {
  const zip = useJob();
  return (
    <section className="aw-card" aria-labelledby="publicatie-titel">
      <Heading level={2} id="publicatie-titel">
        {t('publication.settingsTitle')}
      </Heading>
      <Paragraph>{t('publication.settingsIntro')}</Paragraph>
      <SiteColourForm />
      <Heading level={3} id="website-titel">
        {t('publication.settingsStart')}
      </Heading>
      <Paragraph>{t('publication.settingsStartIntro')}</Paragraph>
      {/* The job reads the stored colour itself. */}
      <Button appearance="primary" disabled={zip.running} onClick={() => void zip.start({ kind: 'publicationZip', params: {} })}>
        {t('publication.settingsStart')}
      </Button>
      {zip.job && <JobProgress job={zip.job} label={t('publication.settingsStart')} onCancel={() => void zip.cancel()} />}
      <AnnualReportForm />
    </section>
  );
}

/**
 * The site's main colour: a text field (#rrggbb, checked by the contract, errors at the field in Dutch)
 * with the browser's colour picker beside it, both on the same value.
 */
function SiteColourForm() {
  const [saved, setSaved] = useState(false);
  const pickerId = useId();
  const settings = useApiQuery('publication.settings');
  const save = useApiMutation('publication.saveSettings');
  const form = useContractForm(publicationSettingsInput, { defaultValues: { colour: DEFAULT_SITE_COLOUR } });
  const { register, reset, setValue, watch, formState } = form;
  const colour = watch('colour');
  useEffect(() => {
    if (settings.data) reset({ colour: settings.data.colour });
  }, [settings.data, reset]);
  const submit = async (values: z.output<typeof publicationSettingsInput>) => {
    setSaved(false);
    const stored = await save.run(values);
    if (!stored) return;
    reset({ colour: stored.colour });
    setSaved(true);
  };
  return (
    <>
      {settings.isError && <QueryError error={settings.error} retry={() => void settings.refetch()} />}
      <ContractForm
        form={form}
        onSubmit={submit}
        submitLabel={t('publication.settingsSave')}
        aria-label={t('publication.settingsColour')}
        status={saved && !formState.isDirty && <Alert kind="ok">{t('publication.colourSaved')}</Alert>}
      >
        <div className="aw-colour-field">
          <TextField
            label={t('publication.settingsColour')}
            description={t('publication.settingsColourHint')}
            error={formState.errors.colour?.message}
            autoComplete="off"
            spellCheck={false}
            maxLength={7}
            className="aw-colour-text"
            {...register('colour')}
          />
          <div className="aw-colour-picker">
            <label className="utrecht-form-label" htmlFor={pickerId}>
              {t('publication.settingsColourPicker')}
            </label>
            <input
              id={pickerId}
              type="color"
              value={COLOUR.test(colour ?? '') ? colour!.toLowerCase() : DEFAULT_SITE_COLOUR}
              onChange={(event) => setValue('colour', event.target.value, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
            />
          </div>
        </div>
      </ContractForm>
    </>
  );
}

/** The jaarverslag of a year (.docx): a job, downloaded from its progress message. */
function AnnualReportForm() {
  const report = useJob();
  const form = useContractForm(annualReportParams, { defaultValues: { year: Number(todayInNetherlands().slice(0, 4)) - 1 } });
  const submit = async (values: z.output<typeof annualReportParams>) => report.start({ kind: 'annualReport', params: values });
  return (
    <>
      <Heading level={3} id="jaarverslag-titel">
        {t('annualReport.make')}
      </Heading>
      <Paragraph>{t('annualReport.intro')}</Paragraph>
      <ContractForm form={form} onSubmit={submit} submitLabel={t('annualReport.make')} aria-labelledby="jaarverslag-titel">
        <TextField
          type="number"
          inputMode="numeric"
          label={t('annualReport.yearField')}
          error={form.formState.errors.year?.message}
          {...form.register('year', { valueAsNumber: true })}
        />
      </ContractForm>
      {report.job && <JobProgress job={report.job} label={t('annualReport.make')} onCancel={() => void report.cancel()} />}
    </>
  );
}
