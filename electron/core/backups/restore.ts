import { closeSync, constants, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { RestoreOutcome } from '../../../shared/api/backups';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import type { HandlerContext } from '../api/handler';
import { migrations } from '../db/migrations';
import { backupPrefixFor, checkIntegrity, inspectDatabaseFile, openReadOnly, parseBackupFileName, readDumpPreview, writeOnlineBackup, type BackupExtension } from './files';
import { dumpPreview, firstMismatch, requirePgTool, restorePgDump, writePgDump } from './pgdump';

function invalidFile(): AppError {
  return new AppError('VALIDATION', t('backups.invalidFile'), [{ path: 'file', message: t('backups.invalidFile') }]);
}

/** A name from `backups.list`: one of this database's backups, directly in the backup folder. */
export function resolveBackupName(file: string, backupDir: string, databasePath: string, extension: BackupExtension = '.sqlite'): string {
  if (file !== path.basename(file) || /[\\/]/.test(file) || !parseBackupFileName(file, backupPrefixFor(databasePath), extension)) throw invalidFile();
  return path.join(backupDir, file);
}

/**
 * Only a regular file is restored: never through a symlink, never a FIFO or device (reading one
 * would block the whole core). Checked with lstat, then opened without following a symlink and
 * without blocking, and the opened file must be the one checked.
 */
export function checkRegularFile(source: string): void {
  let checked: Stats;
  try {
    checked = lstatSync(source);
  } catch {
    throw new AppError('NOT_FOUND', t('errors.notFound', { what: t('backups.notFound') }));
  }
  if (!checked.isFile()) throw new AppError('VALIDATION', t('backups.notRegularFile'), [{ path: 'file', message: t('backups.notRegularFile') }]);
  let descriptor: number;
  try {
    descriptor = openSync(source, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    throw new AppError('VALIDATION', t('backups.notRegularFile'), [{ path: 'file', message: t('backups.notRegularFile') }]);
  }
  try {
    const opened = fstatSync(descriptor);
    if (!opened.isFile() || opened.ino !== checked.ino || opened.dev !== checked.dev)
      throw new AppError('VALIDATION', t('backups.notRegularFile'), [{ path: 'file', message: t('backups.notRegularFile') }]);
  } finally {
    closeSync(descriptor);
  }
}

/** Everything that can be checked before the database is touched. */
function checkRestorable(source: string, ctx: HandlerContext): void {
  if (path.resolve(source) === path.resolve(ctx.info.databasePath)) throw new AppError('VALIDATION', t('backups.isCurrentDatabase'));
  checkRegularFile(source);
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
  if (ctx.maintenance.postgresUrl) return restoreDump(resolveBackupName(file, backupDir, ctx.info.databasePath, '.dump'), backupDir, ctx.maintenance.postgresUrl, ctx);
  return restoreFrom(resolveBackupName(file, backupDir, ctx.info.databasePath), backupDir, ctx);
}

/** The CLI's restore of a database file anywhere (the user's own shell names it): the same checks and steps. */
export async function restoreBackupFile(filePath: string, ctx: HandlerContext): Promise<RestoreOutcome> {
  const backupDir = ctx.maintenance.backupDir;
  if (!backupDir) throw new AppError('CONFLICT', t('backups.noBackupFolder'));
  if (ctx.maintenance.postgresUrl) return restoreDump(path.resolve(filePath), backupDir, ctx.maintenance.postgresUrl, ctx);
  return restoreFrom(path.resolve(filePath), backupDir, ctx);
}

async function restoreFrom(source: string, backupDir: string, ctx: HandlerContext): Promise<RestoreOutcome> {
  checkRestorable(source, ctx);
  return ctx.maintenance.exclusive(async () => {
    // Again: a call that was in flight while we waited may have started one.
    refuseWhileJobsRun(ctx);
    // SQLite backup files restore onto SQLite only (PostgreSQL has no backup folder: pg_dump comes later).
    if (!ctx.sqlite) throw new AppError('CONFLICT', t('backups.noBackupFolder'));
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

/**
 * The PostgreSQL restore: the dump's preview must name an Advieswerk schema this version knows;
 * both tools must be present (checked before anything is touched); then, with no other call in
 * flight, a safety dump (`voor-terugzetten`), `pg_restore --clean --if-exists --single-transaction`
 * into the same database (all or nothing), the database reopened (migrating an older dump), and
 * every table's row count compared with the preview: a difference is reported, naming the table.
 */
async function restoreDump(source: string, backupDir: string, url: string, ctx: HandlerContext): Promise<RestoreOutcome> {
  checkRegularFile(source);
  const expected = readDumpPreview(source);
  if (!expected || !expected.schemaVersion) throw new AppError('VALIDATION', t('backups.notADatabase'));
  if (!(expected.schemaVersion in migrations)) throw new AppError('CONFLICT', t('errors.dbNewerVersion', { migration: expected.schemaVersion }));
  requirePgTool('pg_dump');
  requirePgTool('pg_restore');
  refuseWhileJobsRun(ctx);
  return ctx.maintenance.exclusive(async () => {
    refuseWhileJobsRun(ctx);
    const prefix = backupPrefixFor(ctx.info.databasePath);
    const safetyBackup = await writePgDump(url, backupDir, prefix, 'voor-terugzetten', () => dumpPreview(ctx.db));
    const schemaVersion = await ctx.maintenance.reopenDatabase(async () => {
      await restorePgDump(url, source);
    });
    // Compared when the dump was at this version; an older dump's reopen migrated it, and migrations may add rows.
    const restored = await dumpPreview(ctx.db);
    if (expected.schemaVersion === restored.schemaVersion) {
      const mismatch = firstMismatch(expected, restored);
      if (mismatch) throw new AppError('IO', t('backups.restoreNotVerified', { ...mismatch, path: safetyBackup }));
    }
    return { restoredFrom: source, safetyBackup, schemaVersion };
  });
}
