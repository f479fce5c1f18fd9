import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../shared/api/backups';
import { openCore } from '../../electron/core/core';
import { createKysely, openSqlite } from '../../electron/core/db/connection';
import { LATEST_SCHEMA_VERSION, migrateToLatest } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { backupDirFor } from '../../electron/core/paths';
import { createTestCore, makeTempDir, type TestCore } from '../helpers/core';
import { databaseFingerprint } from '../helpers/snapshot';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function backupNow(test: TestCore): Promise<string> {
  const job = await test.value('backups.create');
  const finished = await test.jobs.wait(job.id);
  expect(finished.state).toBe('done');
  return String(finished.result?.path);
}

describe('backups', () => {
  it('makes an online backup that the list previews: row counts, schema version, date', async () => {
    core = await createTestCore();
    await core.value('wijken.create', { name: 'Noord' });
    await core.value('wijken.create', { name: 'Zuid' });
    const requestedAt = new Date().toISOString();
    const file = await backupNow(core);
    expect(path.dirname(file)).toBe(backupDirFor(core.databasePath));
    expect(existsSync(`${file}-wal`)).toBe(false);

    const list = await core.value('backups.list');
    const made = list.find((backup: BackupInfo) => backup.path === file)!;
    expect(made.reason).toBe('handmatig');
    expect(made.readable).toBe(true);
    expect(made.schemaVersion).toBe(core.migration.schemaVersion);
    expect(made.tables.find((table) => table.table === 'wijken')?.rows).toBe(2);
    // The date shown is when this backup was taken, not a file date from elsewhere.
    expect(made.takenAt >= requestedAt && made.takenAt <= new Date().toISOString()).toBe(true);
    // A self-contained rollback-journal file, not a WAL file that needs its -wal beside it.
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('restores a backup into the running core: safety backup first, reopened connection, later data gone', async () => {
    core = await createTestCore();
    await core.value('wijken.create', { name: 'Noord' });
    const file = await backupNow(core);
    await core.value('wijken.create', { name: 'Na de back-up' });
    const before = databaseFingerprint(core.sqlite);
    const oldConnection = core.sqlite;

    const outcome = await core.value('backups.restore', { file: path.basename(file) });
    expect(outcome.restoredFrom).toBe(file);
    expect(core.sqlite).not.toBe(oldConnection);
    expect(oldConnection.open).toBe(false);
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Noord']);
    expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');

    // The safety backup holds the database exactly as it was before the restore.
    const safety = new BetterSqlite3(outcome.safetyBackup, { readonly: true });
    expect(databaseFingerprint(safety).hash).toBe(before.hash);
    safety.close();
    const reasons = (await core.value('backups.list')).map((backup) => backup.reason);
    expect(reasons).toContain('voor-terugzetten');

    // The core keeps working on the restored file, and a fresh open sees the same.
    await core.value('wijken.create', { name: 'Na het terugzetten' });
    await core.close();
    const reopened = await openCore({ databasePath: core.databasePath, mode: 'cli' });
    expect((await reopened.call('wijken.list', {})).ok).toBe(true);
    const names = ((await reopened.call('wijken.list', {})) as { value: { name: string }[] }).value.map((wijk) => wijk.name);
    expect(names.sort()).toEqual(['Na het terugzetten', 'Noord']);
    await reopened.close();
    core = Object.assign(core, { close: async () => {} });
  });

  it('restores a backup of an older schema version and migrates it on reopening', async () => {
    core = await createTestCore();
    await core.value('wijken.create', { name: 'Nieuw' });
    const old = path.join(core.dir, 'versie-0001.sqlite');
    const sqlite = openSqlite({ path: old });
    const db = createKysely(sqlite);
    await migrateToLatest(db, sqlite, null, { '0001_foundation': migrations['0001_foundation']! });
    sqlite
      .prepare(`insert into wijken (id, name, name_key, code, description, created_at, updated_at) values (?, 'Uit 0001', 'uit 0001', '', '', ?, ?)`)
      .run('00000000-0000-7000-8000-000000000042', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
    await db.destroy();

    // A file outside backups/ is restored by path, which only the CLI does (the API takes names).
    const restored = await core.restoreBackupFile(old);
    if (!restored.ok) throw new Error(restored.error.message);
    const outcome = restored.value;
    expect(outcome.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect((await core.value('system.info')).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Uit 0001']);
    expect((await core.value('audit.list', {}))).toEqual([]);
    const reasons = (await core.value('backups.list')).map((backup) => backup.reason);
    expect(reasons).toEqual(expect.arrayContaining(['voor-terugzetten', 'voor-migratie']));
  });

  it('lets calls that arrive during a restore wait for it instead of failing', async () => {
    core = await createTestCore();
    await core.value('wijken.create', { name: 'Noord' });
    const file = await backupNow(core);
    for (let i = 0; i < 20; i += 1) await core.value('wijken.create', { name: `Extra ${i}` });
    const restore = core.call('backups.restore', { file: path.basename(file) });
    const during = [core.call('wijken.list', {}), core.call('wijken.create', { name: 'Tijdens' }), core.call('system.info', {})];
    const results = await Promise.all([restore, ...during]);
    for (const result of results) expect(result.ok, JSON.stringify(result)).toBe(true);
    expect((await core.value('wijken.list')).map((wijk) => wijk.name).sort()).toEqual(['Noord', 'Tijdens']);
  });

  it('refuses files that are not a sound Advieswerk backup, changing nothing', async () => {
    core = await createTestCore();
    await core.value('wijken.create', { name: 'Noord' });
    const before = databaseFingerprint(core.sqlite);
    const backupDir = backupDirFor(core.databasePath);
    await backupNow(core);

    writeFileSync(path.join(backupDir, 'advieswerk-handmatig-2026-01-01T00-00-00-000Z.sqlite'), 'dit is geen database');
    const garbage = await core.failure('backups.restore', { file: 'advieswerk-handmatig-2026-01-01T00-00-00-000Z.sqlite' });
    expect(garbage.code).toBe('VALIDATION');
    expect(garbage.message).toMatch(/geen database van Advieswerk/);

    const foreign = path.join(core.dir, 'ander.sqlite');
    const other = new BetterSqlite3(foreign);
    other.exec('create table x (a)');
    other.close();
    expect((await core.failure('backups.restore', { file: foreign })).code).toBe('VALIDATION');
    const foreignByPath = await core.restoreBackupFile(foreign);
    expect(!foreignByPath.ok && foreignByPath.error.code).toBe('VALIDATION');

    const newer = path.join(core.dir, 'nieuwer.sqlite');
    await core.sqlite.backup(newer);
    const newerDb = new BetterSqlite3(newer);
    newerDb.prepare(`insert into kysely_migration (name, timestamp) values ('9999_uit_de_toekomst', '2030-01-01')`).run();
    newerDb.close();
    // A path is refused over the API; the CLI restores by path with the same checks.
    expect((await core.failure('backups.restore', { file: newer })).code).toBe('VALIDATION');
    const conflict = await core.restoreBackupFile(newer);
    expect(!conflict.ok && conflict.error.code).toBe('CONFLICT');
    expect(!conflict.ok && conflict.error.message).toMatch(/nieuwere versie/);

    expect((await core.failure('backups.restore', { file: 'advieswerk-handmatig-2020-01-01T00-00-00-000Z.sqlite' })).code).toBe('NOT_FOUND');
    expect((await core.failure('backups.restore', { file: 'bestaat-niet.sqlite' })).code).toBe('VALIDATION');
    expect((await core.failure('backups.restore', { file: '../advieswerk.sqlite' })).code).toBe('VALIDATION');
    expect((await core.failure('backups.restore', { file: core.databasePath })).code).toBe('VALIDATION');
    expect((await core.failure('backups.restore', { file: '/etc/passwd' })).code).toBe('VALIDATION');
    expect(databaseFingerprint(core.sqlite).hash).toBe(before.hash);
  });

  it('takes the automatic backup in the background after start without delaying the start', async () => {
    const dir = makeTempDir();
    const databasePath = path.join(dir, 'advieswerk.sqlite');
    const background = await openCore({ databasePath, mode: 'browser', automaticBackups: { firstDelayMs: 200, checkIntervalMs: 100 } });
    // Open returns before any backup exists: the first one is only scheduled.
    expect(existsSync(backupDirFor(databasePath))).toBe(false);
    const job = await new Promise<{ id: string; state: string }>((resolve) => {
      const off = background.onJobEvent((status) => {
        if (status.kind === 'backup' && status.state === 'done') {
          off();
          resolve(status);
        }
      });
    });
    expect(job.state).toBe('done');
    // The hourly check finds today's backup and starts no second one.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const backups = ((await background.call('backups.list', {})) as { value: BackupInfo[] }).value;
    expect(backups.filter((backup) => backup.reason === 'automatisch')).toHaveLength(1);
    await background.close();
    core = await createTestCore({ dir });
  });
});

describe('backups in the CLI', () => {
  it('backup, backups and restore <file> work on a database file', async () => {
    const dir = makeTempDir();
    const db = path.join(dir, 'advieswerk.sqlite');
    const cli = (...args: string[]) => execFileSync('npx', ['tsx', 'electron/cli/index.ts', ...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    cli('call', 'wijken.create', JSON.stringify({ name: 'Noord' }));
    const file = cli('backup').trim().split('\n').at(-1)!;
    expect(existsSync(file)).toBe(true);
    cli('call', 'wijken.create', JSON.stringify({ name: 'Later' }));
    const listed = JSON.parse(cli('backups')) as BackupInfo[];
    expect(listed.map((backup) => backup.path)).toContain(file);
    const restored = JSON.parse(cli('restore', file)) as { safetyBackup: string };
    expect(existsSync(restored.safetyBackup)).toBe(true);
    const names = (JSON.parse(cli('call', 'wijken.list')) as { name: string }[]).map((wijk) => wijk.name);
    expect(names).toEqual(['Noord']);
    core = await createTestCore({ dir });
  }, 60_000);
});
