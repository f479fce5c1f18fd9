import { useState } from 'react';
import type { AdviceDetail } from '../../../../shared/api/advices';
import { formatDateLong, formatDateTime, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiFetch, apiWrite } from '../../data/queries';
import { useMayCall, useMayStartJob } from '../../data/roles';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading } from '../../ui/Heading';
import { base64ToBytes, downloadBytes } from '../../ui/download';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import type { OutlineActions } from './Outline';

export function FrozenView({ advice, actions }: { advice: AdviceDetail; actions: OutlineActions }) {
  const current = advice.versions.find((version) => version.version === advice.version);
  // The PDF/A archive copy is made by a job after sending; without LibreOffice it is made here later.
  const archive = useJob();
  const [archiveError, setArchiveError] = useState<string | null>(null);
  // A new version, the archive and the archive copy are the secretariat's; everyone may download.
  const mayManage = useMayCall('advices.newVersion');
  const mayMakeArchiveCopy = useMayStartJob('archivePdf');
  const download = async (version: number) => {
    const frozen = await apiFetch('advices.frozen', { id: advice.id, version });
    downloadBytes(`${advice.kenmerk} ${advice.betreft} (verzonden versie ${version}).docx`, base64ToBytes(frozen.docxBase64));
  };
  return (
    <section className="aw-card aw-frozen" aria-labelledby="vast-titel" data-testid="frozen-view">
      <Heading level={2} id="vast-titel">
        {t('advicesUi.status_verzonden')}
      </Heading>
      <Alert kind="info">{t('advicesUi.frozenNotice', { date: advice.sentOn ? formatDateLong(advice.sentOn) : '' })}</Alert>
      {advice.archivedAt && (
        <p data-testid="archived-notice">
          <span className="aw-archived-marker">{t('adviceTrash.archivedMarker')}</span> {t('adviceTrash.archivedNotice', { date: formatDateTime(advice.archivedAt) })}
        </p>
      )}
      <div className="aw-button-row">
        {current && <Button onClick={() => void download(current.version)}>{t('advicesUi.frozenDownload', { version: current.version })}</Button>}
        {mayManage && !advice.archivedAt && (
          <Button appearance="primary" onClick={() => void actions.run(() => apiWrite('advices.newVersion', { id: advice.id }))}>
            {t('advicesUi.newVersion')}
          </Button>
        )}
        {!mayManage ? null : advice.archivedAt ? (
          <Button onClick={() => void actions.run(() => apiWrite('advices.unarchive', { id: advice.id }))}>{t('adviceTrash.unarchive')}</Button>
        ) : (
          <Button appearance="subtle" onClick={() => void actions.run(() => apiWrite('advices.archive', { id: advice.id }))}>
            {t('adviceTrash.archive')}
          </Button>
        )}
      </div>
      {current && (
        <div data-testid="archive-pdf">
          <p>{current.pdfSha256 ? t('advicesUi.archivePdfPresent') : t('advicesUi.archivePdfMissing')}</p>
          {!current.pdfSha256 && mayMakeArchiveCopy && (
            <Button
              disabled={archive.running}
              onClick={() => {
                setArchiveError(null);
                archive.start({ kind: 'archivePdf', params: { id: advice.id } }).catch((error: unknown) => {
                  if (error instanceof ApiCallError) setArchiveError(error.message);
                  else throw error;
                });
              }}
            >
              {t('advicesUi.archivePdf')}
            </Button>
          )}
          {archiveError && <Alert kind="error">{archiveError}</Alert>}
          {archive.job && <JobProgress job={archive.job} label={t('advicesUi.archivePdf')} onCancel={() => void archive.cancel()} />}
        </div>
      )}
      <p className="aw-strong">{t('advicesUi.versions')}</p>
      <ul>
        {advice.versions.map((version) => (
          <li key={version.version}>{t('advicesUi.versionLine', { version: version.version, date: formatDateLong(version.sentOn) })}</li>
        ))}
      </ul>
    </section>
  );
}
