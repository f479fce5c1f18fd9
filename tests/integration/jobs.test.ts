import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type Sqlite } from '../../electron/core/db/connection';
import { newId } from '../../electron/core/ids';
import type { JobStatus } from '../../shared/api/jobs';
import { t } from '../../shared/i18n';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';

let core: TestCore;
let events: JobStatus[];
beforeEach(async () => {
  core = await createTestCore();
  events = [];
  core.onJobEvent((status) => events.push(status));
});
afterEach(async () => {
  await core.dispose();
});

function backupsDir(): string {
  return path.join(core.dir, 'backups');
}

function backupFiles(): string[] {
  return existsSync(backupsDir()) ? readdirSync(backupsDir()) : [];
}

/** Makes the database a few tens of MB, so a backup takes many steps. */
function fillDatabase(sqlite: Sqlite, rows: number, descriptionLength: number): void {
  const now = new Date().toISOString();
  const insert = sqlite.prepare(
    `insert into wijken (id, name, name_key, code, description, created_at, updated_at, created_by, updated_by)
     values (?, ?, ?, '', ?, ?, ?, 'test', 'test')`,
  );
  sqlite.transaction(() => {
    for (let index = 0; index < rows; index++) {
      const name = `Vulwijk ${index}`;
      insert.run(newId(), name, name.toLowerCase(), `${index} `.padEnd(descriptionLength, 'abcdefghij'), now, now);
    }
  })();
}

// The SQLite online backup's file, progress and cancel: SQLite only here (a pg_dump job is tested below and in postgres-backups.test.ts).
describe.skipIf(onPostgres())('a backup job', () => {
  it('finishes done with a file that opens as SQLite and holds the data', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    await core.value('wijken.create', { name: 'Zuid' });

    const started = await core.value('jobs.start', { kind: 'backup' });
    expect(started).toMatchObject({ kind: 'backup', state: 'running' });
    const finished = await core.jobs.wait(started.id);

    expect(finished.state).toBe('done');
    expect(finished.message).toBe(t('jobs.done'));
    expect(finished.endedAt).toBeDefined();
    const file = finished.result?.path as string;
    expect(path.dirname(file)).toBe(backupsDir());
    expect(statSync(file).size).toBeGreaterThan(0);
    expect(backupFiles()).toEqual([path.basename(file)]);
    const backup = openSqlite({ path: file, readonly: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.prepare('select name from wijken order by name').pluck().all()).toEqual(['Noord', 'Zuid']);
    } finally {
      backup.close();
    }
    expect(await core.value('jobs.get', { id: started.id })).toEqual(finished);
    expect((await core.value('jobs.list')).map((job) => job.id)).toContain(started.id);
  });

  it('reports progress as job events, with done never above total', async () => {
    fillDatabase(core.sqlite, 2000, 2000);

    const started = await core.value('jobs.start', { kind: 'backup' });
    await core.jobs.wait(started.id);

    const own = events.filter((status) => status.id === started.id);
    expect(own[0]!.state).toBe('running');
    expect(own.at(-1)!.state).toBe('done');
    const progress = own.filter((status) => status.state === 'running' && status.total > 0);
    expect(progress.length).toBeGreaterThan(1);
    for (const status of own) {
      expect(status.done).toBeGreaterThanOrEqual(0);
      expect(status.done).toBeLessThanOrEqual(status.total === 0 ? 0 : status.total);
    }
    const dones = progress.map((status) => status.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(own.at(-1)!.done).toBe(own.at(-1)!.total);
  });

  it('can be cancelled right after it starts, and then leaves no file behind', async () => {
    fillDatabase(core.sqlite, 5000, 8000); // about 40 MB
    const pages = core.sqlite.pragma('page_count', { simple: true }) as number;
    expect(pages * (core.sqlite.pragma('page_size', { simple: true }) as number)).toBeGreaterThan(30 * 1024 * 1024);

    const started = await core.value('jobs.start', { kind: 'backup' });
    await core.value('jobs.cancel', { id: started.id });
    const finished = await core.jobs.wait(started.id);

    expect(finished.state).toBe('cancelled');
    expect(finished.message).toBe(t('jobs.cancelled'));
    expect(finished.result).toBeUndefined();
    expect(backupFiles()).toEqual([]);
    // Still nothing a little later: a thread that lingers must not finish the copy after all.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(backupFiles()).toEqual([]);
  });

  it('ignores cancelling a job that has already finished', async () => {
    const started = await core.value('jobs.start', { kind: 'backup' });
    const finished = await core.jobs.wait(started.id);

    expect(await core.value('jobs.cancel', { id: started.id })).toEqual(finished);
    expect(existsSync(finished.result?.path as string)).toBe(true);
  });

  it('does not hold up the core while it runs', async () => {
    fillDatabase(core.sqlite, 2000, 4000);
    const started = await core.value('jobs.start', { kind: 'backup' });

    const wijk = await core.value('wijken.create', { name: 'Tijdens de back-up' });

    expect(wijk.name).toBe('Tijdens de back-up');
    expect((await core.jobs.wait(started.id)).state).toBe('done');
  });
});

describe('jobs.get and jobs.cancel', () => {
  it('answer NOT_FOUND for an unknown id', async () => {
    for (const method of ['jobs.get', 'jobs.cancel']) {
      const error = await core.failure(method, { id: newId() });
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe(t('errors.notFound', { what: t('jobs.notFound') }));
    }
  });

  it('jobs.start refuses an unknown kind or unknown params', async () => {
    expect((await core.failure('jobs.start', { kind: 'format-c' })).code).toBe('VALIDATION');
    expect((await core.failure('jobs.start', { kind: 'backup', params: { path: '/etc' } })).code).toBe('VALIDATION');
    expect(events).toEqual([]);
  });
});

describe('jobs.resultFile', () => {
  it("hands over the file an export job wrote into exports/, and nothing else", async () => {
    const meeting = await core.value('meetings.create', { title: 'Wijkavond', date: '2026-03-12' });
    await core.value('findings.create', { meetingId: meeting.id, text: 'De regiotaxi komt te laat' });
    const started = await core.value('jobs.start', { kind: 'findingsExport', params: { format: 'csv' } } as never);
    const done = await core.jobs.wait(started.id);
    expect(done.state, done.message).toBe('done');
    const file = await core.value('jobs.resultFile', { id: started.id });
    expect(file.fileName).toBe(path.basename(String(done.result!.path)));
    expect(path.dirname(String(done.result!.path))).toBe(path.join(core.dir, 'exports'));
    expect(Buffer.from(file.bytesBase64, 'base64').toString('utf8')).toContain('De regiotaxi komt te laat');

    // A backup's path lies outside exports/: not handed over (backups are restored, not downloaded).
    if (!onPostgres()) {
      const backup = await core.value('jobs.start', { kind: 'backup', params: {} });
      expect((await core.jobs.wait(backup.id)).state).toBe('done');
      expect((await core.failure('jobs.resultFile', { id: backup.id })).code).toBe('NOT_FOUND');
    }
    expect((await core.failure('jobs.resultFile', { id: 'bestaat-niet' })).code).toBe('NOT_FOUND');
  });
});

describe('a job on the core\'s store', () => {
  it('reads what the core wrote through a connection of its own, and never makes a database file', async () => {
    await core.value('findings.create', { text: 'Cliënten missen één loket' });
    const started = await core.value('jobs.start', { kind: 'findingsExport', params: { format: 'csv' } } as never);
    const done = await core.jobs.wait(started.id);
    expect(done.state, done.message).toBe('done');
    expect(done.result).toMatchObject({ count: 1 });
    const file = await core.value('jobs.resultFile', { id: started.id });
    expect(Buffer.from(file.bytesBase64, 'base64').toString('utf8')).toContain('Cliënten missen één loket');
    // On PostgreSQL the job gets a pool on the same database: no SQLite file appears anywhere in the data folder.
    const files = readdirSync(core.dir, { recursive: true }).map(String);
    expect(files.filter((name) => name.endsWith('.sqlite'))).toEqual(onPostgres() ? [] : ['advieswerk.sqlite']);
  });

  it.runIf(onPostgres())('makes a backup of a PostgreSQL database with pg_dump', async () => {
    const started = await core.value('jobs.start', { kind: 'backup', params: {} });
    const finished = await core.jobs.wait(started.id);
    expect(finished.state, finished.message).toBe('done');
    expect(String(finished.result?.path)).toMatch(/\.dump$/);
  });
});

describe('the job worker started while an upload is read', () => {
  it('runs the next job of any kind, only that one, and can be cancelled like any other', async () => {
    // After an upload the runner has a worker waiting (prepareJobWorker); jobs then run as always.
    await core.value('findings.create', { text: 'Na het inlezen geëxporteerd' });
    await core.value('findings.importParse', { fileName: 'lijst.csv', dataBase64: Buffer.from('Inbreng\nEen punt\n').toString('base64') });
    const exported = await core.value('jobs.start', { kind: 'findingsExport', params: { format: 'csv' } } as never);
    const second = await core.value('jobs.start', { kind: 'findingsExport', params: { format: 'csv' } } as never);
    for (const started of [exported, second]) {
      const done = await core.jobs.wait(started.id);
      expect(done.state, done.message).toBe('done');
      expect(done.result).toMatchObject({ count: 1 });
    }

    await core.value('findings.importParse', { fileName: 'lijst.csv', dataBase64: Buffer.from('Inbreng\nNog een punt\n').toString('base64') });
    const cancelled = await core.value('jobs.start', { kind: 'findingsExport', params: { format: 'csv' } } as never);
    await core.value('jobs.cancel', { id: cancelled.id });
    expect(['cancelled', 'done']).toContain((await core.jobs.wait(cancelled.id)).state);
  });
});
