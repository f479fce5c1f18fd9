import { z } from 'zod';
import { t } from '../i18n';
import type { ExportedFile } from './advices';
import { method } from './define';
import { tableUploadInput, type ImportUpload } from './meetings';
import { boundedText, calendarDate, id, LIMITS, noInput, optionalText, requiredText } from './fields';

/**
 * De raad zelf: the register of members with their terms and nevenfuncties, the council's own
 * meetings (agenda, attendance, besluiten), the actielijst and the jaarplanning.
 * A member's background and contact details are personal data: documents leave them out.
 */

export const MEMBER_ROLES = ['voorzitter', 'vicevoorzitter', 'secretaris', 'lid', 'aspirant', 'adviseur'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const ACTION_STATUSES = ['open', 'afgerond', 'vervallen'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const PLANNING_KINDS = ['adviesaanvraag', 'eigen_onderwerp'] as const;
export type PlanningKind = (typeof PLANNING_KINDS)[number];
/** Where a planned item stands: expected, the request arrived, or the council advised on it (sent). */
export type PlanningState = 'gepland' | 'ontvangen' | 'geadviseerd';

export interface PlanningImport {
  imported: number;
  /** Rows whose subject was already planned in the same month (a second import of the same file adds nothing). */
  skippedDuplicates: number;
}

export interface MemberPosition {
  id: string;
  description: string;
  declaredOn: string;
}

export interface Member {
  id: string;
  name: string;
  role: MemberRole;
  /** Personal data. */
  background: string;
  /** Personal data. */
  email: string;
  /** Personal data. */
  phone: string;
  follows: string;
  termStart: string;
  termEnd: string;
  termNumber: number;
  leftOn: string | null;
  /** Derived from the term settings: one more term is allowed. */
  canReappoint: boolean;
  positions: MemberPosition[];
  createdAt: string;
  updatedAt: string;
}

export interface TermSettings {
  termYears: number;
  maxTerms: number;
}

export interface CouncilMeeting {
  id: string;
  date: string;
  startTime: string;
  place: string;
  guests: string;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Attendee {
  memberId: string;
  name: string;
  role: MemberRole;
  present: boolean;
}

export interface Decision {
  id: string;
  text: string;
  adoptedAdviceId: string | null;
  createdAt: string;
}

export interface AgendaItemLink {
  id: string;
  /** "WMO-2026-003 Inloop in de wijk", the request's subject, the response's kenmerk. */
  label: string;
}

export interface AgendaItem {
  id: string;
  number: number;
  title: string;
  request: AgendaItemLink | null;
  advice: (AgendaItemLink & { status: 'concept' | 'vastgesteld' | 'verzonden' }) | null;
  response: AgendaItemLink | null;
  monitoringPeriod: string;
  notes: string;
  decisions: Decision[];
}

export interface CouncilAction {
  id: string;
  description: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  status: ActionStatus;
  closedOn: string | null;
  meetingId: string;
  meetingDate: string;
  agendaItemId: string | null;
  agendaItemTitle: string | null;
  overdue: boolean;
}

export interface CouncilMeetingDetail extends CouncilMeeting {
  attendance: Attendee[];
  items: AgendaItem[];
  /** Open actions of earlier meetings, carried over to this agenda. */
  carriedActions: CouncilAction[];
  /** Actions this meeting made. */
  newActions: CouncilAction[];
}

export interface AdoptionRef {
  meetingId: string;
  meetingDate: string;
  decision: string;
}

export interface CouncilAttention {
  termsEnding: Member[];
  overdueActions: CouncilAction[];
}

export interface PlanningItem {
  id: string;
  year: number;
  month: number;
  kind: PlanningKind;
  title: string;
  source: string;
  notes: string;
  requestId: string | null;
  requestSubject: string | null;
  state: PlanningState;
}

// --- inputs ---

const nullableId = id.nullable();

function dateOrderRefinement(startField: string, endField: string, message: () => string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const start = value[startField];
    const end = value[endField];
    if (typeof start === 'string' && typeof end === 'string' && end < start) ctx.addIssue({ code: 'custom', path: [endField], message: message() });
  };
}

export const memberFields = {
  name: requiredText(LIMITS.name),
  role: z.enum(MEMBER_ROLES, { error: () => t('councilOwn.roleInvalid') }),
  background: optionalText(LIMITS.line),
  email: optionalText(LIMITS.name),
  phone: optionalText(LIMITS.short),
  follows: optionalText(LIMITS.line),
  termStart: calendarDate,
  /** Left out: the term length from the settings. */
  termEnd: calendarDate.optional(),
};

export const memberInput = z
  .object(memberFields)
  .strict()
  .superRefine(dateOrderRefinement('termStart', 'termEnd', () => t('councilOwn.termEndBeforeStart')));

const memberUpdate = z
  .object({
    id,
    name: memberFields.name.optional(),
    role: memberFields.role.optional(),
    background: boundedText(LIMITS.line).optional(),
    email: boundedText(LIMITS.name).optional(),
    phone: boundedText(LIMITS.short).optional(),
    follows: boundedText(LIMITS.line).optional(),
    termStart: calendarDate.optional(),
    termEnd: calendarDate.optional(),
  })
  .strict()
  .superRefine(dateOrderRefinement('termStart', 'termEnd', () => t('councilOwn.termEndBeforeStart')));

export const termSettingsInput = z
  .object({
    termYears: z.number().int({ error: () => t('councilOwn.termYearsRange') }).min(1, { error: () => t('councilOwn.termYearsRange') }).max(10, { error: () => t('councilOwn.termYearsRange') }),
    maxTerms: z.number().int({ error: () => t('councilOwn.maxTermsRange') }).min(1, { error: () => t('councilOwn.maxTermsRange') }).max(10, { error: () => t('councilOwn.maxTermsRange') }),
  })
  .strict();

const timeOfDay = z.string().regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, { error: () => t('councilOwn.timeInvalid') });

export const meetingInput = z
  .object({
    date: calendarDate,
    startTime: timeOfDay.default(''),
    place: optionalText(LIMITS.line),
    guests: optionalText(LIMITS.line),
  })
  .strict();

const meetingUpdate = z
  .object({
    id,
    date: calendarDate.optional(),
    startTime: timeOfDay.optional(),
    place: boundedText(LIMITS.line).optional(),
    guests: boundedText(LIMITS.line).optional(),
  })
  .strict();

const itemLinks = {
  requestId: nullableId.optional(),
  adviceId: nullableId.optional(),
  responseId: nullableId.optional(),
  monitoringPeriod: boundedText(LIMITS.short).optional(),
};

export const itemInput = z
  .object({
    meetingId: id,
    title: requiredText(LIMITS.line),
    notes: optionalText(LIMITS.text),
    ...itemLinks,
  })
  .strict();

const itemUpdate = z
  .object({
    id,
    title: requiredText(LIMITS.line).optional(),
    notes: boundedText(LIMITS.text).optional(),
    ...itemLinks,
  })
  .strict();

export const actionInput = z
  .object({
    meetingId: id,
    agendaItemId: nullableId.default(null),
    description: requiredText(LIMITS.line),
    ownerId: id,
    dueOn: calendarDate,
  })
  .strict();

const actionUpdate = z
  .object({
    id,
    description: requiredText(LIMITS.line).optional(),
    ownerId: id.optional(),
    dueOn: calendarDate.optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    /** The day it was closed; left out: today. */
    closedOn: calendarDate.optional(),
  })
  .strict();

const year = z.number().int({ error: () => t('councilOwn.yearRange') }).min(2000, { error: () => t('councilOwn.yearRange') }).max(2100, { error: () => t('councilOwn.yearRange') });
const month = z.number().int({ error: () => t('councilOwn.monthRange') }).min(1, { error: () => t('councilOwn.monthRange') }).max(12, { error: () => t('councilOwn.monthRange') });

/** One planning item as typed in or imported from the beleidskalender (planning-import.ts checks rows with it). */
export const planningItemInput = z
  .object({
    year,
    month,
    kind: z.enum(PLANNING_KINDS),
    title: requiredText(LIMITS.line),
    source: optionalText(LIMITS.name),
    notes: optionalText(LIMITS.text),
    requestId: nullableId.default(null),
  })
  .strict();

const planningUpdate = z
  .object({
    id,
    year: year.optional(),
    month: month.optional(),
    kind: z.enum(PLANNING_KINDS).optional(),
    title: requiredText(LIMITS.line).optional(),
    source: boundedText(LIMITS.name).optional(),
    notes: boundedText(LIMITS.text).optional(),
    requestId: nullableId.optional(),
  })
  .strict();

export const councilOwnContract = {
  'members.list': method<Member[]>()(z.object({ includeLeft: z.boolean().default(true) }).strict()),
  'members.get': method<Member>()(z.object({ id }).strict()),
  'members.create': method<Member>()(memberInput),
  'members.update': method<Member>()(memberUpdate),
  'members.reappoint': method<Member>()(z.object({ id }).strict()),
  'members.markLeft': method<Member>()(z.object({ id, leftOn: calendarDate }).strict()),
  'members.delete': method<{ id: string }>()(z.object({ id }).strict()),
  'members.addPosition': method<Member>()(
    z.object({ memberId: id, description: requiredText(LIMITS.line), declaredOn: calendarDate }).strict(),
  ),
  'members.deletePosition': method<Member>()(z.object({ id }).strict()),
  'members.termSettings': method<TermSettings>()(noInput),
  'members.updateTermSettings': method<TermSettings>()(termSettingsInput),

  'councilMeetings.list': method<CouncilMeeting[]>()(noInput),
  'councilMeetings.get': method<CouncilMeetingDetail>()(z.object({ id }).strict()),
  'councilMeetings.create': method<CouncilMeetingDetail>()(meetingInput),
  'councilMeetings.update': method<CouncilMeetingDetail>()(meetingUpdate),
  'councilMeetings.delete': method<{ id: string }>()(z.object({ id }).strict()),
  'councilMeetings.setAttendance': method<CouncilMeetingDetail>()(
    z.object({ id, presentIds: z.array(id).max(200).default([]), absentIds: z.array(id).max(200).default([]) }).strict(),
  ),
  'councilMeetings.addItem': method<CouncilMeetingDetail>()(itemInput),
  'councilMeetings.updateItem': method<CouncilMeetingDetail>()(itemUpdate),
  'councilMeetings.deleteItem': method<CouncilMeetingDetail>()(z.object({ id }).strict()),
  'councilMeetings.addDecision': method<CouncilMeetingDetail>()(z.object({ itemId: id, text: requiredText(LIMITS.text) }).strict()),
  'councilMeetings.deleteDecision': method<CouncilMeetingDetail>()(z.object({ id }).strict()),
  /** Adopts the concept advice linked to the item: vastgesteld on the meeting's date, with a besluit. */
  'councilMeetings.adoptAdvice': method<CouncilMeetingDetail>()(z.object({ itemId: id, text: boundedText(LIMITS.text).optional() }).strict()),
  /** The meeting where an advice was adopted, for the link back from the advice page. */
  'councilMeetings.adoptionOf': method<AdoptionRef | null>()(z.object({ adviceId: id }).strict()),
  'councilMeetings.exportAgenda': method<ExportedFile>()(z.object({ id }).strict()),
  'councilMeetings.exportMinutes': method<ExportedFile>()(z.object({ id }).strict()),

  'councilActions.list': method<CouncilAction[]>()(z.object({ status: z.enum(ACTION_STATUSES).optional() }).strict()),
  'councilActions.create': method<CouncilAction>()(actionInput),
  'councilActions.update': method<CouncilAction>()(actionUpdate),
  'councilActions.delete': method<{ id: string }>()(z.object({ id }).strict()),

  /** The council's own records as an exchange file (imported like any other); contact details and background only when asked. */
  'councilOwn.exportExchange': method<ExportedFile>()(z.object({ includePersonalData: z.boolean().default(false) }).strict()),
  'councilOwn.attention': method<CouncilAttention>()(noInput),

  'planning.list': method<PlanningItem[]>()(z.object({ year }).strict()),
  'planning.create': method<PlanningItem>()(planningItemInput),
  'planning.update': method<PlanningItem>()(planningUpdate),
  'planning.delete': method<{ id: string }>()(z.object({ id }).strict()),
  /** Reads a CSV/XLSX beleidskalender in the upload worker (as the findings import does); writes nothing. */
  'planning.importParse': method<ImportUpload>()(tableUploadInput),
  /** Adds every row of a parsed upload to the year's planning, or none when a row is wrong; a subject already planned in that month is skipped. */
  'planning.import': method<PlanningImport>()(z.object({ uploadId: id, year }).strict()),
};
