import type { Assessment, AssessmentDetail, Criterion, WijkteamDetail } from '../../../shared/api/monitoring';
import { todayInNetherlands } from '../../../shared/calendar';
import { t } from '../../../shared/i18n';
import { valueProblem } from '../../../shared/monitoring/measures';
import { comparePeriodKeys } from '../../../shared/monitoring/periods';
import { AppError } from '../../../shared/result';
import { notFound } from '../api/errors';
import { defineHandlers } from '../api/handler';
import type { Db } from '../db/connection';
import { nowIso } from '../ids';
import { draftAdviceFromAssessments } from './draft-advice';
import { buildCriterionTrend, buildMatrix, buildTeamTrend } from './queries';
import {
  assessmentsOfTeam,
  countAssessmentsOfFramework,
  deleteCriterion,
  deleteFramework,
  distinctPeriodKeys,
  findingIdsOf,
  findingsOfTeam,
  replaceAssessmentFindings,
  findAssessment,
  findAssessmentByCell,
  findCriterion,
  findFramework,
  findFrameworkIdByName,
  findWijkteam,
  findWijkteamByName,
  insertAssessment,
  insertCriterion,
  insertFramework,
  insertWijkteam,
  listAssessmentVersions,
  listCriteria,
  listFrameworks,
  listWijkteams,
  reviseAssessment,
  updateCriterion,
  updateFramework,
  updateWijkteam,
} from './repository';
import { existingIds } from '../db/existing';
import { auditedCreate } from '../reliability/audit-trail';
import { moveToTrash } from '../reliability/trash';

/** A name is taken by a live team, or by one in the trash (until the trash is emptied). */
async function requireFreeTeamName(db: Db, name: string, ownId?: string): Promise<void> {
  const same = await findWijkteamByName(db, name);
  if (!same || same.id === ownId) return;
  throw conflictOn('name', same.inTrash ? t('adviceTrash.teamNameInTrash', { name }) : t('monitoring.teamNameTaken', { name }));
}

function conflictOn(path: string, message: string): AppError {
  return new AppError('CONFLICT', message, [{ path, message }]);
}

async function requireTeam(db: Db, id: string) {
  const team = await findWijkteam(db, id);
  if (!team) throw notFound('monitoring.teamNotFound');
  return team;
}

async function requireFramework(db: Db, id: string) {
  const framework = await findFramework(db, id);
  if (!framework) throw notFound('monitoring.frameworkNotFound');
  return framework;
}

async function requireCriterion(db: Db, id: string) {
  const criterion = await findCriterion(db, id);
  if (!criterion) throw notFound('monitoring.criterionNotFound');
  return criterion;
}

async function requireWijken(db: Db, wijkIds: string[] | undefined): Promise<void> {
  if (!wijkIds || wijkIds.length === 0) return;
  const found = await existingIds(db, 'wijken', wijkIds);
  const index = wijkIds.findIndex((wijkId) => !found.has(wijkId));
  if (index >= 0) {
    const message = t('errors.notFound', { what: t('monitoring.wijkNotFound') });
    throw new AppError('NOT_FOUND', message, [{ path: `wijkIds.${index}`, message }]);
  }
}

function checkValue(criterion: Criterion, value: number): void {
  const problem = valueProblem(criterion.measureType, value);
  if (problem) throw new AppError('VALIDATION', t('errors.validation', { details: `value: ${problem}` }), [{ path: 'value', message: problem }]);
}

async function requireFindings(db: Db, findingIds: string[] | undefined): Promise<void> {
  if (!findingIds || findingIds.length === 0) return;
  const found = await existingIds(db, 'findings', findingIds);
  const index = findingIds.findIndex((findingId) => !found.has(findingId));
  if (index >= 0) {
    const message = t('errors.notFound', { what: t('monitoring.findingNotFound') });
    throw new AppError('NOT_FOUND', message, [{ path: `findingIds.${index}`, message }]);
  }
}

async function withFindings(db: Db, assessment: Assessment): Promise<AssessmentDetail> {
  return { ...assessment, findingIds: await findingIdsOf(db, assessment.id) };
}

function today(): string {
  return todayInNetherlands();
}

export const monitoringHandlers = defineHandlers({
  // ---------- Wijkteams ----------
  'wijkteams.list': async (_input, { db }) => listWijkteams(db),

  'wijkteams.get': async ({ id }, { db }): Promise<WijkteamDetail> => {
    const team = await requireTeam(db, id);
    const assessments = (await assessmentsOfTeam(db, id)).sort((a, b) => comparePeriodKeys(b.periodKey, a.periodKey));
    const criteria = new Map((await listCriteria(db, { includeRetired: true })).map((criterion) => [criterion.id, criterion]));
    const frameworks = new Map((await listFrameworks(db)).map((framework) => [framework.id, framework.name]));
    const seen = new Set<string>();
    const latest: WijkteamDetail['latest'] = [];
    for (const assessment of assessments) {
      if (seen.has(assessment.criterionId)) continue;
      seen.add(assessment.criterionId);
      const criterion = criteria.get(assessment.criterionId);
      if (criterion) latest.push({ criterion, frameworkName: frameworks.get(criterion.frameworkId) ?? '', assessment });
    }
    return { team, latest, findings: await findingsOfTeam(db, id) };
  },

  'wijkteams.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireFreeTeamName(trx, input.name);
      await requireWijken(trx, input.wijkIds);
      const id = await insertWijkteam(trx, input, ctx.session.userName);
      return requireTeam(trx, id);
    }),

  'wijkteams.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const team = await requireTeam(trx, id);
      if (fields.name !== undefined) await requireFreeTeamName(trx, fields.name, id);
      const activeFrom = fields.activeFrom === undefined ? team.activeFrom : fields.activeFrom;
      const activeTo = fields.activeTo === undefined ? team.activeTo : fields.activeTo;
      if (activeFrom && activeTo && activeFrom > activeTo) {
        throw new AppError('VALIDATION', t('monitoring.activeRange'), [{ path: 'activeTo', message: t('monitoring.activeRange') }]);
      }
      await requireWijken(trx, fields.wijkIds);
      await updateWijkteam(trx, id, fields, ctx.session.userName);
      return requireTeam(trx, id);
    }),

  // To the trash: its assessments stay (history is kept) but count nowhere until it is restored;
  // emptying the trash is refused while assessments still point at the team.
  'wijkteams.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireTeam(trx, id);
      await moveToTrash(trx, 'wijkteams', id, ctx.session.userName);
      return { id };
    }),

  // ---------- Frameworks ----------
  'frameworks.list': async (_input, { db }) => listFrameworks(db),

  'frameworks.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      if (await findFrameworkIdByName(trx, input.name)) throw conflictOn('name', t('monitoring.frameworkNameTaken', { name: input.name }));
      return requireFramework(trx, await insertFramework(trx, input, ctx.session.userName));
    }),

  'frameworks.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireFramework(trx, id);
      if (fields.name !== undefined) {
        const sameName = await findFrameworkIdByName(trx, fields.name);
        if (sameName && sameName !== id) throw conflictOn('name', t('monitoring.frameworkNameTaken', { name: fields.name }));
      }
      await updateFramework(trx, id, fields, ctx.session.userName);
      return requireFramework(trx, id);
    }),

  'frameworks.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const framework = await requireFramework(trx, id);
      const count = await countAssessmentsOfFramework(trx, id);
      if (count > 0) throw new AppError('CONFLICT', t('monitoring.frameworkInUse', { name: framework.name, count }));
      await deleteFramework(trx, id);
      return { id };
    }),

  // ---------- Criteria ----------
  'criteria.create': async ({ frameworkId, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireFramework(trx, frameworkId);
      return requireCriterion(trx, await insertCriterion(trx, frameworkId, fields, ctx.session.userName));
    }),

  'criteria.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const criterion = await requireCriterion(trx, id);
      const measureType = fields.measureType ?? criterion.measureType;
      if (measureType !== criterion.measureType && criterion.assessmentCount > 0) {
        throw conflictOn('measureType', t('monitoring.criterionMeasureLocked', { name: criterion.name, count: criterion.assessmentCount }));
      }
      const direction = fields.direction ?? criterion.direction;
      if (measureType === 'traffic_light' && direction === 'lower_better') {
        throw new AppError('VALIDATION', t('monitoring.trafficLightDirection'), [{ path: 'direction', message: t('monitoring.trafficLightDirection') }]);
      }
      const target = fields.target === undefined ? criterion.target : fields.target;
      const problem = target === null ? null : valueProblem(measureType, target);
      if (problem) throw new AppError('VALIDATION', t('errors.validation', { details: `target: ${problem}` }), [{ path: 'target', message: problem }]);
      await updateCriterion(trx, id, fields, ctx.session.userName);
      return requireCriterion(trx, id);
    }),

  'criteria.setRetired': async ({ id, retired }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const criterion = await requireCriterion(trx, id);
      if ((criterion.retiredAt !== null) !== retired) {
        await updateCriterion(trx, id, { retiredAt: retired ? nowIso() : null }, ctx.session.userName);
      }
      return requireCriterion(trx, id);
    }),

  'criteria.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const criterion = await requireCriterion(trx, id);
      if (criterion.assessmentCount > 0) {
        throw new AppError('CONFLICT', t('monitoring.criterionInUse', { name: criterion.name, count: criterion.assessmentCount }));
      }
      await deleteCriterion(trx, id);
      return { id };
    }),

  // ---------- Assessments ----------
  'assessments.save': async ({ wijkteamId, criterionId, periodKey, findingIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireTeam(trx, wijkteamId);
      const criterion = await requireCriterion(trx, criterionId);
      if (criterion.retiredAt !== null) throw conflictOn('criterionId', t('monitoring.criterionRetired', { name: criterion.name }));
      checkValue(criterion, fields.value);
      await requireFindings(trx, findingIds);
      const cell = { wijkteamId, criterionId, periodKey };
      const content = {
        value: fields.value,
        evidence: fields.evidence,
        sources: fields.sources,
        assessedBy: fields.assessedBy || ctx.session.userName,
        assessedOn: fields.assessedOn ?? today(),
      };
      const current = await findAssessmentByCell(trx, cell);
      if (!current) {
        const id = await insertAssessment(trx, cell, content, ctx.session.userName);
        await replaceAssessmentFindings(trx, id, findingIds ?? []);
        return withFindings(trx, (await findAssessment(trx, id))!);
      }
      const unchanged =
        current.value === content.value &&
        current.evidence === content.evidence &&
        current.sources === content.sources &&
        current.assessedBy === content.assessedBy &&
        current.assessedOn === content.assessedOn;
      if (!unchanged) await reviseAssessment(trx, current, content, ctx.session.userName);
      if (findingIds !== undefined) await replaceAssessmentFindings(trx, current.id, findingIds);
      return withFindings(trx, (await findAssessment(trx, current.id))!);
    }),

  'assessments.get': async (cell, { db }) => {
    const assessment = await findAssessmentByCell(db, cell);
    return assessment ? withFindings(db, assessment) : null;
  },

  'assessments.history': async ({ id }, { db }) => {
    if (!(await findAssessment(db, id))) throw notFound('monitoring.assessmentNotFound');
    return listAssessmentVersions(db, id);
  },

  // ---------- Read models ----------
  'monitoring.teamFindings': async ({ wijkteamId }, { db }) => {
    await requireTeam(db, wijkteamId);
    return findingsOfTeam(db, wijkteamId);
  },
  'monitoring.draftAdvice': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      let drafted: Awaited<ReturnType<typeof draftAdviceFromAssessments>> | undefined;
      await auditedCreate(trx, ctx.session.userName, 'advices', async () => (drafted = await draftAdviceFromAssessments(trx, input, ctx.session.userName)).adviceId);
      return drafted!;
    }),
  'monitoring.periods': async (_input, { db }) => (await distinctPeriodKeys(db)).sort(comparePeriodKeys),
  'monitoring.matrix': async (input, { db }) => buildMatrix(db, input),
  'monitoring.trend': async (input, { db }) => buildCriterionTrend(db, input),
  'monitoring.teamTrend': async (input, { db }) => buildTeamTrend(db, input),
});
