import { z } from 'zod';
import { t } from '../i18n';
import { DIRECTIONS, MEASURE_TYPES, valueProblem, type Direction, type MeasureType, type Status } from '../monitoring/measures';
import { parsePeriodKey, PERIOD_KINDS, type PeriodKind } from '../monitoring/periods';
import type { Outcome, TrendPoint, TrendSummary } from '../monitoring/trend';
import { method } from './define';
import { boundedText, calendarDate, id, LIMITS, noInput, optionalText, requiredText } from './fields';

// ---------- Records ----------

export interface WijkRef {
  id: string;
  name: string;
}

export interface Wijkteam {
  id: string;
  name: string;
  wijken: WijkRef[];
  organisations: string[];
  disciplines: string[];
  contact: string;
  activeFrom: string | null;
  activeTo: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Criterion {
  id: string;
  frameworkId: string;
  position: number;
  name: string;
  description: string;
  source: string;
  measureType: MeasureType;
  direction: Direction;
  target: number | null;
  /** Retired criteria keep their assessments but are not offered for new ones. */
  retiredAt: string | null;
  assessmentCount: number;
}

export interface CriteriaFramework {
  id: string;
  name: string;
  description: string;
  source: string;
  /** 'avi' | 'lois' | 'movisie' for the built-in frameworks, null for the council's own. */
  builtinKey: string | null;
  criteria: Criterion[];
}

export interface Assessment {
  id: string;
  wijkteamId: string;
  criterionId: string;
  periodKey: string;
  value: number;
  evidence: string;
  sources: string;
  assessedBy: string;
  assessedOn: string;
  updatedAt: string;
  updatedBy: string;
}

/** An assessment with the findings (from meetings) it rests on. */
export interface AssessmentDetail extends Assessment {
  findingIds: string[];
}

/** A finding from a meeting, as monitoring shows and links it. */
export interface LinkedFinding {
  id: string;
  text: string;
  date: string;
  theme: string;
  meetingTitle: string;
  wijkName: string;
}

export interface DraftedAdvice {
  adviceId: string;
  kenmerk: string;
  itemCount: number;
}

export interface AssessmentVersion {
  value: number;
  evidence: string;
  sources: string;
  assessedBy: string;
  assessedOn: string;
  validFrom: string;
  validUntil: string;
  changedBy: string;
}

export interface MatrixCell {
  criterionId: string;
  assessment: Assessment | null;
  status: Status | 'missing';
  /** Compared with the directly preceding period of the same kind; null when either is missing. */
  change: { delta: number; outcome: Outcome; previousValue: number } | null;
}

export interface MonitoringMatrix {
  periodKey: string;
  previousPeriodKey: string;
  framework: { id: string; name: string } | null;
  criteria: Criterion[];
  rows: { team: WijkRef; cells: MatrixCell[] }[];
}

export interface TrendSeries<Subject> {
  subject: Subject;
  points: TrendPoint[];
  summary: TrendSummary;
}

export interface CriterionTrend {
  criterion: Criterion;
  periods: string[];
  series: TrendSeries<WijkRef>[];
}

export interface TeamTrend {
  team: WijkRef;
  periods: string[];
  series: TrendSeries<Criterion>[];
}

export interface WijkteamDetail {
  team: Wijkteam;
  /** The most recent assessment per criterion, newest period first. */
  latest: { criterion: Criterion; frameworkName: string; assessment: Assessment }[];
  /** Findings from the team's wijken, newest first (at most 50). */
  findings: LinkedFinding[];
}

// ---------- Fields ----------

export const periodKeyField = z
  .string()
  .max(10)
  .refine((value) => parsePeriodKey(value) !== null, { error: () => t('monitoring.invalidPeriod') });

const nameList = z.array(requiredText(LIMITS.name)).max(30, { error: () => t('monitoring.tooMany', { max: 30 }) });
const measureType = z.enum(MEASURE_TYPES, { error: () => t('monitoring.invalidMeasureType') });
const direction = z.enum(DIRECTIONS, { error: () => t('monitoring.invalidDirection') });
const periodKind = z.enum(PERIOD_KINDS, { error: () => t('monitoring.invalidPeriodKind') });
const nullableDate = calendarDate.nullable();
const target = z.number().finite().nullable();

function activeRangeOk(value: { activeFrom?: string | null | undefined; activeTo?: string | null | undefined }): boolean {
  return !value.activeFrom || !value.activeTo || value.activeFrom <= value.activeTo;
}
const activeRangeIssue = { error: () => t('monitoring.activeRange'), path: ['activeTo'] };

const wijkteamFields = {
  name: requiredText(LIMITS.name),
  wijkIds: z.array(id).max(100).default([]),
  organisations: nameList.default([]),
  disciplines: nameList.default([]),
  contact: optionalText(LIMITS.line),
  activeFrom: nullableDate.default(null),
  activeTo: nullableDate.default(null),
};

export const wijkteamInput = z.object(wijkteamFields).strict().refine(activeRangeOk, activeRangeIssue);

const wijkteamUpdate = z
  .object({
    id,
    name: wijkteamFields.name.optional(),
    wijkIds: z.array(id).max(100).optional(),
    organisations: nameList.optional(),
    disciplines: nameList.optional(),
    contact: boundedText(LIMITS.line).optional(),
    activeFrom: nullableDate.optional(),
    activeTo: nullableDate.optional(),
  })
  .strict()
  .refine(activeRangeOk, activeRangeIssue);

export const frameworkInput = z
  .object({
    name: requiredText(LIMITS.name),
    description: optionalText(LIMITS.text),
    source: optionalText(LIMITS.line),
  })
  .strict();

const criterionFields = {
  name: requiredText(LIMITS.name),
  description: optionalText(LIMITS.text),
  source: optionalText(LIMITS.line),
  measureType,
  direction: direction.default('higher_better'),
  target: target.default(null),
};

/** A target must itself be a possible value; traffic lights read green-is-good only. */
function criterionRules(value: { measureType?: MeasureType; direction?: Direction; target?: number | null }, ctx: z.RefinementCtx): void {
  if (value.measureType === 'traffic_light' && value.direction === 'lower_better') {
    ctx.addIssue({ code: 'custom', path: ['direction'], message: t('monitoring.trafficLightDirection') });
  }
  if (value.measureType && value.target !== undefined && value.target !== null) {
    const problem = valueProblem(value.measureType, value.target);
    if (problem) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
  }
}

export const criterionInput = z
  .object({ frameworkId: id, ...criterionFields })
  .strict()
  .superRefine(criterionRules);

const criterionUpdate = z
  .object({
    id,
    name: criterionFields.name.optional(),
    description: boundedText(LIMITS.text).optional(),
    source: boundedText(LIMITS.line).optional(),
    measureType: measureType.optional(),
    direction: direction.optional(),
    target: target.optional(),
  })
  .strict();

export const assessmentInput = z
  .object({
    wijkteamId: id,
    criterionId: id,
    periodKey: periodKeyField,
    value: z.number({ error: () => t('monitoring.valueNotANumber') }),
    evidence: optionalText(LIMITS.text),
    sources: optionalText(LIMITS.text),
    /** Defaults to the current user. */
    assessedBy: boundedText(LIMITS.name).optional(),
    /** Defaults to today. */
    assessedOn: calendarDate.optional(),
    /** Findings the assessment rests on; left out keeps the current links. */
    findingIds: z.array(id).max(100, { error: () => t('monitoring.tooMany', { max: 100 }) }).optional(),
  })
  .strict();

const cellInput = z.object({ wijkteamId: id, criterionId: id, periodKey: periodKeyField }).strict();

// ---------- Methods ----------

export const monitoringContract = {
  'wijkteams.list': method<Wijkteam[]>()(noInput),
  'wijkteams.get': method<WijkteamDetail>()(z.object({ id }).strict()),
  'wijkteams.create': method<Wijkteam>()(wijkteamInput),
  'wijkteams.update': method<Wijkteam>()(wijkteamUpdate),
  'wijkteams.delete': method<{ id: string }>()(z.object({ id }).strict()),

  'frameworks.list': method<CriteriaFramework[]>()(noInput),
  'frameworks.create': method<CriteriaFramework>()(frameworkInput),
  'frameworks.update': method<CriteriaFramework>()(
    z
      .object({ id, name: requiredText(LIMITS.name).optional(), description: boundedText(LIMITS.text).optional(), source: boundedText(LIMITS.line).optional() })
      .strict(),
  ),
  'frameworks.delete': method<{ id: string }>()(z.object({ id }).strict()),

  'criteria.create': method<Criterion>()(criterionInput),
  'criteria.update': method<Criterion>()(criterionUpdate),
  /** Retire (or bring back) a criterion: the way to stop using one that has assessments. */
  'criteria.setRetired': method<Criterion>()(z.object({ id, retired: z.boolean() }).strict()),
  'criteria.delete': method<{ id: string }>()(z.object({ id }).strict()),

  'assessments.save': method<AssessmentDetail>()(assessmentInput),
  'assessments.get': method<AssessmentDetail | null>()(cellInput),
  'assessments.history': method<AssessmentVersion[]>()(z.object({ id }).strict()),

  'monitoring.periods': method<string[]>()(noInput),
  'monitoring.teamFindings': method<LinkedFinding[]>()(z.object({ wijkteamId: id }).strict()),
  /** Starts a draft advice (advices, issue 4) with the chosen assessments as items, linked back to them and their findings. */
  'monitoring.draftAdvice': method<DraftedAdvice>()(
    z
      .object({
        assessmentIds: z
          .array(id)
          .min(1, { error: () => t('monitoring.draftNone') })
          .max(100, { error: () => t('monitoring.draftTooMany', { max: 100 }) }),
        betreft: requiredText(LIMITS.line),
        kind: z.enum(['gevraagd', 'ongevraagd']).default('ongevraagd'),
      })
      .strict(),
  ),
  'monitoring.matrix': method<MonitoringMatrix>()(
    z.object({ periodKey: periodKeyField, frameworkId: id.nullable().default(null), includeRetired: z.boolean().default(false) }).strict(),
  ),
  'monitoring.trend': method<CriterionTrend>()(
    z
      .object({
        criterionId: id,
        wijkteamIds: z.array(id).min(1, { error: () => t('monitoring.chooseTeam') }).max(100),
        kind: periodKind,
        from: periodKeyField.optional(),
        to: periodKeyField.optional(),
      })
      .strict(),
  ),
  'monitoring.teamTrend': method<TeamTrend>()(
    z
      .object({
        wijkteamId: id,
        frameworkId: id.nullable().default(null),
        kind: periodKind,
        from: periodKeyField.optional(),
        to: periodKeyField.optional(),
      })
      .strict(),
  ),
};

export type { PeriodKind };
