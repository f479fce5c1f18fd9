import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CriteriaFramework, Wijkteam } from '../../shared/api/monitoring';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

async function avi(): Promise<CriteriaFramework> {
  const frameworks = await core.value('frameworks.list');
  return frameworks.find((framework) => framework.builtinKey === 'avi')!;
}

async function team(name = 'Wijkteam Noord', wijkIds: string[] = []): Promise<Wijkteam> {
  return core.value('wijkteams.create', { name, wijkIds, organisations: ['Welzijn Noord'], disciplines: ['opbouwwerker', 'wijkverpleegkundige'] });
}

async function expectUnchanged(before: Awaited<ReturnType<typeof storeFingerprint>>) {
  expect((await storeFingerprint(core)).hash).toBe(before.hash);
}

describe('built-in frameworks', () => {
  it('seeds AVI, LOIS and Movisie with their criteria, sources and measure types', async () => {
    const frameworks = await core.value('frameworks.list');
    expect(frameworks.map((framework) => framework.builtinKey).sort()).toEqual(['avi', 'lois', 'movisie']);
    const aviFramework = frameworks.find((framework) => framework.builtinKey === 'avi')!;
    expect(aviFramework.criteria.map((criterion) => criterion.name)).toEqual([
      'Tevredenheid van bewoners',
      'Meer zelfredzaamheid en participatie',
      'Minder vraag bij gespecialiseerde instellingen',
      'Problemen in de wijk opgelost',
      'Aantal bewonersinitiatieven',
    ]);
    expect(aviFramework.criteria.every((criterion) => criterion.source.includes('De burger in de wijk'))).toBe(true);
    expect(aviFramework.criteria[2]).toMatchObject({ measureType: 'percentage', direction: 'lower_better' });
    expect(frameworks.find((framework) => framework.builtinKey === 'movisie')!.criteria).toHaveLength(5);
    expect(frameworks.find((framework) => framework.builtinKey === 'lois')!.criteria).toHaveLength(6);
  });

  it('are editable: rename, add a criterion, change a target', async () => {
    const framework = await avi();
    const renamed = await core.value('frameworks.update', { id: framework.id, name: 'AVI (aangepast)' });
    expect(renamed.name).toBe('AVI (aangepast)');
    const added = await core.value('criteria.create', { frameworkId: framework.id, name: 'Bereikbaarheid', measureType: 'traffic_light' });
    expect(added.position).toBe(6);
    const changed = await core.value('criteria.update', { id: framework.criteria[0]!.id, target: 4 });
    expect(changed.target).toBe(4);
  });
});

describe('wijkteams', () => {
  it('creates a team serving wijken and refuses to delete a wijk it serves', async () => {
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const created = await team('Team Noord', [noord.id]);
    expect(created).toMatchObject({ name: 'Team Noord', wijken: [{ id: noord.id, name: 'Noord' }], disciplines: ['opbouwwerker', 'wijkverpleegkundige'] });
    const before = (await storeFingerprint(core));
    const error = await core.failure('wijken.delete', { id: noord.id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('1 wijkteam.');
    await expectUnchanged(before);
  });

  it('refuses a duplicate name, an unknown wijk and an end before the start, changing nothing', async () => {
    await team('Team Zuid');
    const before = (await storeFingerprint(core));
    expect((await core.failure('wijkteams.create', { name: ' team zuid ' })).code).toBe('CONFLICT');
    expect((await core.failure('wijkteams.create', { name: 'X', wijkIds: ['01900000-0000-7000-8000-000000000000'] })).code).toBe('NOT_FOUND');
    const range = await core.failure('wijkteams.create', { name: 'Y', activeFrom: '2026-05-01', activeTo: '2026-01-01' });
    expect(range.code).toBe('VALIDATION');
    expect(range.issues?.[0]?.message).toBe('De einddatum ligt voor de begindatum.');
    expect((await core.failure('wijkteams.create', { name: 'Z', extra: 1 })).code).toBe('VALIDATION');
    await expectUnchanged(before);
  });

  it('updates wijken and composition; deleting a team with assessments moves it to the trash, keeping them', async () => {
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const zuid = await core.value('wijken.create', { name: 'Zuid' });
    const created = await team('Team A', [noord.id]);
    const updated = await core.value('wijkteams.update', { id: created.id, wijkIds: [zuid.id, noord.id], disciplines: ['jongerenwerker'] });
    expect(updated.wijken.map((wijk) => wijk.name)).toEqual(['Noord', 'Zuid']);
    expect(updated.disciplines).toEqual(['jongerenwerker']);
    const criterion = (await avi()).criteria[0]!;
    await core.value('assessments.save', { wijkteamId: created.id, criterionId: criterion.id, periodKey: '2026-K1', value: 3 });
    await core.value('wijkteams.delete', { id: created.id });
    expect((await core.value('wijkteams.list', {})).map((listed) => listed.id)).not.toContain(created.id);
    expect((await core.failure('wijkteams.get', { id: created.id })).code).toBe('NOT_FOUND');
    const stored = await sql<{ n: number }>`select count(*) as n from assessments where wijkteam_id = ${created.id}`.execute(core.db);
    expect(stored.rows[0]!.n).toBe(1);
    // Emptying the trash keeps the team while its assessments point at it, and says so; nothing changes.
    const before = (await storeFingerprint(core));
    expect((await core.value('trash.empty', { confirm: true })).kept).toMatchObject([{ table: 'wijkteams', id: created.id, usedBy: '1 beoordeling' }]);
    await expectUnchanged(before);
  });
});

describe('criteria in use', () => {
  it('cannot be deleted, only retired; retiring keeps the assessments and blocks new ones', async () => {
    const framework = await avi();
    const criterion = framework.criteria[0]!;
    const t1 = await team();
    await core.value('assessments.save', { wijkteamId: t1.id, criterionId: criterion.id, periodKey: '2026-K1', value: 4 });
    const before = (await storeFingerprint(core));
    const refused = await core.failure('criteria.delete', { id: criterion.id });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('buiten gebruik');
    expect((await core.failure('frameworks.delete', { id: framework.id })).code).toBe('CONFLICT');
    expect((await core.failure('criteria.update', { id: criterion.id, measureType: 'count' })).code).toBe('CONFLICT');
    await expectUnchanged(before);

    const retired = await core.value('criteria.setRetired', { id: criterion.id, retired: true });
    expect(retired.retiredAt).not.toBeNull();
    expect((await core.value('assessments.get', { wijkteamId: t1.id, criterionId: criterion.id, periodKey: '2026-K1' }))?.value).toBe(4);
    const blocked = await core.failure('assessments.save', { wijkteamId: t1.id, criterionId: criterion.id, periodKey: '2026-K2', value: 4 });
    expect(blocked.code).toBe('CONFLICT');
    const matrix = await core.value('monitoring.matrix', { periodKey: '2026-K1', frameworkId: framework.id });
    expect(matrix.criteria.map((c) => c.id)).not.toContain(criterion.id);
    const withRetired = await core.value('monitoring.matrix', { periodKey: '2026-K1', frameworkId: framework.id, includeRetired: true });
    expect(withRetired.rows[0]!.cells[0]!.assessment?.value).toBe(4);
  });

  it('an unused criterion and framework can be deleted', async () => {
    const own = await core.value('frameworks.create', { name: 'Eigen kader', source: 'Raad' });
    const criterion = await core.value('criteria.create', { frameworkId: own.id, name: 'Wachttijd', measureType: 'count', direction: 'lower_better', target: 14 });
    expect(criterion).toMatchObject({ direction: 'lower_better', target: 14 });
    await core.value('criteria.delete', { id: criterion.id });
    await core.value('frameworks.delete', { id: own.id });
    expect((await core.value('frameworks.list')).some((framework) => framework.id === own.id)).toBe(false);
  });

  it('validates targets and traffic-light direction per measure type', async () => {
    const framework = await avi();
    expect((await core.failure('criteria.create', { frameworkId: framework.id, name: 'X', measureType: 'score', target: 6 })).code).toBe('VALIDATION');
    expect((await core.failure('criteria.create', { frameworkId: framework.id, name: 'X', measureType: 'traffic_light', direction: 'lower_better' })).code).toBe(
      'VALIDATION',
    );
    expect((await core.failure('criteria.create', { frameworkId: framework.id, name: 'X', measureType: 'stars' })).code).toBe('VALIDATION');
  });
});

describe('assessments', () => {
  it('validates the value per measure type and changes nothing when refused', async () => {
    const framework = await avi();
    const [score, , percentage, light, count] = framework.criteria as [
      (typeof framework.criteria)[number],
      unknown,
      (typeof framework.criteria)[number],
      (typeof framework.criteria)[number],
      (typeof framework.criteria)[number],
    ];
    const t1 = await team();
    const before = (await storeFingerprint(core));
    const cases: [string, number][] = [
      [score.id, 0],
      [score.id, 6],
      [score.id, 3.5],
      [light.id, 4],
      [count.id, -1],
      [count.id, 2.5],
      [percentage.id, 101],
      [percentage.id, 12.34],
    ];
    for (const [criterionId, value] of cases) {
      const error = await core.failure('assessments.save', { wijkteamId: t1.id, criterionId, periodKey: '2026-K1', value });
      expect(error.code, `${value}`).toBe('VALIDATION');
      expect(error.issues?.[0]?.path).toBe('value');
    }
    expect((await core.failure('assessments.save', { wijkteamId: t1.id, criterionId: score.id, periodKey: '2026-K5', value: 3 })).code).toBe('VALIDATION');
    expect((await core.failure('assessments.save', { wijkteamId: t1.id, criterionId: score.id, periodKey: '2026-Q1', value: 3 })).code).toBe('VALIDATION');
    await expectUnchanged(before);
    for (const [criterionId, value] of [
      [score.id, 5],
      [light.id, 1],
      [count.id, 0],
      [percentage.id, 12.5],
    ] as const) {
      await core.value('assessments.save', { wijkteamId: t1.id, criterionId, periodKey: '2026', value });
    }
  });

  it('keeps one assessment per cell and the history of its changes', async () => {
    const criterion = (await avi()).criteria[0]!;
    const t1 = await team();
    await core.value('user.update', { name: 'Test Secretaris' });
    const cell = { wijkteamId: t1.id, criterionId: criterion.id, periodKey: '2026-H1' };
    const first = await core.value('assessments.save', { ...cell, value: 2, evidence: 'Enquête voorjaar', sources: 'Bewonersenquête 2026', assessedOn: '2026-06-30' });
    expect(first).toMatchObject({ value: 2, assessedBy: 'Test Secretaris', assessedOn: '2026-06-30' });
    const second = await core.value('assessments.save', { ...cell, value: 3, evidence: 'Na herziening', assessedOn: '2026-07-05' });
    expect(second.id).toBe(first.id);
    await core.value('assessments.save', { ...cell, value: 3, evidence: 'Na herziening', assessedOn: '2026-07-05' });
    const count = await sql<{ n: number }>`select count(*) as n from assessments`.execute(core.db);
    expect(count.rows[0]!.n).toBe(1);
    const history = await core.value('assessments.history', { id: first.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ changedBy: 'Test Secretaris', value: 2, evidence: 'Enquête voorjaar', sources: 'Bewonersenquête 2026', assessedOn: '2026-06-30' });
  });
});

describe('matrix and trends through the handlers', () => {
  it('shows missing cells and the change versus the previous period', async () => {
    const framework = await avi();
    const [satisfaction, , specialist] = framework.criteria;
    const a = await team('Team A');
    const b = await team('Team B');
    await core.value('assessments.save', { wijkteamId: a.id, criterionId: satisfaction!.id, periodKey: '2026-K1', value: 3 });
    await core.value('assessments.save', { wijkteamId: a.id, criterionId: satisfaction!.id, periodKey: '2026-K2', value: 4 });
    await core.value('assessments.save', { wijkteamId: a.id, criterionId: specialist!.id, periodKey: '2026-K1', value: 30 });
    await core.value('assessments.save', { wijkteamId: a.id, criterionId: specialist!.id, periodKey: '2026-K2', value: 35 });
    const matrix = await core.value('monitoring.matrix', { periodKey: '2026-K2', frameworkId: framework.id });
    expect(matrix.previousPeriodKey).toBe('2026-K1');
    expect(matrix.rows.map((row) => row.team.name)).toEqual(['Team A', 'Team B']);
    const [rowA, rowB] = matrix.rows;
    expect(rowA!.cells[0]).toMatchObject({ status: 'good', change: { delta: 1, outcome: 'improved', previousValue: 3 } });
    expect(rowA!.cells[2]).toMatchObject({ change: { delta: 5, outcome: 'declined' } });
    expect(rowA!.cells[1]).toMatchObject({ status: 'missing', assessment: null, change: null });
    expect(rowB!.cells.every((cell) => cell.status === 'missing')).toBe(true);

    expect(await core.value('monitoring.periods')).toEqual(['2026-K1', '2026-K2']);
    const trend = await core.value('monitoring.trend', { criterionId: satisfaction!.id, wijkteamIds: [a.id, b.id], kind: 'quarter', to: '2026-K4' });
    expect(trend.periods).toEqual(['2026-K1', '2026-K2', '2026-K3', '2026-K4']);
    expect(trend.series[0]!.points.map((point) => point.value)).toEqual([3, 4, null, null]);
    expect(trend.series[0]!.summary).toMatchObject({ assessed: 2, missing: 2, overall: { delta: 1, outcome: 'improved' } });
    expect(trend.series[1]!.summary.assessed).toBe(0);

    const teamTrend = await core.value('monitoring.teamTrend', { wijkteamId: a.id, frameworkId: framework.id, kind: 'quarter' });
    expect(teamTrend.periods).toEqual(['2026-K1', '2026-K2']);
    expect(teamTrend.series.map((series) => series.summary.overall?.outcome ?? null)).toEqual(['improved', null, 'declined', null, null]);

    const mixed = await core.failure('monitoring.trend', { criterionId: satisfaction!.id, wijkteamIds: [a.id], kind: 'quarter', from: '2026' });
    expect(mixed.code).toBe('VALIDATION');

    const detail = await core.value('wijkteams.get', { id: a.id });
    expect(detail.latest.map((item) => [item.criterion.name, item.assessment.periodKey])).toEqual([
      ['Tevredenheid van bewoners', '2026-K2'],
      ['Minder vraag bij gespecialiseerde instellingen', '2026-K2'],
    ]);
  });
});
