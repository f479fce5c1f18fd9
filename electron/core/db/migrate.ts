import { Migrator, sql, type Migration } from 'kysely';
import { AppError } from '../../../shared/result';
import { t } from '../../../shared/i18n';
import { writeOnlineBackup } from '../backups/files';
import type { Db, Sqlite } from './connection';
import { migrations } from './migrations';

const MIGRATION_TABLE = 'kysely_migration';

export interface MigrationOutcome {
  applied: string[];
  /** Where the database was copied before pending migrations ran (existing databases only). */
  backupPath?: string;
  schemaVersion: string;
}

export const LATEST_SCHEMA_VERSION = Object.keys(migrations).sort().at(-1) ?? '';

async function appliedMigrationNames(db: Db): Promise<string[]> {
  const exists = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db);
  if (exists.rows.length === 0) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** Refuses a database written by a newer version of the app, before touching anything. */
export async function checkDatabaseVersion(
  db: Db,
  available: Record<string, Migration> = migrations,
): Promise<{ applied: string[]; pending: string[] }> {
  const applied = await appliedMigrationNames(db);
  const unknown = applied.find((name) => !(name in available));
  if (unknown) throw new AppError('CONFLICT', t('errors.dbNewerVersion', { migration: unknown }));
  const pending = Object.keys(available)
    .sort()
    .filter((name) => !applied.includes(name));
  return { applied, pending };
}

/**
 * Brings the database to the latest schema. An existing database is copied first (SQLite's
 * online backup, consistent even while open), so a migration can never cost data.
 */
export async function migrateToLatest(
  db: Db,
  sqlite: Sqlite,
  backupDir: string | null,
  available: Record<string, Migration> = migrations,
): Promise<MigrationOutcome> {
  const { applied, pending } = await checkDatabaseVersion(db, available);
  let backupPath: string | undefined;
  if (pending.length > 0 && applied.length > 0 && backupDir) {
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
      throw new AppError('INTERNAL', t('errors.dbOpenFailed', { path: sqlite.name, details }));
    }
  }
  return { applied: pending, ...(backupPath ? { backupPath } : {}), schemaVersion: Object.keys(available).sort().at(-1) ?? '' };
}
