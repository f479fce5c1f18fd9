import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { openPostgres, parseStoreTarget } from '../../electron/core/db/postgres';
import { firstNonEmptyTable, moveStore, MoveVerificationError, type MoveProgress } from '../../electron/core/db/move';
import { t } from '../../shared/i18n';
import { dataTables, FIXTURE_DIR } from '../../scripts/make-migration-fixture';
import { createPostgresDatabase, createTestCore, makeTempDir } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';
import { seedFoundation } from '../../scripts/bench/foundation';
import { seedFindings } from '../../scripts/bench/findings';

// Runs in the `postgres` project only (vitest.config.ts): every move goes through the real throw-away cluster.

// The newest fixture fills every table of the latest schema; the one before it is an older version.
const FIXTURES = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.sqlite'))
  .sort()
  .map((name) => path.join(FIXTURE_DIR, name));
const LATEST_FIXTURE = FIXTURES.at(-1) as string;
const OLDER_FIXTURE = FIXTURES.at(-2) as string;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = makeTempDir('advieswerk-move-');
  dirs.push(dir);
  return dir;
}

const fileHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * A SQLite database at today's schema with a record in every table: the newest migration fixture
 * (every table seeded, the audit trail, a sent advice with its frozen .docx bytes, a response letter's
 * metadata), opened once by the app so it is at the latest version.
 */
async function seededSqlite(): Promise<string> {
  const dir = tempDir();
  const file = path.join(dir, 'raad.sqlite');
  copyFileSync(LATEST_FIXTURE, file);
  const core = await openCore({ databasePath: file, mode: 'cli' });
  await core.close();
  return file;
}

/** Every row of every data table of a SQLite file, sorted, bytes as hex: equal means the same records. */
function sqliteRows(file: string): Record<string, string[]> {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      dataTables(sqlite).map((table) => [
        table,
        (sqlite.prepare(`select * from "${table}"`).raw().all() as unknown[][])
          .map((row) => JSON.stringify(row.map((value) => (Buffer.isBuffer(value) ? `x${value.toString('hex')}` : value))))
          .sort(),
      ]),
    );
  } finally {
    sqlite.close();
  }
}

async function pgQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function holdsNoRecords(url: string): Promise<boolean> {
  const { db } = await openPostgres(parseStoreTarget(url) as Extract<ReturnType<typeof parseStoreTarget>, { kind: 'postgres' }>);
  try {
    return (await firstNonEmptyTable(db)) === null;
  } finally {
    await db.destroy();
  }
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the move should have been refused');
}

/** What a migration made of a PostgreSQL database besides rows: indexes, constraints and whether each trigger is enabled. */
async function schemaObjects(url: string): Promise<{ indexes: unknown[]; constraints: unknown[]; triggers: unknown[] }> {
  const indexes = await pgQuery(url, `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`);
  const constraints = await pgQuery(url, `select conrelid::regclass::text as "table", conname, pg_get_constraintdef(oid) as definition, convalidated
    from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`);
  const triggers = await pgQuery(url, `select tgrelid::regclass::text as "table", tgname, tgenabled from pg_trigger where not tgisinternal order by 1, 2`);
  return { indexes: indexes.rows, constraints: constraints.rows, triggers: triggers.rows };
}

describe('move between SQLite and PostgreSQL', () => {
  it('copies every record to PostgreSQL and back, verified by counts and hashes, the same records at the end', { timeout: 120_000 }, async () => {
    const source = await seededSqlite();
    const sourceBefore = fileHash(source);
    const pgUrl = await createPostgresDatabase();
    const progress: MoveProgress[] = [];

    const there = await moveStore({ from: source, to: pgUrl, onProgress: (step) => progress.push(step) });
    const original = sqliteRows(source);
    expect(Object.values(original).every((rows) => rows.length > 0)).toBe(true);
    expect(there.tables.map((check) => check.table).sort()).toEqual(Object.keys(original).sort());
    expect(there.tables.every((check) => check.equal && check.sourceRows === check.targetRows)).toBe(true);
    expect(there.rows).toBe(Object.values(original).reduce((sum, rows) => sum + rows.length, 0));
    expect(progress.some((step) => step.table === 'audit_log' && step.phase === 'copy' && step.done === step.total)).toBe(true);
    expect(progress.some((step) => step.phase === 'verify')).toBe(true);
    // The source is only read.
    expect(fileHash(source)).toBe(sourceBefore);

    // The app on the PostgreSQL copy sees the council's data, and hands out new ids after the copied ones.
    const onPg = await openCore({ databasePath: pgUrl, mode: 'cli', dataDir: tempDir() });
    try {
      const wijken = await onPg.call('wijken.list', {});
      expect(wijken.ok && (wijken.value as { name: string }[]).map((wijk) => wijk.name)).toEqual(['Noord', 'Oosterpark & Hoogkerk', 'Ĳsselkade']);
      const trail = await onPg.call('audit.list', {});
      expect(trail.ok).toBe(true);
      // The tables' triggers are back after the copy: the sent advice stays frozen.
      const edit = await onPg.call('advices.update', { id: '01900000-0000-7000-8009-000000000001', betreft: 'Gewijzigd na verzending' });
      expect(!edit.ok && edit.error.code).toBe('CONFLICT');
      const statusLog = await pgQuery(pgUrl, 'select count(*)::int as n from advice_status_log');
      expect(statusLog.rows[0].n).toBe(original.advice_status_log?.length);
      // The search column, which the copy leaves to the store, is filled: folded and prefix search work there too.
      const search = await onPg.call('findings.search', { query: 'clienten' });
      expect(search.ok && (search.value as { rows: unknown[] }).rows).toHaveLength(1);
    } finally {
      await onPg.close();
    }

    // ...and back to a new SQLite file: the same records, and the search index rebuilt.
    const back = path.join(tempDir(), 'terug.sqlite');
    const home = await moveStore({ from: pgUrl, to: back });
    expect(home.tables.map((check) => [check.table, check.targetHash])).toEqual(there.tables.map((check) => [check.table, check.sourceHash]));
    expect(sqliteRows(back)).toEqual(original);
    const core = await openCore({ databasePath: back, mode: 'cli' });
    try {
      const search = await core.call('findings.search', { query: 'clienten' });
      expect(search.ok && (search.value as { rows: unknown[] }).rows).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('refuses a target that holds records, leaving it untouched (PostgreSQL and SQLite)', { timeout: 60_000 }, async () => {
    const source = await seededSqlite();
    const busy = await createTestCore({ dir: tempDir() });
    try {
      await busy.value('wijken.create', { name: 'Zuid' });
      const before = await storeFingerprint(busy);
      const error = await refusal(moveStore({ from: source, to: busy.databasePath }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe(t('move.targetNotEmpty', { table: 'wijken' }));
      expect(await storeFingerprint(busy)).toEqual(before);
    } finally {
      await busy.dispose();
    }

    const other = await seededSqlite();
    const otherBefore = fileHash(other);
    const error = await refusal(moveStore({ from: await createPostgresDatabase(), to: other }));
    // An empty PostgreSQL database is not at today's version: refused before the target is looked at.
    expect(error.code).toBe('CONFLICT');
    const pgSource = await createPostgresDatabase();
    await moveStore({ from: source, to: pgSource });
    const refused = await refusal(moveStore({ from: pgSource, to: other }));
    expect(refused.message).toMatch(/niet leeg/);
    expect(fileHash(other)).toBe(otherBefore);
  });

  it('refuses a source of an older version, untouched', async () => {
    const old = path.join(tempDir(), 'oud.sqlite');
    copyFileSync(OLDER_FIXTURE, old);
    const before = fileHash(old);
    const target = await createPostgresDatabase();
    const error = await refusal(moveStore({ from: old, to: target }));
    expect(error.message).toMatch(/oudere schemaversie/);
    expect(fileHash(old)).toBe(before);
    expect((await pgQuery(target, `select count(*)::int as n from information_schema.tables where table_schema = 'public'`)).rows[0].n).toBe(0);
  });

  it('rolls everything back when the verification finds a difference, naming the table', { timeout: 60_000 }, async () => {
    const source = await seededSqlite();
    const target = await createPostgresDatabase();
    // The target migrated (by the app), then given a rule that changes what it is sent: a corrupting store.
    // (A rule, not a trigger: the copy pauses the tables' own triggers.)
    const core = await openCore({ databasePath: target, mode: 'cli', dataDir: tempDir() });
    await core.close();
    await pgQuery(target, `create rule tamper as on insert to wijken do also update wijken set name = name || '?' where id = new.id`);
    const error = await refusal(moveStore({ from: source, to: target }));
    expect(error).toBeInstanceOf(MoveVerificationError);
    expect(error.message).toContain('wijken');
    const checks = (error as MoveVerificationError).tables;
    expect(checks.filter((check) => !check.equal).map((check) => check.table)).toEqual(['wijken']);
    expect(await holdsNoRecords(target)).toBe(true);
  });

  it('cancels cleanly: the target keeps no record, a SQLite file it made is removed', { timeout: 60_000 }, async () => {
    const source = await seededSqlite();
    const target = await createPostgresDatabase();
    const controller = new AbortController();
    const error = await refusal(
      moveStore({ from: source, to: target, signal: controller.signal, onProgress: (step) => step.table === 'findings' && controller.abort() }),
    );
    expect(error.message).toBe(t('move.cancelled'));
    expect(await holdsNoRecords(target)).toBe(true);

    await moveStore({ from: source, to: target });
    const file = path.join(tempDir(), 'nieuw.sqlite');
    const again = new AbortController();
    await refusal(moveStore({ from: target, to: file, signal: again.signal, onProgress: (step) => step.phase === 'verify' && again.abort() }));
    expect(existsSync(file)).toBe(false);
  });

  it('copies tables of many pages (by single and composite keys) both ways; a cancel mid-copy leaves the target empty, its schema as migrated', { timeout: 300_000 }, async () => {
    // 11,000 findings, ~7,700 signal links, ~3,300 tags: several pages each way (PostgreSQL writes and
    // reads back 5,000 rows a statement, SQLite reads up to 2,000), paged by `seq` and by composite keys.
    const source = path.join(tempDir(), 'groot.sqlite');
    const seeding = await openCore({ databasePath: source, mode: 'cli' });
    try {
      await seedFoundation(seeding);
      seedFindings(seeding, { meetings: 60, findings: 11_000, signals: 1_000 });
    } finally {
      await seeding.close();
    }
    const original = sqliteRows(source);
    expect(original.findings).toHaveLength(11_000);
    expect(original.signal_findings?.length).toBeGreaterThan(5_000);

    const migrated = await createPostgresDatabase();
    await (await openCore({ databasePath: migrated, mode: 'cli', dataDir: tempDir() })).close();
    const asMigrated = await schemaObjects(migrated);
    expect(asMigrated.indexes.length).toBeGreaterThan(20);

    const target = await createPostgresDatabase();
    const controller = new AbortController();
    const error = await refusal(
      moveStore({ from: source, to: target, signal: controller.signal, onProgress: (step) => step.table === 'findings' && step.done > 5_000 && controller.abort() }),
    );
    expect(error.message).toBe(t('move.cancelled'));
    expect(await holdsNoRecords(target)).toBe(true);
    expect(await schemaObjects(target)).toEqual(asMigrated);

    const there = await moveStore({ from: source, to: target });
    expect(there.tables.every((check) => check.equal)).toBe(true);
    expect(there.tables.find((check) => check.table === 'findings')?.targetRows).toBe(11_000);
    expect(await schemaObjects(target)).toEqual(asMigrated);
    const vectors = await pgQuery(target, `select count(*)::int as n from findings where search_vector = to_tsvector('simple', advieswerk_search_text(text))`);
    expect(vectors.rows[0].n).toBe(11_000);

    const back = path.join(tempDir(), 'terug.sqlite');
    const home = await moveStore({ from: target, to: back });
    expect(home.tables.map((check) => [check.table, check.targetHash])).toEqual(there.tables.map((check) => [check.table, check.sourceHash]));
    expect(sqliteRows(back)).toEqual(original);
  });

  it('runs from the command line, printing the table of counts and hashes', { timeout: 60_000 }, async () => {
    const source = await seededSqlite();
    const target = await createPostgresDatabase();
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'move', '--from', source, '--to', target], {
      cwd: process.cwd(),
      timeout: 60_000,
    });
    expect(result.stdout).toContain(t('move.header'));
    expect(result.stdout).toMatch(/^audit_log \| 10 \| 10 \| [0-9a-f]{16} \| [0-9a-f]{16} \| ja$/m);
    expect(result.stdout).not.toContain(new URL(target).password);
    expect(result.stderr).toMatch(/Kopiëren findings: \d+\/\d+/);
  });
  it('copies the attachment files along, checked by sha256 per file, and back (in the CLI report too)', { timeout: 120_000 }, async () => {
    const source = await seededSqlite();
    const letters = path.join(path.dirname(source), 'bijlagen');
    mkdirSync(letters, { recursive: true });
    const files = { 'r1-1.pdf': Buffer.from('%PDF-1.7 brief één'), 'r2-2.docx': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]) };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(letters, name), bytes);
    const pgUrl = await createPostgresDatabase();
    const dataDir = tempDir();
    const there = await moveStore({ from: source, to: pgUrl, toDataDir: dataDir });
    // The PostgreSQL core's local files live in its data folder: `bijlagen/` there.
    const pgLetters = path.join(dataDir, 'bijlagen');
    expect(there.attachmentsFolder).toBe(pgLetters);
    expect(there.attachments?.map((check) => [check.file, check.equal])).toEqual([['r1-1.pdf', true], ['r2-2.docx', true]]);
    for (const [name, bytes] of Object.entries(files)) {
      expect(createHash('sha256').update(readFileSync(path.join(pgLetters, name))).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // And back from PostgreSQL's data folder to beside a new SQLite file, through the CLI, which lists each file.
    const back = path.join(tempDir(), 'terug.sqlite');
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/index.ts', 'move', '--from', pgUrl, '--from-data-dir', dataDir, '--to', back],
      { cwd: process.cwd(), timeout: 60_000 },
    );
    expect(result.stdout).toContain(t('move.attachmentsHeader'));
    expect(result.stdout).toMatch(/^r1-1\.pdf \| \d+ \| [0-9a-f]{16} \| [0-9a-f]{16} \| ja$/m);
    for (const [name, bytes] of Object.entries(files)) expect(readFileSync(path.join(path.dirname(back), 'bijlagen', name))).toEqual(bytes);
  });

  it('refuses a target whose attachment folder holds other files, writing nothing', { timeout: 60_000 }, async () => {
    const source = await seededSqlite();
    mkdirSync(path.join(path.dirname(source), 'bijlagen'));
    writeFileSync(path.join(path.dirname(source), 'bijlagen', 'r1-1.pdf'), 'bron');
    const targetDir = tempDir();
    mkdirSync(path.join(targetDir, 'bijlagen'));
    writeFileSync(path.join(targetDir, 'bijlagen', 'r1-1.pdf'), 'iets anders');
    const target = path.join(targetDir, 'doel.sqlite');
    const error = await refusal(moveStore({ from: source, to: target }));
    expect(error).toMatchObject({ code: 'CONFLICT', message: t('move.attachmentsDiffer', { folder: path.join(targetDir, 'bijlagen'), file: 'r1-1.pdf' }) });
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(path.join(targetDir, 'bijlagen', 'r1-1.pdf'), 'utf8')).toBe('iets anders');
  });
});

