import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/jobs';
import { openCore } from '../../electron/core/core';
import { importRows } from '../../electron/core/findings/transfer';
import { newId } from '../../electron/core/ids';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';
import { checkFullTextIndex, storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 12.10: a long findings import commits in short journalled chunks, so other saves keep
 * working while it runs, and cancel, failure or a crash still leave none of its rows.
 */
const b64 = (data: string) => Buffer.from(data).toString('base64');

async function rowsFingerprint(core: TestCore) {
  // The index must still be consistent with the rows; its storage may be merged differently.
  await checkFullTextIndex(core);
  return (await storeFingerprint(core, { fullTextStorage: false })).hash;
}

async function countFindings(core: Pick<TestCore, 'db'>): Promise<number> {
  return Number((await sql<{ n: number }>`select count(*) as n from findings`.execute(core.db)).rows[0]?.n);
}

describe('findings import in chunks', { timeout: 120_000 }, () => {
  let core: TestCore;
  let meetingId: string;
  beforeEach(async () => {
    core = await createTestCore();
    meetingId = (await core.value('meetings.create', { title: 'Avond Zuid', date: '2026-03-12', wijkIds: [] })).id;
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function startImport(rows: number, textOf = (index: number) => `Punt nummer ${index} over de wijk`) {
    const lines = ['Inbreng'];
    for (let index = 0; index < rows; index += 1) lines.push(textOf(index));
    const upload = await core.value('findings.importParse', { fileName: 'groot.csv', dataBase64: b64(lines.join('\n')) });
    return core.value('jobs.start', {
      kind: 'findingsImport',
      params: { uploadId: upload.uploadId, mapping: { text: 0 }, defaults: { meetingId, source: 'plenair', date: '2026-01-01' } },
    });
  }

  function progressReached(jobId: string, done: number): Promise<void> {
    return new Promise((resolve) => {
      const off = core.onJobEvent((status: JobStatus) => {
        if (status.id === jobId && (status.done >= done || status.state !== 'running')) {
          off();
          resolve();
        }
      });
    });
  }

  it('lets other saves through while an import runs (a read-then-write save and a plain insert)', async () => {
    const started = await startImport(5_000);
    await progressReached(started.id, 1);
    const results: { ok: boolean; message?: string; whileRunning: boolean }[] = [];
    for (let index = 0; core.jobs.get(started.id).state === 'running' && index < 40; index += 1) {
      // findings.create reads the meeting before it inserts: the case a deferred BEGIN refused.
      const finding = await core.call('findings.create', {
        text: `Opgeslagen tijdens de import ${index}`,
        meetingId,
        themeTableId: null,
        theme: '',
        source: 'plenair',
        tags: [],
        containsPersonalData: false,
        priority: 0,
        votes: 0,
      });
      const wijk = await core.call('wijken.create', { name: `Wijk ${index}` });
      const whileRunning = core.jobs.get(started.id).state === 'running';
      for (const result of [finding, wijk]) results.push({ ok: result.ok, ...(result.ok ? {} : { message: result.error.message }), whileRunning });
    }
    const finished = await core.jobs.wait(started.id);
    expect(finished.state, finished.message).toBe('done');
    expect(results.filter((result) => result.whileRunning).length).toBeGreaterThan(0);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    const saved = results.length / 2;
    const total = (await core.value('findings.search', { limit: 1 })).total;
    expect(total).toBe(5_000 + saved);
  });

  it('cancelling after many chunks removes every row of the import', async () => {
    const before = await rowsFingerprint(core);
    const started = await startImport(5_000);
    await progressReached(started.id, 1_500);
    expect(core.jobs.get(started.id).state).toBe('running');
    // Rows of earlier chunks are committed (visible to other connections) until the cancel undoes them.
    expect(await countFindings(core)).toBeGreaterThan(0);
    await core.value('jobs.cancel', { id: started.id });
    const finished = await core.jobs.wait(started.id);
    expect(finished.state).toBe('cancelled');
    expect(await countFindings(core)).toBe(0);
    expect(await rowsFingerprint(core)).toBe(before);
  });

  it('a failure halfway (the database refuses a row) removes every row already written', async () => {
    // A real refusal by the store in the middle of the file, as a full disk or a constraint would give.
    if (onPostgres()) {
      await sql`create function refuse_row() returns trigger language plpgsql as $$
        begin raise exception 'schijf vol'; end $$`.execute(core.db);
      await sql`create trigger refuse_row before insert on findings for each row
        when (new.text = 'Punt nummer 3500 over de wijk') execute function refuse_row()`.execute(core.db);
    } else {
      await sql`create trigger refuse_row before insert on findings when new.text = 'Punt nummer 3500 over de wijk'
        begin select raise(abort, 'schijf vol'); end`.execute(core.db);
    }
    const before = await rowsFingerprint(core);
    const started = await startImport(5_000);
    const finished = await core.jobs.wait(started.id);
    expect(finished.state).toBe('failed');
    expect(finished.message).toContain('schijf vol');
    expect(await countFindings(core)).toBe(0);
    expect(await rowsFingerprint(core)).toBe(before);
  });

  it('an import cut off by a crash is undone at the next start, and a batch still being written is left alone', async () => {
    const before = await rowsFingerprint(core);
    const started = await startImport(5_000);
    await progressReached(started.id, 1_500);
    // Ends the worker thread mid-import with no chance to clean up, as a crash of the app would.
    await core.jobs.close();
    const written = await countFindings(core);
    expect(written).toBeGreaterThan(0);

    // Within the minute the batch may belong to an import still running in another process: kept.
    const options = { databasePath: core.databasePath, mode: 'cli' as const, ...(onPostgres() ? { dataDir: core.dir } : {}) };
    const reopened = await openCore(options);
    expect(await countFindings(reopened)).toBe(written);
    // Later it is abandoned: the journal's last write two minutes ago, as after a crash.
    await sql`update app_settings set updated_at = ${new Date(Date.now() - 120_000).toISOString()} where key like 'findingsImport.batch:%'`.execute(reopened.db);
    await reopened.close();
    const afterRestart = await openCore(options);
    expect(await countFindings(afterRestart)).toBe(0);
    await afterRestart.close();
    expect(await rowsFingerprint(core)).toBe(before);
  });

  it.skipIf(onPostgres())('commits the chunks without waiting for the disk, and the batch (or its undoing) with it again', async () => {
    const synchronous = () => Number(core.sqlite.pragma('synchronous', { simple: true }));
    expect(synchronous()).toBe(2);
    const fields = { meetingId, themeTableId: null, theme: '', source: 'plenair' as const, wijkId: null, date: '2026-03-12', tags: [], containsPersonalData: false, priority: 0, votes: 0 };
    const rows = Array.from({ length: 2_000 }, (_, index) => ({ row: index + 2, fields: { ...fields, text: `Punt ${index}` } }));
    const duringChunks: number[] = [];
    await importRows(core.db, rows, 'Tester', newId(), () => duringChunks.push(synchronous()), () => {});
    // Between chunks NORMAL (1); the completing commit, and every write after it, FULL (2) again.
    expect(duringChunks.length).toBeGreaterThan(0);
    expect(new Set(duringChunks)).toEqual(new Set([1]));
    expect(synchronous()).toBe(2);
    expect(await countFindings(core)).toBe(2_000);

    // Cancelled after the first chunk: the caller undoes the batch with FULL again.
    let chunks = 0;
    const cancelled = importRows(core.db, rows, 'Tester', newId(), () => (chunks += 1), () => {
      if (chunks > 0) throw new Error('geannuleerd');
    });
    await expect(cancelled).rejects.toThrow('geannuleerd');
    expect(synchronous()).toBe(2);
  });
});
