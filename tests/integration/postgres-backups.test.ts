import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { backupFileName, rotateBackups } from '../../electron/core/backups/files';
import { findPgTool, pgEnvironment, requirePgTool } from '../../electron/core/backups/pgdump';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrate';
import { createTestCore, type TestCore } from '../helpers/core';

/**
 * Backups of a PostgreSQL database (project `postgres` only): pg_dump -Fc as the backup job, listed with
 * what they hold, restored with pg_restore into the same database and checked, on the real test cluster.
 */
describe('PostgreSQL backups (pg_dump)', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function backUp(): Promise<string> {
    const started = await core.value('backups.create');
    const done = await core.jobs.wait(started.id);
    expect(done.state, done.message).toBe('done');
    return String(done.result?.path);
  }

  it('makes a custom-format dump in the backup folder, listed with its rows and schema version', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const file = await backUp();
    expect(path.basename(file)).toMatch(/-handmatig-.*\.dump$/);
    // pg_dump's custom format starts with "PGDMP".
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(statSync(file).mode & 0o077).toBe(0);
    const [listed] = await core.value('backups.list');
    expect(listed).toMatchObject({ file: path.basename(file), readable: true, reason: 'handmatig' });
    expect(listed?.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(listed?.tables.find((table) => table.table === 'wijken')?.rows).toBe(1);
  });

  it('restores a dump into the same database: the data is back, a safety dump was taken first', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const file = await backUp();
    await core.value('wijken.create', { name: 'Na de back-up' });
    const outcome = await core.value('backups.restore', { file: path.basename(file) });
    expect(outcome.safetyBackup).toMatch(/-voor-terugzetten-.*\.dump$/);
    expect(existsSync(outcome.safetyBackup)).toBe(true);
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Noord']);
    // The core goes on working on the restored database, and the safety dump holds the later record.
    await core.value('wijken.create', { name: 'Na het terugzetten' });
    const safety = (await core.value('backups.list')).find((backup) => backup.reason === 'voor-terugzetten');
    expect(safety?.tables.find((table) => table.table === 'wijken')?.rows).toBe(2);
    const back = await core.value('backups.restore', { file: path.basename(outcome.safetyBackup) });
    expect(back.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect((await core.value('wijken.list')).map((wijk) => wijk.name).sort()).toEqual(['Na de back-up', 'Noord']);
  });

  it('refuses a name that is not one of this database\'s dumps, changing nothing', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const error = await core.failure('backups.restore', { file: '../advieswerk.dump' });
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Noord']);
  });

  it('rotates dumps 7 daily / 4 weekly / 12 monthly, their previews going with them', () => {
    const dir = path.join(core.dir, 'rotatie');
    const names: string[] = [];
    mkdirSync(dir);
    for (let day = 0; day < 40; day += 1) {
      const name = backupFileName('automatisch', new Date(Date.UTC(2026, 10, 30 - day, 3)), 'db', '.dump');
      writeFileSync(path.join(dir, name), 'PGDMP');
      writeFileSync(path.join(dir, `${name}.json`), '{}');
      names.push(name);
    }
    const removed = rotateBackups(dir, 'db', undefined, '.dump');
    const left = readdirSync(dir).filter((name) => name.endsWith('.dump'));
    // 7 days, then the newest of older weeks (4 weeks in all) and months: 7 + 2 + 1 here.
    expect(left.length).toBeLessThan(40);
    expect(left.length + removed.length).toBe(40);
    for (const name of removed) expect(existsSync(path.join(dir, `${name}.json`))).toBe(false);
    for (const name of names.slice(0, 7)) expect(left).toContain(name);
  });

  it('passes the password in the environment, never in the arguments', () => {
    const env = pgEnvironment('postgres://raad:ge%40heim@db.example:6543/advieswerk?sslmode=require');
    expect(env).toMatchObject({ PGHOST: 'db.example', PGPORT: '6543', PGUSER: 'raad', PGPASSWORD: 'ge@heim', PGDATABASE: 'advieswerk', PGSSLMODE: 'require' });
  });

  it('says clearly in Dutch when pg_dump or pg_restore is not on this machine', () => {
    expect(findPgTool('pg_dump')).not.toBeNull();
    for (const tool of ['pg_dump', 'pg_restore'] as const) {
      expect(findPgTool(tool, { PATH: '/nonexistent' }, '/nonexistent')).toBeNull();
      expect(() => requirePgTool(tool, { PATH: '/nonexistent' }, '/nonexistent')).toThrow(t('backups.unavailablePostgres', { tool }));
    }
  });
});
