import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobStatus } from '../../shared/api/jobs';
import { isMethodName } from '../../shared/api/contract';
import type { SystemInfo } from '../../shared/api/system';
import { t } from '../../shared/i18n';
import { AppError, fail, ok, type Result } from '../../shared/result';
import type { RestoreOutcome } from '../../shared/api/backups';
import { restoreBackupFile } from './backups/restore';
import { getCurrentUser } from './council/repository';
import { ChangeFeed } from './api/change-feed';
import { PresenceBoard } from './presence/board';
import { dispatch } from './api/dispatch';
import type { Caller, HandlerContext } from './api/handler';
import { AccountService } from './accounts/service';
import { handlers } from './api/handlers';
import { createKysely, openSqlite, refreshPlannerStatistics, type Db, type Sqlite } from './db/connection';
import { migrateToLatest, refuseForeignOrNewerDatabase, refuseForeignOrNewerPostgres, type MigrationOutcome } from './db/migrate';
import { parseStoreTarget, type StoreTarget } from './db/postgres';
import { openPostgres } from './db/postgres';
import type { StoreKind } from './db/dialect';
import { JobRunner } from './jobs/runner';
import { discardAbandonedImports } from './findings/import-batch-repository';
import { backupDirFor, postgresAnchor, exportsDirFor, PRIVATE_DIR_MODE, protectDataFiles, sweepUploads, uploadsDirFor } from './paths';
import { attachmentsDir } from './responses/attachments';
import { DEFAULT_AUTOMATIC_BACKUPS, scheduleAutomaticBackups, type AutomaticBackupOptions } from './backups/schedule';
import { MaintenanceGate } from './backups/gate';
import { backupPrefixFor } from './backups/files';
import { version } from '../../package.json';

export interface CoreOptions {
  /** A SQLite file path (`:memory:` for throw-away), or `postgres://user:password@host:port/database`. */
  databasePath: string;
  /**
   * On PostgreSQL: the local folder for exports, uploads and attachments (on SQLite they sit beside the
   * file). Defaults to `advieswerk-<database>` in the user's home folder.
   */
  dataDir?: string;
  mode: SystemInfo['mode'];
  nativeBinding?: string;
  /** Compiled job worker (build/electron/worker.mjs); without it jobs run worker.ts from source through tsx. */
  jobWorkerPath?: string;
  /** Where automatic backups go; defaults to `backups/` beside the database. */
  backupDir?: string;
  /** Daily backups while running; on by default in the app and browser mode, off in the CLI. */
  automaticBackups?: AutomaticBackupOptions | false;
  /**
   * Sending an advice starts a job that archives the letter as PDF/A beside its frozen .docx
   * (LibreOffice, seconds). On by default in the app and browser mode; off in the CLI, whose process
   * ends before such a job would (`advices.archivePdf` makes it later).
   */
  archiveSentLetters?: boolean;
}

/** The app's core, the same in Electron, browser mode, the CLI and the tests. */
export interface Core {
  /** One call of the contract; `caller` is the signed-in account on the council server (checked against its role). */
  call(method: string, input: unknown, caller?: Caller): Promise<Result<unknown>>;
  /** Signing in on the council server: setup code, logins, invitations, sessions. */
  readonly accounts: AccountService;
  /** For the CLI only (the user's own shell): restores a database file named by its path. The API takes names only. */
  restoreBackupFile(filePath: string): Promise<Result<RestoreOutcome>>;
  onJobEvent(listener: (status: JobStatus) => void): () => void;
  /** Every successful write, as it happens (live updates: the HTTP host streams these to the members). */
  readonly changes: ChangeFeed;
  readonly db: Db;
  /** The SQLite handle (tests, benchmarks, whole-file tools); throws on PostgreSQL, which has none. */
  readonly sqlite: Sqlite;
  readonly store: StoreKind;
  readonly jobs: JobRunner;
  readonly migration: MigrationOutcome;
  close(): Promise<void>;
}

/**
 * The context of one call by a signed-in account: its name goes on what it writes ("ingevoerd door", the
 * audit trail). A copy per call, so two members' calls never see each other's name; the database and the
 * maintenance controls stay shared.
 */
function contextFor(ctx: HandlerContext, caller: Caller): HandlerContext {
  const shared = ctx;
  return {
    get db() {
      return shared.db;
    },
    get sqlite() {
      return shared.sqlite;
    },
    jobs: shared.jobs,
    info: shared.info,
    maintenance: shared.maintenance,
    accounts: shared.accounts,
    presence: shared.presence,
    archiveSentLetters: shared.archiveSentLetters,
    caller,
    session: { userName: caller.name, osUserName: shared.session.osUserName },
  };
}

function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

interface OpenedStore {
  sqlite: Sqlite | null;
  db: Db;
  migration: MigrationOutcome;
}

async function openDatabase(target: StoreTarget, backupDir: string | null, nativeBinding?: string): Promise<OpenedStore> {
  if (target.kind === 'postgres') {
    const { db } = await openPostgres(target, { preparedStatements: true });
    try {
      // Read-only checks first: a database of another application or a newer version stays untouched.
      await refuseForeignOrNewerPostgres(db, target);
      return { sqlite: null, db, migration: await migrateToLatest(db, null, null) };
    } catch (error) {
      await db.destroy().catch(() => {});
      throw error;
    }
  }
  const databasePath = target.path;
  // Before openSqlite: opening for writing switches the file to WAL, which already changes it.
  refuseForeignOrNewerDatabase(databasePath, nativeBinding);
  let sqlite: Sqlite;
  try {
    sqlite = openSqlite({ path: databasePath, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    const details = error instanceof Error ? error.message : String(error);
    throw new AppError('IO', t('errors.dbOpenFailed', { path: databasePath, details }));
  }
  const db = createKysely(sqlite);
  let migration: MigrationOutcome;
  try {
    migration = await migrateToLatest(db, sqlite, backupDir);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { sqlite, db, migration };
}

/**
 * Other users of the computer read nothing: the database and the app's folders beside it private
 * (0600/0700), and uploads left by a killed import swept. A failure here is logged, never fatal.
 */
function secureDataFolder(databasePath: string, backupDir: string | null): void {
  try {
    protectDataFiles(databasePath, [exportsDirFor(databasePath), uploadsDirFor(databasePath), attachmentsDir(databasePath), ...(backupDir ? [backupDir] : [])]);
    sweepUploads(databasePath);
  } catch (error) {
    console.warn('[advieswerk] could not make the data folder private:', error);
  }
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const target = parseStoreTarget(options.databasePath);
  const store: StoreKind = target.kind;
  // On PostgreSQL the local files (exports, uploads) are anchored in a data folder; see localAnchor.
  const databasePath =
    target.kind === 'postgres' ? postgresAnchor(target.database, options.dataDir) : options.databasePath === ':memory:' ? ':memory:' : path.resolve(options.databasePath);
  const storeTarget: StoreTarget = target.kind === 'postgres' ? target : { kind: 'sqlite', path: databasePath };
  try {
    if (databasePath !== ':memory:') mkdirSync(path.dirname(databasePath), { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    throw new AppError('IO', t('errors.dbOpenFailed', { path: databasePath, details: error instanceof Error ? error.message : String(error) }));
  }
  // SQLite: online-backup files; PostgreSQL: pg_dump files, in `backups/` beside the local anchor.
  const backupDir = options.backupDir ?? (databasePath === ':memory:' ? null : backupDirFor(databasePath));
  const opened = await openDatabase(storeTarget, backupDir, options.nativeBinding);
  let migration = opened.migration;
  if (databasePath !== ':memory:') secureDataFolder(databasePath, backupDir);
  // A findings import cut off by a crash or power cut is undone before anyone sees its half.
  if (!opened.sqlite?.readonly) await discardAbandonedImports(opened.db);

  const jobs = new JobRunner({
    dbPath: databasePath,
    ...(target.kind === 'postgres' ? { postgresUrl: target.url } : {}),
    backupDir: backupDir ?? os.tmpdir(),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.jobWorkerPath ? { workerPath: options.jobWorkerPath } : {}),
  });
  const systemUser = osUserName();
  const user = await getCurrentUser(opened.db, systemUser);

  // Calls wait while the database is being swapped (restore); the restore waits for calls in flight.
  const gate = new MaintenanceGate();
  const changes = new ChangeFeed();
  const ctx: HandlerContext = {
    db: opened.db,
    sqlite: opened.sqlite,
    jobs,
    session: { userName: user.name, osUserName: systemUser },
    info: { version, databasePath, schemaVersion: migration.schemaVersion, mode: options.mode },
    archiveSentLetters: options.archiveSentLetters ?? options.mode !== 'cli',
    caller: null,
    accounts: new AccountService(() => ctx.db),
    // A change in who has an advice open is announced like a write (topic `presence`); renewals are not.
    presence: new PresenceBoard((accountId, method) => changes.announce(method, accountId)),
    maintenance: {
      backupDir,
      ...(target.kind === 'postgres' ? { postgresUrl: target.url } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      exclusive: (work) => gate.exclusive(work),
      async reopenDatabase(replace) {
        await ctx.db.destroy();
        let failure: unknown;
        try {
          await replace(databasePath);
        } catch (error) {
          failure = error;
        }
        // Reopened whatever happened: after a failed replace the old database is still intact.
        const reopened = await openDatabase(storeTarget, backupDir, options.nativeBinding);
        ctx.db = reopened.db;
        ctx.sqlite = reopened.sqlite;
        migration = reopened.migration;
        ctx.info.schemaVersion = reopened.migration.schemaVersion;
        ctx.session.userName = (await getCurrentUser(reopened.db, systemUser)).name;
        if (failure !== undefined) throw failure;
        return reopened.migration.schemaVersion;
      },
    },
  };
  const automaticBackups =
    options.automaticBackups ?? (options.mode !== 'cli' && backupDir ? DEFAULT_AUTOMATIC_BACKUPS : false);
  const stopAutomaticBackups =
    automaticBackups && backupDir ? scheduleAutomaticBackups(jobs, backupDir, backupPrefixFor(databasePath), automaticBackups, options.nativeBinding, () => !gate.busy) : () => {};

  return {
    call: (method, input, caller) =>
      gate.run(async () => {
        const result = await dispatch(handlers, caller ? contextFor(ctx, caller) : ctx, method, input);
        // Only a write that succeeded is a change; dispatch has checked the method's name.
        if (result.ok && isMethodName(method)) changes.published(method, caller?.accountId ?? null);
        return result;
      }),
    changes,
    accounts: ctx.accounts,
    restoreBackupFile: (filePath) =>
      gate.run(async () => {
        try {
          return ok(await restoreBackupFile(filePath, ctx));
        } catch (error) {
          if (error instanceof AppError) return fail(error.code, error.message, error.issues);
          throw error;
        }
      }),
    onJobEvent: (listener) => jobs.onEvent(listener),
    get db() {
      return ctx.db;
    },
    get sqlite() {
      if (!ctx.sqlite) throw new Error('This core runs on PostgreSQL: there is no SQLite handle');
      return ctx.sqlite;
    },
    store,
    jobs,
    get migration() {
      return migration;
    },
    async close() {
      stopAutomaticBackups();
      await jobs.close();
      if (ctx.sqlite) refreshPlannerStatistics(ctx.sqlite);
      await ctx.db.destroy();
    },
  };
}
