import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { openCore, type Core } from '../../electron/core/core';
import { createKysely, openSqlite } from '../../electron/core/db/connection';
import { listRecordTables } from '../../electron/core/db/dialect';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrate';
import { migrations, postgresMigrations } from '../../electron/core/db/migrations';
import { copyStore, dataTables as storeDataTables } from '../../electron/core/db/move';
import { openPostgres, parseStoreTarget } from '../../electron/core/db/postgres';
import { FIXTURE_DIR, dataTables, fixtureProblems, makeMigrationFixture } from '../../scripts/make-migration-fixture';
import type { Result } from '../../shared/result';
import { renderDocx } from '../helpers/docx';
import { createPostgresDatabase, makeTempDir, onPostgres } from '../helpers/core';

// The SQLite half runs in the `sqlite` project, the PostgreSQL half (at the end) in the `postgres` project.
const sqliteOnly = describe.skipIf(onPostgres());

/**
 * One fixture database per schema version (tests/fixtures/migrations/<migration>.sqlite, made once by
 * scripts/make-migration-fixture.ts with the code of its time) must open with today's code, through
 * the real start path, with every row it held intact. The fixtures are only ever copied, never written.
 */

const MIGRATION_NAMES = Object.keys(migrations).sort();
const fixtureFile = (name: string) => path.join(FIXTURE_DIR, `${name}.sqlite`);
const FIXTURES = MIGRATION_NAMES.filter((name) => existsSync(fixtureFile(name)));
/** Response letters the seeds refer to; the app keeps them in bijlagen/ beside the database. */
const ATTACHMENT_DIR = path.join(FIXTURE_DIR, 'bijlagen');
const FROZEN_FILES = [...FIXTURES.map(fixtureFile), ...readdirSync(ATTACHMENT_DIR).map((file) => path.join(ATTACHMENT_DIR, file))];

/**
 * Tables a later migration renamed, old name → new name. A rename must be listed here, so the rows
 * are looked for under the new name instead of the check failing (or, worse, passing vacuously).
 * None so far.
 */
const RENAMED_TABLES: Record<string, string> = {};
/** Columns a later migration renamed, per (old) table name: old column → new column. None so far. */
const RENAMED_COLUMNS: Record<string, Record<string, string>> = {};
/** Tables a later migration dropped on purpose, with the reason. None so far. */
const DROPPED_TABLES: Record<string, string> = {};

// The seeded records the behaviour checks look for (tests/fixtures/migrations/*.sql).
const SEED = {
  clientFinding: '01900000-0000-7000-8006-000000000001',
  regiotaxiSignal: '01900000-0000-7000-8007-000000000001',
  mantelzorgSignal: '01900000-0000-7000-8007-000000000002',
  sentAdvice: '01900000-0000-7000-8009-000000000001',
  responseWithLetter: '01900000-0000-7000-8014-000000000001',
  conceptAdvice: '01900000-0000-7000-8009-000000000002',
};

const fileHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const hashesBefore = new Map(FROZEN_FILES.map((file) => [file, fileHash(file)] as const));
const figures = { fixtures: 0, tables: 0, rows: 0, cells: 0 };
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  if (onPostgres()) return;
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/reliability-migration-fixtures.json', JSON.stringify(figures, null, 2));
});

type TableRows = { columns: string[]; rows: Record<string, unknown>[] };

/** Every row of every data table, BLOBs as hex so they compare as text. */
function readAllRows(file: string): Map<string, TableRows> {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Map<string, TableRows>();
    for (const table of dataTables(sqlite)) {
      const columns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((column) => column.name);
      const rows = (sqlite.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? `x'${value.toString('hex')}'` : value])),
      );
      tables.set(table, { columns, rows });
    }
    return tables;
  } finally {
    sqlite.close();
  }
}

function appliedMigrations(file: string): string[] {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  } finally {
    sqlite.close();
  }
}

/** The rows of `before` that are not in `after` (same values in every column that still exists), per table. */
function missingRows(before: Map<string, TableRows>, after: Map<string, TableRows>, tally = { tables: 0, rows: 0, cells: 0 }): Record<string, unknown[]> {
  const missing: Record<string, unknown[]> = {};
  for (const [table, old] of before) {
    if (table in DROPPED_TABLES) continue;
    const current = after.get(RENAMED_TABLES[table] ?? table);
    if (!current) {
      missing[table] = [`tabel ${table} bestaat niet meer (hernoemd? zet hem in RENAMED_TABLES; bewust weg? in DROPPED_TABLES)`];
      continue;
    }
    const renamed = RENAMED_COLUMNS[table] ?? {};
    const kept = old.columns.map((column) => [column, renamed[column] ?? column] as const).filter(([, now]) => current.columns.includes(now));
    expect(kept.length, `${table}: geen enkele kolom over`).toBeGreaterThan(0);
    const key = (row: Record<string, unknown>, pick: (pair: readonly [string, string]) => string) =>
      JSON.stringify(kept.map((pair) => row[pick(pair)] ?? null));
    const available = new Map<string, number>();
    for (const row of current.rows) {
      const k = key(row, ([, now]) => now);
      available.set(k, (available.get(k) ?? 0) + 1);
    }
    for (const row of old.rows) {
      const k = key(row, ([was]) => was);
      const count = available.get(k) ?? 0;
      if (count === 0) (missing[table] ??= []).push(row);
      else available.set(k, count - 1);
      tally.cells += kept.length;
    }
    tally.tables += 1;
    tally.rows += old.rows.length;
  }
  return missing;
}

async function value<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = (await core.call(method as never, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const atLeast = (fixture: string, version: string) => fixture >= version;

sqliteOnly('migration fixtures: one per schema version', () => {
  it('exists for every migration the app knows', () => {
    const missing = MIGRATION_NAMES.filter((name) => !existsSync(fixtureFile(name)));
    expect(
      missing,
      `Geen fixture voor ${missing.join(', ')}. Schrijf tests/fixtures/migrations/<migratie>.sql (INSERTs op het schema van die versie, ` +
        `elke tabel gevuld) en maak de fixture met: npx tsx scripts/make-migration-fixture.ts <migratie> (zie tests/fixtures/migrations/README.md).`,
    ).toEqual([]);
    // A fixture or seed of a migration that no longer exists points at a renamed migration file.
    const known = new Set(MIGRATION_NAMES);
    const strays = readdirSync(FIXTURE_DIR)
      .filter((file) => /\.(sql|sqlite)$/.test(file))
      .filter((file) => !known.has(file.replace(/\.(sql|sqlite)$/, '')));
    expect(strays).toEqual([]);
  });

  it.each(FIXTURES)('%s is a sound database of exactly that version', (name) => {
    // On a copy: the full-text index's own check is written as an INSERT, which a read-only connection refuses.
    const dir = makeTempDir('advieswerk-fixture-');
    tempDirs.push(dir);
    const copy = path.join(dir, `${name}.sqlite`);
    copyFileSync(fixtureFile(name), copy);
    const sqlite = new BetterSqlite3(copy, { fileMustExist: true });
    try {
      // Its newest migration is its version, and it records only migrations the app knows. (Not
      // necessarily every older name: a migration merged later with a lower number is missing in it.)
      const applied = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
      expect(applied.at(-1)).toBe(name);
      expect(applied.filter((migration) => !MIGRATION_NAMES.includes(migration))).toEqual([]);
      expect(applied).toContain(MIGRATION_NAMES[0]);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(fixtureProblems(sqlite)).toEqual([]);
    } finally {
      sqlite.close();
    }
  });
});

sqliteOnly.each(FIXTURES)('a version-%s database opened by today’s app', (name) => {
  it('migrates to the latest version through openCore, with a backup first and every row intact', { timeout: 120_000 }, async () => {
    const dir = makeTempDir('advieswerk-fixture-');
    tempDirs.push(dir);
    const databasePath = path.join(dir, 'advieswerk.sqlite');
    copyFileSync(fixtureFile(name), databasePath);
    if (atLeast(name, '0006_responses')) cpSync(ATTACHMENT_DIR, path.join(dir, 'bijlagen'), { recursive: true });
    const before = readAllRows(databasePath);
    const appliedBefore = appliedMigrations(databasePath);

    const core = await openCore({ databasePath, mode: 'cli' });
    let closed = false;
    try {
      const pending = MIGRATION_NAMES.filter((migration) => !appliedBefore.includes(migration));
      expect(core.migration.applied).toEqual(pending);
      expect(core.migration.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      if (pending.length > 0) {
        // The real start path copied the old database aside before migrating it.
        expect(core.migration.backupPath).toMatch(/voor-migratie/);
        expect(appliedMigrations(core.migration.backupPath!)).toEqual(appliedBefore);
        // ...and that copy holds every row as it was.
        expect(missingRows(before, readAllRows(core.migration.backupPath!))).toEqual({});
      } else {
        expect(core.migration.backupPath).toBeUndefined();
      }
      expect(core.sqlite.prepare('select name from kysely_migration order by name').pluck().all()).toEqual(MIGRATION_NAMES);
      expect(fixtureProblems(core.sqlite)).toEqual([]);

      // Behaviour after migration, through the API, on the seeded records of each version.
      // Every overview the app opens with reads the migrated rows without an error.
      for (const method of ['council.get', 'wijken.list', 'meetings.list', 'advices.list', 'wijkteams.list', 'frameworks.list', 'dashboard.get', 'audit.list', 'trash.list']) {
        const result = await core.call(method as never, {});
        expect(result.ok ? 'ok' : `${result.error.code} ${result.error.message}`, method).toBe('ok');
      }
      expect((await value<{ name: string }>(core, 'council.get', {})).name).toBe('Adviesraad Sociaal Domein Zuidhörn');
      expect((await value<{ name: string }[]>(core, 'wijken.list', {})).map((wijk) => wijk.name)).toEqual(['Noord', 'Oosterpark & Hoogkerk', 'Ĳsselkade']);
      if (atLeast(name, '0002_meetings')) {
        const search = await value<{ rows: { id: string }[] }>(core, 'findings.search', { query: 'clienten' });
        expect(search.rows.map((row) => row.id)).toEqual([SEED.clientFinding]); // "Cliënten", folded
        const regiotaxi = await value<{ meetingCount: number; findingCount: number; wijkCount: number }>(core, 'signals.get', { id: SEED.regiotaxiSignal });
        expect([regiotaxi.meetingCount, regiotaxi.findingCount, regiotaxi.wijkCount]).toEqual([2, 2, 2]);
        const mantelzorg = await value<{ meetingCount: number; findingCount: number }>(core, 'signals.get', { id: SEED.mantelzorgSignal });
        expect([mantelzorg.meetingCount, mantelzorg.findingCount]).toEqual([2, 3]); // one finding came by e-mail, without a meeting
      }
      if (atLeast(name, '0003_advices')) {
        const frozen = await value<{ sha256: string; docxBase64: string; snapshot: { status: string; kenmerk: string } }>(core, 'advices.frozen', { id: SEED.sentAdvice, version: 1 });
        expect(createHash('sha256').update(Buffer.from(frozen.docxBase64, 'base64')).digest('hex')).toBe(frozen.sha256);
        expect([frozen.snapshot.status, frozen.snapshot.kenmerk]).toEqual(['verzonden', 'WMO-2025-001']);
        const edit = await core.call('advices.update', { id: SEED.sentAdvice, betreft: 'Gewijzigd na verzending' });
        expect(!edit.ok && edit.error.code).toBe('CONFLICT');

        if (atLeast(name, '0012_trash_advices')) {
          // The 0012 seed put the concept in the trash: hidden, listed in the trash. (Restoring
          // here would change the rows that the check below compares with the fixture.)
          expect((await core.call('advices.get', { id: SEED.conceptAdvice })).ok).toBe(false);
          const trash = await value<{ table: string; id: string }[]>(core, 'trash.list', {});
          expect(trash).toContainEqual(expect.objectContaining({ table: 'advices', id: SEED.conceptAdvice }));
        }
        const exported = await value<{ bytesBase64: string; fileName: string }>(core, 'advices.exportDocx', {
          id: atLeast(name, '0012_trash_advices') ? SEED.sentAdvice : SEED.conceptAdvice,
        });
        const docx = Buffer.from(exported.bytesBase64, 'base64');
        expect(docx.subarray(0, 2).toString()).toBe('PK');
        if (name === '0003_advices') {
          // Rendering is slow (LibreOffice): once, on the oldest database that has advices.
          const { text } = await renderDocx(docx);
          expect(text).toContain('Concept beleidsregels Wmo 2026');
          expect(text).toContain('actief naar respijtzorg');
        }
      }
      if (atLeast(name, '0006_responses')) {
        const overview = await value<{ responses: { kenmerk: string }[]; commitments: unknown[]; statusLog: { fromStatus: string | null; toStatus: string }[] }>(core, 'responses.forAdvice', { adviceId: SEED.sentAdvice });
        expect(overview.responses.map((response) => response.kenmerk).sort()).toEqual(['U/25/007731', 'U/25/009120']);
        const letter = await value<{ fileName: string; sha256: string; bytesBase64: string }>(core, 'responses.attachment', { id: SEED.responseWithLetter });
        expect(letter.fileName).toBe('Reactie college regiotaxi.pdf');
        expect(createHash('sha256').update(Buffer.from(letter.bytesBase64, 'base64')).digest('hex')).toBe(letter.sha256);
        expect(overview.commitments).toHaveLength(1);
        // Migration 0006 started the trail with the status the advice had (sent in the 0003 seed).
        expect(overview.statusLog.map((change) => [change.fromStatus, change.toStatus])).toEqual([[null, 'verzonden'], ['verzonden', 'reactie_ontvangen']]);
      }
      if (atLeast(name, '0010_personal_data_flags')) {
        const meeting = await value<{ notesContainPersonalData: boolean; title: string }>(core, 'meetings.get', { id: '01900000-0000-7000-8004-000000000004' });
        expect([meeting.title, meeting.notesContainPersonalData]).toEqual(['Inloopuur Ĳsselkade', true]);
      }

      await core.close();
      closed = true;
      const after = readAllRows(databasePath);
      expect(missingRows(before, after, figures)).toEqual({});
      figures.fixtures += 1;
    } finally {
      if (!closed) await core.close();
    }
  });
});

sqliteOnly('the row comparison', () => {
  it('notices a changed value, a lost row and a vanished table, and ignores a new column', () => {
    const before = new Map<string, TableRows>([
      ['wijken', { columns: ['id', 'name'], rows: [{ id: 'a', name: 'Noord' }, { id: 'b', name: 'Zuid' }, { id: 'c', name: 'Oost' }] }],
      ['programmes', { columns: ['id'], rows: [{ id: 'p' }] }],
    ]);
    const after = new Map<string, TableRows>([
      ['wijken', { columns: ['id', 'name', 'deleted_at'], rows: [{ id: 'a', name: 'Noord', deleted_at: null }, { id: 'b', name: 'Zuidwest', deleted_at: null }] }],
    ]);
    const missing = missingRows(before, after);
    expect(missing.wijken).toEqual([{ id: 'b', name: 'Zuid' }, { id: 'c', name: 'Oost' }]);
    expect(String(missing.programmes)).toMatch(/bestaat niet meer/);
  });
});

sqliteOnly('the fixture script', () => {
  it('makes a sound fixture of the latest version from the seeds, with the same rows as the committed one', { timeout: 60_000 }, async () => {
    const outDir = makeTempDir('advieswerk-fixture-script-');
    tempDirs.push(outDir);
    const { file, rows } = await makeMigrationFixture(LATEST_SCHEMA_VERSION, { outDir });
    expect(path.dirname(file)).toBe(outDir);
    const committed = readAllRows(fixtureFile(LATEST_SCHEMA_VERSION));
    expect(rows).toEqual(Object.fromEntries([...committed].map(([table, { rows: tableRows }]) => [table, tableRows.length])));
    expect(existsSync(`${file}-wal`)).toBe(false);
    await expect(makeMigrationFixture(LATEST_SCHEMA_VERSION, { outDir })).rejects.toThrow(/bestaat al/);
  });
});

sqliteOnly('the fixtures themselves', () => {
  // Declared last: vitest runs tests in order, so this sees the files after every test above.
  it('are not changed by the tests', () => {
    expect(FIXTURES.length).toBeGreaterThan(0);
    for (const file of FROZEN_FILES) expect(fileHash(file), file).toBe(hashesBefore.get(file));
  });
});

/** Every row of every data table of a PostgreSQL database, as `readAllRows` reads a SQLite file (bytes as hex). */
async function readAllPostgresRows(url: string): Promise<Map<string, TableRows>> {
  const { db } = await openPostgres(parseStoreTarget(url) as Extract<ReturnType<typeof parseStoreTarget>, { kind: 'postgres' }>);
  try {
    const tables = new Map<string, TableRows>();
    for (const table of await storeDataTables(db)) {
      const columns = (
        await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
      ).rows.map((row) => row.name);
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? `x'${value.toString('hex')}'` : value])),
      );
      tables.set(table, { columns, rows });
    }
    return tables;
  } finally {
    await db.destroy();
  }
}

/**
 * The same fixtures on PostgreSQL: a fresh database is migrated (with the PostgreSQL forms) to exactly
 * the fixture's version, the fixture's rows are copied in with the move code (one transaction, counts
 * and hashes verified), and today's app then opens it: migrated to the latest version, every row intact.
 */
describe.runIf(onPostgres()).each(FIXTURES)('a version-%s database on PostgreSQL opened by today’s app', (name) => {
  it('migrates to the latest version through openCore, every row intact', { timeout: 120_000 }, async () => {
    const dir = makeTempDir('advieswerk-fixture-pg-');
    tempDirs.push(dir);
    const url = await createPostgresDatabase();
    const { db } = await openPostgres(parseStoreTarget(url) as Extract<ReturnType<typeof parseStoreTarget>, { kind: 'postgres' }>);
    const fixture = openSqlite({ path: fixtureFile(name), readonly: true });
    const source = createKysely(fixture);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => postgresMigrations }, migrationTableName: 'kysely_migration' });
      const { error } = await migrator.migrateTo(name);
      expect(error).toBeUndefined();
      const copied = await copyStore(source, db);
      expect(copied.schemaVersion).toBe(name);
      expect(copied.tables.every((check) => check.equal)).toBe(true);
    } finally {
      await source.destroy();
      await db.destroy();
    }
    if (atLeast(name, '0006_responses')) cpSync(ATTACHMENT_DIR, path.join(dir, 'bijlagen'), { recursive: true });
    const before = readAllRows(fixtureFile(name));
    const appliedBefore = appliedMigrations(fixtureFile(name));

    const core = await openCore({ databasePath: url, mode: 'cli', dataDir: dir });
    let closed = false;
    try {
      expect(core.migration.applied).toEqual(MIGRATION_NAMES.filter((migration) => !appliedBefore.includes(migration)));
      expect(core.migration.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect((await sql<{ name: string }>`select name from kysely_migration order by name`.execute(core.db)).rows.map((row) => row.name)).toEqual(MIGRATION_NAMES);
      // The store's own derived tables (the findings count) are not records: the fixture has none.
      expect(await listRecordTables(core.db)).toEqual(
        [...before.keys()].concat((await storeDataTables(core.db)).filter((table) => !before.has(table))).sort(),
      );
      // Every overview the app opens with reads the migrated rows without an error, as on SQLite.
      for (const method of ['council.get', 'wijken.list', 'meetings.list', 'advices.list', 'wijkteams.list', 'frameworks.list', 'dashboard.get', 'start.overview', 'audit.list', 'trash.list']) {
        const result = await core.call(method as never, {});
        expect(result.ok ? 'ok' : `${result.error.code} ${result.error.message}`, method).toBe('ok');
      }
      expect((await value<{ name: string }>(core, 'council.get', {})).name).toBe('Adviesraad Sociaal Domein Zuidhörn');
      if (atLeast(name, '0002_meetings')) {
        const regiotaxi = await value<{ meetingCount: number; findingCount: number; wijkCount: number }>(core, 'signals.get', { id: SEED.regiotaxiSignal });
        expect([regiotaxi.meetingCount, regiotaxi.findingCount, regiotaxi.wijkCount]).toEqual([2, 2, 2]);
        const mantelzorg = await value<{ meetingCount: number; findingCount: number }>(core, 'signals.get', { id: SEED.mantelzorgSignal });
        expect([mantelzorg.meetingCount, mantelzorg.findingCount]).toEqual([2, 3]);
        // The copied findings are searchable: their search column was filled as they came in.
        const search = await value<{ rows: { id: string }[] }>(core, 'findings.search', { query: 'clienten' });
        expect(search.rows.map((row) => row.id)).toEqual([SEED.clientFinding]); // "Cliënten", folded
      }
      if (atLeast(name, '0003_advices')) {
        const frozen = await value<{ sha256: string; docxBase64: string }>(core, 'advices.frozen', { id: SEED.sentAdvice, version: 1 });
        expect(createHash('sha256').update(Buffer.from(frozen.docxBase64, 'base64')).digest('hex')).toBe(frozen.sha256);
        const edit = await core.call('advices.update', { id: SEED.sentAdvice, betreft: 'Gewijzigd na verzending' });
        expect(!edit.ok && edit.error.code).toBe('CONFLICT');
      }
      if (atLeast(name, '0006_responses')) {
        const letter = await value<{ sha256: string; bytesBase64: string }>(core, 'responses.attachment', { id: SEED.responseWithLetter });
        expect(createHash('sha256').update(Buffer.from(letter.bytesBase64, 'base64')).digest('hex')).toBe(letter.sha256);
      }
      await core.close();
      closed = true;
      expect(missingRows(before, await readAllPostgresRows(url))).toEqual({});
    } finally {
      if (!closed) await core.close();
    }
  });
});
