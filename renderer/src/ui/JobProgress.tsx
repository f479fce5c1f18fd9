import type { JobStatus } from '../../../shared/api/jobs';
import { t } from '../../../shared/i18n';
import { Alert } from './Alert';
import { Button } from './Button';

/** Progress of a job with a cancel button; the finished state as a message. */
export function JobProgress({ job, label, onCancel }: { job: JobStatus; label: string; onCancel(): void }) {
  if (job.state === 'running' || job.state === 'queued') {
    return (
      <div className="aw-button-row" role="status">
        <label>
          {label}{' '}
          <progress max={job.total || undefined} value={job.total ? job.done : undefined} aria-label={label}>
            {job.message}
          </progress>
        </label>
        <span>{job.message}</span>
        <Button onClick={onCancel}>{t('jobs.cancel')}</Button>
      </div>
    );
  }
  return <Alert kind={job.state === 'done' ? 'ok' : 'error'}>{job.message}</Alert>;
}
