import type { Criterion, CriterionTrend, MatrixCell, MonitoringMatrix, TeamTrend, WijkRef } from '../../../shared/api/monitoring';
import { t } from '../../../shared/i18n';
import { valueStatus } from '../../../shared/monitoring/measures';
import { comparePeriodKeys, periodRange, previousPeriodKey, type PeriodKind } from '../../../shared/monitoring/periods';
import { buildTrend, compareValues, summarizeTrend } from '../../../shared/monitoring/trend';
import { effectiveDirection } from '../../../shared/monitoring/measures';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/connection';
import { assessmentsInPeriods, criterionValues, findCriterion, findFramework, findWijkteam, listCriteria, listWijkteamRefs, teamValues } from './repository';
import { notFound } from '../api/errors';

/** Read models of monitoring (matrix, trends), shared by the handlers, the export jobs and the benchmark. */

export async function buildMatrix(db: Db, input: { periodKey: string; frameworkId: string | null; includeRetired: boolean }): Promise<MonitoringMatrix> {
  const framework = input.frameworkId ? await findFramework(db, input.frameworkId) : null;
  if (input.frameworkId && !framework) throw notFound('monitoring.frameworkNotFound');
  const criteria = await listCriteria(db, { frameworkId: input.frameworkId, includeRetired: input.includeRetired });
  const teams = await listWijkteamRefs(db);
  const previousKey = previousPeriodKey(input.periodKey);
  const assessments = await assessmentsInPeriods(
    db,
    [input.periodKey, previousKey],
    input.frameworkId ? criteria.map((criterion) => criterion.id) : undefined,
  );
  const current = new Map<string, (typeof assessments)[number]>();
  const previous = new Map<string, number>();
  for (const assessment of assessments) {
    const key = `${assessment.wijkteamId}|${assessment.criterionId}`;
    if (assessment.periodKey === input.periodKey) current.set(key, assessment);
    else previous.set(key, assessment.value);
  }
  const rows = teams.map((team) => ({
    team,
    cells: criteria.map((criterion): MatrixCell => {
      const key = `${team.id}|${criterion.id}`;
      const assessment = current.get(key) ?? null;
      const before = previous.get(key);
      const change =
        assessment && before !== undefined
          ? { ...compareValues(before, assessment.value, effectiveDirection(criterion.measureType, criterion.direction)), previousValue: before }
          : null;
      return { criterionId: criterion.id, assessment, status: assessment ? valueStatus(criterion, assessment.value) : 'missing', change };
    }),
  }));
  return {
    periodKey: input.periodKey,
    previousPeriodKey: previousKey,
    framework: framework ? { id: framework.id, name: framework.name } : null,
    criteria,
    rows,
  };
}

/** The periods to show: the range asked for, or from the first to the last period with data. */
function periodsFor(kind: PeriodKind, keys: string[], from?: string, to?: string): string[] {
  const sorted = [...new Set(keys)].sort(comparePeriodKeys);
  const start = from ?? sorted[0];
  const end = to ?? sorted.at(-1);
  if (!start || !end) return [];
  return periodRange(start, end);
}

function requireSameKind(kind: PeriodKind, from?: string, to?: string): void {
  const check = (key?: string) => {
    if (!key) return;
    const matches = kind === 'year' ? /^\d{4}$/.test(key) : kind === 'quarter' ? /-K\d$/.test(key) : /-H\d$/.test(key);
    if (!matches) throw new AppError('VALIDATION', t('monitoring.invalidPeriod'), [{ path: key === from ? 'from' : 'to', message: t('monitoring.invalidPeriod') }]);
  };
  check(from);
  check(to);
}

export async function buildCriterionTrend(
  db: Db,
  input: { criterionId: string; wijkteamIds: string[]; kind: PeriodKind; from?: string | undefined; to?: string | undefined },
): Promise<CriterionTrend> {
  requireSameKind(input.kind, input.from, input.to);
  const criterion = await findCriterion(db, input.criterionId);
  if (!criterion) throw notFound('monitoring.criterionNotFound');
  const teams = await listWijkteamRefs(db, input.wijkteamIds);
  if (teams.length !== new Set(input.wijkteamIds).size) throw notFound('monitoring.teamNotFound');
  const rows = await criterionValues(db, criterion.id, input.wijkteamIds, { kind: input.kind, from: input.from, to: input.to });
  const periods = periodsFor(
    input.kind,
    rows.map((row) => row.period_key),
    input.from,
    input.to,
  );
  const byTeam = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const values = byTeam.get(row.wijkteam_id) ?? new Map<string, number>();
    values.set(row.period_key, row.value);
    byTeam.set(row.wijkteam_id, values);
  }
  return {
    criterion,
    periods,
    series: teams.map((team: WijkRef) => {
      const points = buildTrend(periods, byTeam.get(team.id) ?? new Map(), criterion.measureType, criterion.direction);
      return { subject: team, points, summary: summarizeTrend(points, criterion.measureType, criterion.direction) };
    }),
  };
}

export async function buildTeamTrend(
  db: Db,
  input: { wijkteamId: string; frameworkId: string | null; kind: PeriodKind; from?: string | undefined; to?: string | undefined },
): Promise<TeamTrend> {
  requireSameKind(input.kind, input.from, input.to);
  const team = await findWijkteam(db, input.wijkteamId);
  if (!team) throw notFound('monitoring.teamNotFound');
  const rows = await teamValues(db, team.id, { kind: input.kind, from: input.from, to: input.to });
  const usedCriteria = new Set(rows.map((row) => row.criterion_id));
  const criteria = (await listCriteria(db, { frameworkId: input.frameworkId, includeRetired: true })).filter(
    (criterion: Criterion) => criterion.retiredAt === null || usedCriteria.has(criterion.id),
  );
  const wanted = new Set(criteria.map((criterion) => criterion.id));
  const relevant = rows.filter((row) => wanted.has(row.criterion_id));
  const periods = periodsFor(
    input.kind,
    relevant.map((row) => row.period_key),
    input.from,
    input.to,
  );
  const byCriterion = new Map<string, Map<string, number>>();
  for (const row of relevant) {
    const values = byCriterion.get(row.criterion_id) ?? new Map<string, number>();
    values.set(row.period_key, row.value);
    byCriterion.set(row.criterion_id, values);
  }
  return {
    team: { id: team.id, name: team.name },
    periods,
    series: criteria.map((criterion) => {
      const points = buildTrend(periods, byCriterion.get(criterion.id) ?? new Map(), criterion.measureType, criterion.direction);
      return { subject: criterion, points, summary: summarizeTrend(points, criterion.measureType, criterion.direction) };
    }),
  };
}
