import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { Heading } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';

/** The monitoring report (.docx) and the data (CSV), made as jobs with progress and cancel. */
export function ExportPanel({ periodKey, frameworkId }: { periodKey: string; frameworkId: string | null }) {
  const report = useJob();
  const csv = useJob();
  const params = { periodKey, frameworkId };
  const running = report.running || csv.running;
  return (
    <section className="aw-card aw-screen-only" aria-labelledby="export-titel">
      <Heading level={2} id="export-titel">
        {t('monitoring.export')}
      </Heading>
      <div className="aw-button-row">
        <Button onClick={() => void report.start({ kind: 'monitoringReport', params })} disabled={running}>
          {t('monitoring.exportDocx')}
        </Button>
        <Button onClick={() => void csv.start({ kind: 'monitoringCsv', params })} disabled={running}>
          {t('monitoring.exportCsv')}
        </Button>
      </div>
      {[report, csv].map(
        (job, index) =>
          job.job && (
            <div key={index}>
              <JobProgress job={job.job} label={index === 0 ? t('monitoring.exportDocx') : t('monitoring.exportCsv')} onCancel={() => void job.cancel()} />
              {job.job.state === 'done' && <p>{t('monitoring.exportDone', { path: String(job.job.result?.path ?? '') })}</p>}
            </div>
          ),
      )}
    </section>
  );
}
