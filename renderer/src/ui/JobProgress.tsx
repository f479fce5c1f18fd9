import { useState } from 'react';
import type { JobStatus } from '../../../shared/api/jobs';
import { t } from '../../../shared/i18n';
import { ApiCallError } from '../../../shared/result';
import { apiFetch } from '../data/queries';
import { base64ToBytes, downloadBytes } from './download';
import { Alert } from './Alert';
import { Button } from './Button';

/** Progress of a job with a cancel button; the finished state as a message, with a download of the file an export wrote. */
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
  // A finished job's own result message says what it did ("12 regels geëxporteerd naar …").
  const message = job.state === 'done' && typeof job.result?.message === 'string' ? job.result.message : job.message;
  const kind = job.state !== 'done' ? 'error' : job.result?.containsPersonalData ? 'info' : 'ok';
  return (
    <>
      <Alert kind={kind}>{message}</Alert>
      {job.state === 'done' && typeof job.result?.path === 'string' && job.kind !== 'backup' && <DownloadResult job={job} />}
    </>
  );
}

/** A job's file; a move package in parts (it may be larger than one API answer may carry). */
async function fetchResult(job: JobStatus): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (job.kind !== 'movePackage') {
    const file = await apiFetch('jobs.resultFile', { id: job.id });
    return { fileName: file.fileName, bytes: base64ToBytes(file.bytesBase64) };
  }
  const parts: Uint8Array[] = [];
  let fileName = '';
  for (let offset = 0, size = 1; offset < size; ) {
    const part = await apiFetch('relocation.packagePart', { id: job.id, offset });
    const bytes = base64ToBytes(part.bytesBase64);
    if (bytes.length === 0) break;
    ({ fileName, size } = part);
    parts.push(bytes);
    offset += bytes.length;
  }
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return { fileName, bytes: whole };
}

/** The file an export job wrote, offered as a download: in a browser it lands in Downloads, Electron asks where. */
function DownloadResult({ job }: { job: JobStatus }) {
  const [error, setError] = useState<string | null>(null);
  const name = String(job.result?.path).split(/[\\/]/).pop() ?? '';
  return (
    <div className="aw-button-row">
      <Button
        aria-label={t('jobs.downloadLabel', { name })}
        onClick={() =>
          void fetchResult(job).then(
            (file) => downloadBytes(file.fileName, file.bytes),
            (caught: unknown) => setError(caught instanceof ApiCallError ? caught.message : String(caught)),
          )
        }
      >
        {t('jobs.download')}
      </Button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
