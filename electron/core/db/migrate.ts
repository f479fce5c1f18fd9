import { existsSync, statSync } from 'node:fs';
import { Migrator, sql, type Migration } from 'kysely';
import { AppError } from '../../../shared/result';
import { t } from '../../../shared/i18n';
import { writeOnlineBackup } from '../backups/files';
import { openSqlite, type Db, type Sqlite } from './connection';
import { isPostgres, listTables } from './dialect';
import { migrations, postgresMigrations } from './migrations';
import type { StoreTarget } from './postgres';

const MIGRATION_TABLE = 'kysely_migration';

export interface MigrationOutcome {
  applied: string[];
  /** Where the database was copied before pending migrations ran (existing databases only). */
  backupPath?: string;
  schemaVersion: string;
}

export const LATEST_SCHEMA_VERSION = Object.keys(migrations).sort().at(-1) ?? '';

/** The migrations for the store `db` is on: one ordered list, each in its SQLite or PostgreSQL form. */
export function migrationsFor(db: Db): Record<string, Migration> {
  return isPostgres(db) ? postgresMigrations : migrations;
}

async function appliedMigrationNames(db: Db): Promise<string[]> {
  if (!(await listTables(db)).includes(MIGRATION_TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** Refuses a database written by a newer version of the app, before touching anything. */
export async function checkDatabaseVersion(
  db: Db,
  available: Record<string, Migration> = migrationsFor(db),
): Promise<{ applied: string[]; pending: string[] }> {
  const applied = await appliedMigrationNames(db);
  const unknown = applied.find((name) => !(name in available));
  if (unknown) throw new AppError('CONFLICT', t('errors.dbNewerVersion', { migration: unknown }));
  const pending = Object.keys(available)
    .sort()
    .filter((name) => !applied.includes(name));
  return { applied, pending };
}

/** Kysely's own bookkeeping tables: present (and empty) after a first migration that failed. */
const BOOKKEEPING_TABLES = new Set([MIGRATION_TABLE, `${MIGRATION_TABLE}_lock`]);

/**
 * Looks at an existing database file read-only, before anything may write to it (not even the
 * switch to WAL, which rewrites the header), and refuses a file that is not an Advieswerk
 * database (another program's SQLite file, or no SQLite file at all) or one written by a newer
 * version. Refused files are left byte for byte as they were. A missing or empty file is a new
 * database and passes.
 */
export function refuseForeignOrNewerDatabase(databasePath: string, nativeBinding?: string, available: Record<string, Migration> = migrations): void {
  if (databasePath === ':memory:' || !existsSync(databasePath) || statSync(databasePath).size === 0) return;
  const notOurs = () => new AppError('CONFLICT', t('errors.dbNotAdvieswerk', { path: databasePath }));
  let sqlite: Sqlite;
  try {
    sqlite = openSqlite({ path: databasePath, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw notOurs();
    throw new AppError('IO', t('errors.dbOpenFailed', { path: databasePath, details: error instanceof Error ? error.message : String(error) }));
  }
  try {
    let tables: string[];
    try {
      tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and substr(name, 1, 7) <> 'sqlite_'`).pluck().all() as string[];
    } catch (error) {
      // "file is not a database": a text file, a zip, an encrypted database.
      if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw notOurs();
      throw error;
    }
    if (tables.every((name) => BOOKKEEPING_TABLES.has(name))) return;
    if (!tables.includes(MIGRATION_TABLE)) throw notOurs();
    const applied = sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
    if (!applied.some((name) => Object.hasOwn(available, name))) throw notOurs();
    const unknown = applied.find((name) => !Object.hasOwn(available, name));
    if (unknown) throw new AppError('CONFLICT', t('errors.dbNewerVersion', { migration: unknown }));
  } finally {
    sqlite.close();
  }
}

/**
 * The PostgreSQL counterpart of `refuseForeignOrNewerDatabase`: an empty database (or one with only
 * Kysely's bookkeeping) is new; tables without Advieswerk's migrations are another application's;
 * an unknown applied migration is a newer version. Only reads, so a refused database is untouched.
 */
export async function refuseForeignOrNewerPostgres(db: Db, target: Extract<StoreTarget, { kind: 'postgres' }>, available: Record<string, Migration> = postgresMigrations): Promise<void> {
  const tables = await listTables(db);
  if (tables.every((name) => BOOKKEEPING_TABLES.has(name))) return;
  const notOurs = () => new AppError('CONFLICT', t('errors.pgNotAdvieswerk', { server: target.server, database: target.database }));
  if (!tables.includes(MIGRATION_TABLE)) throw notOurs();
  const applied = await appliedMigrationNames(db);
  if (!applied.some((name) => Object.hasOwn(available, name))) throw notOurs();
  const unknown = applied.find((name) => !Object.hasOwn(available, name));
  if (unknown) throw new AppError('CONFLICT', t('errors.dbNewerVersion', { migration: unknown }));
}

/**
 * Brings the database to the latest schema. An existing database is copied first (SQLite's
 * online backup, consistent even while open), so a migration can never cost data.
 */
export async function migrateToLatest(
  db: Db,
  sqlite: Sqlite | null,
  backupDir: string | null,
  available: Record<string, Migration> = migrationsFor(db),
): Promise<MigrationOutcome> {
  const { applied, pending } = await checkDatabaseVersion(db, available);
  let backupPath: string | undefined;
  // PostgreSQL: the migrations run in one transaction (transactional DDL); a failure leaves it as it was.
  if (pending.length > 0 && applied.length > 0 && backupDir && sqlite) {
    backupPath = await writeOnlineBackup(sqlite, backupDir, 'voor-migratie');
  }
  if (pending.length > 0) {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => available },
      migrationTableName: MIGRATION_TABLE,
    });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      const details = error instanceof Error ? error.message : String(error);
      throw new AppError('INTERNAL', t('errors.dbOpenFailed', { path: sqlite?.name ?? 'PostgreSQL', details }));
    }
  }
  return { applied: pending, ...(backupPath ? { backupPath } : {}), schemaVersion: Object.keys(available).sort().at(-1) ?? '' };
}
