import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateAdvice } from '../../electron/core/advices/repository';
import { audited } from '../../electron/core/reliability/audit-trail';
import type { AdviceExchangeFile } from '../../shared/api/advice-exchange';
import type { AuditedTable, HistoryEntry } from '../../shared/api/reliability';
import { formatDateLong } from '../../shared/i18n';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { createTestCore, pluck, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
const today = todayInNetherlands();

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  await core.value('user.update', { name: 'Jan de Vries' });
});
afterEach(async () => core.dispose());

interface Row {
  id: string;
  at: string;
  user_name: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

async function entries(table: AuditedTable, recordId: string): Promise<Row[]> {
  const result = await sql<Row>`select id, at, user_name, action, before_json, after_json from audit_log
    where table_name = ${table} and record_id = ${recordId} order by at, id`.execute(core.db);
  return result.rows;
}

async function lastEntry(table: AuditedTable, recordId: string) {
  const row = (await entries(table, recordId)).at(-1);
  if (!row) throw new Error(`no audit entry for ${table} ${recordId}`);
  return {
    ...row,
    before: row.before_json ? (JSON.parse(row.before_json) as Record<string, unknown>) : null,
    after: row.after_json ? (JSON.parse(row.after_json) as Record<string, unknown>) : null,
  };
}

async function auditCount(): Promise<number> {
  return (await pluck<number>(core.db, sql`select count(*) from audit_log`))[0]!;
}

/** Moves every entry of a record back in time, as if its last change was `minutes` ago. */
async function ageEntries(table: AuditedTable, recordId: string, minutes: number): Promise<void> {
  const at = new Date(Date.now() - minutes * 60_000).toISOString();
  await sql`update audit_log set at = ${at} where table_name = ${table} and record_id = ${recordId}`.execute(core.db);
}

function changeLines(history: HistoryEntry[]): string[] {
  return history.flatMap((entry) => entry.changes.map((change) => `${entry.userName}|${entry.self ? '' : entry.subject + '|'}${change.label}: ${change.from} → ${change.to}`));
}

describe('audit trail of advices, responses and commitments', () => {
  it('every kind of write through the API leaves an entry with the user from settings and the row before and after', async () => {
    // Requests
    const request = await core.value('adviceRequests.create', {
      receivedOn: addDays(today, -5),
      fromWhom: 'College van B&W',
      subject: 'Beleidsplan Wmo',
      kenmerk: 'GEM-1',
      deadline: addDays(today, 30),
      documents: [],
      notes: '',
    });
    expect((await lastEntry('advice_requests', request.id))).toMatchObject({ action: 'create', user_name: 'Jan de Vries', before: null });
    await core.value('adviceRequests.update', { id: request.id, subject: 'Beleidsplan Wmo 2027' });
    expect((await lastEntry('advice_requests', request.id))).toMatchObject({ action: 'update', before: { subject: 'Beleidsplan Wmo' }, after: { subject: 'Beleidsplan Wmo 2027' } });

    // The advice, its sections, items, links and references
    const earlier = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Eerder advies' });
    let advice = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Huishoudelijke hulp', requestId: request.id, withDefaultSections: true });
    expect((await lastEntry('advices', advice.id))).toMatchObject({ action: 'create', user_name: 'Jan de Vries', after: { betreft: 'Huishoudelijke hulp', status: 'concept' } });
    for (const section of advice.sections) expect((await lastEntry('advice_sections', section.id)).action).toBe('create');
    advice = await core.value('advices.update', { id: advice.id, betreft: 'Hulp bij het huishouden', referenceIds: [earlier.id] });
    expect((await lastEntry('advices', advice.id))).toMatchObject({
      action: 'update',
      before: { betreft: 'Huishoudelijke hulp', referenceIds: [] },
      after: { betreft: 'Hulp bij het huishouden', referenceIds: [earlier.id] },
    });
    advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Slot' });
    const extra = advice.sections.at(-1)!;
    expect((await lastEntry('advice_sections', extra.id))).toMatchObject({ action: 'create', after: { title: 'Slot' } });
    await core.value('advices.updateSection', { id: extra.id, title: 'Tot slot' });
    expect((await lastEntry('advice_sections', extra.id))).toMatchObject({ action: 'update', before: { title: 'Slot' }, after: { title: 'Tot slot' } });
    await core.value('advices.moveSection', { id: extra.id, index: 0 });
    expect((await lastEntry('advice_sections', extra.id)).after).toMatchObject({ position: 0 });
    const sectionId = (title: string) => advice.sections.find((section) => section.title === title)!.id;
    const itemsOf = (title: string) => advice.sections.find((section) => section.title === title)!.items;
    advice = await core.value('advices.addItem', { sectionId: sectionId('Conclusies'), kind: 'conclusie', text: 'Inwoners wachten te lang.' });
    const conclusion = itemsOf('Conclusies')[0]!;
    advice = await core.value('advices.addItem', { sectionId: sectionId('Aanbevelingen'), kind: 'aanbeveling', text: 'Verkort de wachttijd.', relatedItemIds: [conclusion.id] });
    const recommendation = itemsOf('Aanbevelingen')[0]!;
    expect((await lastEntry('advice_items', recommendation.id))).toMatchObject({ action: 'create', after: { text: 'Verkort de wachttijd.', relatedItemIds: [conclusion.id] } });
    await core.value('advices.updateItem', { id: recommendation.id, text: 'Verkort de wachttijd tot twee weken.', relatedItemIds: [] });
    expect((await lastEntry('advice_items', recommendation.id))).toMatchObject({
      action: 'update',
      before: { text: 'Verkort de wachttijd.', relatedItemIds: [conclusion.id] },
      after: { text: 'Verkort de wachttijd tot twee weken.', relatedItemIds: [] },
    });
    advice = await core.value('advices.addItem', { sectionId: sectionId('Conclusies'), kind: 'overig', text: 'Weg ermee.' });
    const doomed = itemsOf('Conclusies')[1]!;
    await core.value('advices.moveItem', { id: doomed.id, sectionId: sectionId('Tot slot'), index: 0 });
    expect((await lastEntry('advice_items', doomed.id)).after).toMatchObject({ section_id: sectionId('Tot slot') });
    advice = await core.value('advices.deleteItem', { id: doomed.id });
    expect((await lastEntry('advice_items', doomed.id))).toMatchObject({ action: 'delete', after: null, before: { text: 'Weg ermee.' } });
    advice = await core.value('advices.deleteSection', { id: extra.id });
    expect((await lastEntry('advice_sections', extra.id))).toMatchObject({ action: 'delete', before: { title: 'Tot slot' } });
    advice = await core.value('advices.deleteSection', { id: sectionId('Wat inwoners ons vertelden') });
    // Status changes
    await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: addDays(today, -3) });
    expect((await lastEntry('advices', advice.id)).after).toMatchObject({ status: 'vastgesteld', adopted_on: addDays(today, -3) });
    await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: addDays(today, -2) });
    expect((await lastEntry('advices', advice.id)).after).toMatchObject({ status: 'verzonden', sent_on: addDays(today, -2) });

    // Responses, positions, commitments and their links, follow-up
    let overview = await core.value('responses.record', { adviceId: advice.id, receivedOn: addDays(today, -1), kenmerk: 'GR-1', summary: 'Deels over.' });
    const response = overview.responses[0]!;
    expect((await lastEntry('advice_responses', response.id))).toMatchObject({ action: 'create', user_name: 'Jan de Vries', after: { kenmerk: 'GR-1' } });
    expect((await lastEntry('advice_followup', advice.id))).toMatchObject({ action: 'create', after: { state: 'reactie_ontvangen' } });
    await core.value('responses.update', { id: response.id, summary: 'Grotendeels over.' });
    expect((await lastEntry('advice_responses', response.id))).toMatchObject({ action: 'update', before: { summary: 'Deels over.' }, after: { summary: 'Grotendeels over.' } });
    await core.value('responses.setPosition', { itemId: recommendation.id, position: 'overgenomen', collegeText: 'Doen we.', assessment: null, notes: '' });
    expect((await lastEntry('recommendation_positions', recommendation.id))).toMatchObject({ action: 'create', after: { position: 'overgenomen' } });
    await core.value('responses.clearPosition', { itemId: recommendation.id });
    expect((await lastEntry('recommendation_positions', recommendation.id)).action).toBe('delete');
    overview = await core.value('commitments.create', { adviceId: advice.id, description: 'Wachttijd evalueren', owner: 'Wethouder', dueOn: addDays(today, 60), status: 'open', notes: '', itemIds: [recommendation.id] });
    const commitment = overview.commitments[0]!;
    expect((await lastEntry('commitments', commitment.id))).toMatchObject({ action: 'create', after: { description: 'Wachttijd evalueren', itemIds: [recommendation.id] } });
    await core.value('commitments.update', { id: commitment.id, status: 'lopend', itemIds: [] });
    expect((await lastEntry('commitments', commitment.id))).toMatchObject({ action: 'update', before: { status: 'open', itemIds: [recommendation.id] }, after: { status: 'lopend', itemIds: [] } });
    overview = await core.value('followup.add', { adviceId: advice.id, entryOn: today, text: 'Gebeld met de wethouder.' });
    const note = overview.log[0]!;
    expect((await lastEntry('followup_entries', note.id))).toMatchObject({ action: 'create', after: { text: 'Gebeld met de wethouder.' } });
    await core.value('followup.delete', { id: note.id });
    expect((await lastEntry('followup_entries', note.id)).action).toBe('delete');
    await core.value('responses.setStatus', { adviceId: advice.id, status: 'afgerond' });
    expect((await lastEntry('advice_followup', advice.id))).toMatchObject({ action: 'update', after: { state: 'afgerond' } });
    await core.value('commitments.delete', { id: commitment.id });
    expect((await lastEntry('commitments', commitment.id)).action).toBe('delete');
    await core.value('responses.setStatus', { adviceId: advice.id, status: 'reactie_ontvangen' });
    await core.value('responses.delete', { id: response.id });
    expect((await lastEntry('advice_responses', response.id))).toMatchObject({ action: 'delete', before: { kenmerk: 'GR-1' } });
    expect((await lastEntry('advice_followup', advice.id)).after).toBeNull();

    await core.value('advices.newVersion', { id: advice.id });
    expect((await lastEntry('advices', advice.id)).after).toMatchObject({ status: 'concept', version: 2 });
    await core.value('advices.update', { id: advice.id, referenceIds: [], requestId: null });
    await core.value('advices.update', { id: earlier.id, betreft: 'Ander advies' });
    await core.value('advices.delete', { id: earlier.id });
    // Deleting an advice moves it to the trash, which has its own entry.
    expect((await lastEntry('advices', earlier.id))).toMatchObject({ action: 'trash', user_name: 'Jan de Vries' });
    await core.value('adviceRequests.delete', { id: request.id });
    expect((await lastEntry('advice_requests', request.id)).action).toBe('delete');

    expect(await pluck(core.db, sql`select distinct user_name from audit_log`)).toEqual(['Jan de Vries']);
  });

  it('advices made by import or from the monitoring are in the trail too', async () => {
    const original = await sentAdvice(core, 'Eenzaamheid', addDays(today, -3), ['Organiseer ontmoeting']);
    const file = (await core.value('advices.exportJson', { id: original.id })) as AdviceExchangeFile;
    const imported = await core.value('advices.importJson', { data: { ...file, advice: { ...file.advice, kenmerk: 'IMPORT-1' } } });
    expect((await lastEntry('advices', imported.id))).toMatchObject({ action: 'create', user_name: 'Jan de Vries', after: { kenmerk: 'IMPORT-1', betreft: 'Eenzaamheid' } });

    const noord = await core.value('wijken.create', { name: 'Noord' });
    const team = await core.value('wijkteams.create', { name: 'Wijkteam Noord', wijkIds: [noord.id] });
    const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
    const assessment = await core.value('assessments.save', { wijkteamId: team.id, criterionId: avi.criteria[0]!.id, periodKey: '2026-K2', value: 2 });
    const drafted = await core.value('monitoring.draftAdvice', { assessmentIds: [assessment.id], betreft: 'Monitoring 2e kwartaal' });
    expect((await lastEntry('advices', drafted.adviceId))).toMatchObject({ action: 'create', user_name: 'Jan de Vries', after: { betreft: 'Monitoring 2e kwartaal', status: 'concept' } });
  });

  it('the AVG purge of a flagged follow-up note also forgets its content in the trail, keeping who and when', async () => {
    const advice = await sentAdvice(core, 'Wijkteams', addDays(today, -400), ['Open een spreekuur']);
    const overview = await core.value('followup.add', { adviceId: advice.id, entryOn: addDays(today, -390), text: 'Dhr. Jansen belde over zijn keukentafelgesprek.', containsPersonalData: true });
    const note = overview.log[0]!;
    expect((await lastEntry('followup_entries', note.id)).after).toMatchObject({ text: 'Dhr. Jansen belde over zijn keukentafelgesprek.' });
    await sql`update followup_entries set created_at = ${new Date(Date.now() - 2 * 365 * 86_400_000).toISOString()} where id = ${note.id}`.execute(core.db);
    await core.value('privacy.update', { retentionMonths: 12 });
    await core.value('privacy.purge', { confirm: true, expectedCount: 1 });
    const trail = (await entries('followup_entries', note.id));
    expect(trail.map((row) => row.action)).toEqual(['create', 'purge']);
    expect(trail.every((row) => row.user_name === 'Jan de Vries' && row.before_json === null && row.after_json === null)).toBe(true);
    const dump = await pluck<string | null>(core.db, sql`select coalesce(before_json, '') || coalesce(after_json, '') from audit_log`);
    expect(dump.join(',')).not.toContain('Jansen');
    const history = await core.value('audit.history', { table: 'followup_entries', recordId: note.id });
    expect(history.map((entry) => `${entry.subject} ${entry.actionLabel}`)).toEqual(['Notitie verwijderd (bewaartermijn persoonsgegevens)', 'Notitie toegevoegd']);
  });

  it('the history names only the fields that changed, in Dutch, with readable values', async () => {
    let advice = await sentAdvice(core, 'Bereikbaarheid', addDays(today, -10), ['Open een spreekuur']);
    advice = (await core.value('advices.get', { id: advice.id }))!;
    const recommendation = advice.sections[1]!.items[0]!;
    await core.value('responses.setPosition', { itemId: recommendation.id, position: 'deels_overgenomen', collegeText: '', assessment: null, notes: '' });
    await core.value('responses.setPosition', { itemId: recommendation.id, position: 'overgenomen', collegeText: '', assessment: 'tevreden', notes: '' });
    const overview = await core.value('commitments.create', { adviceId: advice.id, description: 'Spreekuur openen', owner: 'Wijkteam', dueOn: '2027-03-01', status: 'open', notes: '', itemIds: [] });
    await core.value('commitments.update', { id: overview.commitments[0]!.id, dueOn: '2027-04-15', status: 'nagekomen', notes: 'x'.repeat(300) });

    const history = await core.value('audit.history', { table: 'advices', recordId: advice.id });
    const lines = changeLines(history);
    // The advice itself: status and dates, from concept on.
    expect(lines).toContain('Jan de Vries|Status: concept → verzonden');
    expect(lines).toContain(`Jan de Vries|Vastgesteld op: (leeg) → ${formatDateLong(addDays(today, -10))}`);
    // Positions and commitments, named by what they are.
    expect(lines).toContain('Jan de Vries|Standpunt bij aanbeveling "Open een spreekuur"|Standpunt college: deels overgenomen → overgenomen');
    expect(lines).toContain('Jan de Vries|Standpunt bij aanbeveling "Open een spreekuur"|Oordeel raad: nog geen oordeel → tevreden');
    expect(lines).toContain('Jan de Vries|Toezegging "Spreekuur openen"|Uiterlijk: 1 maart 2027 → 15 april 2027');
    expect(lines).toContain('Jan de Vries|Toezegging "Spreekuur openen"|Status: open → nagekomen');
    // Archiving (a sent advice) shows as the day it was archived.
    await core.value('advices.archive', { id: advice.id });
    const archived = changeLines(await core.value('audit.history', { table: 'advices', recordId: advice.id }));
    expect(archived.some((line) => /^Jan de Vries\|Gearchiveerd op: \(leeg\) → \d{1,2} [a-z]+ \d{4}$/.test(line))).toBe(true);
    await core.value('advices.unarchive', { id: advice.id });
    // The follow-up state reads as a change of status, from "verzonden" when its row first appears.
    await core.value('responses.record', { adviceId: advice.id, receivedOn: today, kenmerk: 'GR-2', summary: '' });
    const withState = changeLines(await core.value('audit.history', { table: 'advices', recordId: advice.id }));
    expect(withState).toContain('Jan de Vries|Status van de opvolging|Status van de opvolging: verzonden → reactie ontvangen');
    const notes = history.flatMap((entry) => entry.changes).find((change) => change.label === 'Notities')!;
    expect(notes.to.length).toBeLessThanOrEqual(80);
    expect(notes.to.endsWith('…')).toBe(true);
    // Bookkeeping never shows.
    const fields = new Set(history.flatMap((entry) => entry.changes.map((change) => change.field)));
    for (const internal of ['id', 'updated_at', 'updated_by', 'created_at', 'kenmerk_key', 'sequence_number', 'advice_id', 'section_id'])
      expect(fields.has(internal), internal).toBe(false);
    // Readable date-time and an action label on every entry.
    for (const entry of history) {
      expect(entry.atLabel).toMatch(/^\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}$/);
      expect(entry.actionLabel.length).toBeGreaterThan(0);
    }
    // Asking for one commitment gives just its own history.
    const own = await core.value('audit.history', { table: 'commitments', recordId: overview.commitments[0]!.id });
    expect(own.map((entry) => entry.action).sort()).toEqual(['create', 'update']);
    expect(own.every((entry) => entry.self)).toBe(true);
  });

  it('a rejected call (VALIDATION, CONFLICT, NOT_FOUND) leaves no audit entry and changes nothing', async () => {
    const sent = await sentAdvice(core, 'Vervoer', addDays(today, -5), ['Meer busjes']);
    const draft = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Concept' });
    await core.value('advices.update', { id: draft.id, betreft: 'Concept 2' });
    const before = (await storeFingerprint(core));
    const count = (await auditCount());
    expect((await core.failure('advices.update', { id: sent.id, betreft: 'Na verzending' })).code).toBe('CONFLICT');
    expect((await core.failure('advices.update', { id: draft.id, kenmerk: sent.kenmerk })).code).toBe('CONFLICT');
    expect((await core.failure('advices.update', { id: draft.id, referenceIds: [draft.id] })).code).toBe('VALIDATION');
    expect((await core.failure('advices.setStatus', { id: draft.id, status: 'vastgesteld' })).code).toBe('VALIDATION');
    expect((await core.failure('responses.record', { adviceId: sent.id, receivedOn: addDays(today, -30) })).code).toBe('VALIDATION');
    expect((await core.failure('responses.setStatus', { adviceId: sent.id, status: 'afgerond' })).code).toBe('CONFLICT');
    expect((await core.failure('commitments.update', { id: draft.id, status: 'open' })).code).toBe('NOT_FOUND');
    expect((await core.failure('adviceRequests.create', { receivedOn: today, fromWhom: 'x', subject: 'x', kenmerk: '', deadline: addDays(today, -1), documents: [], notes: '' })).code).toBe('VALIDATION');
    expect((await auditCount())).toBe(count);
    expect((await storeFingerprint(core))).toEqual(before);
  });

  it('an entry rolls back with a transaction that fails after the change', async () => {
    const advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Origineel' });
    const count = (await auditCount());
    await expect(
      core.db.transaction().execute(async (trx) => {
        await audited(trx, 'Jan de Vries', 'advices', advice.id, () => updateAdvice(trx, advice.id, { betreft: 'Nooit bewaard' }, 'Jan de Vries'));
        expect((await trx.selectFrom('audit_log').select('id').execute()).length).toBe(count + 1);
        throw new Error('schijf vol');
      }),
    ).rejects.toThrow('schijf vol');
    expect((await auditCount())).toBe(count);
    expect((await core.value('advices.get', { id: advice.id })).betreft).toBe('Origineel');
  });

  it('coalesces autosave: one person, one record, within 5 minutes is one entry; another person or a later change starts a new one', async () => {
    const advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Versie 1' });
    await core.value('advices.update', { id: advice.id, betreft: 'Versie 2' });
    const first = (await lastEntry('advices', advice.id));
    await core.value('advices.update', { id: advice.id, betreft: 'Versie 3', openingText: 'Geachte college,' });
    await core.value('advices.update', { id: advice.id, betreft: 'Versie 4' });
    let all = (await entries('advices', advice.id));
    expect(all.map((row) => row.action)).toEqual(['create', 'update']);
    const merged = (await lastEntry('advices', advice.id));
    expect(merged.id).toBe(first.id);
    expect(merged.before).toMatchObject({ betreft: 'Versie 1', opening_text: '' });
    expect(merged.after).toMatchObject({ betreft: 'Versie 4', opening_text: 'Geachte college,' });
    expect(merged.at >= first.at).toBe(true);
    const history = await core.value('audit.history', { table: 'advices', recordId: advice.id });
    expect(changeLines(history.filter((entry) => entry.action === 'update'))).toEqual([
      'Jan de Vries|Betreft: Versie 1 → Versie 4',
      'Jan de Vries|Inleiding: (leeg) → Geachte college,',
    ]);

    // Just inside the window: still merged.
    await ageEntries('advices', advice.id, 4.9);
    await core.value('advices.update', { id: advice.id, betreft: 'Versie 5' });
    expect((await entries('advices', advice.id))).toHaveLength(2);

    // More than 5 minutes after the last entry: a new step.
    await ageEntries('advices', advice.id, 6);
    await core.value('advices.update', { id: advice.id, betreft: 'Versie 6' });
    all = (await entries('advices', advice.id));
    expect(all).toHaveLength(3);
    expect((await lastEntry('advices', advice.id))).toMatchObject({ before: { betreft: 'Versie 5' }, after: { betreft: 'Versie 6' } });

    // Another person, at once: a new step with their name.
    await core.value('user.update', { name: 'Fatima El Amrani' });
    await core.value('advices.update', { id: advice.id, betreft: 'Versie 7' });
    all = (await entries('advices', advice.id));
    expect(all).toHaveLength(4);
    expect((await lastEntry('advices', advice.id))).toMatchObject({ user_name: 'Fatima El Amrani', before: { betreft: 'Versie 6' }, after: { betreft: 'Versie 7' } });

    // A change to another record by the same person does not merge into this one.
    const other = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Ander' });
    await core.value('advices.update', { id: other.id, betreft: 'Ander 2' });
    expect((await entries('advices', advice.id))).toHaveLength(4);
    expect((await entries('advices', other.id))).toHaveLength(2);

    // Saving without a change records nothing.
    await core.value('advices.update', { id: other.id, betreft: 'Ander 2' });
    await ageEntries('advices', other.id, 10);
    await core.value('advices.update', { id: other.id, betreft: 'Ander 2' });
    expect((await entries('advices', other.id))).toHaveLength(2);
  });
});
