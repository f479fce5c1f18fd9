import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../shared/api/exchange';
import { createTestCore, type TestCore } from '../helpers/core';
import { importThroughJob } from '../helpers/exchange';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * The council's own work travels in the exchange file: the secretary's laptop and the chair's stay in
 * step. Two real databases; the file goes through the real export and the real import job.
 */
let secretary: TestCore;
let chair: TestCore;
beforeEach(async () => {
  secretary = await createTestCore();
  chair = await createTestCore();
});
afterEach(async () => {
  await secretary.dispose();
  await chair.dispose();
});

async function exportFrom(core: TestCore, includePersonalData = false): Promise<{ containsPersonalData: boolean; records: ExchangeRecord[]; text: string }> {
  const file = await core.value('councilOwn.exportExchange', { includePersonalData });
  const text = Buffer.from(file.bytesBase64, 'base64').toString('utf8');
  return { ...JSON.parse(text), text };
}

/** What the council pages show, from the API: the same on both laptops after an exchange. */
async function councilView(core: TestCore) {
  const members = await core.value('members.list', { includeLeft: true });
  const meetings = await core.value('councilMeetings.list');
  const details = await Promise.all(meetings.map((meeting) => core.value('councilMeetings.get', { id: meeting.id })));
  return {
    members: members.map(({ id, name, role, termStart, termEnd, termNumber, leftOn, follows, positions }) => ({ id, name, role, termStart, termEnd, termNumber, leftOn, follows, positions })),
    meetings: details.map(({ id, date, place, attendance, items }) => ({
      id,
      date,
      place,
      attendance,
      items: items.map(({ id: itemId, title, notes, decisions }) => ({ itemId, title, notes, decisions: decisions.map(({ id: decisionId, text }) => ({ decisionId, text })) })),
    })),
    actions: await core.value('councilActions.list', {}),
    planning: await core.value('planning.list', { year: 2027 }),
  };
}

async function seedSecretary() {
  const ans = await secretary.value('members.create', { name: 'Ans de Vries', role: 'voorzitter', termStart: '2024-01-01', email: 'ans@voorbeeld.nl', phone: '06-12345678', background: 'mantelzorger' });
  const bram = await secretary.value('members.create', { name: 'Bram Jansen', role: 'secretaris', termStart: '2024-01-01', follows: 'Wijk Noord' });
  await secretary.value('members.addPosition', { memberId: ans.id, description: 'Bestuurslid wijkvereniging', declaredOn: '2024-02-01' });
  const meeting = await secretary.value('councilMeetings.create', { date: '2026-11-12', place: 'Stadhuis' });
  await secretary.value('councilMeetings.setAttendance', { id: meeting.id, presentIds: [ans.id], absentIds: [bram.id] });
  let detail = await secretary.value('councilMeetings.addItem', { meetingId: meeting.id, title: 'Beleidsplan Wmo 2027', notes: 'Bespreking concept' });
  detail = await secretary.value('councilMeetings.addDecision', { itemId: detail.items[0]!.id, text: 'De raad stemt in met de hoofdlijnen.' });
  await secretary.value('councilActions.create', { meetingId: meeting.id, agendaItemId: detail.items[0]!.id, description: 'Wethouder uitnodigen', ownerId: bram.id, dueOn: '2026-12-01' });
  await secretary.value('planning.create', { year: 2027, month: 3, kind: 'adviesaanvraag', title: 'Verordening Wmo', source: 'Beleidskalender' });
  return { ans, bram, meeting };
}

describe('the council’s own work in the exchange file', () => {
  it('brings members, meetings, decisions, actions and planning to the other laptop; a second import changes nothing', async () => {
    const { ans } = await seedSecretary();
    const file = await exportFrom(secretary);
    expect(file.containsPersonalData).toBe(false);
    // Contact details and background are personal data: not in a file that did not ask for them.
    for (const personal of ['ans@voorbeeld.nl', '06-12345678', 'mantelzorger']) expect(file.text).not.toContain(personal);
    expect(new Set(file.records.map((record) => record.type))).toEqual(
      new Set(['councilMember', 'councilMemberPosition', 'councilMeeting', 'councilAgendaItem', 'councilDecision', 'councilAction', 'planningItem']),
    );

    const first = await importThroughJob(chair, file.records);
    expect(first).toMatchObject({ inserted: file.records.length, updated: 0, skipped: [], conflicts: [] });
    expect(await councilView(chair)).toEqual(await councilView(secretary));
    const chairAns = await chair.value('members.get', { id: ans.id });
    expect(chairAns).toMatchObject({ email: '', phone: '', background: '' });

    const before = await storeFingerprint(chair);
    const second = await importThroughJob(chair, file.records);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: file.records.length, conflicts: [], skipped: [] });
    expect(await storeFingerprint(chair)).toEqual(before);
  });

  it('keeps contact details here when a later file leaves them out, and carries them when asked', async () => {
    const { ans } = await seedSecretary();
    await importThroughJob(chair, (await exportFrom(secretary)).records);
    await chair.value('members.update', { id: ans.id, phone: '070-1234567' });

    // The secretary renames; the file without personal data updates the name and leaves the chair's phone alone.
    await secretary.value('members.update', { id: ans.id, name: 'Ans de Vries-Bakker' });
    const report = await importThroughJob(chair, (await exportFrom(secretary)).records);
    expect(report.updated).toBe(1);
    expect(await chair.value('members.get', { id: ans.id })).toMatchObject({ name: 'Ans de Vries-Bakker', phone: '070-1234567' });

    const withPersonal = await exportFrom(secretary, true);
    expect(withPersonal.containsPersonalData).toBe(true);
    expect(withPersonal.text).toContain('ans@voorbeeld.nl');
  });

  it('refuses a member record with an unknown role or an action for a member it lacks, and keeps the rest', async () => {
    const { bram } = await seedSecretary();
    const records = (await exportFrom(secretary)).records;
    const broken = records.map((record) =>
      record.type === 'councilMember' && record.id === bram.id ? { ...record, data: { ...record.data, role: 'koning' } } : record,
    );
    const report = await importThroughJob(chair, broken);
    // Bram is skipped, and with him the action he owns and the meeting whose attendance names him
    // (with its items and decisions): each record whole or absent, never a meeting without its attendance.
    const skipped = new Set(report.skipped.map((entry) => entry.type));
    for (const type of ['councilMember', 'councilAction', 'councilMeeting']) expect(skipped).toContain(type);
    expect(skipped).not.toContain('planningItem');
    expect(await chair.value('councilMeetings.list')).toEqual([]);
    expect(await chair.value('planning.list', { year: 2027 })).toHaveLength(1);
    expect((await chair.value('members.list', { includeLeft: true })).map((member) => member.name)).toEqual(['Ans de Vries']);
    expect(await chair.value('councilActions.list', {})).toEqual([]);
  });
});
