import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/core';
import { refreshPlannerStatistics } from '../../electron/core/db/connection';
import { newId, nowIso } from '../../electron/core/ids';
import type { MethodName, MethodOutput } from '../../shared/api/contract';
import type { Criterion, Wijkteam } from '../../shared/api/monitoring';
import { MEASURE_TYPES } from '../../shared/monitoring/measures';
import { periodRange, shiftPeriodKey } from '../../shared/monitoring/periods';

export interface BenchRow {
  name: string;
  medianMs: number;
  p95Ms: number;
  /** The same rows from one plain prepared better-sqlite3 statement: what the handler's overhead is measured against. */
  floorMedianMs: number;
}

export interface MonitoringBenchOptions {
  teams?: number;
  criteria?: number;
  periods?: number;
  iterations?: number;
}

async function value<M extends MethodName>(core: Core, method: M, input: unknown): Promise<MethodOutput<M>> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

async function time(iterations: number, run: () => unknown): Promise<{ median: number; p95: number }> {
  for (let warmup = 0; warmup < 5; warmup += 1) await run();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Monitoring at scale (issue 8): 40 teams × 15 criteria × 40 quarters = 24,000 assessments.
 * Teams and criteria are made through the handlers; the assessments are bulk-inserted in one
 * transaction (24,000 handler calls would only measure the seeding). Matrix and trends are then
 * timed through the real handlers (`core.call`), each beside a plain prepared statement that
 * returns the same rows. Goal: ≤ 20 ms median each.
 */
export async function benchMonitoring(core: Core, options: MonitoringBenchOptions = {}): Promise<BenchRow[]> {
  const teamCount = options.teams ?? 40;
  const criterionCount = options.criteria ?? 15;
  const periodCount = options.periods ?? 40;
  const iterations = options.iterations ?? 50;
  const tag = newId().slice(-8);

  const framework = await value(core, 'frameworks.create', { name: `Benchmark ${tag}`, source: 'benchmark' });
  const criteria: Criterion[] = [];
  for (let index = 0; index < criterionCount; index += 1) {
    const measureType = MEASURE_TYPES[index % MEASURE_TYPES.length]!;
    criteria.push(
      await value(core, 'criteria.create', {
        frameworkId: framework.id,
        name: `Criterium ${index + 1}`,
        measureType,
        direction: measureType !== 'traffic_light' && index % 3 === 0 ? 'lower_better' : 'higher_better',
      }),
    );
  }
  const teams: Wijkteam[] = [];
  for (let index = 0; index < teamCount; index += 1) {
    teams.push(await value(core, 'wijkteams.create', { name: `Benchmarkteam ${tag} ${String(index + 1).padStart(2, '0')}`, disciplines: ['opbouwwerker'] }));
  }
  const lastPeriod = '2026-K4';
  const periods = periodRange(shiftPeriodKey(lastPeriod, -(periodCount - 1)), lastPeriod);

  const insert = core.sqlite.prepare(
    `insert into assessments (id, wijkteam_id, criterion_id, period_key, value, evidence, sources, assessed_by, assessed_on, created_at, updated_at, created_by, updated_by)
     values (?, ?, ?, ?, ?, '', '', 'benchmark', '2026-12-31', ?, ?, 'benchmark', 'benchmark')`,
  );
  const now = nowIso();
  core.sqlite.transaction(() => {
    teams.forEach((team, teamIndex) =>
      criteria.forEach((criterion, criterionIndex) =>
        periods.forEach((periodKey, periodIndex) => {
          // Every seventh cell stays empty, so gaps are part of the work.
          if ((teamIndex + criterionIndex + periodIndex) % 7 === 0) return;
          const seed = teamIndex * 31 + criterionIndex * 17 + periodIndex * 7;
          const measured =
            criterion.measureType === 'score' ? 1 + (seed % 5) : criterion.measureType === 'traffic_light' ? 1 + (seed % 3) : criterion.measureType === 'count' ? seed % 50 : (seed % 1000) / 10;
          insert.run(newId(), team.id, criterion.id, periodKey, measured, now, now);
        }),
      ),
    );
  })();
  refreshPlannerStatistics(core.sqlite);

  const teamIds = teams.map((team) => team.id);
  const criterionIds = criteria.map((criterion) => criterion.id);
  const rows: BenchRow[] = [];

  // Matrix: one period, every team × every criterion of the framework, with the previous period for the change.
  const matrixFloor = core.sqlite.prepare(
    `select * from assessments where period_key in (?, ?) and criterion_id in (${criterionIds.map(() => '?').join(', ')})`,
  );
  const matrix = await time(iterations, () => value(core, 'monitoring.matrix', { periodKey: lastPeriod, frameworkId: framework.id }));
  const matrixPrevious = shiftPeriodKey(lastPeriod, -1);
  const matrixFloorTime = await time(iterations, () => matrixFloor.all(lastPeriod, matrixPrevious, ...criterionIds));
  rows.push({ name: `monitoring.matrix (${teamCount} teams × ${criterionCount} criteria)`, medianMs: round(matrix.median), p95Ms: round(matrix.p95), floorMedianMs: round(matrixFloorTime.median) });

  // Trend of one criterion over all periods for every team.
  const trendCriterion = criteria[1] ?? criteria[0]!;
  const trendFloor = core.sqlite.prepare(
    `select wijkteam_id, period_key, value from assessments where criterion_id = ? and wijkteam_id in (${teamIds.map(() => '?').join(', ')}) and period_key like '____-K_'`,
  );
  const trend = await time(iterations, () => value(core, 'monitoring.trend', { criterionId: trendCriterion.id, wijkteamIds: teamIds, kind: 'quarter' }));
  const trendFloorTime = await time(iterations, () => trendFloor.all(trendCriterion.id, ...teamIds));
  rows.push({ name: `monitoring.trend (1 criterion × ${teamCount} teams × ${periodCount} periods)`, medianMs: round(trend.median), p95Ms: round(trend.p95), floorMedianMs: round(trendFloorTime.median) });

  // Trend of one team across every criterion of the framework.
  const teamFloor = core.sqlite.prepare(`select criterion_id, period_key, value from assessments where wijkteam_id = ? and period_key like '____-K_'`);
  const teamTrend = await time(iterations, () => value(core, 'monitoring.teamTrend', { wijkteamId: teams[0]!.id, frameworkId: framework.id, kind: 'quarter' }));
  const teamFloorTime = await time(iterations, () => teamFloor.all(teams[0]!.id));
  rows.push({ name: `monitoring.teamTrend (1 team × ${criterionCount} criteria × ${periodCount} periods)`, medianMs: round(teamTrend.median), p95Ms: round(teamTrend.p95), floorMedianMs: round(teamFloorTime.median) });

  return rows;
}
