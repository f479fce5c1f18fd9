import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, onPostgres, pluck, type TestCore } from '../helpers/core';

/**
 * The signals overview's two totals (all signals matching, and the meetings not in the trash) after
 * every kind of change that can alter them. SQLite counts at each call; PostgreSQL keeps both in
 * `kept_counts` (migration 0019), kept by its triggers, so there they must follow every write and a
 * rolled-back one too.
 */
describe('the signals overview totals follow every change', { timeout: 120_000 }, () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  /** What the overview shows (unfiltered and searched) beside the numbers counted from the rows. */
  async function totals() {
    const shown = await core.value('signals.list', { limit: 1 });
    const searched = await core.value('signals.list', { query: 'regiotaxi', limit: 1 });
    const [signals] = await pluck<number | string>(core.db, sql`select count(*) from signals`);
    const [meetings] = await pluck<number | string>(core.db, sql`select count(*) from meetings where deleted_at is null`);
    const [matching] = await pluck<number | string>(core.db, sql`select count(*) from signals where lower(title) like '%regiotaxi%'`);
    return {
      shown: { signals: shown.total, meetings: shown.totalMeetings, searched: searched.total },
      counted: { signals: Number(signals), meetings: Number(meetings), searched: Number(matching) },
    };
  }

  async function expectTotals(signals: number, meetings: number, searched: number) {
    const { shown, counted } = await totals();
    expect(counted).toEqual({ signals, meetings, searched });
    expect(shown).toEqual(counted);
  }

  it('through creating and deleting signals, meetings to the trash and back, emptying the trash, and a write that failed', async () => {
    await expectTotals(0, 0, 0);
    const a = await core.value('meetings.create', { title: 'Avond Noord', date: '2026-03-12', wijkIds: [] });
    const b = await core.value('meetings.create', { title: 'Avond Zuid', date: '2026-03-19', wijkIds: [] });
    const finding = await core.value('findings.create', { meetingId: a.id, text: 'De regiotaxi komt vaak te laat' });
    const park = await core.value('findings.create', { meetingId: b.id, text: 'Te weinig bankjes in het park' });
    const taxi = await core.value('signals.create', { title: 'Regiotaxi te laat', description: '', findingIds: [finding.id] });
    await core.value('signals.create', { title: 'Bankjes in het park', description: '', findingIds: [park.id] });
    const third = await core.value('signals.create', { title: 'Regiotaxi op zondag', description: '', findingIds: [finding.id] });
    await expectTotals(3, 2, 2);

    // An edit changes no number.
    await core.value('signals.update', { id: taxi.id, title: 'Regiotaxi bijna altijd te laat' });
    await core.value('meetings.update', { id: b.id, title: 'Avond Zuid (verplaatst)' });
    await expectTotals(3, 2, 2);

    await core.value('signals.delete', { id: third.id });
    await expectTotals(2, 2, 1);

    // A meeting in the trash is not counted; restored, it is again; emptied from the trash, gone for good.
    await core.value('meetings.delete', { id: b.id });
    await expectTotals(2, 1, 1);
    await core.value('trash.restore', { table: 'meetings', id: b.id });
    await expectTotals(2, 2, 1);
    await core.value('meetings.delete', { id: b.id });
    await core.value('trash.empty', { confirm: true });
    await expectTotals(2, 1, 1);

    // A write refused half-way (a finding that does not exist) leaves no signal and no number changed.
    const refused = await core.failure('signals.create', { title: 'Regiotaxi kapot', description: '', findingIds: ['01900000-0000-7000-8000-00000000dead'] });
    expect(refused.code).toBeDefined();
    await expectTotals(2, 1, 1);
  });

  it.runIf(onPostgres())('PostgreSQL keeps the numbers in kept_counts, equal to the rows after every statement', async () => {
    const meeting = await core.value('meetings.create', { title: 'Avond Oost', date: '2026-04-02', wijkIds: [] });
    const finding = await core.value('findings.create', { meetingId: meeting.id, text: 'Een jaar wachten op begeleid wonen' });
    await core.value('signals.create', { title: 'Wachtlijst begeleid wonen', description: '', findingIds: [finding.id] });
    const kept = await pluck<number | string>(core.db, sql`select n from kept_counts order by name`);
    expect(kept.map(Number)).toEqual([1, 1]);
    // A rolled-back transaction undoes the change to the kept number with it.
    await expect(
      core.db.transaction().execute(async (trx) => {
        await sql`insert into signals (id, title, description, priority, votes, created_at, updated_at, created_by, updated_by)
          values ('01900000-0000-7000-8007-00000000beef', 'Teruggedraaid', '', 0, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'test', 'test')`.execute(trx);
        throw new Error('terug');
      }),
    ).rejects.toThrow('terug');
    expect((await pluck<number | string>(core.db, sql`select n from kept_counts where name = 'signals'`)).map(Number)).toEqual([1]);
  });
});
