import { useEffect, useState } from 'react';
import type { ExchangeReport, ExchangeUpload } from '../../../../shared/api/exchange';
import { formatDateTime, t, type MessageKey } from '../../../../shared/i18n';
import { apiFetch } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { fileToBase64 } from '../../ui/download';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import { fieldErrors } from './controls';

/** On a meeting page: the meeting with all its records as an exchange file. */
export function ExchangeExportSection({ meetingId }: { meetingId: string }) {
  const { job, running, start, cancel } = useJob();
  return (
    <section className="aw-card" aria-labelledby="uitwisselen-titel">
      <Heading level={2} id="uitwisselen-titel">
        {t('exchange.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('exchange.exportIntro')}</Paragraph>
      <div className="aw-button-row">
        <Button disabled={running} onClick={() => void start({ kind: 'exchangeExport', params: { meetingId } })}>
          {t('exchange.export')}
        </Button>
      </div>
      {job && <JobProgress job={job} label={t('exchange.exporting')} onCancel={() => void cancel()} />}
    </section>
  );
}

/** Every record type of the exchange file by its Dutch name; a type a newer version adds shows as it is named. */
const TYPE_LABELS: Record<string, MessageKey> = {
  wijk: 'tables.wijken',
  programme: 'tables.programmes',
  meeting: 'tables.meetings',
  themeTable: 'tables.theme_tables',
  finding: 'tables.findings',
  collegeResponse: 'tables.advice_responses',
  recommendationPosition: 'tables.recommendation_positions',
  commitment: 'tables.commitments',
  followupEntry: 'tables.followup_entries',
  councilMember: 'tables.council_members',
  councilMemberPosition: 'tables.council_member_positions',
  councilMeeting: 'tables.council_meetings',
  councilAgendaItem: 'tables.council_agenda_items',
  councilDecision: 'tables.council_decisions',
  councilAction: 'tables.council_actions',
  planningItem: 'tables.council_planning_items',
};

/** On the meetings list: read an exchange file from another member and merge it. */
export function ExchangeImportSection({ onImported }: { onImported(): void }) {
  const [upload, setUpload] = useState<ExchangeUpload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { job, running, start, cancel } = useJob();
  const report = job?.state === 'done' ? (job.result?.report as ExchangeReport | undefined) : undefined;
  useEffect(() => {
    if (job?.state === 'done') onImported();
  }, [job?.state, onImported]);

  const read = async (file: File) => {
    setError(null);
    setUpload(null);
    try {
      setUpload(await apiFetch('exchange.readFile', { fileName: file.name, dataBase64: await fileToBase64(file) }));
    } catch (caught) {
      setError(fieldErrors(caught).message);
    }
  };

  return (
    <section className="aw-card" aria-labelledby="inlezen-titel">
      <Heading level={2} id="inlezen-titel">
        {t('exchange.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('exchange.intro')}</Paragraph>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="uitwissel-bestand">
          {t('exchange.file')}
        </label>
        <div>
          <input id="uitwissel-bestand" type="file" accept=".json,application/json" onChange={(event) => event.target.files?.[0] && void read(event.target.files[0])} />
        </div>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {upload && !job && (
        <>
          <Paragraph>{t('exchange.summary', { by: upload.exportedBy, at: formatDateTime(upload.exportedAt), description: upload.description })}</Paragraph>
          <ul>
            {Object.entries(upload.counts).map(([type, count]) => (
              <li key={type}>
                {count} {TYPE_LABELS[type] ? t(TYPE_LABELS[type]) : type}
              </li>
            ))}
          </ul>
          {upload.containsPersonalData && <Alert kind="info">{t('exchange.containsPersonalData')}</Alert>}
          <Button
            appearance="primary"
            disabled={running}
            onClick={() =>
              void start({ kind: 'exchangeImport', params: { uploadId: upload.uploadId } })
            }
          >
            {t('exchange.confirm')}
          </Button>
        </>
      )}
      {job && <JobProgress job={job} label={t('exchange.importing')} onCancel={() => void cancel()} />}
      {report && report.conflicts.length > 0 && (
        <>
          <Heading level={3}>{t('exchange.conflicts')}</Heading>
          <ul>
            {report.conflicts.map((conflict) => (
              <li key={conflict.id}>
                <strong>{conflict.label}</strong>:{' '}
                {t(conflict.kept === 'file' ? 'exchange.keptFile' : 'exchange.keptLocal', {
                  kept: formatDateTime(conflict.keptUpdatedAt),
                  other: formatDateTime(conflict.otherUpdatedAt),
                  version: String(conflict.otherVersion.text ?? conflict.otherVersion.title ?? conflict.otherVersion.name ?? JSON.stringify(conflict.otherVersion)),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {report && report.skipped.length > 0 && (
        <>
          <Heading level={3}>{t('exchange.skippedTitle')}</Heading>
          <ul>
            {report.skipped.map((skipped) => (
              <li key={skipped.id}>{skipped.reason}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
