import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledTo, restsOn } from '../../shared/advices/chain';
import { createTestCore, type TestCore } from '../helpers/core';
import { seedEvidence } from '../helpers/evidence';

let core: TestCore;

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', { name: 'Adviesraad Wmo Leiden', municipality: 'Leiden', kenmerkPattern: 'WMO-{jaar}-{volgnummer}' });
});
afterEach(async () => core.dispose());

describe('the derived chain of an advice item', () => {
  it('follows a recommendation through "Volgt uit" to the conclusions and findings it rests on, their signals and the meetings', async () => {
    const evidence = await seedEvidence(core.db, { meetings: 4, signalMeetings: 3 });
    let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid', adviceDate: '2026-03-01', withDefaultSections: true });
    const [bevindingen, conclusies, aanbevelingen] = advice.sections.map((section) => section.id);
    // I.1 rests on the signal (three meetings); 2.1 follows from I.1 and on one finding of its own; 3.1 follows from 2.1.
    advice = await core.value('advices.addItem', { sectionId: bevindingen!, kind: 'bevinding', text: 'Wijkteam moeilijk bereikbaar', signalIds: [evidence.signalId] });
    const i1 = advice.sections[0]!.items[0]!;
    advice = await core.value('advices.addItem', { sectionId: conclusies!, kind: 'conclusie', text: 'Bereikbaarheid schiet tekort', relatedItemIds: [i1.id] });
    const c21 = advice.sections[1]!.items[0]!;
    advice = await core.value('advices.addItem', { sectionId: aanbevelingen!, kind: 'aanbeveling', text: 'Open een telefonisch spreekuur', relatedItemIds: [c21.id] });
    const r31 = advice.sections[2]!.items[0]!;
    // Any item links straight to findings too: the conclusion to a finding of meeting 1.
    advice = await core.value('advices.updateItem', { id: c21.id, findingIds: [evidence.findingIds[0]!] });

    const trace = await core.value('advices.traceItem', { id: r31.id });
    expect(trace.relatedItems.map((item) => item.number)).toEqual(['2.1']);
    expect(trace.chain.map((item) => `${item.number} ${item.kind}`)).toEqual(['2.1 conclusie', 'I.1 bevinding']);
    expect(trace.signals).toEqual([{ id: evidence.signalId, title: 'Wijkteam slecht bereikbaar', meetingCount: 3, via: ['I.1'] }]);
    // Three findings (one reached through both 2.1 and I.1, told once), from three meetings, oldest first.
    expect(trace.findings).toHaveLength(3);
    expect(trace.findings.find((finding) => finding.id === evidence.findingIds[0])!.via).toEqual(['2.1', 'I.1']);
    expect(trace.meetings.map((meeting) => `${meeting.title} ${meeting.date} ${meeting.findingCount}`)).toEqual([
      'Wijkbijeenkomst 1 2014-03-01 1',
      'Wijkbijeenkomst 2 2014-03-02 1',
      'Wijkbijeenkomst 3 2014-03-03 1',
    ]);
    // The conclusion: its own finding, and I.1's signal through I.1; cited by 3.1.
    const conclusion = await core.value('advices.traceItem', { id: c21.id });
    expect(conclusion.findings.find((finding) => finding.id === evidence.findingIds[0])!.via).toEqual([]);
    expect(conclusion.citedByItems.map((item) => item.number)).toEqual(['3.1']);
    // A circle of references ends where it closes.
    advice = await core.value('advices.updateItem', { id: i1.id, relatedItemIds: [r31.id] });
    const circle = await core.value('advices.traceItem', { id: r31.id });
    expect(circle.chain.map((item) => item.number)).toEqual(['2.1', 'I.1']);
  });

  it('restsOn and ledTo walk both ways, nearest first, each item once', () => {
    const items = [
      { id: 'a', relatedItemIds: [] },
      { id: 'b', relatedItemIds: ['a'] },
      { id: 'c', relatedItemIds: ['b', 'a'] },
      { id: 'd', relatedItemIds: ['c', 'gone'] },
    ];
    expect(restsOn(items, 'd')).toEqual(['c', 'b', 'a']);
    expect(ledTo(items, 'a')).toEqual(['b', 'c', 'd']);
    expect(ledTo(items, 'd')).toEqual([]);
  });
});
