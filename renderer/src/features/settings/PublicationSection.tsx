import { useState } from 'react';
import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
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
    </section>
  );
}
