import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeReport } from '../../shared/api/exchange';
import { sql, type RawBuilder } from 'kysely';
import { createTestCore, onPostgres, pluck, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Meetings and findings in the trash (migration 0011): what is in the trash counts nowhere, and
 * neither do the findings of a meeting in the trash; restoring brings every count back; emptying
 * deletes for real without orphans, or is refused while something still points at a row.
 */
// Exports, the meeting report and exchange files run as jobs; on a loaded CI machine with PostgreSQL
// one test took longer than the default 30 s (CI26), so these tests get two minutes.
describe('trash for meetings and findings', { timeout: 120_000 }, () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function count(query: RawBuilder<unknown>): Promise<number> {
    return Number((await pluck(core.db, query))[0]);
  }

  /** SQLite checks foreign keys when asked; PostgreSQL refuses an orphan at the write itself. */
  function expectNoOrphans() {
    if (!onPostgres()) expect(core.sqlite.pragma('foreign_key_check')).toEqual([]);
  }

  async function job(kind: 'findingsExport' | 'meetingReport' | 'exchangeExport' | 'exchangeImport', params: Record<string, unknown>, on = core) {
    const started = await on.value('jobs.start', { kind, params } as never);
    return on.jobs.wait(started.id);
  }

  async function seed() {
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const zuid = await core.value('wijken.create', { name: 'Zuid' });
    const programme = await core.value('programmes.create', { name: 'Ronde 2026' });
    const a = await core.value('meetings.create', { title: 'Avond Noord', programmeId: programme.id, date: '2026-03-12', wijkIds: [noord.id] });
    const b = await core.value('meetings.create', { title: 'Avond Zuid', programmeId: programme.id, date: '2026-03-19', wijkIds: [zuid.id] });
    const a1 = await core.value('findings.create', { meetingId: a.id, text: 'De regiotaxi komt vaak te laat', tags: ['vervoer'] });
    const a2 = await core.value('findings.create', { meetingId: a.id, text: 'Te weinig bankjes in het park', source: 'babbelbox' });
    const b1 = await core.value('findings.create', { meetingId: b.id, text: 'Regiotaxi rijdt niet op zondag', tags: ['zondag'], source: 'babbelbox' });
    const signal = await core.value('signals.create', { title: 'Regiotaxi onbetrouwbaar', findingIds: [a1.id, b1.id] });
    return { noord, zuid, programme, a, b, a1, a2, b1, signal };
  }

  /** Everything a finding can be counted in, as one comparable picture. */
  async function picture(ids: { a: { id: string }; b: { id: string }; signal: { id: string }; programme: { id: string }; a1: { id: string } }) {
    const search = await core.value('findings.search', { query: 'regiotaxi' });
    // A page of one: the total then comes from the count query, not from the end of the page.
    const searchTotal = (await core.value('findings.search', { query: 'regiotaxi', limit: 1 })).total;
    const listTotal = (await core.value('findings.search', { query: '', limit: 1 })).total;
    const list = await core.value('findings.search', { query: '', sort: 'date', direction: 'asc' });
    const babbelbox = await core.value('findings.search', { query: '', filters: { source: 'babbelbox' } });
    const meetings = await core.value('meetings.list', {});
    const signal = await core.value('signals.get', { id: ids.signal.id });
    const signals = await core.value('signals.list', {});
    const programmes = await core.value('programmes.list', {});
    const duplicates = await core.value('signals.suggestDuplicates', { findingId: ids.a1.id });
    return {
      search: [search.total, search.rows.map((row) => row.text)],
      totals: [searchTotal, listTotal],
      list: [list.total, list.rows.map((row) => row.text)],
      babbelbox: babbelbox.total,
      meetings: meetings.map((meeting) => [meeting.title, meeting.findingCount]),
      signal: [signal.findingCount, signal.meetingCount, signal.wijkCount, signal.findings.map((finding) => finding.text)],
      signalsList: [signals.totalMeetings, signals.rows.map((row) => [row.title, row.findingCount, row.meetingCount, row.wijkCount])],
      programmes: programmes.map((programme) => [programme.name, programme.meetingCount]),
      tags: await core.value('findings.tags', {}),
      duplicates: duplicates.map((duplicate) => duplicate.finding.text),
    };
  }

  async function exportedCsv(): Promise<string> {
    const done = await job('findingsExport', { query: '', filters: {}, sort: 'date', direction: 'asc', format: 'csv' });
    expect(done.state, done.message).toBe('done');
    return readFileSync(String(done.result!.path), 'utf8');
  }

  async function reportText(meetingId: string): Promise<string> {
    const done = await job('meetingReport', { meetingId, includePersonalData: false });
    expect(done.state, done.message).toBe('done');
    return (await renderDocx(readFileSync(String(done.result!.path)))).text;
  }

  it('a trashed finding vanishes from list, search, counts, "genoemd op", exports and the report; restoring brings it all back', async () => {
    const data = await seed();
    const before = await picture(data);
    expect(before.signal.slice(0, 3)).toEqual([2, 2, 2]);
    expect(before.search[0]).toBe(2);
    expect(await exportedCsv()).toContain('Regiotaxi rijdt niet op zondag');
    expect(await reportText(data.b.id)).toContain('Regiotaxi rijdt niet op zondag');

    expect(await core.value('findings.delete', { id: data.b1.id })).toEqual({ id: data.b1.id });

    const trashed = await picture(data);
    expect(before.totals).toEqual([2, 3]);
    expect(trashed.search).toEqual([1, ['De regiotaxi komt vaak te laat']]);
    expect(trashed.totals).toEqual([1, 2]);
    expect(trashed.list).toEqual([2, ['De regiotaxi komt vaak te laat', 'Te weinig bankjes in het park']]);
    expect(trashed.babbelbox).toBe(1);
    expect(trashed.meetings).toEqual([
      ['Avond Zuid', 0],
      ['Avond Noord', 2],
    ]);
    // "genoemd op": the trigger-maintained counts follow the trash.
    expect(trashed.signal).toEqual([1, 1, 1, ['De regiotaxi komt vaak te laat']]);
    expect(trashed.signalsList).toEqual([2, [['Regiotaxi onbetrouwbaar', 1, 1, 1]]]);
    expect(trashed.tags).toEqual(['vervoer']);
    expect(trashed.duplicates).not.toContain('Regiotaxi rijdt niet op zondag');
    expect(await exportedCsv()).not.toContain('Regiotaxi rijdt niet op zondag');
    expect(await reportText(data.b.id)).not.toContain('Regiotaxi rijdt niet op zondag');
    expect((await core.failure('findings.get', { id: data.b1.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('findings.update', { id: data.b1.id, text: 'Anders' })).code).toBe('NOT_FOUND');
    expect((await core.failure('signals.addFindings', { signalId: data.signal.id, findingIds: [data.b1.id] })).code).toBe('VALIDATION');

    // Trashing twice: NOT_FOUND, nothing changed.
    const fingerprint = (await storeFingerprint(core));
    expect((await core.failure('findings.delete', { id: data.b1.id })).code).toBe('NOT_FOUND');
    expect((await storeFingerprint(core)).hash).toBe(fingerprint.hash);

    const trash = await core.value('trash.list');
    expect(trash.map((item) => [item.table, item.tableLabel, item.id, item.label])).toEqual([['findings', 'Inbreng', data.b1.id, 'Regiotaxi rijdt niet op zondag']]);
    // The links stay: tags and signal membership are still there, only hidden.
    expect(await count(sql`select count(*) from signal_findings where finding_id = ${data.b1.id}`)).toBe(1);
    expect(await count(sql`select count(*) from finding_tags where finding_id = ${data.b1.id}`)).toBe(1);

    await core.value('trash.restore', { table: 'findings', id: data.b1.id });
    expect(await picture(data)).toEqual(before);
    expect(await exportedCsv()).toContain('Regiotaxi rijdt niet op zondag');
    const audit = await core.value('audit.list', { table: 'findings', recordId: data.b1.id });
    expect(audit.map((entry) => entry.action)).toEqual(['restore', 'trash']);
    expect(audit.every((entry) => entry.userName.length > 0)).toBe(true);
  });

  it('trashing a meeting hides its findings everywhere, and restoring brings them back (a finding trashed on its own stays)', async () => {
    const data = await seed();
    // A page shorter than the list makes the total a count of its own: the whole table minus the
    // hidden findings (a2 ends up hidden twice over: trashed itself and with its meeting).
    const totalOfOnePage = async () => Promise.all((['date', 'relevance'] as const).map(async (sort) => (await core.value('findings.search', { sort, limit: 1 })).total));
    expect(await totalOfOnePage()).toEqual([3, 3]);
    const before = await picture(data);
    await core.value('findings.delete', { id: data.a2.id });
    expect(await totalOfOnePage()).toEqual([2, 2]);
    const withA2Trashed = await picture(data);

    await core.value('meetings.delete', { id: data.a.id });
    expect(await totalOfOnePage()).toEqual([1, 1]);
    const hidden = await picture({ ...data, a1: data.b1 });
    expect(hidden.search).toEqual([1, ['Regiotaxi rijdt niet op zondag']]);
    expect(hidden.totals).toEqual([1, 1]);
    expect(hidden.list).toEqual([1, ['Regiotaxi rijdt niet op zondag']]);
    expect(hidden.meetings).toEqual([['Avond Zuid', 1]]);
    expect(hidden.signal).toEqual([1, 1, 1, ['Regiotaxi rijdt niet op zondag']]);
    expect(hidden.signalsList).toEqual([1, [['Regiotaxi onbetrouwbaar', 1, 1, 1]]]);
    expect(hidden.programmes).toEqual([['Ronde 2026', 1]]);
    expect(hidden.tags).toEqual(['zondag']);
    expect(hidden.duplicates).toEqual([]);
    expect((await core.failure('meetings.get', { id: data.a.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('findings.listForMeeting', { meetingId: data.a.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('findings.get', { id: data.a1.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('findings.create', { meetingId: data.a.id, text: 'Nieuw' })).code).toBe('VALIDATION');
    expect((await job('meetingReport', { meetingId: data.a.id, includePersonalData: false })).state).toBe('failed');
    expect((await job('exchangeExport', { meetingId: data.a.id })).state).toBe('failed');
    expect(await exportedCsv()).not.toContain('regiotaxi komt vaak te laat');
    expect((await core.failure('meetings.delete', { id: data.a.id })).code).toBe('NOT_FOUND');
    // The trash lists the meeting (its findings go with it, they are not listed one by one).
    expect((await core.value('trash.list')).map((item) => [item.table, item.label])).toEqual([
      ['meetings', 'Avond Noord'],
      ['findings', 'Te weinig bankjes in het park'],
    ]);

    await core.value('trash.restore', { table: 'meetings', id: data.a.id });
    expect(await picture(data)).toEqual(withA2Trashed);
    await core.value('trash.restore', { table: 'findings', id: data.a2.id });
    expect(await picture(data)).toEqual(before);
  });

  it('"genoemd op X van Y" in an advice leaves out trashed findings and meetings', async () => {
    const data = await seed();
    const advice = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Vervoer', withDefaultSections: true });
    const withItem = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'Regiotaxi', signalIds: [data.signal.id], showMentions: true });
    const itemOf = (detail: typeof withItem) => detail.sections[0]!.items[0]!;
    expect(itemOf(withItem).mentions).toBe('genoemd op 2 van 2 bijeenkomsten');

    await core.value('findings.delete', { id: data.b1.id });
    expect(itemOf(await core.value('advices.get', { id: advice.id })).mentions).toBe('genoemd op 1 van 2 bijeenkomsten');
    await core.value('meetings.delete', { id: data.b.id });
    expect(itemOf(await core.value('advices.get', { id: advice.id })).mentions).toBe('genoemd op 1 van 1 bijeenkomst');
    await core.value('trash.restore', { table: 'meetings', id: data.b.id });
    await core.value('trash.restore', { table: 'findings', id: data.b1.id });
    expect(itemOf(await core.value('advices.get', { id: advice.id })).mentions).toBe('genoemd op 2 van 2 bijeenkomsten');
    // An advice that draws on chosen meetings: one of them in the trash counts neither above nor below the line.
    const third = await core.value('meetings.create', { title: 'Avond West', date: '2026-03-26' });
    await core.value('advices.update', { id: advice.id, meetingIds: [data.a.id, data.b.id, third.id] });
    expect(itemOf(await core.value('advices.get', { id: advice.id })).mentions).toBe('genoemd op 2 van 3 bijeenkomsten');
    await core.value('meetings.delete', { id: data.b.id });
    expect(itemOf(await core.value('advices.get', { id: advice.id })).mentions).toBe('genoemd op 1 van 2 bijeenkomsten');
  });

  it('emptying deletes for real without orphans, keeping (and naming) what something still points at', async () => {
    const data = await seed();
    const advice = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Vervoer', withDefaultSections: true });
    const withItem = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'Taxi', findingIds: [data.a1.id] });
    const itemId = withItem.sections[0]!.items[0]!.id;

    // The meeting goes to the trash with its findings; a1 is still cited by an advice item, so it
    // stays, and so does its meeting; a2 (with the meeting) and b1 (on its own) go.
    await core.value('meetings.delete', { id: data.a.id });
    await core.value('findings.delete', { id: data.b1.id });
    const first = await core.value('trash.empty', { confirm: true });
    expect(first.removed).toBe(2);
    expect(first.kept.map((item) => [item.table, item.id, item.usedBy])).toEqual([['meetings', data.a.id, '1 punt inbreng']]);
    expect(await pluck(core.db, sql`select id from findings order by seq`)).toEqual([data.a1.id]);
    expectNoOrphans();

    // Without the citation the rest goes, for good: the meeting and the finding that went with it,
    // with their tags, signal links and wijk links; nothing is orphaned.
    await core.value('advices.updateItem', { id: itemId, findingIds: [] });
    expect(await core.value('trash.empty', { confirm: true })).toEqual({ removed: 2, kept: [] });
    expectNoOrphans();
    expect(await count(sql`select count(*) from findings`)).toBe(0);
    expect(await count(sql`select count(*) from meetings`)).toBe(1);
    expect(await count(sql`select count(*) from finding_tags`)).toBe(0);
    expect(await count(sql`select count(*) from signal_findings`)).toBe(0);
    expect(await count(sql`select count(*) from meeting_wijken where meeting_id = ${data.a.id}`)).toBe(0);
    expect(await core.value('trash.list')).toEqual([]);
    expect(await core.value('signals.get', { id: data.signal.id })).toMatchObject({ findingCount: 0, meetingCount: 0, wijkCount: 0 });
    expect(await core.value('meetings.list', {})).toMatchObject([{ title: 'Avond Zuid', findingCount: 0 }]);
    const audit = await core.value('audit.list', { table: 'findings', recordId: data.a2.id });
    expect(audit.map((entry) => entry.action)).toEqual(['delete']);
  });

  it('emptying forgets the content of personal data in the audit trail, keeping who and when', async () => {
    const meeting = await core.value('meetings.create', { title: 'Avond Oost', date: '2026-03-12' });
    const personal = await core.value('findings.create', { meetingId: meeting.id, text: 'Mevrouw Bakker (Dorpsstraat 12) krijgt geen hulp', containsPersonalData: true });
    const plain = await core.value('findings.create', { meetingId: meeting.id, text: 'Te weinig bankjes in het park' });
    await core.value('findings.update', { id: personal.id, text: 'Mevrouw Bakker (Dorpsstraat 12) krijgt nog steeds geen hulp' });
    for (const finding of [personal, plain]) await core.value('findings.delete', { id: finding.id });
    expect(await core.value('trash.empty', { confirm: true })).toEqual({ removed: 2, kept: [] });

    const trail = (
      await sql<{ id: string; action: string; before: string | null; after: string | null }>`
        select record_id as id, action, before_json as before, after_json as after from audit_log where table_name = 'findings' order by at, id`.execute(core.db)
    ).rows;
    const ofPersonal = trail.filter((entry) => entry.id === personal.id);
    expect(ofPersonal.map((entry) => entry.action)).toEqual(expect.arrayContaining(['trash', 'delete']));
    expect(ofPersonal.every((entry) => entry.before === null && entry.after === null)).toBe(true);
    expect(JSON.stringify((await sql`select * from audit_log`.execute(core.db)).rows)).not.toContain('Bakker');
    // Content that is not personal data stays in the trail: that is what a trail is for.
    expect(trail.find((entry) => entry.id === plain.id && entry.action === 'delete')?.before).toContain('bankjes');
  });

  it('the exchange file carries the trash: newer wins, in and out', async () => {
    const secretary = await createTestCore();
    try {
      const data = await seed();
      const exportMeeting = async () => {
        const done = await job('exchangeExport', { meetingId: data.b.id });
        expect(done.state, done.message).toBe('done');
        return readFileSync(String(done.result!.path));
      };
      const importInto = async (bytes: Buffer) => {
        const upload = await secretary.value('exchange.readFile', { fileName: 'x.json', dataBase64: bytes.toString('base64') });
        const done = await job('exchangeImport', { uploadId: upload.uploadId }, secretary);
        expect(done.state, done.message).toBe('done');
        return done.result!.report as ExchangeReport;
      };
      await importInto(await exportMeeting());
      expect((await secretary.value('findings.search', { query: 'zondag' })).total).toBe(1);

      await core.value('findings.delete', { id: data.b1.id });
      const file = JSON.parse((await exportMeeting()).toString('utf8'));
      const record = file.records.find((r: { id: string }) => r.id === data.b1.id);
      expect(record.data.deletedAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      const report = await importInto(Buffer.from(JSON.stringify(file)));
      expect(report.updated).toBe(1);
      expect((await secretary.value('findings.search', { query: 'zondag' })).total).toBe(0);
      expect((await secretary.value('trash.list')).map((item) => item.id)).toEqual([data.b1.id]);

      await core.value('trash.restore', { table: 'findings', id: data.b1.id });
      await importInto(await exportMeeting());
      expect((await secretary.value('findings.search', { query: 'zondag' })).total).toBe(1);
      expect(await secretary.value('trash.list')).toEqual([]);
    } finally {
      await secretary.dispose();
    }
  });
});
