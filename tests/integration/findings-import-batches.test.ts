import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/jobs';
import { openCore } from '../../electron/core/core';
import { createTestCore, type TestCore } from '../helpers/core';
import { databaseFingerprint } from '../helpers/snapshot';

/**
 * Issue 12.10: a long findings import commits in short journalled chunks, so other saves keep
 * working while it runs, and cancel, failure or a crash still leave none of its rows.
 */
const b64 = (data: string) => Buffer.from(data).toString('base64');

function rowsFingerprint(core: TestCore) {
  // The index must still be consistent with the rows; its storage may be merged differently.
  core.sqlite.prepare(`insert into findings_fts(findings_fts) values ('integrity-check')`).run();
  return databaseFingerprint(core.sqlite, { fullTextStorage: false }).hash;
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
    const before = rowsFingerprint(core);
    const started = await startImport(5_000);
    await progressReached(started.id, 1_500);
    expect(core.jobs.get(started.id).state).toBe('running');
    // Rows of earlier chunks are committed (visible to other connections) until the cancel undoes them.
    expect(core.sqlite.prepare('select count(*) from findings').pluck().get()).toBeGreaterThan(0);
    await core.value('jobs.cancel', { id: started.id });
    const finished = await core.jobs.wait(started.id);
    expect(finished.state).toBe('cancelled');
    expect(core.sqlite.prepare('select count(*) from findings').pluck().get()).toBe(0);
    expect(rowsFingerprint(core)).toBe(before);
  });

  it('a failure halfway (the database refuses a row) removes every row already written', async () => {
    // A real SQLite refusal in the middle of the file, as a full disk or a constraint would give.
    core.sqlite.exec(`create trigger refuse_row before insert on findings when new.text = 'Punt nummer 3500 over de wijk'
      begin select raise(abort, 'schijf vol'); end`);
    const before = rowsFingerprint(core);
    const started = await startImport(5_000);
    const finished = await core.jobs.wait(started.id);
    expect(finished.state).toBe('failed');
    expect(finished.message).toContain('schijf vol');
    expect(core.sqlite.prepare('select count(*) from findings').pluck().get()).toBe(0);
    expect(rowsFingerprint(core)).toBe(before);
  });

  it('an import cut off by a crash is undone at the next start, and a batch still being written is left alone', async () => {
    const before = rowsFingerprint(core);
    const started = await startImport(5_000);
    await progressReached(started.id, 1_500);
    // Ends the worker thread mid-import with no chance to clean up, as a crash of the app would.
    await core.jobs.close();
    const written = core.sqlite.prepare('select count(*) from findings').pluck().get() as number;
    expect(written).toBeGreaterThan(0);

    // Within the minute the batch may belong to an import still running in another process: kept.
    const reopened = await openCore({ databasePath: core.databasePath, mode: 'cli' });
    expect(reopened.sqlite.prepare('select count(*) from findings').pluck().get()).toBe(written);
    // Later it is abandoned: the journal's last write two minutes ago, as after a crash.
    reopened.sqlite.prepare(`update app_settings set updated_at = ? where key like 'findingsImport.batch:%'`).run(new Date(Date.now() - 120_000).toISOString());
    await reopened.close();
    const afterRestart = await openCore({ databasePath: core.databasePath, mode: 'cli' });
    expect(afterRestart.sqlite.prepare('select count(*) from findings').pluck().get()).toBe(0);
    await afterRestart.close();
    expect(rowsFingerprint(core)).toBe(before);
  });
});
