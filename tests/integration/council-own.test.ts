import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { todayInNetherlands } from '../../shared/calendar';
import { addDays } from '../../shared/calendar';
import { addMonths } from '../../shared/calendar';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', { name: 'Adviesraad Sociaal Domein Zoetermeer', kenmerkPattern: 'WMO-{jaar}-{volgnummer}' });
});
afterEach(async () => {
  await core.dispose();
});

async function member(name: string, extra: Record<string, unknown> = {}) {
  return core.value('members.create', { name, role: 'lid', termStart: '2024-01-01', ...extra });
}

/** A concept advice with one complete section, ready to be adopted. */
async function conceptAdvice(betreft = 'Inloop in de wijk') {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft, adviceDate: '2026-03-01' });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  return core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Open een inloopspreekuur in elke wijk.' });
}

async function expectUnchanged<T>(call: () => Promise<T>): Promise<T> {
  const before = (await storeFingerprint(core));
  const result = await call();
  expect((await storeFingerprint(core))).toEqual(before);
  return result;
}

describe('the register of members', () => {
  it('computes the end of term from the settings, also from 29 February', async () => {
    const ans = await member('Ans de Vries', { role: 'voorzitter', termStart: '2024-02-29' });
    expect(ans).toMatchObject({ termEnd: '2028-02-28', termNumber: 1, canReappoint: true, leftOn: null });

    await core.value('members.updateTermSettings', { termYears: 3, maxTerms: 1 });
    const bram = await member('Bram Jansen', { termStart: '2024-02-29' });
    expect(bram).toMatchObject({ termEnd: '2027-02-28', canReappoint: false });
  });

  it('refuses an end of term before its start, at the field, and changes nothing', async () => {
    const error = await expectUnchanged(() => core.failure('members.create', { name: 'Carla', role: 'lid', termStart: '2026-05-01', termEnd: '2026-04-30' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'termEnd', message: t('councilOwn.termEndBeforeStart') })]);

    const carla = await member('Carla');
    const update = await expectUnchanged(() => core.failure('members.update', { id: carla.id, termEnd: '2023-12-31' }));
    expect(update.issues?.[0]).toMatchObject({ path: 'termEnd', message: t('councilOwn.termEndBeforeStart') });
  });

  it('reappoints up to the maximum number of terms', async () => {
    const dirk = await member('Dirk', { termStart: '2020-01-01' });
    const again = await core.value('members.reappoint', { id: dirk.id });
    expect(again).toMatchObject({ termStart: '2024-01-01', termEnd: '2027-12-31', termNumber: 2, canReappoint: false });

    const error = await expectUnchanged(() => core.failure('members.reappoint', { id: dirk.id }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(t('councilOwn.noReappointment', { name: 'Dirk', max: 2 }));
  });

  it('keeps nevenfuncties with their date', async () => {
    const eva = await member('Eva');
    const withPosition = await core.value('members.addPosition', { memberId: eva.id, description: 'Bestuurslid huurdersvereniging', declaredOn: '2025-06-01' });
    expect(withPosition.positions).toEqual([expect.objectContaining({ description: 'Bestuurslid huurdersvereniging', declaredOn: '2025-06-01' })]);
    const without = await core.value('members.deletePosition', { id: withPosition.positions[0]!.id });
    expect(without.positions).toEqual([]);
  });

  it('deletes a member nobody refers to, but a referenced one can only be marked as left', async () => {
    const loose = await member('Fatima');
    await core.value('members.addPosition', { memberId: loose.id, description: 'Vrijwilliger', declaredOn: '2025-01-01' });
    await core.value('members.delete', { id: loose.id });
    expect(await core.value('members.list', {})).toEqual([]);

    const gert = await member('Gert');
    const meeting = await core.value('councilMeetings.create', { date: '2026-03-12' });
    await core.value('councilMeetings.setAttendance', { id: meeting.id, presentIds: [gert.id] });
    const error = await expectUnchanged(() => core.failure('members.delete', { id: gert.id }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Gert kan niet worden verwijderd');
    expect(error.message).toContain('1 aanwezigheidsregistraties');

    const leftOn = await expectUnchanged(() => core.failure('members.markLeft', { id: gert.id, leftOn: '2023-12-31' }));
    expect(leftOn.issues?.[0]?.path).toBe('leftOn');
    const left = await core.value('members.markLeft', { id: gert.id, leftOn: '2026-06-30' });
    expect(left).toMatchObject({ leftOn: '2026-06-30', canReappoint: false });
    expect(await core.value('members.list', { includeLeft: false })).toEqual([]);
  });

  it('lists terms ending within three months and overdue actions for the start page', async () => {
    const today = todayInNetherlands();
    const soon = await member('Hanneke', { termStart: '2022-01-01', termEnd: addMonths(today, 2) });
    await member('Ivo', { termStart: '2022-01-01', termEnd: addDays(addMonths(today, 3), 1) });
    const meeting = await core.value('councilMeetings.create', { date: addDays(today, -30) });
    await core.value('councilActions.create', { meetingId: meeting.id, description: 'Wethouder uitnodigen', ownerId: soon.id, dueOn: addDays(today, -1) });
    await core.value('councilActions.create', { meetingId: meeting.id, description: 'Verslag rondsturen', ownerId: soon.id, dueOn: today });

    const attention = await core.value('councilOwn.attention');
    expect(attention.termsEnding.map((entry) => entry.name)).toEqual(['Hanneke']);
    expect(attention.overdueActions.map((action) => action.description)).toEqual(['Wethouder uitnodigen']);
  });
});

describe('personal data of members who left', () => {
  it('is emptied by the retention purge once they left longer ago than the retention period; the member stays', async () => {
    const today = todayInNetherlands();
    const personal = { background: 'Ervaringsdeskundige GGZ', email: 'oud@example.nl', phone: '06-11111111' };
    const gone = await member('Mirjam', { ...personal, termStart: '2018-01-01' });
    const recent = await member('Nadia', { ...personal, termStart: '2018-01-01' });
    const sitting = await member('Olaf', { ...personal, termStart: '2018-01-01' });
    await sql`update council_members set created_at = ${'2018-01-01T00:00:00.000Z'}`.execute(core.db);
    await core.value('members.markLeft', { id: gone.id, leftOn: addDays(today, -800) });
    await core.value('members.markLeft', { id: recent.id, leftOn: addDays(today, -30) });

    await core.value('privacy.update', { retentionMonths: 12 });
    const preview = await core.value('privacy.purgePreview');
    expect(preview.items.map((item) => [item.table, item.id, item.label])).toEqual([['council_members', gone.id, 'Mirjam']]);
    expect(preview.items[0]!.tableLabel).toBe(t('tables.council_members_personal'));

    const outcome = await core.value('privacy.purge', { confirm: true, expectedCount: 1 });
    expect(outcome.counts).toEqual({ 'council_members.personal': 1 });
    expect(await core.value('members.get', { id: gone.id })).toMatchObject({ name: 'Mirjam', background: '', email: '', phone: '', leftOn: addDays(today, -800) });
    expect(await core.value('members.get', { id: recent.id })).toMatchObject(personal);
    expect(await core.value('members.get', { id: sitting.id })).toMatchObject(personal);
    expect((await core.value('privacy.purgePreview')).items).toEqual([]);
  });
});

describe('a raadsvergadering', () => {
  it('adopts a concept advice on the meeting date, through the audit trail, with a link back', async () => {
    const advice = await conceptAdvice();
    const meeting = await core.value('councilMeetings.create', { date: '2026-03-12', startTime: '19:30', place: 'Stadhuis, kamer 2' });
    const withItem = await core.value('councilMeetings.addItem', { meetingId: meeting.id, title: 'Concept-advies inloop', adviceId: advice.id });
    const item = withItem.items[0]!;
    expect(item.advice).toMatchObject({ id: advice.id, status: 'concept' });

    const adopted = await core.value('councilMeetings.adoptAdvice', { itemId: item.id });
    expect(adopted.items[0]!.decisions).toEqual([expect.objectContaining({ adoptedAdviceId: advice.id, text: expect.stringContaining(advice.kenmerk) })]);
    expect(await core.value('advices.get', { id: advice.id })).toMatchObject({ status: 'vastgesteld', adoptedOn: '2026-03-12' });
    expect(await core.value('councilMeetings.adoptionOf', { adviceId: advice.id })).toMatchObject({ meetingId: meeting.id, meetingDate: '2026-03-12' });

    const audit = await core.value('audit.list', { table: 'advices', recordId: advice.id });
    expect(audit.some((entry) => entry.action === 'update' && entry.after?.status === 'vastgesteld')).toBe(true);
  });

  it('refuses to adopt an advice twice, or once sent, with a Dutch CONFLICT', async () => {
    const advice = await conceptAdvice();
    const meeting = await core.value('councilMeetings.create', { date: '2026-03-12' });
    const item = (await core.value('councilMeetings.addItem', { meetingId: meeting.id, title: 'Advies', adviceId: advice.id })).items[0]!;
    await core.value('councilMeetings.adoptAdvice', { itemId: item.id });

    const next = await core.value('councilMeetings.create', { date: '2026-04-09' });
    const again = (await core.value('councilMeetings.addItem', { meetingId: next.id, title: 'Advies nogmaals', adviceId: advice.id })).items[0]!;
    const twice = await expectUnchanged(() => core.failure('councilMeetings.adoptAdvice', { itemId: again.id }));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toBe(t('councilOwn.adviceAdoptedElsewhere', { kenmerk: advice.kenmerk, date: '12 maart 2026' }));

    await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2026-03-20' });
    const sent = await expectUnchanged(() => core.failure('councilMeetings.adoptAdvice', { itemId: again.id }));
    expect(sent.code).toBe('CONFLICT');
    expect(sent.message).toBe(t('councilOwn.adviceSent', { kenmerk: advice.kenmerk }));
  });

  it('keeps the adoption: its besluit, item and meeting cannot be deleted', async () => {
    const advice = await conceptAdvice();
    const meeting = await core.value('councilMeetings.create', { date: '2026-03-12' });
    const item = (await core.value('councilMeetings.addItem', { meetingId: meeting.id, title: 'Advies', adviceId: advice.id })).items[0]!;
    const adopted = await core.value('councilMeetings.adoptAdvice', { itemId: item.id });
    expect((await expectUnchanged(() => core.failure('councilMeetings.deleteDecision', { id: adopted.items[0]!.decisions[0]!.id }))).code).toBe('CONFLICT');
    expect((await expectUnchanged(() => core.failure('councilMeetings.deleteItem', { id: item.id }))).code).toBe('CONFLICT');
    expect((await expectUnchanged(() => core.failure('councilMeetings.delete', { id: meeting.id }))).code).toBe('CONFLICT');
    // Its date is the advice's date of adoption: it cannot move away from it.
    const moved = await expectUnchanged(() => core.failure('councilMeetings.update', { id: meeting.id, date: '2026-03-19' }));
    expect(moved.code).toBe('CONFLICT');
    expect(moved.issues?.[0]?.path).toBe('date');
    expect((await core.value('councilMeetings.update', { id: meeting.id, place: 'Raadzaal' })).place).toBe('Raadzaal');
  });

  it('refuses links to records that do not exist, and attendance of someone who left', async () => {
    const meeting = await core.value('councilMeetings.create', { date: '2026-03-12' });
    const missing = await expectUnchanged(() => core.failure('councilMeetings.addItem', { meetingId: meeting.id, title: 'X', adviceId: '01900000-0000-7000-8000-000000000999' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.issues?.[0]?.path).toBe('adviceId');

    const jan = await member('Jan');
    await core.value('members.markLeft', { id: jan.id, leftOn: '2026-01-31' });
    const error = await expectUnchanged(() => core.failure('councilMeetings.setAttendance', { id: meeting.id, presentIds: [jan.id] }));
    expect(error.message).toBe(t('councilOwn.memberLeft', { name: 'Jan' }));
  });
});

describe('the actielijst', () => {
  it('carries open actions over to the next meeting until they are closed', async () => {
    const owner = await member('Karin');
    const march = await core.value('councilMeetings.create', { date: '2026-03-12' });
    const item = (await core.value('councilMeetings.addItem', { meetingId: march.id, title: 'Mantelzorg' })).items[0]!;
    const first = await core.value('councilActions.create', { meetingId: march.id, agendaItemId: item.id, description: 'Navragen bij de gemeente', ownerId: owner.id, dueOn: '2026-04-01' });
    await core.value('councilActions.create', { meetingId: march.id, description: 'Wijkteam uitnodigen', ownerId: owner.id, dueOn: '2026-04-30' });
    const april = await core.value('councilMeetings.create', { date: '2026-04-09' });

    const inApril = await core.value('councilMeetings.get', { id: april.id });
    expect(inApril.carriedActions.map((action) => action.description)).toEqual(['Navragen bij de gemeente', 'Wijkteam uitnodigen']);
    expect(inApril.carriedActions[0]).toMatchObject({ agendaItemTitle: 'Mantelzorg', meetingDate: '2026-03-12', ownerName: 'Karin' });
    expect((await core.value('councilMeetings.get', { id: march.id })).newActions).toHaveLength(2);

    await core.value('councilActions.update', { id: first.id, status: 'afgerond', closedOn: '2026-04-20' });
    const may = await core.value('councilMeetings.create', { date: '2026-05-14' });
    expect((await core.value('councilMeetings.get', { id: may.id })).carriedActions.map((action) => action.description)).toEqual(['Wijkteam uitnodigen']);
    // April's agenda still shows what was open then.
    expect((await core.value('councilMeetings.get', { id: april.id })).carriedActions).toHaveLength(2);
  });

  it('refuses a due date or closing date before the meeting that made the action', async () => {
    const owner = await member('Lotte');
    const meeting = await core.value('councilMeetings.create', { date: '2026-03-12' });
    const error = await expectUnchanged(() => core.failure('councilActions.create', { meetingId: meeting.id, description: 'X', ownerId: owner.id, dueOn: '2026-03-11' }));
    expect(error.issues?.[0]).toMatchObject({ path: 'dueOn', message: t('councilOwn.dueBeforeMeeting') });
    const action = await core.value('councilActions.create', { meetingId: meeting.id, description: 'X', ownerId: owner.id, dueOn: '2026-03-20' });
    const closing = await expectUnchanged(() => core.failure('councilActions.update', { id: action.id, status: 'afgerond', closedOn: '2026-03-01' }));
    expect(closing.issues?.[0]?.path).toBe('closedOn');
  });
});

describe('the jaarplanning', () => {
  it('shows planned, received and advised', async () => {
    const request = await core.value('adviceRequests.create', { receivedOn: '2026-03-02', subject: 'Beleidsplan Wmo 2027', deadline: '2026-04-15' });
    const planned = await core.value('planning.create', { year: 2026, month: 3, kind: 'adviesaanvraag', title: 'Beleidsplan Wmo', source: 'Beleidskalender 2026' });
    await core.value('planning.create', { year: 2026, month: 6, kind: 'eigen_onderwerp', title: 'Toegankelijkheid stembureaus' });
    expect(planned.state).toBe('gepland');

    const received = await core.value('planning.update', { id: planned.id, requestId: request.id });
    expect(received).toMatchObject({ state: 'ontvangen', requestSubject: 'Beleidsplan Wmo 2027' });

    let advice = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Beleidsplan Wmo 2027', requestId: request.id });
    advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Advies' });
    await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Betrek ervaringsdeskundigen.' });
    await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2026-04-01' });
    await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2026-04-02' });

    const year = await core.value('planning.list', { year: 2026 });
    expect(year.map((entry) => [entry.month, entry.title, entry.state])).toEqual([
      [3, 'Beleidsplan Wmo', 'geadviseerd'],
      [6, 'Toegankelijkheid stembureaus', 'gepland'],
    ]);

    const other = await core.value('planning.create', { year: 2026, month: 9, kind: 'adviesaanvraag', title: 'Ander plan' });
    const twice = await expectUnchanged(() => core.failure('planning.update', { id: other.id, requestId: request.id }));
    expect(twice.code).toBe('CONFLICT');
  });
});

describe('the documents', () => {
  it('agenda and verslag read right through LibreOffice, markup shown literally, without personal data', async () => {
    const hostile = '<b>vet</b> & <script>alert(1)</script>';
    const chair = await member('Ans de Vries', { role: 'voorzitter', email: 'ans@example.nl', phone: '06-12345678', background: 'Ervaringsdeskundige GGZ' });
    const secretary = await member('Bram Jansen', { role: 'secretaris' });
    const absent = await member('Çiğdem Öztürk');
    const advice = await conceptAdvice('Inloop in de wijk');
    const march = await core.value('councilMeetings.create', { date: '2026-03-12', startTime: '19:30', place: 'Stadhuis, Raadzaal', guests: 'Wethouder Zorg' });
    const item = (await core.value('councilMeetings.addItem', { meetingId: march.id, title: 'Concept-advies inloop', adviceId: advice.id })).items[0]!;
    await core.value('councilActions.create', { meetingId: march.id, description: 'Navragen bij de gemeente', ownerId: secretary.id, dueOn: '2026-04-01' });
    const april = await core.value('councilMeetings.create', { date: '2026-04-09', place: 'Stadhuis' });
    await core.value('councilMeetings.setAttendance', { id: april.id, presentIds: [chair.id, secretary.id], absentIds: [absent.id] });
    const second = (await core.value('councilMeetings.addItem', { meetingId: april.id, title: `Hulpmiddelen ${hostile}`, notes: `Besproken: ${hostile}` })).items[0]!;
    await core.value('councilMeetings.addDecision', { itemId: second.id, text: `De raad besluit: ${hostile}` });
    await core.value('councilActions.create', { meetingId: april.id, agendaItemId: second.id, description: `Brief opstellen ${hostile}`, ownerId: chair.id, dueOn: '2026-05-01' });
    void item;

    const agenda = await core.value('councilMeetings.exportAgenda', { id: april.id });
    expect(agenda.fileName).toBe('Agenda raadsvergadering 2026-04-09.docx');
    const agendaText = (await renderDocx(Buffer.from(agenda.bytesBase64!, 'base64'))).text;
    expect(agendaText).toContain('Adviesraad Sociaal Domein Zoetermeer');
    expect(agendaText).toContain('Agenda');
    expect(agendaText).toContain('9 april 2026');
    expect(agendaText).toContain('Opening en vaststellen van de agenda');
    expect(agendaText).toContain(`2. Hulpmiddelen ${hostile}`);
    expect(agendaText).toContain('Navragen bij de gemeente');
    expect(agendaText).toContain('Rondvraag en sluiting');

    const minutes = await core.value('councilMeetings.exportMinutes', { id: april.id });
    const { text } = await renderDocx(Buffer.from(minutes.bytesBase64!, 'base64'));
    expect(text).toContain('Verslag');
    expect(text).toMatch(/Aanwezig\s+Ans de Vries \(voorzitter\), Bram Jansen \(secretaris\)/);
    expect(text).toContain('Çiğdem Öztürk');
    expect(text).toContain(`Besproken: ${hostile}`);
    expect(text).toContain('Besluitenlijst');
    expect(text).toContain(`De raad besluit: ${hostile}`);
    expect(text).toContain('Actielijst');
    expect(text).toContain('Brief opstellen');
    expect(text).toContain('Navragen bij de gemeente');
    for (const personal of ['ans@example.nl', '06-12345678', 'Ervaringsdeskundige GGZ']) {
      expect(agendaText).not.toContain(personal);
      expect(text).not.toContain(personal);
    }
  }, 120_000);
});
