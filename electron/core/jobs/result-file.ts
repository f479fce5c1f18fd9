import { statSync } from 'node:fs';
import path from 'node:path';
import type { JobStatus } from '../../../shared/api/jobs';
import { notFound } from '../api/errors';
import { exportsDirFor } from '../paths';

/**
 * The file a finished job wrote into this database's exports folder, and its size; never another path
 * a job's result names (a result is data, and a path in it could point anywhere). Not found otherwise.
 */
export function writtenResultFile(job: JobStatus, databasePath: string): { path: string; size: number } {
  const written = job.result?.path;
  if (job.state !== 'done' || typeof written !== 'string' || path.dirname(path.resolve(written)) !== path.resolve(exportsDirFor(databasePath))) {
    throw notFound('jobs.resultFile');
  }
  try {
    return { path: written, size: statSync(written).size };
  } catch {
    throw notFound('jobs.resultFile');
  }
}
