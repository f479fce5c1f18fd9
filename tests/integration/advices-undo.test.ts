import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdviceDetail } from '../../shared/api/advices';
import { createTestCore, type TestCore } from '../helpers/core';
import { seedEvidence } from '../helpers/evidence';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', { name: 'Adviesraad Wmo Leiden', municipality: 'Leiden', kenmerkPattern: 'WMO-{jaar}-{volgnummer}' });
});
afterEach(async () => core.dispose());

function outline(advice: AdviceDetail) {
  return advice.sections.flatMap((section) =>
    section.items.map((item) => ({ number: item.number, text: item.text, findings: item.findingIds.length, signals: item.signalIds.length, related: item.relatedItemIds.length, crossReference: item.crossReference })),
  );
}

describe('undo of deleting an advice item', () => {
  it('puts the item back in its place with its links, citations and number', async () => {
    const evidence = await seedEvidence(core.db, { meetings: 3, signalMeetings: 2 });
    let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid', adviceDate: '2026-03-01', withDefaultSections: true });
    const [bevindingen, conclusies] = advice.sections.map((section) => section.id);
    for (const text of ['Wijkteam moeilijk bereikbaar', 'Lange wachttijden', 'Onbekend bij ouderen'])
      advice = await core.value('advices.addItem', { sectionId: bevindingen!, kind: 'bevinding', text });
    const wachttijden = advice.sections[0]!.items[1]!;
    advice = await core.value('advices.updateItem', { id: wachttijden.id, findingIds: [evidence.findingIds[0]!], signalIds: [evidence.signalId], relatedItemIds: [advice.sections[0]!.items[0]!.id] });
    advice = await core.value('advices.addItem', { sectionId: conclusies!, kind: 'conclusie', text: 'Bereikbaarheid schiet tekort', relatedItemIds: [advice.sections[0]!.items[0]!.id, wachttijden.id] });
    const before = outline(advice);
    expect(before.find((item) => item.number === '2.1')!.crossReference).toBe('zie I.1 en I.2');

    advice = await core.value('advices.deleteItem', { id: wachttijden.id });
    expect(outline(advice).map((item) => item.number + ' ' + item.text)).toEqual(['I.1 Wijkteam moeilijk bereikbaar', 'I.2 Onbekend bij ouderen', '2.1 Bereikbaarheid schiet tekort']);
    expect(advice.sections[1]!.items[0]!.crossReference).toBe('zie I.1');

    advice = await core.value('advices.restoreItem', { id: wachttijden.id });
    expect(outline(advice)).toEqual(before);
    expect(advice.sections[0]!.items[1]!.id).toBe(wachttijden.id);
    const trace = await core.value('advices.traceItem', { id: wachttijden.id });
    expect(trace.citedByItems.map((item) => item.number)).toEqual(['2.1']);
    // The history says who put it back.
    const entries = await sql<{ action: string }>`select action from audit_log where table_name = 'advice_items' and record_id = ${wachttijden.id} order by at, id`.execute(core.db);
    expect(entries.rows.map((row) => row.action).slice(-2)).toEqual(['delete', 'create']);
  });

  it('refuses an item that is there, or was never deleted, and changes nothing', async () => {
    let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer', withDefaultSections: true });
    advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'De taxi komt te laat' });
    const item = advice.sections[0]!.items[0]!;
    const fingerprint = (await storeFingerprint(core));
    const present = await core.failure('advices.restoreItem', { id: item.id });
    expect(present.code).toBe('CONFLICT');
    expect(present.message).toBe('Dit adviespunt is niet verwijderd, of kan niet meer worden teruggezet.');
    const unknown = await core.failure('advices.restoreItem', { id: '0190a000-0000-7000-8000-000000000000' });
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await storeFingerprint(core)).hash).toBe(fingerprint.hash);
    // Its section deleted since: refused in Dutch.
    await core.value('advices.deleteItem', { id: item.id });
    await core.value('advices.deleteSection', { id: advice.sections[0]!.id });
    const gone = await core.failure('advices.restoreItem', { id: item.id });
    expect(gone.code).toBe('CONFLICT');
    expect(gone.message).toContain('bestaat niet meer');
  });

  it('leaves out evidence deleted since, and refuses once the advice is sent', async () => {
    const evidence = await seedEvidence(core.db, { meetings: 2, signalMeetings: 2 });
    let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Wachttijden', adviceDate: '2026-03-01', withDefaultSections: true });
    advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'Lang wachten', findingIds: evidence.findingIds });
    const item = advice.sections[0]!.items[0]!;
    await core.value('advices.deleteItem', { id: item.id });
    await core.value('findings.delete', { id: evidence.findingIds[0]! });
    await core.value('trash.empty', { confirm: true });
    advice = await core.value('advices.restoreItem', { id: item.id });
    expect(advice.sections[0]!.items[0]!.findingIds).toEqual([evidence.findingIds[1]!]);

    await core.value('advices.deleteItem', { id: item.id });
    advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'Iets anders' });
    for (const section of advice.sections.slice(1)) await core.value('advices.deleteSection', { id: section.id });
    await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2026-03-01' });
    await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2026-03-02' });
    const fingerprint = (await storeFingerprint(core));
    const sent = await core.failure('advices.restoreItem', { id: item.id });
    expect(sent.code).toBe('CONFLICT');
    expect(sent.message).toContain('is verzonden en ligt vast');
    expect((await storeFingerprint(core)).hash).toBe(fingerprint.hash);
  });
});
