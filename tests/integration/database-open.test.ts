import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { createTestCore, makeTempDir } from '../helpers/core';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
}

/** Another program's SQLite file, in the default rollback-journal mode. */
function foreignDatabase(file: string): void {
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(`create table recepten (id integer primary key, naam text); insert into recepten (naam) values ('erwtensoep')`);
  sqlite.close();
}

/** An Advieswerk database written by a newer version, left in rollback-journal mode (as a copy made by another tool would be). */
async function newerDatabase(dir: string): Promise<string> {
  const core = await createTestCore({ dir });
  await core.value('wijken.create', { name: 'Noord' });
  core.sqlite.prepare(`insert into kysely_migration (name, timestamp) values ('9999_future', ?)`).run(new Date().toISOString());
  await core.close();
  const sqlite = new BetterSqlite3(core.databasePath);
  sqlite.pragma('journal_mode = DELETE');
  sqlite.close();
  return core.databasePath;
}

async function refusal(databasePath: string): Promise<AppError> {
  const outcome = await openCore({ databasePath, mode: 'cli' }).then(
    async (core) => {
      await core.close();
      return null;
    },
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

function cli(databasePath: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args, '--db', databasePath], { cwd: process.cwd(), timeout: 60_000 }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('opening a file that is not an Advieswerk database', () => {
  it('refuses another program’s SQLite file and leaves it byte-identical (no WAL, no migration, no backup)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'recepten.sqlite');
    foreignDatabase(file);
    const before = readFileSync(file);

    const error = await refusal(file);

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(t('errors.dbNotAdvieswerk', { path: file }));
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuses a file that is no SQLite database at all', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notities.sqlite');
    writeFileSync(file, 'Dit is een tekstbestand en geen database.\n'.repeat(200));
    const before = readFileSync(file);

    const error = await refusal(file);

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('geen database van Advieswerk');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('through the CLI: a Dutch line, a failing exit code, and the file untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'recepten.sqlite');
    foreignDatabase(file);
    const before = readFileSync(file);

    const result = await cli(file, 'call', 'wijken.list');

    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe(t('errors.dbNotAdvieswerk', { path: file }));
    expect(readFileSync(file).equals(before)).toBe(true);
    const sqlite = new BetterSqlite3(file, { readonly: true });
    expect(sqlite.prepare(`select count(*) from sqlite_master where type = 'table'`).pluck().get()).toBe(1);
    sqlite.close();
  }, 90_000);
});

describe('opening a database written by a newer version', () => {
  it('checks the version before switching to WAL: the header bytes stay as they were', async () => {
    const dir = tempDir();
    const file = await newerDatabase(dir);
    const before = readFileSync(file);
    expect(before[18]).toBe(1); // rollback journal; WAL would write 2 here

    const error = await refusal(file);

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(t('errors.dbNewerVersion', { migration: '9999_future' }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('through the CLI: reported "niet aangeraakt" and truly byte-identical', async () => {
    const dir = tempDir();
    const file = await newerDatabase(dir);
    const before = readFileSync(file);

    const result = await cli(file, 'call', 'wijken.list');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('niet aangeraakt');
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 90_000);
});

describe('files that are still opened', () => {
  it('a missing file and an empty file become a new database', async () => {
    const dir = tempDir();
    const empty = path.join(dir, 'leeg.sqlite');
    writeFileSync(empty, '');
    for (const databasePath of [path.join(dir, 'nieuw.sqlite'), empty]) {
      const core = await openCore({ databasePath, mode: 'cli' });
      expect(core.migration.applied.length).toBeGreaterThan(0);
      await core.close();
    }
  });

  it('an Advieswerk database opens again with its data', async () => {
    const dir = tempDir();
    const first = await createTestCore({ dir });
    await first.value('wijken.create', { name: 'Zuid' });
    await first.close();

    const again = await openCore({ databasePath: first.databasePath, mode: 'cli' });
    const listed = await again.call('wijken.list', {});
    await again.close();

    expect(listed.ok && (listed.value as { name: string }[]).map((wijk) => wijk.name)).toEqual(['Zuid']);
  });
});
