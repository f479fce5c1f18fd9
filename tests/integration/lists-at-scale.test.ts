import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 19 item 9: the signals list (Signalen, Prioriteren, the editor's "Inbreng ophalen") and the
 * meetings list are searched, filtered and paged in the core, with the total, at 10,000 signals
 * and 1,000 meetings.
 */
describe('lists at scale: signals and meetings, searched and paged with totals', () => {
  let core: TestCore;
  let noord: string;
  let linked: string;
  let programme: string;

  beforeAll(async () => {
    core = await createTestCore();
    noord = (await core.value('wijken.create', { name: 'Noord' })).id;
    const zuid = (await core.value('wijken.create', { name: 'Zuid' })).id;
    programme = (await core.value('programmes.create', { name: 'Ronde 2026' })).id;

    // 1,000 meetings: 990 straight into the table (fast), 10 through the API with wijken and a programme.
    const now = new Date().toISOString();
    const stamps = { created_at: now, updated_at: now, created_by: 'test', updated_by: 'test' };
    /** Straight into the table (fast), in one transaction, in statements small enough for either store. */
    const insertInBatches = (table: 'meetings' | 'signals', rows: Record<string, unknown>[]) =>
      core.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 500) await trx.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
      });
    const meetings = Array.from({ length: 990 }, (_, i) => ({
      id: `0190b0b0-0000-7000-8000-${String(i).padStart(12, '0')}`,
      title: i % 3 === 0 ? `Wijkavond ${i}` : `Inloop ${i}`,
      meeting_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      location: i % 5 === 0 ? 'Buurthuis De Schakel' : 'Bibliotheek',
      format: i % 3 === 0 ? 'wijkbijeenkomst' : 'inloopuur',
      organiser: 'Wmo-raad',
      ...stamps,
    }));
    await insertInBatches('meetings', meetings);
    for (let i = 0; i < 10; i++) {
      await core.value('meetings.create', {
        title: `Thema-avond Cliëntondersteuning ${i}`,
        date: `2026-02-${String(i + 1).padStart(2, '0')}`,
        programmeId: programme,
        wijkIds: [i % 2 === 0 ? noord : zuid],
        format: 'thematafels',
      });
    }

    // 10,000 signals: 9,998 straight into the table, 2 through the API linked to findings in a wijk.
    const signals = Array.from({ length: 9998 }, (_, i) => ({
      id: `0190c0c0-0000-7000-8000-${String(i).padStart(12, '0')}`,
      title: i % 10 === 0 ? `Vervoer ${i} komt te laat` : `Signaal ${i}`,
      description: i % 7 === 0 ? 'Over de respijtzorg' : '',
      priority: i % 4,
      votes: i % 50,
      ...stamps,
    }));
    await insertInBatches('signals', signals);
    const meeting = (await core.value('meetings.search', { query: 'Thema-avond', sort: 'dateAsc' })).rows[0]!;
    const finding = await core.value('findings.create', { meetingId: meeting.id, text: 'Het wijkteam is slecht bereikbaar' });
    expect(finding.wijkId).toBe(noord);
    linked = (await core.value('signals.create', { title: 'Wijkteam onbereikbaar', findingIds: [finding.id] })).id;
    const elsewhere = await core.value('findings.create', { text: 'Geen wijk bij deze inbreng' });
    await core.value('signals.create', { title: 'Zonder wijk', findingIds: [elsewhere.id] });
  }, 120_000);

  afterAll(async () => {
    await core.dispose();
  });

  it('pages 10,000 signals with the total on every page and past the end', async () => {
    const first = await core.value('signals.list', { limit: 500 });
    expect(first.total).toBe(10_000);
    expect(first.rows).toHaveLength(500);
    // The one signal mentioned at a meeting leads the default order ("most meetings first").
    expect(first.rows[0]).toMatchObject({ id: linked, meetingCount: 1 });
    const last = await core.value('signals.list', { limit: 500, offset: 9_900 });
    expect(last.total).toBe(10_000);
    expect(last.rows).toHaveLength(100);
    const seen = new Set([...first.rows, ...last.rows].map((signal) => signal.id));
    expect(seen.size).toBe(600);
    expect(await core.value('signals.list', { offset: 20_000 })).toMatchObject({ total: 10_000, rows: [] });
  });

  it('searches signals by title and description, folded, every word', async () => {
    const vervoer = await core.value('signals.list', { query: 'VERVOER', limit: 10, sort: 'title' });
    expect(vervoer.total).toBe(1000);
    expect(vervoer.rows.every((signal) => signal.title.startsWith('Vervoer'))).toBe(true);
    const both = await core.value('signals.list', { query: 'vervoer laat 9990', limit: 10 });
    expect(both.rows.map((signal) => signal.title)).toEqual(['Vervoer 9990 komt te laat']);
    expect(both.total).toBe(1);
    // "respijtzorg" is only in the descriptions: every 7th signal.
    expect((await core.value('signals.list', { query: 'respijt', limit: 1 })).total).toBe(Math.ceil(9998 / 7));
    // LIKE wildcards are searched for, not used.
    expect((await core.value('signals.list', { query: '%' })).total).toBe(0);
  });

  it('filters signals by priority, minimum meetings and wijk, and counts what the filter keeps', async () => {
    const high = await core.value('signals.list', { priority: 3, limit: 5 });
    expect(high.total).toBe(2499);
    expect(high.rows.every((signal) => signal.priority === 3)).toBe(true);
    const mentioned = await core.value('signals.list', { minMeetings: 1 });
    expect(mentioned.total).toBe(1);
    expect(mentioned.rows.map((signal) => signal.title)).toEqual(['Wijkteam onbereikbaar']);
    const inNoord = await core.value('signals.list', { wijkId: noord });
    expect(inNoord).toMatchObject({ total: 1, rows: [{ id: linked }] });
    expect((await core.value('signals.list', { wijkId: noord, query: 'vervoer' })).total).toBe(0);
  });

  it('pages 1,000 meetings, searched and filtered, with the total', async () => {
    const first = await core.value('meetings.search', { limit: 100 });
    expect(first).toMatchObject({ total: 1000, offset: 0, limit: 100 });
    expect(first.rows).toHaveLength(100);
    // Newest first by default: the ten 2026 meetings lead.
    expect(first.rows[0]!.date).toBe('2026-02-10');
    const dates = first.rows.map((meeting) => meeting.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const last = await core.value('meetings.search', { limit: 100, offset: 950 });
    expect(last.rows).toHaveLength(50);
    expect(last.total).toBe(1000);

    const avond = await core.value('meetings.search', { query: 'wijkavond', limit: 500 });
    expect(avond.total).toBe(330);
    const bySearchAndPlace = await core.value('meetings.search', { query: 'wijkavond schakel' });
    expect(bySearchAndPlace.total).toBe(66);
    // Accents and case folded: "clientondersteuning" finds "Cliëntondersteuning"; the programme name is searched too.
    expect((await core.value('meetings.search', { query: 'CLIENTONDERSTEUNING' })).total).toBe(10);
    expect((await core.value('meetings.search', { query: 'ronde 2026' })).total).toBe(10);

    const inNoord = await core.value('meetings.search', { wijkId: noord });
    expect(inNoord.total).toBe(5);
    expect(inNoord.rows.every((meeting) => meeting.wijken.some((wijk) => wijk.id === noord))).toBe(true);
    expect((await core.value('meetings.search', { programmeId: programme, format: 'thematafels' })).total).toBe(10);
    expect((await core.value('meetings.search', { format: 'inloopuur' })).total).toBe(660);
    const march = await core.value('meetings.search', { fromDate: '2025-03-01', toDate: '2025-03-31', sort: 'dateAsc' });
    expect(march.total).toBe(83);
    expect(march.rows[0]!.date <= march.rows.at(-1)!.date).toBe(true);
    const byTitle = await core.value('meetings.search', { sort: 'title', limit: 3 });
    expect(byTitle.rows.map((meeting) => meeting.title)).toEqual(['Inloop 1', 'Inloop 10', 'Inloop 100']);
  });

  it('refuses bad paging and filters with a Dutch message and changes nothing', async () => {
    const before = (await storeFingerprint(core));
    const tooMany = await core.failure('meetings.search', { limit: 100_000 });
    expect(tooMany.code).toBe('VALIDATION');
    expect((await core.failure('meetings.search', { fromDate: '1 maart' })).code).toBe('VALIDATION');
    expect((await core.failure('meetings.search', { format: 'feest' })).code).toBe('VALIDATION');
    expect((await core.failure('signals.list', { priority: 7 })).code).toBe('VALIDATION');
    expect((await core.failure('signals.list', { query: 'x'.repeat(10_000) })).code).toBe('VALIDATION');
    expect((await core.failure('signals.list', { wijkId: 'geen-id' })).code).toBe('VALIDATION');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });
});
