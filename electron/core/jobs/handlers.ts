import { readFileSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { defineHandlers } from '../api/handler';
import { writtenResultFile } from './result-file';

/** Larger exports are opened from the folder; a download of this size goes through memory twice. */
const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

export const jobsHandlers = defineHandlers({
  'jobs.start': async (input, { jobs }) => jobs.start(input.kind, input.params as Record<string, unknown>),
  'jobs.get': async ({ id }, { jobs }) => jobs.get(id),
  'jobs.list': async (_input, { jobs }) => jobs.list(),
  'jobs.cancel': async ({ id }, { jobs }) => jobs.cancel(id),
  'jobs.resultFile': async ({ id }, { jobs, info }) => {
    const { path: written, size } = writtenResultFile(jobs.get(id), info.databasePath);
    if (size > MAX_DOWNLOAD_BYTES) throw new AppError('CONFLICT', t('jobs.resultTooLarge', { path: written }));
    return { fileName: path.basename(written), bytesBase64: readFileSync(written).toString('base64') };
  },
});
