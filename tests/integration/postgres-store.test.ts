import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { freePort } from '../helpers/postgres-cluster';
import { createPostgresDatabase, createTestCore, makeTempDir, type TestCore } from '../helpers/core';

// Runs in the `postgres` project only (vitest.config.ts): the store chosen by a postgres:// URL.

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function openFailure(databasePath: string): Promise<{ code: string; message: string }> {
  try {
    const core = await openCore({ databasePath, mode: 'cli', dataDir: makeTempDir() });
    await core.close();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('openCore should have refused');
}

describe('the core on PostgreSQL', () => {
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });

  it('migrates a fresh database and answers with the same types as on SQLite', async () => {
    core = await createTestCore();
    expect(core.store).toBe('postgres');
    const wijk = await core.value('wijken.create', { name: 'Noord' });
    const listed = await core.value('wijken.list');
    expect(listed).toEqual([wijk]);
    const status = await query(databaseUrlOf(core), 'select name from kysely_migration order by name');
    expect(status.rows.map((row) => row.name)).toContain('0013_council_own');
  });

  it('refuses an unreachable server, naming it, in Dutch', async () => {
    const port = await freePort();
    const error = await openFailure(`postgres://postgres:x@127.0.0.1:${port}/advieswerk`);
    expect(error.code).toBe('IO');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('niet bereikbaar');
  });

  it('refuses wrong credentials and a missing database without creating anything', async () => {
    const server = new URL(inject('postgresUrl'));
    const wrong = new URL(server);
    wrong.password = 'fout';
    const auth = await openFailure(wrong.toString());
    expect(auth.code).toBe('IO');
    expect(auth.message).toContain(`127.0.0.1:${server.port}`);
    expect(auth.message).toContain('wachtwoord');

    const missing = new URL(server);
    missing.pathname = '/bestaat_niet';
    const absent = await openFailure(missing.toString());
    expect(absent.message).toContain('"bestaat_niet"');
    const databases = await query(server.toString(), `select 1 from pg_database where datname = 'bestaat_niet'`);
    expect(databases.rowCount).toBe(0);
  });

  it("refuses another application's database and leaves it untouched", async () => {
    const url = await createPostgresDatabase();
    await query(url, 'create table klanten (id int primary key, naam text)');
    const error = await openFailure(url);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('ander programma');
    const tables = await query(url, `select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(tables.rows.map((row) => row.table_name)).toEqual(['klanten']);
  });

  it('refuses a database of a newer version untouched', async () => {
    core = await createTestCore();
    const url = databaseUrlOf(core);
    await core.value('wijken.create', { name: 'Zuid' });
    await core.close();
    await query(url, `insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00Z')`);
    const before = await query(url, 'select count(*)::int as n from wijken');
    const error = await openFailure(url);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('9999_from_the_future');
    const after = await query(url, 'select count(*)::int as n from wijken');
    expect(after.rows).toEqual(before.rows);
    core = undefined;
  });
});

function databaseUrlOf(test: TestCore): string {
  return test.databasePath;
}
