import { moveTakeOverParams } from '../../../shared/api/relocation';
import { t } from '../../../shared/i18n';
import { writeNewFileInto } from '../files';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { exportsDirFor } from '../paths';
import { makeMovePackage, takeOverMovePackage } from './package';
import { readMoveUpload } from './uploads';

/** copyStore stops on the signal with its own error (the CLI's words): in a job that is a cancel, after everything was undone. */
async function cancellable<T>(env: JobEnvironment, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throwIfCancelled(env.signal);
    throw error;
  }
}

/** Job: the move package of this store as one .zip in `exports/`, fetched by the renderer in parts. */
export async function movePackageJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  env.report(0, 0, t('movePackage.making'));
  const { zip, manifest } = await cancellable(env, () => makeMovePackage(env.db, env.sqlite, env.dbPath, { signal: env.signal, report: env.report }));
  throwIfCancelled(env.signal);
  const name = t('movePackage.fileName', { date: manifest.createdAt.slice(0, 10) });
  const written = writeNewFileInto(exportsDirFor(env.dbPath), name, zip, () => throwIfCancelled(env.signal));
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
  const files = manifest.files.length - 1;
  return { path: written, bytes: zip.length, rows, files, message: t('movePackage.made', { rows, files }) };
}

/**
 * Job: takes an uploaded move package over into this store (the council server's). A cancel or any
 * refusal leaves the store and its attachments folder as they were (one transaction; files removed).
 */
export async function moveTakeOverJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { uploadId } = moveTakeOverParams.parse(env.params);
  const bytes = readMoveUpload(env.dbPath, uploadId);
  const outcome = await cancellable(env, () => takeOverMovePackage(env.db, env.dbPath, bytes, { signal: env.signal, report: env.report, undoing: () => env.undoing(t('movePackage.undoing')) }));
  return { rows: outcome.rows, files: outcome.files, schemaVersion: outcome.schemaVersion, message: t('movePackage.tookOver', { rows: outcome.rows, files: outcome.files }) };
}
