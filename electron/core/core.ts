import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobStatus } from '../../shared/api/jobs';
import type { SystemInfo } from '../../shared/api/system';
import { t } from '../../shared/i18n';
import { AppError, type Result } from '../../shared/result';
import { getCurrentUser } from './council/repository';
import { dispatch } from './api/dispatch';
import type { HandlerContext } from './api/handler';
import { handlers } from './api/handlers';
import { createKysely, openSqlite, type Db, type Sqlite } from './db/connection';
import { migrateToLatest, type MigrationOutcome } from './db/migrate';
import { JobRunner } from './jobs/runner';
import { backupDirFor } from './paths';
import { version } from '../../package.json';

export interface CoreOptions {
  databasePath: string;
  mode: SystemInfo['mode'];
  nativeBinding?: string;
  /** Compiled job worker, for bundled builds. */
  jobWorkerPath?: string;
  /** Where automatic backups go; defaults to `backups/` beside the database. */
  backupDir?: string;
}

/** The app's core, the same in Electron, browser mode, the CLI and the tests. */
export interface Core {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onJobEvent(listener: (status: JobStatus) => void): () => void;
  readonly db: Db;
  readonly sqlite: Sqlite;
  readonly jobs: JobRunner;
  readonly migration: MigrationOutcome;
  close(): Promise<void>;
}

function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const databasePath = options.databasePath === ':memory:' ? ':memory:' : path.resolve(options.databasePath);
  if (databasePath !== ':memory:') mkdirSync(path.dirname(databasePath), { recursive: true });
  let sqlite: Sqlite;
  try {
    sqlite = openSqlite({ path: databasePath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (error) {
    const details = error instanceof Error ? error.message : String(error);
    throw new AppError('IO', t('errors.dbOpenFailed', { path: databasePath, details }));
  }
  const db = createKysely(sqlite);
  const backupDir = options.backupDir ?? (databasePath === ':memory:' ? null : backupDirFor(databasePath));
  let migration: MigrationOutcome;
  try {
    migration = await migrateToLatest(db, sqlite, backupDir);
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const jobs = new JobRunner({
    dbPath: databasePath,
    backupDir: backupDir ?? os.tmpdir(),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.jobWorkerPath ? { workerPath: options.jobWorkerPath } : {}),
  });
  const systemUser = osUserName();
  const user = await getCurrentUser(db, systemUser);
  const ctx: HandlerContext = {
    db,
    sqlite,
    jobs,
    session: { userName: user.name, osUserName: systemUser },
    info: { version, databasePath, schemaVersion: migration.schemaVersion, mode: options.mode },
  };

  return {
    call: (method, input) => dispatch(handlers, ctx, method, input),
    onJobEvent: (listener) => jobs.onEvent(listener),
    db,
    sqlite,
    jobs,
    migration,
    async close() {
      await jobs.close();
      await db.destroy();
    },
  };
}
