import { useId, useState } from 'react';
import { MOVE_PACKAGE_MAX_BYTES, MOVE_PART_BYTES } from '../../../../shared/api/relocation';
import { t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { useSession } from '../../app/AuthGate';
import { apiFetch } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { fileToBase64 } from '../../ui/download';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';

/**
 * Instellingen, issue 14: a council that started on one computer moves to its council server. On one
 * computer: "Verhuisbestand maken" (a job; the file is downloaded in parts by JobProgress). On the server,
 * for the beheerder: "Gegevens overnemen uit een verhuisbestand" (sent in parts, then a job).
 */
export function RelocationSections() {
  const { account } = useSession();
  if (account === null) return <MoveOutSection />;
  if (account.role === 'beheerder') return <TakeOverSection />;
  return null;
}

function MoveOutSection() {
  const { job, running, start, cancel } = useJob();
  return (
    <section className="aw-card" aria-labelledby="verhuizen-titel">
      <Heading level={2} id="verhuizen-titel">
        {t('movePackage.title')}
      </Heading>
      <Paragraph>{t('movePackage.intro')}</Paragraph>
      <div className="aw-button-row">
        <Button appearance="primary" disabled={running} onClick={() => void start({ kind: 'movePackage' })}>
          {t('movePackage.make')}
        </Button>
      </div>
      {job && <JobProgress job={job} label={t('movePackage.making')} onCancel={() => void cancel()} />}
    </section>
  );
}

function TakeOverSection() {
  const fieldId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<number | null>(null);
  const { job, running, start, cancel } = useJob();

  const send = async () => {
    setError(null);
    if (!file) return setError(t('movePackage.fileMissing'));
    if (file.size > MOVE_PACKAGE_MAX_BYTES) return setError(t('movePackage.tooLarge', { max: '1 GB' }));
    try {
      let uploadId: string | undefined;
      // In parts: one API body is bounded; each part is sent once, in order.
      for (let offset = 0; offset < Math.max(1, file.size); offset += MOVE_PART_BYTES) {
        setSending(Math.floor((offset / Math.max(1, file.size)) * 100));
        const dataBase64 = await fileToBase64(file.slice(offset, offset + MOVE_PART_BYTES));
        ({ uploadId } = await apiFetch('relocation.uploadPart', { ...(uploadId ? { uploadId } : {}), offset, dataBase64 }));
      }
      setSending(null);
      if (uploadId) await start({ kind: 'moveTakeOver', params: { uploadId } });
    } catch (caught) {
      setSending(null);
      setError(caught instanceof ApiCallError ? caught.message : String(caught));
    }
  };

  const errorId = `${fieldId}-fout`;
  return (
    <section className="aw-card" aria-labelledby="overnemen-titel">
      <Heading level={2} id="overnemen-titel">
        {t('movePackage.takeOverTitle')}
      </Heading>
      <Paragraph>{t('movePackage.takeOverIntro')}</Paragraph>
      <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
        <label className="utrecht-form-label" htmlFor={fieldId}>
          {t('movePackage.file')}
        </label>
        <div className="utrecht-form-field-description" id={`${fieldId}-uitleg`}>
          {t('movePackage.fileHint')}
        </div>
        {error && (
          <div className="utrecht-form-field-error-message" id={errorId} role="alert">
            {error}
          </div>
        )}
        <div>
          <input
            id={fieldId}
            type="file"
            accept=".zip,application/zip"
            aria-describedby={`${fieldId}-uitleg${error ? ` ${errorId}` : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(event) => {
              setError(null);
              setFile(event.target.files?.[0] ?? null);
            }}
          />
        </div>
      </div>
      <div className="aw-button-row">
        <Button appearance="primary" disabled={running || sending !== null} onClick={() => void send()}>
          {t('movePackage.takeOver')}
        </Button>
      </div>
      {sending !== null && <Paragraph role="status">{t('movePackage.uploading', { percent: sending })}</Paragraph>}
      {job && <JobProgress job={job} label={t('movePackage.takeOver')} onCancel={() => void cancel()} />}
      {job?.state === 'done' && <Alert kind="info">{t('movePackage.nextSteps', { address: window.location.origin })}</Alert>}
    </section>
  );
}
