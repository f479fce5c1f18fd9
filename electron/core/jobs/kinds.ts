import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { JobKind } from '../../../shared/api/jobs';
import { t } from '../../../shared/i18n';
import { backupPrefixFor, writeOnlineBackup, rotateBackups } from '../backups/files';
import { dumpPreview, writePgDump } from '../backups/pgdump';
import { createKysely, openSqlite, type Db, type Sqlite } from '../db/connection';
import { openPostgres, parseStoreTarget } from '../db/postgres';
import { monitoringCsvJob, monitoringReportJob } from '../monitoring/jobs';
import { exchangeExportJob, exchangeImportJob } from '../exchange/jobs';
import { findingsExportJob, findingsImportJob, meetingReportJob } from '../findings/jobs';
import { responsesReportJob } from '../responses/jobs';
import { removeUpload } from '../findings/transfer';
import { removeExchangeUpload } from '../exchange/file';
import { advicePdfJob, archivePdfJob } from '../advices/jobs';
import { annualReportJob, publicationZipJob } from '../publication/jobs';
import { movePackageJob, moveTakeOverJob } from '../relocation/jobs';
import { removeMoveUpload } from '../relocation/uploads';
import { PARTIAL_SUFFIX } from '../files';
import { throwIfCancelled, type JobEnvironment, type JobFunction } from './job';
import type { JobWorkerData } from './protocol';

/**
 * SQLite's online backup (see backups/files.ts), or on PostgreSQL `pg_dump -Fc` (backups/pgdump.ts),
 * then the rotation of the backup folder.
 */
async function backup({ db, sqlite, backupDir, dbPath, postgresUrl, params, report, signal }: JobEnvironment): Promise<Record<string, unknown>> {
  const reason = params.reason === 'automatisch' ? 'automatisch' : 'handmatig';
  if (!sqlite) {
    if (!postgresUrl) throw new Error(t('backups.noBackupFolder'));
    report(0, 1, t('jobs.backupStarted'));
    const dumped = await writePgDump(postgresUrl, backupDir, backupPrefixFor(dbPath), reason, () => dumpPreview(db), { signal });
    report(1, 1, t('jobs.backupStarted'));
    return { path: dumped, removed: rotateBackups(backupDir, backupPrefixFor(dbPath), undefined, '.dump') };
  }
  const finalPath = await writeOnlineBackup(sqlite, backupDir, reason, {
    checkCancelled: () => throwIfCancelled(signal),
    progress: (done, total) => report(done, total, t('jobs.backupStarted')),
  });
  const removed = rotateBackups(backupDir, backupPrefixFor(dbPath));
  return { path: finalPath, removed };
}

/**
 * An import's upload (a private copy of what the user picked, possibly with personal data) is
 * removed whatever the job's outcome: done, failed or cancelled. A killed job's is swept at start.
 */
function removingUpload(job: JobFunction, remove: (databasePath: string, uploadId: string) => void): JobFunction {
  return async (env) => {
    try {
      return await job(env);
    } finally {
      if (typeof env.params.uploadId === 'string') remove(env.dbPath, env.params.uploadId);
    }
  };
}

export const jobKinds: Record<JobKind, JobFunction> = {
  backup,
  monitoringReport: monitoringReportJob,
  monitoringCsv: monitoringCsvJob,
  findingsImport: removingUpload(findingsImportJob, removeUpload),
  findingsExport: findingsExportJob,
  meetingReport: meetingReportJob,
  exchangeExport: exchangeExportJob,
  responsesReport: responsesReportJob,
  exchangeImport: removingUpload(exchangeImportJob, removeExchangeUpload),
  advicePdf: advicePdfJob,
  archivePdf: archivePdfJob,
  publicationZip: publicationZipJob,
  annualReport: annualReportJob,
  movePackage: movePackageJob,
  moveTakeOver: removingUpload(moveTakeOverJob, removeMoveUpload),
};


/**
 * What a job kind leaves behind when its thread is ended mid-write (its own `finally` never ran):
 * the runner calls this after terminating it.
 */
export const cleanupAfterKill: Partial<Record<JobKind, (paths: { backupDir: string }) => void>> = {
  backup({ backupDir }) {
    if (!existsSync(backupDir)) return;
    for (const name of readdirSync(backupDir)) {
      if (name.includes(PARTIAL_SUFFIX)) rmSync(path.join(backupDir, name), { force: true });
    }
  },
};

/**
 * The job's own connection to the core's store: on PostgreSQL a small pool of its own on the same
 * database (never a SQLite file); on SQLite a connection to the same file (which must exist).
 */
export async function openJobStore(job: Pick<JobWorkerData, 'dbPath' | 'postgresUrl' | 'nativeBinding'>): Promise<{ db: Db; sqlite: Sqlite | null; close(): Promise<void> }> {
  if (job.postgresUrl) {
    const target = parseStoreTarget(job.postgresUrl);
    if (target.kind !== 'postgres') throw new Error('postgresUrl is not a PostgreSQL URL');
    const { db } = await openPostgres(target, { poolSize: 2 });
    return { db, sqlite: null, close: () => db.destroy() };
  }
  const sqlite = openJobConnection(job.dbPath, job.nativeBinding);
  // The Kysely instance over the connection is not destroyed: closing the connection ends both.
  return {
    db: createKysely(sqlite),
    sqlite,
    close: async () => {
      sqlite.close();
    },
  };
}

export function openJobConnection(dbPath: string, nativeBinding?: string): Sqlite {
  // The file must exist (the core made it): a job never creates a database of its own.
  return openSqlite({ path: dbPath, mustExist: dbPath !== ':memory:', ...(nativeBinding ? { nativeBinding } : {}) });
}
