import { useState } from 'react';
import type { z } from 'zod';
import { todayInNetherlands } from '../../../../shared/calendar';
import { annualReportParams } from '../../../../shared/api/publication';
import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Instellingen → Publicatie: the public website as a .zip, made by a job and downloaded from it. */
export function PublicationSection() {
  const zip = useJob();
  const [colour, setColour] = useState('#1d4f91');
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    if (!COLOUR.test(colour)) {
      setError(t('publication.colourInvalid'));
      return;
    }
    setError(null);
    void zip.start({ kind: 'publicationZip', params: { colour } });
  };
  return (
    <section className="aw-card" aria-labelledby="publicatie-titel">
      <Heading level={2} id="publicatie-titel">
        {t('publication.settingsTitle')}
      </Heading>
      <Paragraph>{t('publication.settingsIntro')}</Paragraph>
      <TextField type="color" label={t('publication.settingsColour')} value={colour} error={error ?? undefined} onChange={(event) => setColour(event.target.value)} />
      <Button appearance="primary" disabled={zip.running} onClick={start}>
        {t('publication.settingsStart')}
      </Button>
      {zip.job && <JobProgress job={zip.job} label={t('publication.settingsStart')} onCancel={() => void zip.cancel()} />}
      <AnnualReportForm />
    </section>
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
