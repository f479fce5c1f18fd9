import type { Assessment, AssessmentVersion, CriteriaFramework, Criterion, LinkedFinding, Wijkteam, WijkRef } from '../../../shared/api/monitoring';
import type { PeriodKind } from '../../../shared/monitoring/periods';
import type { Db } from '../db/connection';
import type { AssessmentTable, CriteriaFrameworkTable, CriterionTable, WijkteamTable } from '../db/schema';
import { createdColumns, newId, nowIso, updatedColumns } from '../ids';
import { nameKey } from '../name-key';
import { notInTrash } from '../reliability/trash';

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// ---------- Wijkteams ----------

export interface WijkteamFields {
  name: string;
  wijkIds: string[];
  organisations: string[];
  disciplines: string[];
  contact: string;
  activeFrom: string | null;
  activeTo: string | null;
}

function toWijkteam(row: WijkteamTable, wijken: WijkRef[]): Wijkteam {
  return {
    id: row.id,
    name: row.name,
    wijken,
    organisations: parseList(row.organisations_json),
    disciplines: parseList(row.disciplines_json),
    contact: row.contact,
    activeFrom: row.active_from,
    activeTo: row.active_to,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function wijkenByTeam(db: Db, teamIds: string[]): Promise<Map<string, WijkRef[]>> {
  const byTeam = new Map<string, WijkRef[]>();
  if (teamIds.length === 0) return byTeam;
  const rows = await db
    .selectFrom('wijkteam_wijken')
    .innerJoin('wijken', 'wijken.id', 'wijkteam_wijken.wijk_id')
    .select(['wijkteam_wijken.wijkteam_id as teamId', 'wijken.id as id', 'wijken.name as name'])
    .where('wijkteam_wijken.wijkteam_id', 'in', teamIds)
    .orderBy('wijken.name_key')
    .execute();
  for (const row of rows) {
    const list = byTeam.get(row.teamId) ?? [];
    list.push({ id: row.id, name: row.name });
    byTeam.set(row.teamId, list);
  }
  return byTeam;
}

export async function listWijkteams(db: Db): Promise<Wijkteam[]> {
  const rows = await notInTrash(db.selectFrom('wijkteams').selectAll()).orderBy('name_key').execute();
  const wijken = await wijkenByTeam(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toWijkteam(row, wijken.get(row.id) ?? []));
}

/** Only ids and names, ordered by name: what the matrix and trend need. */
export async function listWijkteamRefs(db: Db, ids?: string[]): Promise<WijkRef[]> {
  let query = notInTrash(db.selectFrom('wijkteams').select(['id', 'name'])).orderBy('name_key');
  if (ids) query = query.where('id', 'in', ids.length > 0 ? ids : ['']);
  return query.execute();
}

export async function findWijkteam(db: Db, id: string): Promise<Wijkteam | undefined> {
  const row = await notInTrash(db.selectFrom('wijkteams').selectAll().where('id', '=', id)).executeTakeFirst();
  if (!row) return undefined;
  const wijken = await wijkenByTeam(db, [id]);
  return toWijkteam(row, wijken.get(id) ?? []);
}

/** The team with this name, also one in the trash (the name stays taken until the trash is emptied). */
export async function findWijkteamByName(db: Db, name: string): Promise<{ id: string; inTrash: boolean } | undefined> {
  const row = await db.selectFrom('wijkteams').select(['id', 'deleted_at']).where('name_key', '=', nameKey(name)).executeTakeFirst();
  return row ? { id: row.id, inTrash: row.deleted_at !== null } : undefined;
}

/** Teams outside the trash, as a subquery: assessments of a trashed team count nowhere. */
function liveTeamIds(db: Db) {
  return notInTrash(db.selectFrom('wijkteams').select('wijkteams.id'), 'wijkteams.deleted_at');
}

async function replaceWijkteamWijken(db: Db, teamId: string, wijkIds: string[]): Promise<void> {
  await db.deleteFrom('wijkteam_wijken').where('wijkteam_id', '=', teamId).execute();
  const unique = [...new Set(wijkIds)];
  if (unique.length > 0) {
    await db
      .insertInto('wijkteam_wijken')
      .values(unique.map((wijkId) => ({ wijkteam_id: teamId, wijk_id: wijkId })))
      .execute();
  }
}

export async function insertWijkteam(db: Db, fields: WijkteamFields, userName: string): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('wijkteams')
    .values({
      id,
      name: fields.name,
      name_key: nameKey(fields.name),
      organisations_json: JSON.stringify(fields.organisations),
      disciplines_json: JSON.stringify(fields.disciplines),
      contact: fields.contact,
      active_from: fields.activeFrom,
      active_to: fields.activeTo,
      ...createdColumns(userName, now),
    })
    .execute();
  await replaceWijkteamWijken(db, id, fields.wijkIds);
  return id;
}

export async function updateWijkteam(db: Db, id: string, fields: Partial<WijkteamFields>, userName: string): Promise<void> {
  await db
    .updateTable('wijkteams')
    .set({
      ...(fields.name !== undefined ? { name: fields.name, name_key: nameKey(fields.name) } : {}),
      ...(fields.organisations !== undefined ? { organisations_json: JSON.stringify(fields.organisations) } : {}),
      ...(fields.disciplines !== undefined ? { disciplines_json: JSON.stringify(fields.disciplines) } : {}),
      ...(fields.contact !== undefined ? { contact: fields.contact } : {}),
      ...(fields.activeFrom !== undefined ? { active_from: fields.activeFrom } : {}),
      ...(fields.activeTo !== undefined ? { active_to: fields.activeTo } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
  if (fields.wijkIds !== undefined) await replaceWijkteamWijken(db, id, fields.wijkIds);
}


// ---------- Frameworks and criteria ----------

function toCriterion(row: CriterionTable & { assessment_count: number }): Criterion {
  return {
    id: row.id,
    frameworkId: row.framework_id,
    position: row.position,
    name: row.name,
    description: row.description,
    source: row.source,
    measureType: row.measure_type,
    direction: row.direction,
    target: row.target,
    retiredAt: row.retired_at,
    assessmentCount: Number(row.assessment_count),
  };
}

function criteriaQuery(db: Db) {
  return db
    .selectFrom('criteria')
    .selectAll('criteria')
    .select((eb) =>
      eb
        .selectFrom('assessments')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('assessments.criterion_id', '=', 'criteria.id')
        .as('assessment_count'),
    );
}

type CriterionRow = CriterionTable & { assessment_count: number | null };

function rowToCriterion(row: CriterionRow): Criterion {
  return toCriterion({ ...row, assessment_count: row.assessment_count ?? 0 });
}

export async function listCriteria(db: Db, options: { frameworkId?: string | null; ids?: string[]; includeRetired?: boolean } = {}): Promise<Criterion[]> {
  let query = criteriaQuery(db)
    .innerJoin('criteria_frameworks', 'criteria_frameworks.id', 'criteria.framework_id')
    .orderBy('criteria_frameworks.name_key')
    .orderBy('criteria.position');
  if (options.frameworkId) query = query.where('criteria.framework_id', '=', options.frameworkId);
  if (options.ids) query = query.where('criteria.id', 'in', options.ids.length > 0 ? options.ids : ['']);
  if (!options.includeRetired) query = query.where('criteria.retired_at', 'is', null);
  const rows = (await query.execute()) as CriterionRow[];
  return rows.map(rowToCriterion);
}

export async function findCriterion(db: Db, id: string): Promise<Criterion | undefined> {
  const row = (await criteriaQuery(db).where('criteria.id', '=', id).executeTakeFirst()) as CriterionRow | undefined;
  return row && rowToCriterion(row);
}

function toFramework(row: CriteriaFrameworkTable, criteria: Criterion[]): CriteriaFramework {
  return { id: row.id, name: row.name, description: row.description, source: row.source, builtinKey: row.builtin_key, criteria };
}

export async function listFrameworks(db: Db): Promise<CriteriaFramework[]> {
  const rows = await db.selectFrom('criteria_frameworks').selectAll().orderBy('name_key').execute();
  const criteria = await listCriteria(db, { includeRetired: true });
  return rows.map((row) =>
    toFramework(
      row,
      criteria.filter((criterion) => criterion.frameworkId === row.id),
    ),
  );
}

export async function findFramework(db: Db, id: string): Promise<CriteriaFramework | undefined> {
  const row = await db.selectFrom('criteria_frameworks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toFramework(row, await listCriteria(db, { frameworkId: id, includeRetired: true }));
}

export async function findFrameworkIdByName(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('criteria_frameworks').select('id').where('name_key', '=', nameKey(name)).executeTakeFirst();
  return row?.id;
}

export async function insertFramework(db: Db, fields: { name: string; description: string; source: string }, userName: string): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('criteria_frameworks')
    .values({
      id,
      name: fields.name,
      name_key: nameKey(fields.name),
      description: fields.description,
      source: fields.source,
      builtin_key: null,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function updateFramework(
  db: Db,
  id: string,
  fields: { name?: string; description?: string; source?: string },
  userName: string,
): Promise<void> {
  await db
    .updateTable('criteria_frameworks')
    .set({
      ...(fields.name !== undefined ? { name: fields.name, name_key: nameKey(fields.name) } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.source !== undefined ? { source: fields.source } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteFramework(db: Db, id: string): Promise<void> {
  await db.deleteFrom('criteria').where('framework_id', '=', id).execute();
  await db.deleteFrom('criteria_frameworks').where('id', '=', id).execute();
}

export interface CriterionFields {
  name: string;
  description: string;
  source: string;
  measureType: CriterionTable['measure_type'];
  direction: CriterionTable['direction'];
  target: number | null;
}

export async function insertCriterion(db: Db, frameworkId: string, fields: CriterionFields, userName: string): Promise<string> {
  const last = await db
    .selectFrom('criteria')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst();
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('criteria')
    .values({
      id,
      framework_id: frameworkId,
      position: Number(last?.position ?? 0) + 1,
      name: fields.name,
      description: fields.description,
      source: fields.source,
      measure_type: fields.measureType,
      direction: fields.direction,
      target: fields.target,
      retired_at: null,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function updateCriterion(db: Db, id: string, fields: Partial<CriterionFields> & { retiredAt?: string | null }, userName: string): Promise<void> {
  await db
    .updateTable('criteria')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.source !== undefined ? { source: fields.source } : {}),
      ...(fields.measureType !== undefined ? { measure_type: fields.measureType } : {}),
      ...(fields.direction !== undefined ? { direction: fields.direction } : {}),
      ...(fields.target !== undefined ? { target: fields.target } : {}),
      ...(fields.retiredAt !== undefined ? { retired_at: fields.retiredAt } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteCriterion(db: Db, id: string): Promise<void> {
  await db.deleteFrom('criteria').where('id', '=', id).execute();
}

export async function countAssessmentsOfFramework(db: Db, frameworkId: string): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .innerJoin('criteria', 'criteria.id', 'assessments.criterion_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('criteria.framework_id', '=', frameworkId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ---------- Assessments ----------

function toAssessment(row: AssessmentTable): Assessment {
  return {
    id: row.id,
    wijkteamId: row.wijkteam_id,
    criterionId: row.criterion_id,
    periodKey: row.period_key,
    value: row.value,
    evidence: row.evidence,
    sources: row.sources,
    assessedBy: row.assessed_by,
    assessedOn: row.assessed_on,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export async function findAssessmentByCell(db: Db, cell: { wijkteamId: string; criterionId: string; periodKey: string }): Promise<Assessment | undefined> {
  const row = await db
    .selectFrom('assessments')
    .selectAll()
    .where('criterion_id', '=', cell.criterionId)
    .where('wijkteam_id', '=', cell.wijkteamId)
    .where('period_key', '=', cell.periodKey)
    .executeTakeFirst();
  return row && toAssessment(row);
}

export async function findAssessment(db: Db, id: string): Promise<Assessment | undefined> {
  const row = await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAssessment(row);
}

export interface AssessmentFields {
  value: number;
  evidence: string;
  sources: string;
  assessedBy: string;
  assessedOn: string;
}

export async function insertAssessment(
  db: Db,
  cell: { wijkteamId: string; criterionId: string; periodKey: string },
  fields: AssessmentFields,
  userName: string,
): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('assessments')
    .values({
      id,
      wijkteam_id: cell.wijkteamId,
      criterion_id: cell.criterionId,
      period_key: cell.periodKey,
      value: fields.value,
      evidence: fields.evidence,
      sources: fields.sources,
      assessed_by: fields.assessedBy,
      assessed_on: fields.assessedOn,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

/** Replaces an assessment's content and keeps the version it replaces. */
export async function reviseAssessment(db: Db, current: Assessment, fields: AssessmentFields, userName: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('assessment_versions')
    .values({
      id: newId(),
      assessment_id: current.id,
      value: current.value,
      evidence: current.evidence,
      sources: current.sources,
      assessed_by: current.assessedBy,
      assessed_on: current.assessedOn,
      valid_from: current.updatedAt,
      valid_until: now,
      changed_by: userName,
    })
    .execute();
  await db
    .updateTable('assessments')
    .set({
      value: fields.value,
      evidence: fields.evidence,
      sources: fields.sources,
      assessed_by: fields.assessedBy,
      assessed_on: fields.assessedOn,
      updated_at: now,
      updated_by: userName,
    })
    .where('id', '=', current.id)
    .execute();
}

export async function listAssessmentVersions(db: Db, assessmentId: string): Promise<AssessmentVersion[]> {
  const rows = await db
    .selectFrom('assessment_versions')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('valid_until', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    value: row.value,
    evidence: row.evidence,
    sources: row.sources,
    assessedBy: row.assessed_by,
    assessedOn: row.assessed_on,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    changedBy: row.changed_by,
  }));
}

/** Assessments of some periods, optionally limited to criteria: the matrix's one query. */
export async function assessmentsInPeriods(db: Db, periodKeys: string[], criterionIds?: string[]): Promise<Assessment[]> {
  let query = db.selectFrom('assessments').selectAll().where('period_key', 'in', periodKeys);
  if (criterionIds) query = query.where('criterion_id', 'in', criterionIds.length > 0 ? criterionIds : ['']);
  return (await query.execute()).map(toAssessment);
}

/** SQL `like` pattern for the keys of one period kind ('2026-K1' has 7 characters, '2026' 4). */
function kindPattern(kind: PeriodKind): string {
  return kind === 'quarter' ? '____-K_' : kind === 'half_year' ? '____-H_' : '____';
}

export interface PeriodBounds {
  kind: PeriodKind;
  from?: string | undefined;
  to?: string | undefined;
}

/** (team, period, value) of one criterion for some teams, within a period range of one kind. */
export async function criterionValues(
  db: Db,
  criterionId: string,
  teamIds: string[],
  bounds: PeriodBounds,
): Promise<{ wijkteam_id: string; period_key: string; value: number }[]> {
  let query = db
    .selectFrom('assessments')
    .select(['wijkteam_id', 'period_key', 'value'])
    .where('criterion_id', '=', criterionId)
    .where('wijkteam_id', 'in', teamIds)
    .where('period_key', 'like', kindPattern(bounds.kind));
  if (bounds.from) query = query.where('period_key', '>=', bounds.from);
  if (bounds.to) query = query.where('period_key', '<=', bounds.to);
  return query.execute();
}

/** (criterion, period, value) of one team, within a period range of one kind. */
export async function teamValues(
  db: Db,
  teamId: string,
  bounds: PeriodBounds,
): Promise<{ criterion_id: string; period_key: string; value: number }[]> {
  let query = db
    .selectFrom('assessments')
    .select(['criterion_id', 'period_key', 'value'])
    .where('wijkteam_id', '=', teamId)
    .where('period_key', 'like', kindPattern(bounds.kind));
  if (bounds.from) query = query.where('period_key', '>=', bounds.from);
  if (bounds.to) query = query.where('period_key', '<=', bounds.to);
  return query.execute();
}

export async function assessmentsOfTeam(db: Db, teamId: string): Promise<Assessment[]> {
  return (await db.selectFrom('assessments').selectAll().where('wijkteam_id', '=', teamId).execute()).map(toAssessment);
}

/** Every assessment of teams outside the trash, optionally of some criteria (the CSV export). */
export async function assessmentsOfLiveTeams(db: Db, criterionIds?: string[]): Promise<AssessmentTable[]> {
  let query = db.selectFrom('assessments').selectAll().where('wijkteam_id', 'in', liveTeamIds(db));
  if (criterionIds) query = query.where('criterion_id', 'in', criterionIds.length > 0 ? criterionIds : ['']);
  return query.execute();
}

export async function distinctPeriodKeys(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('assessments').select('period_key').where('wijkteam_id', 'in', liveTeamIds(db)).distinct().execute();
  return rows.map((row) => row.period_key);
}

// ---------- Links to findings (meetings, issue 3) ----------

export async function findingIdsOf(db: Db, assessmentId: string): Promise<string[]> {
  const rows = await db.selectFrom('assessment_findings').select('finding_id').where('assessment_id', '=', assessmentId).orderBy('position').execute();
  return rows.map((row) => row.finding_id);
}

export async function replaceAssessmentFindings(db: Db, assessmentId: string, findingIds: string[]): Promise<void> {
  await db.deleteFrom('assessment_findings').where('assessment_id', '=', assessmentId).execute();
  const unique = [...new Set(findingIds)];
  if (unique.length > 0) {
    await db
      .insertInto('assessment_findings')
      .values(unique.map((findingId, position) => ({ assessment_id: assessmentId, finding_id: findingId, position })))
      .execute();
  }
}

/** Findings given in the team's wijken: tagged with one of them, or from a meeting held in one. */
export async function findingsOfTeam(db: Db, teamId: string, limit = 50): Promise<LinkedFinding[]> {
  const wijkIds = db.selectFrom('wijkteam_wijken').select('wijk_id').where('wijkteam_id', '=', teamId);
  const rows = await db
    .selectFrom('findings')
    .leftJoin('meetings', 'meetings.id', 'findings.meeting_id')
    .leftJoin('wijken', 'wijken.id', 'findings.wijk_id')
    .select([
      'findings.id as id',
      'findings.text as text',
      'findings.finding_date as date',
      'findings.theme as theme',
      'meetings.title as meetingTitle',
      'wijken.name as wijkName',
    ])
    .where((eb) =>
      eb.or([
        eb('findings.wijk_id', 'in', wijkIds),
        eb('findings.meeting_id', 'in', eb.selectFrom('meeting_wijken').select('meeting_id').where('wijk_id', 'in', wijkIds)),
      ]),
    )
    // Not what is in the trash, nor the findings of a meeting in the trash.
    .where('findings.deleted_at', 'is', null)
    .where('findings.meeting_deleted_at', 'is', null)
    .orderBy('findings.finding_date', 'desc')
    .orderBy('findings.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, meetingTitle: row.meetingTitle ?? '', wijkName: row.wijkName ?? '' }));
}

export async function assessmentsByIds(db: Db, ids: string[]): Promise<Assessment[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('assessments').selectAll().where('id', 'in', ids).where('wijkteam_id', 'in', liveTeamIds(db)).execute()).map(toAssessment);
}

export async function linkAdviceItemToAssessment(db: Db, itemId: string, assessmentId: string): Promise<void> {
  await db.insertInto('advice_item_assessments').values({ item_id: itemId, assessment_id: assessmentId, position: 0 }).execute();
}

/** Every framework's name, retired ones too (the CSV names the framework of old assessments). */
export async function listFrameworkNames(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('criteria_frameworks').select(['id', 'name']).execute();
}
