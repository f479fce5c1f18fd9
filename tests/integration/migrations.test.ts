import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { createKysely, openSqlite, type Db, type Sqlite } from '../../electron/core/db/connection';
import { LATEST_SCHEMA_VERSION, migrateToLatest } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { createTestCore, makeTempDir } from '../helpers/core';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

function tempDir(): string {
  const dir = makeTempDir();
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function tableNames(sqlite: Sqlite): string[] {
  return sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[];
}

function appliedMigrations(sqlite: Sqlite): string[] {
  return sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
}

/** A raw connection plus Kysely on a file, the way openCore builds them, for calling migrateToLatest directly. */
function openStore(file: string): { sqlite: Sqlite; db: Db } {
  const sqlite = openSqlite({ path: file });
  const db = createKysely(sqlite);
  cleanup.push(() => db.destroy());
  return { sqlite, db };
}

function insertWijk(sqlite: Sqlite, name: string): void {
  const now = new Date().toISOString();
  sqlite
    .prepare(
      `insert into wijken (id, name, name_key, code, description, created_at, updated_at, created_by, updated_by)
       values (?, ?, ?, '', '', ?, ?, 'test', 'test')`,
    )
    .run(`id-${name}`, name, name.toLowerCase(), now, now);
}

describe('a new database file', () => {
  it('gets every table and index of the foundation schema', async () => {
    const core = await createTestCore();
    cleanup.push(() => core.dispose());

    expect(tableNames(core.sqlite)).toEqual(
      expect.arrayContaining(['app_settings', 'council', 'kysely_migration', 'kysely_migration_lock', 'signatories', 'wijken']),
    );
    const indexes = core.sqlite.prepare(`select name from sqlite_master where type = 'index'`).pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['signatories_by_council', 'wijken_name_key_unique']));
    expect(appliedMigrations(core.sqlite)).toEqual(Object.keys(migrations).sort());
    expect(core.migration.applied).toEqual(Object.keys(migrations).sort());
    expect(core.migration.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('runs in WAL mode with foreign keys enforced, full sync and a busy timeout', async () => {
    const core = await createTestCore();
    cleanup.push(() => core.dispose());

    expect(core.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(core.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('enforces foreign keys for real (a signatory of a missing council is refused)', async () => {
    const core = await createTestCore();
    cleanup.push(() => core.dispose());

    const now = new Date().toISOString();
    expect(() =>
      core.sqlite
        .prepare(
          `insert into signatories (id, council_id, position, name, role, created_at, updated_at) values ('s1', 'bestaat-niet', 0, 'A', 'lid', ?, ?)`,
        )
        .run(now, now),
    ).toThrow(/FOREIGN KEY/);
  });

  it('takes no backup, because there is nothing to lose', async () => {
    const core = await createTestCore();
    cleanup.push(() => core.dispose());

    expect(core.migration.backupPath).toBeUndefined();
    expect(existsSync(path.join(core.dir, 'backups'))).toBe(false);
  });
});

describe('re-opening an up-to-date database', () => {
  it('applies nothing, takes no backup and keeps the data', async () => {
    const dir = tempDir();
    const first = await createTestCore({ dir });
    await first.value('wijken.create', { name: 'Noord' });
    await first.close();

    const second = await createTestCore({ dir });
    cleanup.push(() => second.close());
    expect(second.migration.applied).toEqual([]);
    expect(second.migration.backupPath).toBeUndefined();
    expect(second.migration.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);
    expect((await second.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Noord']);
  });
});

describe('a database written by a newer version', () => {
  it('is refused with CONFLICT and a Dutch message, and the file is not touched', async () => {
    const dir = tempDir();
    const core = await createTestCore({ dir });
    await core.value('wijken.create', { name: 'Noord' });
    core.sqlite.prepare(`insert into kysely_migration (name, timestamp) values ('9999_future', ?)`).run(new Date().toISOString());
    await core.close();
    const before = fileHash(core.databasePath);

    const refused = await openCore({ databasePath: core.databasePath, mode: 'cli' }).then(
      () => null,
      (error: unknown) => error,
    );

    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONFLICT');
    expect((refused as AppError).message).toBe(t('errors.dbNewerVersion', { migration: '9999_future' }));
    expect((refused as AppError).message).toContain('nieuwere versie van Advieswerk');
    expect(fileHash(core.databasePath)).toBe(before);
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});

describe('migrateToLatest with a pending migration', () => {
  /** A destructive test migration, so the backup is the only place the old rows survive. */
  const wipeWijken: Migration = {
    async up(db: Kysely<any>) {
      await db.schema.createTable('test_extra').addColumn('id', 'text', (c) => c.primaryKey()).execute();
      await sql`delete from wijken`.execute(db);
    },
  };

  it('copies an existing database into backupDir before running it, and the copy holds the old data', async () => {
    const dir = tempDir();
    const backupDir = path.join(dir, 'backups');
    const { sqlite, db } = openStore(path.join(dir, 'store.sqlite'));
    const initial = await migrateToLatest(db, sqlite, backupDir);
    expect(initial.backupPath).toBeUndefined();
    insertWijk(sqlite, 'Noord');
    insertWijk(sqlite, 'Zuid');

    const outcome = await migrateToLatest(db, sqlite, backupDir, { ...migrations, '9000_test_extra': wipeWijken });

    expect(outcome.applied).toEqual(['9000_test_extra']);
    expect(outcome.schemaVersion).toBe('9000_test_extra');
    expect(outcome.backupPath).toBeDefined();
    expect(path.dirname(outcome.backupPath!)).toBe(backupDir);
    expect(readdirSync(backupDir)).toEqual([path.basename(outcome.backupPath!)]);

    // The live database has been migrated...
    expect(sqlite.prepare('select count(*) from wijken').pluck().get()).toBe(0);
    expect(tableNames(sqlite)).toContain('test_extra');
    // ...while the backup is the database as it was before.
    const backup = openSqlite({ path: outcome.backupPath!, readonly: true });
    try {
      expect(backup.prepare('select name from wijken order by name').pluck().all()).toEqual(['Noord', 'Zuid']);
      expect(tableNames(backup)).not.toContain('test_extra');
      expect(appliedMigrations(backup)).toEqual(Object.keys(migrations).sort());
    } finally {
      backup.close();
    }
  });

  it('takes no backup of a brand-new empty database', async () => {
    const dir = tempDir();
    const backupDir = path.join(dir, 'backups');
    const { sqlite, db } = openStore(path.join(dir, 'store.sqlite'));

    const outcome = await migrateToLatest(db, sqlite, backupDir, { ...migrations, '9000_test_extra': wipeWijken });

    expect(outcome.applied).toEqual([...Object.keys(migrations).sort(), '9000_test_extra']);
    expect(outcome.backupPath).toBeUndefined();
    expect(existsSync(backupDir)).toBe(false);
  });
});

describe('a migration that fails halfway', () => {
  const failsHalfway: Migration = {
    async up(db: Kysely<any>) {
      await db.schema.createTable('test_half_done').addColumn('id', 'text', (c) => c.primaryKey()).execute();
      await sql`delete from wijken`.execute(db);
      throw new Error('halverwege mislukt');
    },
  };

  it('leaves no trace: no table, no bookkeeping row, no lost rows', async () => {
    const dir = tempDir();
    const { sqlite, db } = openStore(path.join(dir, 'store.sqlite'));
    await migrateToLatest(db, sqlite, path.join(dir, 'backups'));
    insertWijk(sqlite, 'Noord');

    const failure = await migrateToLatest(db, sqlite, path.join(dir, 'backups'), {
      ...migrations,
      '9000_fails_halfway': failsHalfway,
    }).then(
      () => null,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toContain('halverwege mislukt');
    expect(tableNames(sqlite)).not.toContain('test_half_done');
    expect(appliedMigrations(sqlite)).toEqual(Object.keys(migrations).sort());
    expect(sqlite.prepare('select name from wijken').pluck().all()).toEqual(['Noord']);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('leaves a brand-new database without any of the schema when the first run fails', async () => {
    const dir = tempDir();
    const { sqlite, db } = openStore(path.join(dir, 'store.sqlite'));

    await expect(
      migrateToLatest(db, sqlite, path.join(dir, 'backups'), { ...migrations, '9000_fails_halfway': failsHalfway }),
    ).rejects.toBeInstanceOf(AppError);

    const tables = tableNames(sqlite);
    expect(tables).not.toContain('wijken');
    expect(tables).not.toContain('test_half_done');
    const bookkeeping = tables.includes('kysely_migration') ? appliedMigrations(sqlite) : [];
    expect(bookkeeping).toEqual([]);
  });
});
