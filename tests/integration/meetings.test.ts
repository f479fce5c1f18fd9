import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

describe('programmes, meetings and theme tables', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function wijk(name: string) {
    return core.value('wijken.create', { name });
  }

  it('creates a meeting with programme, wijken and tables, and reads it back', async () => {
    const noord = await wijk('Noord');
    const zuid = await wijk('Zuid');
    const programme = await core.value('programmes.create', { name: 'Wijkronde 2026' });
    const meeting = await core.value('meetings.create', {
      title: 'Wijkbijeenkomst Noord',
      programmeId: programme.id,
      date: '2026-03-12',
      startTime: '19:30',
      endTime: '21:30',
      location: 'Buurthuis De Schakel',
      format: 'thematafels',
      attendeeCount: 42,
      organiser: 'Wmo-raad',
      wijkIds: [zuid.id, noord.id],
      tables: [{ theme: 'Mantelzorg', facilitator: 'Anja' }, { theme: 'Vervoer' }],
    });
    expect(meeting.programmeName).toBe('Wijkronde 2026');
    expect(meeting.wijken.map((w) => w.name)).toEqual(['Noord', 'Zuid']);
    expect(meeting.tables.map((table) => [table.position, table.theme, table.facilitator])).toEqual([
      [1, 'Mantelzorg', 'Anja'],
      [2, 'Vervoer', ''],
    ]);
    expect(meeting.createdBy).not.toBe(undefined);
    const list = await core.value('meetings.list', { programmeId: programme.id });
    expect(list.map((m) => m.id)).toEqual([meeting.id]);
    expect((await core.value('programmes.list'))[0]!.meetingCount).toBe(1);

    const updated = await core.value('meetings.update', { id: meeting.id, title: 'Wijkavond Noord', wijkIds: [noord.id] });
    expect(updated.title).toBe('Wijkavond Noord');
    expect(updated.wijken.map((w) => w.name)).toEqual(['Noord']);
  });

  it('rejects bad meeting input with Dutch messages and changes nothing', async () => {
    const before = (await storeFingerprint(core));
    const badDate = await core.failure('meetings.create', { title: 'X', date: '2026-02-30' });
    expect(badDate.code).toBe('VALIDATION');
    expect(badDate.message).toContain('Geen geldige datum');
    const badTime = await core.failure('meetings.create', { title: 'X', date: '2026-02-03', startTime: '25:00' });
    expect(badTime.message).toContain('Geen geldige tijd');
    const reversed = await core.failure('meetings.create', { title: 'X', date: '2026-02-03', startTime: '21:00', endTime: '19:00' });
    expect(reversed.message).toBe('De eindtijd ligt voor de begintijd.');
    const unknownWijk = await core.failure('meetings.create', { title: 'X', date: '2026-02-03', wijkIds: ['0190a0a0-0000-7000-8000-000000000000'] });
    expect(unknownWijk.message).toBe('Een van de gekozen wijken bestaat niet (meer).');
    const extra = await core.failure('meetings.create', { title: 'X', date: '2026-02-03', hacker: true });
    expect(extra.code).toBe('VALIDATION');
    const missing = await core.failure('meetings.get', { id: '0190a0a0-0000-7000-8000-000000000000' });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'Deze bijeenkomst bestaat niet (meer).' });
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('refuses deleting a wijk, programme or table that is in use; a meeting goes to the trash', async () => {
    const noord = await wijk('Noord');
    const programme = await core.value('programmes.create', { name: 'Ronde' });
    const meeting = await core.value('meetings.create', {
      title: 'Avond',
      programmeId: programme.id,
      date: '2026-03-12',
      wijkIds: [noord.id],
      tables: [{ theme: 'Zorg' }, { theme: 'Leeg' }],
    });
    await core.value('findings.create', { meetingId: meeting.id, themeTableId: meeting.tables[0]!.id, text: 'Te weinig zorg' });
    const before = (await storeFingerprint(core));

    const wijkRefusal = await core.failure('wijken.delete', { id: noord.id });
    expect(wijkRefusal.code).toBe('CONFLICT');
    expect(wijkRefusal.message).toContain('1 bijeenkomst, 1 punt inbreng');
    const programmeRefusal = await core.failure('programmes.delete', { id: programme.id });
    expect(programmeRefusal.message).toBe('Programma "Ronde" kan niet worden verwijderd, want het is in gebruik bij: 1 bijeenkomst.');
    const tableRefusal = await core.failure('themeTables.delete', { id: meeting.tables[0]!.id });
    expect(tableRefusal.code).toBe('CONFLICT');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);

    await core.value('themeTables.delete', { id: meeting.tables[1]!.id });
    const findings = await core.value('findings.listForMeeting', { meetingId: meeting.id });
    await core.value('findings.delete', { id: findings[0]!.id });
    // Deleting a meeting moves it to the trash: it still holds its programme and wijk until emptied.
    await core.value('meetings.delete', { id: meeting.id });
    expect((await core.failure('programmes.delete', { id: programme.id })).code).toBe('CONFLICT');
    expect(await core.value('trash.empty', { confirm: true })).toEqual({ removed: 2, kept: [] });
    await core.value('programmes.delete', { id: programme.id });
    await core.value('wijken.delete', { id: noord.id });
    expect(await core.value('meetings.list', {})).toEqual([]);
  });

  it('searches meetings by words, case and accents folded, and sorts by folded title (dialect fold on both stores)', async () => {
    await core.value('meetings.create', { title: 'Zorgcafé Ĳsselkade', date: '2026-02-01', location: 'Coöperatie De Brug' });
    await core.value('meetings.create', { title: 'avond Noord', date: '2026-03-01' });
    const titles = async (input: Record<string, unknown>) => (await core.value('meetings.search', input as never)).rows.map((row) => row.title);
    expect(await titles({ query: 'zorgcafe' })).toEqual(['Zorgcafé Ĳsselkade']);
    expect(await titles({ query: 'cooperatie' })).toEqual(['Zorgcafé Ĳsselkade']);
    expect(await titles({ sort: 'title' })).toEqual(['avond Noord', 'Zorgcafé Ĳsselkade']);
  });

  it('renaming a table renames the theme of its findings', async () => {
    const meeting = await core.value('meetings.create', { title: 'Avond', date: '2026-03-12', tables: [{ theme: 'Zorg' }] });
    const finding = await core.value('findings.create', { meetingId: meeting.id, themeTableId: meeting.tables[0]!.id, text: 'Wachtlijst' });
    expect(finding.theme).toBe('Zorg');
    await core.value('themeTables.update', { id: meeting.tables[0]!.id, theme: 'Zorg en welzijn' });
    expect((await core.value('findings.get', { id: finding.id })).theme).toBe('Zorg en welzijn');
  });
});

describe('findings CRUD', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  it('fills meeting, date, theme and wijk from the table and the meeting', async () => {
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const meeting = await core.value('meetings.create', { title: 'Avond', date: '2026-04-01', wijkIds: [noord.id], tables: [{ theme: 'Wonen' }] });
    const finding = await core.value('findings.create', {
      themeTableId: meeting.tables[0]!.id,
      source: 'thematafel',
      text: 'Trap in de flat is te steil',
      tags: ['Wonen', 'toegankelijkheid', 'wonen'],
      containsPersonalData: true,
    });
    expect(finding).toMatchObject({
      meetingId: meeting.id,
      meetingTitle: 'Avond',
      theme: 'Wonen',
      source: 'thematafel',
      wijkId: noord.id,
      wijkName: 'Noord',
      date: '2026-04-01',
      containsPersonalData: true,
      votes: 0,
    });
    expect(finding.tags).toEqual(['toegankelijkheid', 'Wonen']);
    const edited = await core.value('findings.update', { id: finding.id, text: 'De trap is te steil', tags: [], priority: 3 });
    expect(edited).toMatchObject({ text: 'De trap is te steil', tags: [], priority: 3, theme: 'Wonen' });
    expect((await core.value('findings.vote', { id: finding.id, delta: 1 })).votes).toBe(1);
    expect((await core.value('findings.vote', { id: finding.id, delta: -1 })).votes).toBe(0);
    expect((await core.value('findings.vote', { id: finding.id, delta: -1 })).votes).toBe(0);
    expect(await core.value('findings.tags')).toEqual([]);
    expect(await core.value('findings.themes')).toEqual(['Wonen']);
  });

  it('rejects a table of another meeting, empty text and unknown references without writing', async () => {
    const a = await core.value('meetings.create', { title: 'A', date: '2026-04-01', tables: [{ theme: 'Wonen' }] });
    const b = await core.value('meetings.create', { title: 'B', date: '2026-04-02' });
    const before = (await storeFingerprint(core));
    const wrongTable = await core.failure('findings.create', { meetingId: b.id, themeTableId: a.tables[0]!.id, text: 'x' });
    expect(wrongTable).toMatchObject({ code: 'VALIDATION', message: 'Deze thematafel hoort bij een andere bijeenkomst.' });
    const empty = await core.failure('findings.create', { meetingId: a.id, text: '   ' });
    expect(empty.issues?.[0]).toMatchObject({ path: 'text', message: 'Vul dit veld in.' });
    const tooLong = await core.failure('findings.create', { meetingId: a.id, text: 'x'.repeat(20_001) });
    expect(tooLong.message).toContain('20000');
    const unknownMeeting = await core.failure('findings.create', { meetingId: '0190a0a0-0000-7000-8000-000000000000', text: 'x' });
    expect(unknownMeeting.message).toBe('De gekozen bijeenkomst bestaat niet (meer).');
    const badSource = await core.failure('findings.create', { meetingId: a.id, text: 'x', source: 'twitter' });
    expect(badSource.code).toBe('VALIDATION');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });
});
