import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

describe('signals', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function meetingWithFinding(title: string, wijk: string, text: string) {
    const wijkId = (await core.value('wijken.create', { name: wijk }).catch(async () => null))?.id;
    const meeting = await core.value('meetings.create', { title, date: '2026-03-01', wijkIds: wijkId ? [wijkId] : [] });
    const finding = await core.value('findings.create', { meetingId: meeting.id, text });
    return { meeting, finding };
  }

  it('groups findings, counts distinct meetings and wijken, and sorts by meetings', async () => {
    const a = await meetingWithFinding('A', 'Noord', 'Het wijkteam is slecht bereikbaar');
    const b = await meetingWithFinding('B', 'Zuid', 'Wijkteam telefonisch slecht bereikbaar');
    const c = await meetingWithFinding('C', 'West', 'Bereikbaarheid wijkteam moet beter');
    const extra = await core.value('findings.create', { meetingId: a.meeting.id, text: 'Ook hier: wijkteam niet bereikbaar' });
    const other = await meetingWithFinding('D', 'Oost', 'Te weinig bankjes in het park');

    const signal = await core.value('signals.create', { title: 'Wijkteam onbereikbaar', findingIds: [a.finding.id, extra.id] });
    expect(signal).toMatchObject({ findingCount: 2, meetingCount: 1, wijkCount: 1 });
    const small = await core.value('signals.create', { title: 'Bankjes', findingIds: [other.finding.id] });
    expect(small.meetingCount).toBe(1);

    const grown = await core.value('signals.addFindings', { signalId: signal.id, findingIds: [b.finding.id, c.finding.id, a.finding.id] });
    expect(grown).toMatchObject({ findingCount: 4, meetingCount: 3, wijkCount: 3 });
    expect(grown.findings.map((f) => f.id)).toContain(c.finding.id);

    const list = await core.value('signals.list', {});
    expect(list.totalMeetings).toBe(4);
    expect(list.rows.map((s) => [s.title, s.meetingCount])).toEqual([
      ['Wijkteam onbereikbaar', 3],
      ['Bankjes', 1],
    ]);

    const shrunk = await core.value('signals.removeFindings', { signalId: signal.id, findingIds: [c.finding.id] });
    expect(shrunk).toMatchObject({ findingCount: 3, meetingCount: 2 });
    await core.value('findings.delete', { id: b.finding.id });
    expect(await core.value('signals.get', { id: signal.id })).toMatchObject({ findingCount: 2, meetingCount: 1 });

    await core.value('signals.vote', { id: small.id, delta: 1 });
    const byVotes = await core.value('signals.list', { sort: 'votes' });
    expect(byVotes.rows[0]!.title).toBe('Bankjes');
  });

  it('gives the filtered total and the meetings count with every page, also one past the end or a search without matches', async () => {
    const a = await meetingWithFinding('A', 'Noord', 'Wijkteam slecht bereikbaar');
    const b = await meetingWithFinding('B', 'Zuid', 'Te weinig bankjes');
    await meetingWithFinding('C', 'West', 'Nog een bijeenkomst');
    for (const title of ['Wijkteam bereikbaarheid', 'Wijkteam wachttijd', 'Bankjes']) {
      await core.value('signals.create', { title, findingIds: [title === 'Bankjes' ? b.finding.id : a.finding.id] });
    }
    await core.value('meetings.delete', { id: (await meetingWithFinding('D', 'Oost', 'In de prullenbak')).meeting.id });
    const page = async (input: Record<string, unknown>) => {
      const list = await core.value('signals.list', input);
      return { titles: list.rows.map((row) => row.title), total: list.total, totalMeetings: list.totalMeetings };
    };
    expect(await page({ limit: 1 })).toMatchObject({ total: 3, totalMeetings: 3 });
    expect(await page({ query: 'wijkteam', limit: 1, offset: 1 })).toMatchObject({ titles: [expect.stringMatching(/^Wijkteam/)], total: 2, totalMeetings: 3 });
    expect(await page({ query: 'wijkteam', offset: 5 })).toEqual({ titles: [], total: 2, totalMeetings: 3 });
    expect(await page({ query: 'bestaatniet' })).toEqual({ titles: [], total: 0, totalMeetings: 3 });
  });

  it('suggests likely duplicates by shared normalised terms', async () => {
    const a = await meetingWithFinding('A', 'Noord', 'Het wijkteam is slecht bereikbaar');
    const b = await meetingWithFinding('B', 'Zuid', 'Wijkteam telefonisch slecht bereikbaar!');
    const c = await meetingWithFinding('C', 'West', 'Het WIJKTEAM reageert traag');
    await meetingWithFinding('D', 'Oost', 'Te weinig bankjes in het park');
    const signal = await core.value('signals.create', { title: 'Wijkteam', findingIds: [b.finding.id] });

    const suggestions = await core.value('signals.suggestDuplicates', { findingId: a.finding.id });
    expect(suggestions.map((s) => s.finding.id)).toEqual([b.finding.id, c.finding.id]);
    expect(suggestions[0]!.sharedTerms.sort()).toEqual(['bereikbaar', 'slecht', 'wijkteam']);
    expect(suggestions[0]!.signals).toEqual([{ id: signal.id, title: 'Wijkteam' }]);
    expect(suggestions[1]!.sharedTerms).toEqual(['wijkteam']);
  });

  it('finds signals by words in the title or description, case and accents folded (dialect fold on both stores)', async () => {
    const a = await meetingWithFinding('A', 'Noord', 'Lange wachttijden');
    const signal = await core.value('signals.create', { title: 'Cliëntondersteuning', description: 'Wachttijd voor de coöperatie', findingIds: [a.finding.id] });
    const ids = async (query: string) => (await core.value('signals.list', { query })).rows.map((row) => row.id);
    expect(await ids('clientondersteuning')).toEqual([signal.id]);
    expect(await ids('COOPERATIE')).toEqual([signal.id]);
    expect(await ids('50%')).toEqual([]);
  });

  it('writes nothing when one of the findings does not exist', async () => {
    const a = await meetingWithFinding('A', 'Noord', 'Iets');
    const before = (await storeFingerprint(core));
    const error = await core.failure('signals.create', { title: 'X', findingIds: [a.finding.id, '0190a0a0-0000-7000-8000-000000000000'] });
    expect(error).toMatchObject({ code: 'VALIDATION', message: '1 van de gekozen inbreng bestaat niet (meer).' });
    expect((await core.failure('signals.create', { title: 'X', findingIds: [] })).message).toContain('Kies minstens één inbreng');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  // findings.search is not on PostgreSQL yet (docs/postgres.md, next steps).
  it('gives each row of a search its signals when asked (the overview\'s signal column), and only then', async () => {
    const a = await meetingWithFinding('A', 'Noord', 'Het wijkteam is slecht bereikbaar');
    const b = await meetingWithFinding('B', 'Zuid', 'Te weinig bankjes in het park');
    const loose = await core.value('findings.create', { meetingId: a.meeting.id, text: 'Nog nergens ondergebracht' });
    const reach = await core.value('signals.create', { title: 'Wijkteam onbereikbaar', findingIds: [a.finding.id] });
    const benches = await core.value('signals.create', { title: 'Bankjes', findingIds: [b.finding.id, a.finding.id] });

    const page = await core.value('findings.search', { sort: 'date', withSignals: true });
    const signalsOf = (id: string) => page.rows.find((row) => row.id === id)!.signals!.map((signal) => signal.title).sort();
    expect(signalsOf(a.finding.id)).toEqual(['Bankjes', 'Wijkteam onbereikbaar']);
    expect(page.rows.find((row) => row.id === b.finding.id)!.signals).toEqual([{ id: benches.id, title: 'Bankjes' }]);
    expect(signalsOf(loose.id)).toEqual([]);
    expect(reach.id).not.toBe(benches.id);

    // Other callers (the export, the benchmark's floor) do not pay for the lookup.
    const plain = await core.value('findings.search', { sort: 'date' });
    expect(plain.rows.every((row) => row.signals === undefined)).toBe(true);
    expect((await core.failure('findings.search', { withSignals: 'ja' } as never)).code).toBe('VALIDATION');
  });
});
