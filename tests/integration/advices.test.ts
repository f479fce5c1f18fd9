import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdviceDetail } from '../../shared/api/advices';
import { createTestCore, type TestCore } from '../helpers/core';
import { seedEvidence } from '../helpers/evidence';
import { storeFingerprint } from '../helpers/snapshot';
import { addDays, todayInNetherlands } from '../../shared/calendar';

let core: TestCore;

const COUNCIL = {
  name: 'Adviesraad Wmo Leiden',
  municipality: 'Leiden',
  defaultAddressee: 'College van burgemeester en wethouders van Leiden\nPostbus 9100\n2300 PC Leiden',
  postalAddress: 'Stadhuisplein 1\n2311 EJ Leiden',
  signatories: [
    { name: 'Anna de Vries', role: 'voorzitter' },
    { name: 'Bert Jansen', role: 'secretaris' },
  ],
  kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
};

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', COUNCIL);
});
afterEach(async () => core.dispose());

function numbers(advice: AdviceDetail): string[] {
  return advice.sections.flatMap((section) => [`[${section.number}] ${section.title}`, ...section.items.map((item) => `${item.number} ${item.text}`)]);
}

async function draftWithThreeSections(): Promise<AdviceDetail> {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid van de wijkteams', adviceDate: '2014-09-25', withDefaultSections: true });
  const [bevindingen, conclusies, aanbevelingen] = advice.sections.map((section) => section.id);
  for (const text of ['Wijkteam moeilijk bereikbaar', 'Lange wachttijden', 'Onbekend bij ouderen'])
    advice = await core.value('advices.addItem', { sectionId: bevindingen!, kind: 'bevinding', text });
  for (const text of ['Bereikbaarheid schiet tekort', 'Informatie bereikt ouderen niet'])
    advice = await core.value('advices.addItem', { sectionId: conclusies!, kind: 'conclusie', text });
  advice = await core.value('advices.addItem', { sectionId: aanbevelingen!, kind: 'aanbeveling', text: 'Open een telefonisch spreekuur', relatedItemIds: [advice.sections[1]!.items[0]!.id] });
  return advice;
}

describe('adviesaanvragen', () => {
  it('keeps requests with their deadline and the days left', async () => {
    // The Dutch calendar day, as the app counts days left (the UTC day differs after 23:00 UTC).
    const inDays = (days: number) => addDays(todayInNetherlands(), days);
    const request = await core.value('adviceRequests.create', { receivedOn: inDays(-10), fromWhom: 'Wethouder Zorg', subject: 'Beleidsplan sociaal domein', kenmerk: 'Z-123', deadline: inDays(32) });
    expect(request.daysLeft === 32 || request.daysLeft === 31 || request.daysLeft === 33).toBe(true);
    const error = await core.failure('adviceRequests.create', { receivedOn: '2026-03-10', subject: 'x', deadline: '2026-03-01' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('uiterste datum');
    const advice = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Beleidsplan', requestId: request.id });
    expect(advice.requestId).toBe(request.id);
    const refused = await core.failure('adviceRequests.delete', { id: request.id });
    expect(refused.code).toBe('CONFLICT');
  });
});

describe('advices', () => {
  it('generates unique kenmerken from the council pattern and takes the defaults from the settings', async () => {
    const first = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg', adviceDate: '2014-02-10' });
    const second = await core.value('advices.create', { kind: 'gevraagd', betreft: 'Hulp bij het huishouden', adviceDate: '2014-09-25' });
    expect([first.kenmerk, second.kenmerk]).toEqual(['WMO-2014-001', 'WMO-2014-002']);
    expect(first.addressee).toBe(COUNCIL.defaultAddressee);
    expect(first.signatories).toEqual(COUNCIL.signatories);
    expect(first.status).toBe('concept');
    const edited = await core.value('advices.update', { id: second.id, kenmerk: 'WMO-2014-010' });
    expect(edited.kenmerk).toBe('WMO-2014-010');
    const third = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Jeugd', adviceDate: '2014-10-01' });
    expect(third.kenmerk).toBe('WMO-2014-002');
  });

  it('refuses a kenmerk that exists, in any case, and changes nothing', async () => {
    const first = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg', kenmerk: 'AR 2014/7' });
    const other = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer' });
    const before = (await storeFingerprint(core));
    const created = await core.failure('advices.create', { kind: 'ongevraagd', betreft: 'Jeugd', kenmerk: 'ar 2014/7' });
    expect(created.code).toBe('CONFLICT');
    expect(created.message).toBe('Er is al een advies met kenmerk "ar 2014/7". Kies een ander kenmerk.');
    const updated = await core.failure('advices.update', { id: other.id, kenmerk: first.kenmerk });
    expect(updated.code).toBe('CONFLICT');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('refuses an empty Betreft with a Dutch message', async () => {
    const before = (await storeFingerprint(core));
    const error = await core.failure('advices.create', { kind: 'ongevraagd', betreft: '   ' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]).toEqual({ path: 'betreft', message: 'Vul dit veld in.' });
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('derives numbers that follow insert, move and delete, within and between sections', async () => {
    let advice = await draftWithThreeSections();
    expect(numbers(advice)).toEqual([
      '[I] Wat inwoners ons vertelden',
      'I.1 Wijkteam moeilijk bereikbaar',
      'I.2 Lange wachttijden',
      'I.3 Onbekend bij ouderen',
      '[2] Conclusies',
      '2.1 Bereikbaarheid schiet tekort',
      '2.2 Informatie bereikt ouderen niet',
      '[3] Aanbevelingen',
      '3.1 Open een telefonisch spreekuur',
    ]);
    expect(advice.sections[2]!.items[0]!.crossReference).toBe('zie 2.1');
    const conclusies = advice.sections[1]!;
    // Insert at the top of the conclusions: the cross-reference follows to 2.2.
    advice = await core.value('advices.addItem', { sectionId: conclusies.id, kind: 'conclusie', text: 'Nieuw inzicht', index: 0 });
    expect(advice.sections[1]!.items.map((item) => item.number + ' ' + item.text)).toEqual(['2.1 Nieuw inzicht', '2.2 Bereikbaarheid schiet tekort', '2.3 Informatie bereikt ouderen niet']);
    expect(advice.sections[2]!.items[0]!.crossReference).toBe('zie 2.2');
    // Move "Lange wachttijden" to the end of the conclusions.
    const lange = advice.sections[0]!.items[1]!;
    advice = await core.value('advices.moveItem', { id: lange.id, sectionId: conclusies.id, index: 99 });
    expect(numbers(advice).slice(0, 3)).toEqual(['[I] Wat inwoners ons vertelden', 'I.1 Wijkteam moeilijk bereikbaar', 'I.2 Onbekend bij ouderen']);
    expect(advice.sections[1]!.items.at(-1)!.number).toBe('2.4');
    // Move up within a section.
    advice = await core.value('advices.moveItem', { id: lange.id, sectionId: conclusies.id, index: 2 });
    expect(advice.sections[1]!.items.map((item) => item.number + ' ' + item.text)).toEqual([
      '2.1 Nieuw inzicht',
      '2.2 Bereikbaarheid schiet tekort',
      '2.3 Lange wachttijden',
      '2.4 Informatie bereikt ouderen niet',
    ]);
    // Delete the first conclusion: the rest and the cross-reference move down.
    advice = await core.value('advices.deleteItem', { id: advice.sections[1]!.items[0]!.id });
    expect(advice.sections[2]!.items[0]!.crossReference).toBe('zie 2.1');
    // Move the recommendations section to the top.
    advice = await core.value('advices.moveSection', { id: advice.sections[2]!.id, index: 0 });
    expect(advice.sections.map((section) => section.number)).toEqual(['1', 'II', '3']);
    expect(advice.sections[0]!.items[0]!.crossReference).toBe('zie 3.1');
    // Positions are stored dense and in order.
    const positions = await sql<{ position: number }>`select position from advice_items where section_id = ${advice.sections[2]!.id} order by position`.execute(core.db);
    expect(positions.rows.map((row) => row.position)).toEqual([0, 1, 2]);
  });

  it('links items to findings and signals and writes how often a signal was mentioned', async () => {
    const evidence = await seedEvidence(core.db, { meetings: 12, signalMeetings: 7 });
    let advice = await draftWithThreeSections();
    const item = advice.sections[0]!.items[0]!;
    advice = await core.value('advices.updateItem', { id: item.id, signalIds: [evidence.signalId], findingIds: [evidence.findingIds[0]!], showMentions: true });
    const linked = advice.sections[0]!.items[0]!;
    expect(linked.signalIds).toEqual([evidence.signalId]);
    expect(linked.mentions).toBe('genoemd op 7 van 12 bijeenkomsten');
    // Restricting the advice to 10 meetings counts only those.
    advice = await core.value('advices.update', { id: advice.id, meetingIds: evidence.meetingIds.slice(2) });
    expect(advice.sections[0]!.items[0]!.mentions).toBe('genoemd op 5 van 10 bijeenkomsten');
    const trace = await core.value('advices.traceItem', { id: item.id });
    expect(trace.findings).toHaveLength(7);
    expect(trace.findings[0]!.meetingTitle).toMatch(/^Wijkbijeenkomst/);
    const citing = await core.value('advices.citingFinding', { findingId: evidence.findingIds[3]! });
    expect(citing).toEqual([{ adviceId: advice.id, kenmerk: advice.kenmerk, betreft: advice.betreft, itemId: item.id, number: 'I.1' }]);
    // A cited finding or signal cannot be deleted underneath the advice: the database refuses. The
    // finding's delete moves it to the trash (the link stays), and emptying the trash is refused.
    await expect(sql`delete from findings where id = ${evidence.findingIds[0]}`.execute(core.db)).rejects.toThrow(/foreign key/i);
    const before = (await storeFingerprint(core));
    const signalDelete = await core.failure('signals.delete', { id: evidence.signalId });
    expect(signalDelete.code).toBe('CONFLICT');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    await core.value('findings.delete', { id: evidence.findingIds[0]! });
    const empty = await core.value('trash.empty', { confirm: true });
    expect(empty).toMatchObject({ removed: 0, kept: [{ table: 'findings', id: evidence.findingIds[0]! }] });
    expect(empty.kept[0]!.usedBy).toBe('1 adviespunt');
    await core.value('trash.restore', { table: 'findings', id: evidence.findingIds[0]! });
  });

  it('refuses a link to a deleted finding and changes nothing', async () => {
    const advice = await draftWithThreeSections();
    const before = (await storeFingerprint(core));
    const error = await core.failure('advices.updateItem', { id: advice.sections[0]!.items[0]!.id, text: 'nieuw', findingIds: ['01890000-0000-7000-8000-000000000000'] });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('gekoppelde inbreng bestaat niet (meer)');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('refuses 200 KB of pasted text, cleans Word characters and refuses control characters', async () => {
    const advice = await draftWithThreeSections();
    const sectionId = advice.sections[0]!.id;
    const before = (await storeFingerprint(core));
    const long = await core.failure('advices.addItem', { sectionId, kind: 'bevinding', text: 'wijkteam '.repeat(23_000) });
    expect(long.code).toBe('VALIDATION');
    expect(long.message).toContain('Is te lang (max. 20000 tekens).');
    const control = await core.failure('advices.addItem', { sectionId, kind: 'bevinding', text: 'tekst\u0007met bel' });
    expect(control.message).toContain('besturingstekens');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    const cleaned = await core.value('advices.addItem', { sectionId, kind: 'bevinding', text: '“Het wijk\u00ADteam”\u00A0is\u200B ‘dichtbij’\r\n- één\u000B- twee' });
    expect(cleaned.sections[0]!.items.at(-1)!.text).toBe('“Het wijkteam” is ‘dichtbij’\n- één\n- twee');
  });

  it('will not adopt an advice with a section without items', async () => {
    let advice = await draftWithThreeSections();
    advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Vervolg', numbering: 'decimaal' });
    const error = await core.failure('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2014-09-20' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Het onderdeel "Vervolg" heeft nog geen punten. Voeg punten toe of verwijder het onderdeel.');
    expect((await core.value('advices.get', { id: advice.id })).status).toBe('concept');
  });

  it('freezes what was sent: edits need a new version, and the sent letter never changes', async () => {
    const advice = await draftWithThreeSections();
    const notYet = await core.failure('advices.setStatus', { id: advice.id, status: 'verzonden' });
    expect(notYet.code).toBe('CONFLICT');
    await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2014-09-24' });
    const sent = await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2014-09-25' });
    expect(sent).toMatchObject({ status: 'verzonden', adoptedOn: '2014-09-24', sentOn: '2014-09-25', frozen: true, version: 1 });
    const frozen = await core.value('advices.frozen', { id: advice.id });
    const exported = await core.value('advices.exportDocx', { id: advice.id });
    expect(exported.bytesBase64).toBe(frozen.docxBase64);
    expect(exported.sha256).toBe(frozen.sha256);

    const before = (await storeFingerprint(core));
    for (const [method, input] of [
      ['advices.updateItem', { id: sent.sections[0]!.items[0]!.id, text: 'veranderd' }],
      ['advices.update', { id: advice.id, betreft: 'Anders' }],
      ['advices.moveSection', { id: sent.sections[2]!.id, index: 0 }],
      ['advices.deleteItem', { id: sent.sections[1]!.items[0]!.id }],
      ['advices.delete', { id: advice.id }],
    ] as const) {
      const error = await core.failure(method, input);
      expect(error.code, method).toBe('CONFLICT');
    }
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    await expect(sql`update advice_versions set docx = ${Buffer.from('x')}`.execute(core.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from advice_versions`.execute(core.db)).rejects.toThrow(/append-only/);

    const second = await core.value('advices.newVersion', { id: advice.id });
    expect(second).toMatchObject({ status: 'concept', version: 2, frozen: false, sentOn: null });
    await core.value('advices.updateItem', { id: sent.sections[0]!.items[0]!.id, text: 'Tweede versie' });
    const stillFrozen = await core.value('advices.frozen', { id: advice.id, version: 1 });
    expect(stillFrozen.docxBase64).toBe(frozen.docxBase64);
    expect(stillFrozen.snapshot.sections[0]!.items[0]!.text).toBe('Wijkteam moeilijk bereikbaar');
    const fresh = await core.value('advices.exportDocx', { id: advice.id });
    expect(fresh.sha256).not.toBe(frozen.sha256);
  });

  it('lists with filter and full-text search over subject, kenmerk and item text', async () => {
    await draftWithThreeSections();
    await core.value('advices.create', { kind: 'gevraagd', betreft: 'Leerlingenvervoer 50%', adviceDate: '2014-05-01' });
    expect((await core.value('advices.list', { search: 'telefonisch' })).map((a) => a.betreft)).toEqual(['Bereikbaarheid van de wijkteams']);
    expect((await core.value('advices.list', { search: '50%' })).map((a) => a.betreft)).toEqual(['Leerlingenvervoer 50%']);
    expect((await core.value('advices.list', { search: 'wmo-2014-002' })).map((a) => a.betreft)).toEqual(['Leerlingenvervoer 50%']);
    expect((await core.value('advices.list', { kind: 'gevraagd' })).length).toBe(1);
    const all = await core.value('advices.list', {});
    expect(all.find((a) => a.betreft.startsWith('Bereik'))!.itemCount).toBe(6);
  });

  it('exports to the exchange JSON and imports it back as a new concept with the same numbering', async () => {
    const original = await draftWithThreeSections();
    const file = await core.value('advices.exportJson', { id: original.id });
    const imported = await core.value('advices.importJson', { data: JSON.parse(JSON.stringify(file)) });
    expect(imported.id).not.toBe(original.id);
    expect(imported.kenmerk).toBe('WMO-2014-002');
    expect(numbers(imported)).toEqual(numbers(original));
    expect(imported.sections[2]!.items[0]!.crossReference).toBe('zie 2.1');
    const before = (await storeFingerprint(core));
    const bad = await core.failure('advices.importJson', { data: { format: 'advieswerk/advies', version: 1, exportedAt: '', advice: { kenmerk: 'x' } } });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toContain('geen geldig adviesbestand');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('generates the opening from references to earlier advices', async () => {
    const earlier = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg', adviceDate: '2014-02-10' });
    const advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Respijtzorg', adviceDate: '2014-09-25' });
    const updated = await core.value('advices.update', { id: advice.id, referenceIds: [earlier.id] });
    expect(updated.references.map((reference) => reference.kenmerk)).toEqual([earlier.kenmerk]);
    const self = await core.failure('advices.update', { id: advice.id, referenceIds: [advice.id] });
    expect(self.code).toBe('VALIDATION');
    const refused = await core.failure('advices.delete', { id: earlier.id });
    expect(refused.code).toBe('CONFLICT');
  });
});
