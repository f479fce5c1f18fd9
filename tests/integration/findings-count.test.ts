import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, onPostgres, pluck, type TestCore } from '../helpers/core';

/**
 * The findings overview's total (the number of visible findings) after every kind of change that can
 * alter it. SQLite counts it at each call; PostgreSQL keeps it in a table its triggers maintain
 * (migration 0018), so there it must follow every write, a rollback and a cancelled import too.
 */
const b64 = (data: string) => Buffer.from(data).toString('base64');

describe('the visible-findings total follows every change', { timeout: 120_000 }, () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  /** The total the overview shows, and the number counted from the rows themselves. */
  async function totals(): Promise<[number, number]> {
    const shown = (await core.value('findings.search', { query: '', limit: 1 })).total;
    const [counted] = await pluck<number | string>(
      core.db,
      sql`select count(*) from findings where deleted_at is null and meeting_deleted_at is null`,
    );
    return [shown, Number(counted)];
  }

  async function expectTotal(expected: number) {
    expect(await totals()).toEqual([expected, expected]);
  }

  async function createFinding(meetingId: string, text: string) {
    return core.value('findings.create', { meetingId, text });
  }

  it('through creating, trash and restore of findings and meetings, emptying the trash, an import and its cancel', async () => {
    await expectTotal(0);
    const a = await core.value('meetings.create', { title: 'Avond Noord', date: '2026-03-12', wijkIds: [] });
    const b = await core.value('meetings.create', { title: 'Avond Zuid', date: '2026-03-19', wijkIds: [] });
    const a1 = await createFinding(a.id, 'De regiotaxi komt vaak te laat');
    await createFinding(a.id, 'Te weinig bankjes in het park');
    const b1 = await createFinding(b.id, 'Regiotaxi rijdt niet op zondag');
    await expectTotal(3);

    // An edit that changes no visibility changes nothing.
    await core.value('findings.update', { id: a1.id, text: 'De regiotaxi komt bijna altijd te laat' });
    await expectTotal(3);

    await core.value('findings.delete', { id: b1.id });
    await expectTotal(2);
    // A meeting in the trash hides its findings; one already in the trash is not subtracted twice.
    await core.value('findings.delete', { id: a1.id });
    await core.value('meetings.delete', { id: a.id });
    await expectTotal(0);
    await core.value('trash.restore', { table: 'meetings', id: a.id });
    await expectTotal(1);
    await core.value('trash.restore', { table: 'findings', id: a1.id });
    await core.value('trash.restore', { table: 'findings', id: b1.id });
    await expectTotal(3);

    // Emptying the trash deletes what is in it; visible findings stay counted.
    await core.value('findings.delete', { id: b1.id });
    await core.value('trash.empty', { confirm: true });
    await expectTotal(2);

    // A findings import in chunks adds its rows; a cancelled one takes all of them away again.
    const lines = ['Inbreng', ...Array.from({ length: 1_200 }, (_, index) => `Punt ${index} over de wijk`)];
    const upload = await core.value('findings.importParse', { fileName: 'inbreng.csv', dataBase64: b64(lines.join('\n')) });
    const params = { uploadId: upload.uploadId, mapping: { text: 0 }, defaults: { meetingId: b.id, source: 'plenair' as const, date: '2026-01-01' } };
    const imported = await core.jobs.wait((await core.value('jobs.start', { kind: 'findingsImport', params })).id);
    expect(imported.state, imported.message).toBe('done');
    await expectTotal(1_202);

    const again = await core.value('findings.importParse', { fileName: 'inbreng.csv', dataBase64: b64(lines.join('\n')) });
    const started = await core.value('jobs.start', { kind: 'findingsImport', params: { ...params, uploadId: again.uploadId } });
    await core.value('jobs.cancel', { id: started.id });
    const cancelled = await core.jobs.wait(started.id);
    expect(['cancelled', 'done']).toContain(cancelled.state);
    await expectTotal(cancelled.state === 'cancelled' ? 1_202 : 2_402);

    // The meeting with all those findings to the trash, and back.
    await core.value('meetings.delete', { id: b.id });
    await expectTotal(2);
    await core.value('trash.restore', { table: 'meetings', id: b.id });
    await expectTotal(cancelled.state === 'cancelled' ? 1_202 : 2_402);
  });

  it.runIf(onPostgres())('on PostgreSQL, keeps the number through multi-row statements, a rollback and a truncate', async () => {
    const meeting = await core.value('meetings.create', { title: 'Avond Noord', date: '2026-03-12', wijkIds: [] });
    for (let index = 0; index < 5; index += 1) await createFinding(meeting.id, `Punt ${index}`);
    await expectTotal(5);

    // One statement that hides some rows and shows others at once.
    await sql`update findings set deleted_at = case when text in ('Punt 0', 'Punt 1') then '2026-03-13T10:00:00.000Z' else null end`.execute(core.db);
    await expectTotal(3);
    await sql`delete from findings where text = 'Punt 0'`.execute(core.db); // in the trash: was not counted
    await expectTotal(3);
    await sql`delete from findings where text in ('Punt 1', 'Punt 2')`.execute(core.db);
    await expectTotal(2);

    // A transaction that fails changes neither the rows nor the number.
    await expect(
      core.db.transaction().execute(async (trx) => {
        await sql`update findings set deleted_at = null`.execute(trx);
        await sql`delete from findings`.execute(trx);
        throw new Error('afgebroken');
      }),
    ).rejects.toThrow('afgebroken');
    await expectTotal(2);

    await sql`truncate findings cascade`.execute(core.db);
    await expectTotal(0);
  });
});
