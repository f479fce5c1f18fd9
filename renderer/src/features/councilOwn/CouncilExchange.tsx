import { useState } from 'react';
import { t } from '../../../../shared/i18n';
import { useApiMutation } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { base64ToBytes, downloadBytes } from '../../ui/download';
import { fieldErrors } from '../meetings/controls';

/** The council's own records as an exchange file for the other laptop; personal data only when ticked. */
export function CouncilExchange() {
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const exportFile = useApiMutation('councilOwn.exportExchange');

  async function make() {
    try {
      const file = await exportFile.run({ includePersonalData });
      if (!file) return;
      downloadBytes(file.fileName, base64ToBytes(file.bytesBase64));
      setStatus({ kind: 'ok', message: t('councilOwn.exchangeMade', { file: file.fileName }) });
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
    }
  }

  return (
    <section className="aw-card" aria-labelledby="raad-uitwisselen">
      <Heading level={2} id="raad-uitwisselen">
        {t('councilOwn.exchangeTitle')}
      </Heading>
      <Paragraph className="aw-muted">{t('councilOwn.exchangeIntro')}</Paragraph>
      <CheckboxField label={t('councilOwn.exchangeWithPersonalData')} checked={includePersonalData} onChange={setIncludePersonalData} />
      <Button onClick={() => void make()} disabled={exportFile.isPending} aria-busy={exportFile.isPending || undefined}>
        {t('councilOwn.exchangeExport')}
      </Button>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
    </section>
  );
}
