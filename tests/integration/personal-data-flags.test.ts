import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeReport } from '../../shared/api/exchange';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 7, privacy: besides findings, a follow-up log entry and a meeting's notes can be flagged
 * "bevat persoonsgegevens". Reports for others leave them out and say so; the exchange file (the
 * council's own data between its own machines) keeps them and their flag; retention purges them.
 */
let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  await core.value('user.update', { name: 'Bert Jansen' });
});
afterEach(async () => {
  await core.dispose();
});

async function job(target: TestCore, kind: string, params: Record<string, unknown>) {
  const started = await target.value('jobs.start', { kind, params } as never);
  const done = await target.jobs.wait(started.id);
  expect(done.state, done.message).toBe('done');
  return done;
}

const NOTES = 'Mevrouw Bakker (Dorpsstraat 12) vertelde over haar mantelzorgsituatie.';

describe("a meeting's notes flagged as personal data", () => {
  it('stay out of the meeting report unless asked for, and the report and the job say so', async () => {
    const meeting = await core.value('meetings.create', { title: 'Wijkavond Oost', date: '2026-10-01', notes: NOTES, notesContainPersonalData: true });
    expect(meeting).toMatchObject({ notes: NOTES, notesContainPersonalData: true });

    const withoutNotes = await job(core, 'meetingReport', { meetingId: meeting.id, includePersonalData: false });
    expect(String(withoutNotes.result!.message)).toContain('Niet opgenomen omdat ze persoonsgegevens bevatten: de aantekeningen');
    const shared = (await renderDocx(readFileSync(String(withoutNotes.result!.path)))).text;
    expect(shared).not.toContain('Bakker');
    expect(shared).toContain('De aantekeningen bij deze bijeenkomst bevatten persoonsgegevens en zijn niet opgenomen in dit verslag.');

    const internal = await job(core, 'meetingReport', { meetingId: meeting.id, includePersonalData: true });
    const full = (await renderDocx(readFileSync(String(internal.result!.path)))).text;
    expect(full).toContain('Aantekeningen: Mevrouw Bakker (Dorpsstraat 12)');
    expect(full).toContain('dit verslag bevat inbreng met persoonsgegevens');

    // Unflagged notes are ordinary content of the report.
    await core.value('meetings.update', { id: meeting.id, notesContainPersonalData: false });
    const plain = await job(core, 'meetingReport', { meetingId: meeting.id, includePersonalData: false });
    expect(String(plain.result!.message)).not.toContain('Niet opgenomen');
    expect((await renderDocx(readFileSync(String(plain.result!.path)))).text).toContain('Mevrouw Bakker');
  }, 60_000);

  it('travel with their flag in the exchange file, which says it holds personal data', async () => {
    const meeting = await core.value('meetings.create', { title: 'Wijkavond Oost', date: '2026-10-01', notes: NOTES, notesContainPersonalData: true });
    const exported = await job(core, 'exchangeExport', { meetingId: meeting.id });
    expect(exported.result!.containsPersonalData).toBe(true);
    const bytes = readFileSync(String(exported.result!.path));
    const other = await createTestCore();
    try {
      const upload = await other.value('exchange.readFile', { fileName: 'oost.advieswerk.json', dataBase64: bytes.toString('base64') });
      await job(other, 'exchangeImport', { uploadId: upload.uploadId });
      expect(await other.value('meetings.get', { id: meeting.id })).toMatchObject({ notes: NOTES, notesContainPersonalData: true });
    } finally {
      await other.dispose();
    }
  }, 60_000);

  it('are refused as anything but a boolean, changing nothing', async () => {
    const before = (await storeFingerprint(core));
    const failure = await core.failure('meetings.create', { title: 'X', date: '2026-10-01', notesContainPersonalData: 'ja' });
    expect(failure.code).toBe('VALIDATION');
    expect(failure.issues?.[0]?.path).toBe('notesContainPersonalData');
    expect((await storeFingerprint(core))).toEqual(before);
  });
});

describe('a follow-up log entry flagged as personal data', () => {
  it('is recorded with its flag and travels with it in the follow-up exchange file', async () => {
    const advice = await sentAdvice(core, 'Wijkteams', '2025-04-02', ['Open een spreekuur'], 'ASD-2025-007');
    let overview = await core.value('followup.add', { adviceId: advice.id, entryOn: '2025-06-01', text: 'Dhr. Jansen belde over zijn keukentafelgesprek.', containsPersonalData: true });
    overview = await core.value('followup.add', { adviceId: advice.id, entryOn: '2025-06-02', text: 'Navraag gedaan bij de gemeente.' });
    expect(overview.log.map((entry) => [entry.text.slice(0, 8), entry.containsPersonalData])).toEqual([
      ['Navraag ', false],
      ['Dhr. Jan', true],
    ]);

    const file = await core.value('responses.exportExchange', { adviceId: advice.id });
    const parsed = JSON.parse(Buffer.from(file.bytesBase64!, 'base64').toString('utf8')) as { containsPersonalData: boolean };
    expect(parsed.containsPersonalData).toBe(true);
    const other = await createTestCore();
    try {
      await other.value('council.update', RESPONSE_COUNCIL);
      const there = await sentAdvice(other, 'Wijkteams', '2025-04-02', ['Open een spreekuur'], 'ASD-2025-007');
      const upload = await other.value('exchange.readFile', { fileName: 'opvolging.advieswerk.json', dataBase64: file.bytesBase64! });
      const done = await job(other, 'exchangeImport', { uploadId: upload.uploadId });
      expect(done.result!.report as ExchangeReport).toMatchObject({ inserted: 2 });
      const log = (await other.value('responses.forAdvice', { adviceId: there.id })).log;
      expect(log.find((entry) => entry.text.startsWith('Dhr.'))?.containsPersonalData).toBe(true);
      expect(log.find((entry) => entry.text.startsWith('Navraag'))?.containsPersonalData).toBe(false);
    } finally {
      await other.dispose();
    }
  }, 60_000);
});

describe('retention purge of flagged notes and log entries', () => {
  it('empties old flagged notes (the meeting stays) and deletes old flagged log entries, logging counts only', async () => {
    const meeting = await core.value('meetings.create', { title: 'Wijkavond Oost', date: '2020-10-01', notes: NOTES, notesContainPersonalData: true });
    const recent = await core.value('meetings.create', { title: 'Wijkavond West', date: '2026-10-01', notes: 'Mevrouw Smit belde.', notesContainPersonalData: true });
    const unflagged = await core.value('meetings.create', { title: 'Wijkavond Zuid', date: '2020-10-01', notes: 'Veel opkomst.' });
    const advice = await sentAdvice(core, 'Wijkteams', '2025-04-02', ['Open een spreekuur'], 'ASD-2025-007');
    const overview = await core.value('followup.add', { adviceId: advice.id, entryOn: '2025-06-01', text: 'Dhr. Jansen belde over zijn keukentafelgesprek.', containsPersonalData: true });
    await core.value('followup.add', { adviceId: advice.id, entryOn: '2025-06-02', text: 'Navraag gedaan bij de gemeente.' });
    const flaggedEntry = overview.log[0]!;
    const twoYearsAgo = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();
    await core.db.updateTable('meetings').set({ created_at: twoYearsAgo }).where('id', 'in', [meeting.id, unflagged.id]).execute();
    await core.db.updateTable('followup_entries').set({ created_at: twoYearsAgo }).execute();

    await core.value('privacy.update', { retentionMonths: 12 });
    const preview = await core.value('privacy.purgePreview');
    expect(preview.items.map((item) => [item.tableLabel, item.id, item.label.slice(0, 12)]).sort()).toEqual(
      [
        ['Aantekeningen bij een bijeenkomst', meeting.id, NOTES.slice(0, 12)],
        ['Opvolging', flaggedEntry.id, 'Dhr. Jansen '],
      ].sort(),
    );

    const outcome = await core.value('privacy.purge', { confirm: true, expectedCount: 2 });
    expect(outcome.counts).toEqual({ 'meetings.notes': 1, followup_entries: 1 });
    expect(await core.value('meetings.get', { id: meeting.id })).toMatchObject({ title: 'Wijkavond Oost', notes: '', notesContainPersonalData: false });
    expect((await core.value('meetings.get', { id: recent.id })).notes).toBe('Mevrouw Smit belde.');
    expect((await core.value('meetings.get', { id: unflagged.id })).notes).toBe('Veel opkomst.');
    expect((await core.value('responses.forAdvice', { adviceId: advice.id })).log.map((entry) => entry.text)).toEqual(['Navraag gedaan bij de gemeente.']);

    // The trail says what kind of record was purged and when, never what it held.
    const audit = await core.db.selectFrom('audit_log').select(['table_name', 'record_id', 'before_json', 'after_json']).where('action', '=', 'purge').orderBy('table_name').execute();
    expect(audit).toEqual([
      { table_name: 'followup_entries', record_id: flaggedEntry.id, before_json: null, after_json: null },
      { table_name: 'meetings', record_id: meeting.id, before_json: null, after_json: null },
    ]);
    const log = JSON.stringify(await core.db.selectFrom('privacy_purge_log').selectAll().execute());
    expect(log).not.toContain('Bakker');
    expect(log).not.toContain('Jansen belde');
    expect((await core.value('privacy.purgePreview')).items).toEqual([]);
  }, 60_000);
});
