import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function setup() {
  const noord = await core.value('wijken.create', { name: 'Noord' });
  const zuid = await core.value('wijken.create', { name: 'Zuid' });
  const team = await core.value('wijkteams.create', { name: 'Wijkteam Noord', wijkIds: [noord.id] });
  const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
  const inNoord = await core.value('findings.create', { text: 'Het wijkteam is moeilijk bereikbaar', wijkId: noord.id, date: '2026-03-10' });
  const alsoNoord = await core.value('findings.create', { text: 'Bewoners starten een moestuin', wijkId: noord.id, date: '2026-05-02' });
  const inZuid = await core.value('findings.create', { text: 'Te weinig bankjes', wijkId: zuid.id, date: '2026-04-01' });
  return { team, avi, inNoord, alsoNoord, inZuid };
}

describe('assessments linked to findings from meetings', () => {
  it('links findings, lists the findings of the team wijken, and protects a linked finding', async () => {
    const { team, avi, inNoord, alsoNoord, inZuid } = await setup();
    const saved = await core.value('assessments.save', {
      wijkteamId: team.id,
      criterionId: avi.criteria[0]!.id,
      periodKey: '2026-K2',
      value: 2,
      findingIds: [inNoord.id],
    });
    expect(saved.findingIds).toEqual([inNoord.id]);
    // Saving again without findingIds keeps the links.
    const kept = await core.value('assessments.save', { wijkteamId: team.id, criterionId: avi.criteria[0]!.id, periodKey: '2026-K2', value: 3 });
    expect(kept.findingIds).toEqual([inNoord.id]);

    const teamFindings = await core.value('monitoring.teamFindings', { wijkteamId: team.id });
    expect(teamFindings.map((finding) => finding.text)).toEqual(['Bewoners starten een moestuin', 'Het wijkteam is moeilijk bereikbaar']);
    expect(teamFindings.map((finding) => finding.id)).not.toContain(inZuid.id);
    expect((await core.value('wijkteams.get', { id: team.id })).findings.map((finding) => finding.id)).toEqual([alsoNoord.id, inNoord.id]);

    const before = (await storeFingerprint(core));
    const unknown = await core.failure('assessments.save', {
      wijkteamId: team.id,
      criterionId: avi.criteria[0]!.id,
      periodKey: '2026-K2',
      value: 4,
      findingIds: ['01900000-0000-7000-8000-000000000000'],
    });
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    // A linked finding goes to the trash (the link stays); emptying the trash keeps it while it is linked.
    await core.value('findings.delete', { id: inNoord.id });
    const emptied = await core.value('trash.empty', { confirm: true });
    expect(emptied.kept.map((item) => [item.id, item.usedBy])).toEqual([[inNoord.id, '1 beoordeling']]);
    await core.value('trash.restore', { table: 'findings', id: inNoord.id });
  });
});

describe('Advies opstellen from assessments', () => {
  it('starts a draft advice carrying the assessments as items with links to them and their findings', async () => {
    const { team, avi, inNoord } = await setup();
    const [satisfaction, , , , initiatives] = avi.criteria;
    await core.value('assessments.save', { wijkteamId: team.id, criterionId: satisfaction!.id, periodKey: '2026-K1', value: 4 });
    const q2 = await core.value('assessments.save', {
      wijkteamId: team.id,
      criterionId: satisfaction!.id,
      periodKey: '2026-K2',
      value: 2,
      evidence: 'Enquête: lange wachttijden',
      sources: 'Bewonersenquête 2026',
      findingIds: [inNoord.id],
    });
    const count = await core.value('assessments.save', { wijkteamId: team.id, criterionId: initiatives!.id, periodKey: '2026-K2', value: 5 });

    const drafted = await core.value('monitoring.draftAdvice', { assessmentIds: [count.id, q2.id], betreft: 'Monitoring sociale wijkteams, 2e kwartaal 2026' });
    expect(drafted.itemCount).toBe(2);
    const advice = await core.value('advices.get', { id: drafted.adviceId });
    expect(advice).toMatchObject({ status: 'concept', kind: 'ongevraagd', betreft: 'Monitoring sociale wijkteams, 2e kwartaal 2026', kenmerk: drafted.kenmerk });
    expect(advice.sections.map((section) => section.title)).toEqual([
      'Uit de monitoring van de sociale wijkteams',
      'Wat inwoners ons vertelden',
      'Conclusies',
      'Aanbevelingen',
    ]);
    const items = advice.sections[0]!.items;
    expect(items.map((item) => item.text)).toEqual([
      'Wijkteam Noord, Tevredenheid van bewoners (2e kwartaal 2026): 2 van 5; −2 (verslechterd) ten opzichte van 1e kwartaal 2026. Onderbouwing: Enquête: lange wachttijden Bronnen: Bewonersenquête 2026',
      'Wijkteam Noord, Aantal bewonersinitiatieven (2e kwartaal 2026): 5.',
    ]);
    expect(items.map((item) => item.number)).toEqual(['1.1', '1.2']);
    expect(items[0]!.findingIds).toEqual([inNoord.id]);
    const links = (await sql`select item_id, assessment_id from advice_item_assessments order by assessment_id`.execute(core.db)).rows;
    expect(links).toEqual(
      [
        { item_id: items[0]!.id, assessment_id: q2.id },
        { item_id: items[1]!.id, assessment_id: count.id },
      ].sort((a, b) => a.assessment_id.localeCompare(b.assessment_id)),
    );
  });

  it('refuses unknown assessments or an empty choice and writes nothing', async () => {
    await setup();
    const before = (await storeFingerprint(core));
    expect((await core.failure('monitoring.draftAdvice', { assessmentIds: [], betreft: 'X' })).code).toBe('VALIDATION');
    expect((await core.failure('monitoring.draftAdvice', { assessmentIds: ['01900000-0000-7000-8000-000000000000'], betreft: 'X' })).code).toBe('NOT_FOUND');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });
});
