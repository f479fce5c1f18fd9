import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { defineHandlers } from '../api/handler';
import { exportsDirFor } from '../paths';
import { notFound } from '../api/errors';

/** Larger exports are opened from the folder; a download of this size goes through memory twice. */
const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

export const jobsHandlers = defineHandlers({
  'jobs.start': async (input, { jobs }) => jobs.start(input.kind, input.params as Record<string, unknown>),
  'jobs.get': async ({ id }, { jobs }) => jobs.get(id),
  'jobs.list': async (_input, { jobs }) => jobs.list(),
  'jobs.cancel': async ({ id }, { jobs }) => jobs.cancel(id),
  'jobs.resultFile': async ({ id }, { jobs, info }) => {
    const job = jobs.get(id);
    const written = job.result?.path;
    // Only what a job wrote into this database's exports folder: never another path a result names.
    const folder = exportsDirFor(info.databasePath);
    if (job.state !== 'done' || typeof written !== 'string' || path.dirname(path.resolve(written)) !== path.resolve(folder)) {
      throw notFound('jobs.resultFile');
    }
    let size: number;
    try {
      size = statSync(written).size;
    } catch {
      throw notFound('jobs.resultFile');
    }
    if (size > MAX_DOWNLOAD_BYTES) throw new AppError('CONFLICT', t('jobs.resultTooLarge', { path: written }));
    return { fileName: path.basename(written), bytesBase64: readFileSync(written).toString('base64') };
  },
});
