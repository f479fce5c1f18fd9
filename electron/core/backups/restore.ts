import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RestoreOutcome } from '../../../shared/api/backups';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import type { HandlerContext } from '../api/handler';
import { migrations } from '../db/migrations';
import { checkIntegrity, inspectDatabaseFile, openReadOnly, writeOnlineBackup } from './files';
import { notFound } from '../api/errors';

/** A bare name is a file in the backup folder; an absolute path (from the CLI) is taken as is. */
export function resolveBackupSource(file: string, backupDir: string): string {
  if (path.isAbsolute(file)) return path.normalize(file);
  if (file !== path.basename(file)) throw new AppError('VALIDATION', t('backups.invalidFile'), [{ path: 'file', message: t('backups.invalidFile') }]);
  return path.join(backupDir, file);
}

/** Everything that can be checked before the database is touched. */
function checkRestorable(source: string, ctx: HandlerContext): void {
  if (!existsSync(source)) throw notFound('backups.notFound');
  if (path.resolve(source) === path.resolve(ctx.info.databasePath)) throw new AppError('VALIDATION', t('backups.isCurrentDatabase'));
  let inspected: ReturnType<typeof inspectDatabaseFile>;
  try {
    if (!checkIntegrity(source, ctx.maintenance.nativeBinding)) throw new AppError('VALIDATION', t('backups.damaged'));
    inspected = inspectDatabaseFile(source, ctx.maintenance.nativeBinding);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', t('backups.notADatabase'));
  }
  if (inspected.migrations.length === 0) throw new AppError('VALIDATION', t('backups.notADatabase'));
  const unknown = inspected.migrations.find((name) => !(name in migrations));
  if (unknown) throw new AppError('CONFLICT', t('errors.dbNewerVersion', { migration: unknown }));
  refuseWhileJobsRun(ctx);
}

/** A job has its own connection to the file being replaced: wait until none runs. */
function refuseWhileJobsRun(ctx: HandlerContext): void {
  if (ctx.jobs.list().some((job) => job.state === 'running' || job.state === 'queued')) throw new AppError('CONFLICT', t('backups.jobsRunning'));
}

/**
 * Restores a backup into the live database file:
 * 1. checks the backup (integrity, an Advieswerk database, not from a newer version);
 * 2. waits until no other call is in flight (new calls wait for the restore);
 * 3. takes a safety backup of the database as it is;
 * 4. closes the connection and copies the backup into the database file with SQLite's backup
 *    API. The copy is one write transaction on the destination, so a crash midway leaves the old
 *    database, never a mix;
 * 5. reopens the database (migrating an older backup to the current schema, with its own
 *    pre-migration backup) and swaps the new connection into the running core.
 */
export async function restoreBackup(file: string, ctx: HandlerContext): Promise<RestoreOutcome> {
  const backupDir = ctx.maintenance.backupDir;
  if (!backupDir) throw new AppError('CONFLICT', t('backups.noBackupFolder'));
  const source = resolveBackupSource(file, backupDir);
  checkRestorable(source, ctx);
  return ctx.maintenance.exclusive(async () => {
    // Again: a call that was in flight while we waited may have started one.
    refuseWhileJobsRun(ctx);
    const safetyBackup = await writeOnlineBackup(ctx.sqlite, backupDir, 'voor-terugzetten');
    const schemaVersion = await ctx.maintenance.reopenDatabase(async (databasePath) => {
      const backup = openReadOnly(source, ctx.maintenance.nativeBinding);
      try {
        await backup.backup(databasePath);
      } catch (error) {
        throw new AppError('IO', t('errors.io', { details: error instanceof Error ? error.message : String(error) }));
      } finally {
        backup.close();
      }
    });
    return { restoredFrom: source, safetyBackup, schemaVersion };
  });
}
