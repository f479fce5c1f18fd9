import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { START_LIST_SIZE } from '../../shared/api/start';
import { createTestCore, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
const today = todayInNetherlands();

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
});
afterEach(async () => core.dispose());

/** Issue 19 item 11: the start page is the day's overview, read in one call. */
describe('start.overview', () => {
  it('is empty but complete on a fresh database', async () => {
    const overview = await core.value('start.overview', {});
    expect(overview.today).toBe(today);
    for (const part of ['nextMeetings', 'nextCouncilMeetings', 'conceptAdvices', 'requestsDue', 'responsesOverdue', 'commitmentsDue', 'lastInput'] as const) {
      expect(overview[part]).toEqual({ rows: [], total: 0 });
    }
  });

  it('gathers next meetings, concept advices with their deadlines, requests due, late responses, commitments due and the last input', async () => {
    // Meetings: one past, seven coming; the overview shows the first five, soonest first, and counts all seven.
    await core.value('meetings.create', { title: 'Vorige maand', date: addDays(today, -30) });
    for (let i = 7; i >= 1; i--) await core.value('meetings.create', { title: `Wijkavond ${i}`, date: addDays(today, i) });
    const todayMeeting = await core.value('meetings.create', { title: 'Vandaag', date: today, startTime: '19:30' });
    await core.value('councilMeetings.create', { date: addDays(today, -7), place: 'Stadhuis' });
    const nextCouncil = await core.value('councilMeetings.create', { date: addDays(today, 14), place: 'Stadhuis', startTime: '19:00' });

    // Requests: one open due in 10 days, one overdue, one answered by a sent advice (not due any more).
    const soon = await core.value('adviceRequests.create', { receivedOn: addDays(today, -20), subject: 'Beleidsplan Wmo', deadline: addDays(today, 10) });
    const late = await core.value('adviceRequests.create', { receivedOn: addDays(today, -60), subject: 'Verordening', deadline: addDays(today, -2) });
    const answered = await core.value('adviceRequests.create', { receivedOn: addDays(today, -90), subject: 'Regiotaxi', deadline: addDays(today, -40) });

    // Concept advices: one answering the soon request, one unasked.
    const concept = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Beleidsplan Wmo 2027', requestId: soon.id });
    const unasked = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Eenzaamheid' });

    // Sent advices: one answer overdue (50 days ago, term 6 weeks), one still in time.
    const overdue = await sentAdvice(core, 'Wijkteams', addDays(today, -50), ['Open een spreekuur']);
    await sentAdvice(core, 'Mantelzorg', addDays(today, -3), ['Ondersteun mantelzorgers']);
    let regiotaxi = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Regiotaxi', requestId: answered.id, adviceDate: addDays(today, -45) });
    regiotaxi = await core.value('advices.addSection', { adviceId: regiotaxi.id, title: 'Aanbevelingen' });
    regiotaxi = await core.value('advices.addItem', { sectionId: regiotaxi.sections[0]!.id, kind: 'aanbeveling', text: 'Laat de regiotaxi op tijd komen.' });
    await core.value('advices.setStatus', { id: regiotaxi.id, status: 'vastgesteld', date: addDays(today, -45) });
    await core.value('advices.setStatus', { id: regiotaxi.id, status: 'verzonden', date: addDays(today, -45) });
    await core.value('responses.record', { adviceId: regiotaxi.id, receivedOn: addDays(today, -1) });
    await core.value('commitments.create', { adviceId: regiotaxi.id, description: 'Evaluatie regiotaxi', dueOn: addDays(today, -5) });
    await core.value('commitments.create', { adviceId: regiotaxi.id, description: 'Tarieven herzien', dueOn: addDays(today, 20) });
    await core.value('commitments.create', { adviceId: regiotaxi.id, description: 'Ver weg', dueOn: addDays(today, 200) });
    await core.value('commitments.create', { adviceId: regiotaxi.id, description: 'Al gedaan', dueOn: addDays(today, -9), status: 'nagekomen' });

    // Input: seven findings; the last five recorded come first.
    const texts = Array.from({ length: 7 }, (_, i) => `Inbreng nummer ${i + 1}`);
    for (const text of texts) await core.value('findings.create', { meetingId: todayMeeting.id, text });

    const before = (await storeFingerprint(core));
    const overview = await core.value('start.overview', {});
    // A read: nothing written.
    expect((await storeFingerprint(core)).hash).toBe(before.hash);

    expect(overview.nextMeetings.total).toBe(8);
    expect(overview.nextMeetings.rows.map((meeting) => meeting.title)).toEqual(['Vandaag', 'Wijkavond 1', 'Wijkavond 2', 'Wijkavond 3', 'Wijkavond 4']);
    expect(overview.nextMeetings.rows).toHaveLength(START_LIST_SIZE);
    expect(overview.nextCouncilMeetings).toEqual({ rows: [{ id: nextCouncil.id, date: addDays(today, 14), startTime: '19:00', place: 'Stadhuis' }], total: 1 });

    expect(overview.conceptAdvices.total).toBe(2);
    expect(overview.conceptAdvices.rows.map((advice) => [advice.id, advice.deadline, advice.daysLeft])).toEqual([
      [concept.id, addDays(today, 10), 10],
      [unasked.id, null, null],
    ]);

    expect(overview.requestsDue.rows.map((request) => [request.subject, request.daysLeft])).toEqual([
      ['Verordening', -2],
      ['Beleidsplan Wmo', 10],
    ]);
    expect(overview.requestsDue.rows[0]!.id).toBe(late.id);

    expect(overview.responsesOverdue).toEqual({
      rows: [{ adviceId: overdue.id, kenmerk: overdue.kenmerk, betreft: 'Wijkteams', sentOn: addDays(today, -50), dueOn: addDays(today, -8), daysOverdue: 8 }],
      total: 1,
    });

    expect(overview.commitmentsDue.rows.map((commitment) => [commitment.description, commitment.daysOverdue, commitment.kenmerk])).toEqual([
      ['Evaluatie regiotaxi', 5, regiotaxi.kenmerk],
      ['Tarieven herzien', 0, regiotaxi.kenmerk],
    ]);

    expect(overview.lastInput.total).toBe(7);
    expect(overview.lastInput.rows.map((finding) => finding.text)).toEqual([...texts].reverse().slice(0, START_LIST_SIZE));
    expect(overview.lastInput.rows[0]).toMatchObject({ meetingId: todayMeeting.id, meetingTitle: 'Vandaag', date: today });
  });

  it('leaves out what is in the trash', async () => {
    const meeting = await core.value('meetings.create', { title: 'Straks', date: addDays(today, 3) });
    await core.value('findings.create', { meetingId: meeting.id, text: 'Iets' });
    await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Weg' }).then((advice) => core.value('advices.delete', { id: advice.id }));
    await core.value('meetings.delete', { id: meeting.id });
    const past = await core.value('meetings.create', { title: 'Vorige week', date: addDays(today, -7) });
    const kept = await core.value('findings.create', { meetingId: past.id, text: 'Blijft' });
    const trashed = await core.value('findings.create', { meetingId: past.id, text: 'Weggegooid' });
    await core.value('findings.delete', { id: trashed.id });
    const overview = await core.value('start.overview', {});
    expect(overview.nextMeetings.total).toBe(0);
    expect(overview.lastInput).toMatchObject({ total: 1, rows: [{ id: kept.id }] });
    expect(overview.conceptAdvices.total).toBe(0);
  });

  it('refuses input it does not take, with a Dutch message', async () => {
    const error = await core.failure('start.overview', { datum: today });
    expect(error.code).toBe('VALIDATION');
  });
});
