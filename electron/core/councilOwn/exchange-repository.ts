import { z } from 'zod';
import { ACTION_STATUSES, actionInput, itemInput, meetingInput, memberFields, MEMBER_ROLES, PLANNING_KINDS, planningItemInput } from '../../../shared/api/council-own';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, timestamp, type ExchangeFile, type ExchangeRecord } from '../../../shared/api/exchange';
import { boundedText, calendarDate, id, LIMITS, requiredText } from '../../../shared/api/fields';
import { t } from '../../../shared/i18n';
import { findLiveAdviceByKenmerk } from '../advices/repository';
import type { Db } from '../db/connection';
import { writeRow, type RecordType } from '../exchange/record-type';
import { nowIso } from '../ids';
import { memberFieldsOf } from './repository';

/**
 * Record types of the exchange file for the council's own work (issue 16): the register of members
 * with their declared positions, the council meetings with attendance, agenda items and besluiten,
 * the actielijst and the jaarplanning, so a secretary's laptop and the chair's stay in step
 * (docs/exchange-format.md). Members, meetings, items, actions and planning keep their UUIDs on
 * both laptops. An advice has another UUID on another laptop, so links to advices travel by
 * kenmerk; a link to an adviesaanvraag or a college response this database does not have is left
 * empty rather than costing the record.
 *
 * A member's contact details and background are personal data: they travel only when the export
 * asks for them. A file without them leaves the values here alone (PERSONAL_MEMBER_FIELDS).
 */

export const PERSONAL_MEMBER_FIELDS = ['background', 'email', 'phone'] as const;

const created = { createdAt: timestamp, createdBy: boundedText(LIMITS.name) };
const nullableId = id.nullable();
const kenmerk = requiredText(LIMITS.short).nullable();

const memberData = z
  .object({
    name: memberFields.name,
    role: memberFields.role,
    // Not optionalText (it defaults to ''): a field the file leaves out must stay absent.
    background: boundedText(LIMITS.line).optional(),
    email: boundedText(LIMITS.name).optional(),
    phone: boundedText(LIMITS.short).optional(),
    follows: memberFields.follows,
    termStart: calendarDate,
    termEnd: calendarDate,
    termNumber: z.number().int().min(1).max(20),
    leftOn: calendarDate.nullable(),
    ...created,
  })
  .strict();
const positionData = z.object({ memberId: id, description: requiredText(LIMITS.line), declaredOn: calendarDate, ...created }).strict();
const meetingData = z
  .object({
    ...meetingInput.shape,
    attendance: z.array(z.object({ memberId: id, present: z.boolean() }).strict()).max(200),
    ...created,
  })
  .strict();
const agendaItemData = z
  .object({
    meetingId: id,
    position: z.number().int().min(0).max(1_000_000),
    title: itemInput.shape.title,
    notes: itemInput.shape.notes,
    requestId: nullableId,
    adviceKenmerk: kenmerk,
    responseId: nullableId,
    monitoringPeriod: boundedText(LIMITS.short),
    ...created,
  })
  .strict();
const decisionData = z.object({ agendaItemId: id, text: requiredText(LIMITS.text), adoptedAdviceKenmerk: kenmerk, ...created }).strict();
const actionData = z
  .object({
    description: actionInput.shape.description,
    ownerId: id,
    dueOn: calendarDate,
    status: z.enum(ACTION_STATUSES),
    closedOn: calendarDate.nullable(),
    meetingId: id,
    agendaItemId: nullableId,
    ...created,
  })
  .strict();
const planningData = z.object({ ...planningItemInput.shape, requestId: nullableId, ...created }).strict();

async function adviceKenmerkOf(db: Db, adviceId: string | null): Promise<string | null> {
  if (adviceId === null) return null;
  const row = await db.selectFrom('advices').select('kenmerk').where('id', '=', adviceId).executeTakeFirst();
  return row?.kenmerk ?? null;
}

async function adviceIdOf(db: Db, adviceKenmerk: unknown): Promise<string | null> {
  if (typeof adviceKenmerk !== 'string') return null;
  return (await findLiveAdviceByKenmerk(db, adviceKenmerk))?.id ?? null;
}

/** The id when that record exists here, else null: a link this laptop cannot follow is left empty. */
async function existingId(db: Db, table: 'advice_requests' | 'advice_responses', value: unknown): Promise<string | null> {
  if (typeof value !== 'string') return null;
  const row = await db.selectFrom(table).select('id').where('id', '=', value).executeTakeFirst();
  return row?.id ?? null;
}

const createdData = (row: { created_at: string; created_by: string }) => ({ createdAt: row.created_at, createdBy: row.created_by });
const createdValues = (data: Record<string, unknown>) => ({ created_at: String(data.createdAt), created_by: String(data.createdBy) });

export const COUNCIL_RECORD_TYPES: Record<string, RecordType> = {
  councilMember: {
    schema: memberData,
    optionalFields: PERSONAL_MEMBER_FIELDS,
    label: (data) => String(data.name),
    async read(db, id) {
      const row = await db.selectFrom('council_members').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          updatedAt: row.updated_at,
          data: { ...memberFieldsOf(row), ...createdData(row) },
        }
      );
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      // A field the file left out keeps its value here; a new member without it starts empty.
      const personal: Partial<Record<(typeof PERSONAL_MEMBER_FIELDS)[number], string>> = {};
      for (const field of PERSONAL_MEMBER_FIELDS) if (typeof data[field] === 'string') personal[field] = data[field];
      const values = {
        name: String(data.name),
        role: data.role as (typeof MEMBER_ROLES)[number],
        follows: String(data.follows),
        term_start: String(data.termStart),
        term_end: String(data.termEnd),
        term_number: Number(data.termNumber),
        left_on: (data.leftOn as string | null) ?? null,
        ...personal,
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'council_members', id, exists, values, { background: '', email: '', phone: '', ...createdValues(data) });
    },
  },
  councilMemberPosition: {
    schema: positionData,
    label: (data) => String(data.description),
    async read(db, id) {
      const row = await db.selectFrom('council_member_positions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { updatedAt: row.updated_at, data: { memberId: row.member_id, description: row.description, declaredOn: row.declared_on, ...createdData(row) } };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = { member_id: String(data.memberId), description: String(data.description), declared_on: String(data.declaredOn), updated_at: updatedAt, updated_by: updatedBy };
      await writeRow(db, 'council_member_positions', id, exists, values, createdValues(data));
    },
  },
  councilMeeting: {
    schema: meetingData,
    label: (data) => t('councilOwn.docMeetingOf', { date: String(data.date) }),
    async read(db, id) {
      const row = await db.selectFrom('council_meetings').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const attendance = await db.selectFrom('council_attendance').select(['member_id', 'present']).where('meeting_id', '=', id).orderBy('member_id').execute();
      return {
        updatedAt: row.updated_at,
        data: {
          date: row.meeting_date,
          startTime: row.start_time,
          place: row.place,
          guests: row.guests,
          attendance: attendance.map((entry) => ({ memberId: entry.member_id, present: entry.present === 1 })),
          ...createdData(row),
        },
      };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = { meeting_date: String(data.date), start_time: String(data.startTime), place: String(data.place), guests: String(data.guests), updated_at: updatedAt, updated_by: updatedBy };
      await writeRow(db, 'council_meetings', id, exists, values, createdValues(data));
      await db.deleteFrom('council_attendance').where('meeting_id', '=', id).execute();
      const attendance = [...new Map((data.attendance as { memberId: string; present: boolean }[]).map((entry) => [entry.memberId, entry.present])).entries()];
      if (attendance.length > 0) {
        await db
          .insertInto('council_attendance')
          .values(attendance.map(([memberId, present]) => ({ meeting_id: id, member_id: memberId, present: present ? 1 : 0 })))
          .execute();
      }
    },
  },
  councilAgendaItem: {
    schema: agendaItemData,
    label: (data) => String(data.title),
    async read(db, id) {
      const row = await db.selectFrom('council_agenda_items').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return {
        updatedAt: row.updated_at,
        data: {
          meetingId: row.meeting_id,
          position: row.position,
          title: row.title,
          notes: row.notes,
          requestId: row.request_id,
          adviceKenmerk: await adviceKenmerkOf(db, row.advice_id),
          responseId: row.response_id,
          monitoringPeriod: row.monitoring_period,
          ...createdData(row),
        },
      };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = {
        meeting_id: String(data.meetingId),
        position: Number(data.position),
        title: String(data.title),
        notes: String(data.notes),
        request_id: await existingId(db, 'advice_requests', data.requestId),
        advice_id: await adviceIdOf(db, data.adviceKenmerk),
        response_id: await existingId(db, 'advice_responses', data.responseId),
        monitoring_period: String(data.monitoringPeriod),
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'council_agenda_items', id, exists, values, createdValues(data));
    },
  },
  councilDecision: {
    schema: decisionData,
    label: (data) => String(data.text).slice(0, 80),
    async read(db, id) {
      const row = await db.selectFrom('council_decisions').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          updatedAt: row.updated_at,
          data: { agendaItemId: row.agenda_item_id, text: row.text, adoptedAdviceKenmerk: await adviceKenmerkOf(db, row.adopted_advice_id), ...createdData(row) },
        }
      );
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      // The decision records the adoption; the advice's own status travels with the advice itself.
      const values = { agenda_item_id: String(data.agendaItemId), text: String(data.text), adopted_advice_id: await adviceIdOf(db, data.adoptedAdviceKenmerk), updated_at: updatedAt, updated_by: updatedBy };
      await writeRow(db, 'council_decisions', id, exists, values, createdValues(data));
    },
  },
  councilAction: {
    schema: actionData,
    label: (data) => String(data.description),
    async read(db, id) {
      const row = await db.selectFrom('council_actions').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          updatedAt: row.updated_at,
          data: {
            description: row.description,
            ownerId: row.owner_id,
            dueOn: row.due_on,
            status: row.status,
            closedOn: row.closed_on,
            meetingId: row.meeting_id,
            agendaItemId: row.agenda_item_id,
            ...createdData(row),
          },
        }
      );
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = {
        description: String(data.description),
        owner_id: String(data.ownerId),
        due_on: String(data.dueOn),
        status: data.status as (typeof ACTION_STATUSES)[number],
        closed_on: (data.closedOn as string | null) ?? null,
        meeting_id: String(data.meetingId),
        agenda_item_id: (data.agendaItemId as string | null) ?? null,
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'council_actions', id, exists, values, createdValues(data));
    },
  },
  planningItem: {
    schema: planningData,
    label: (data) => String(data.title),
    async read(db, id) {
      const row = await db.selectFrom('council_planning_items').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          updatedAt: row.updated_at,
          data: { year: row.year, month: row.month, kind: row.kind, title: row.title, source: row.source, notes: row.notes, requestId: row.request_id, ...createdData(row) },
        }
      );
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = {
        year: Number(data.year),
        month: Number(data.month),
        kind: data.kind as (typeof PLANNING_KINDS)[number],
        title: String(data.title),
        source: String(data.source),
        notes: String(data.notes),
        request_id: await existingId(db, 'advice_requests', data.requestId),
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'council_planning_items', id, exists, values, createdValues(data));
    },
  },
};

/** Members before what refers to them; a meeting before its items, an item before its decisions and actions. */
export const COUNCIL_TYPE_ORDER = ['councilMember', 'councilMemberPosition', 'councilMeeting', 'councilAgendaItem', 'councilDecision', 'councilAction', 'planningItem'];

const TABLE_OF: Record<string, string> = {
  councilMember: 'council_members',
  councilMemberPosition: 'council_member_positions',
  councilMeeting: 'council_meetings',
  councilAgendaItem: 'council_agenda_items',
  councilDecision: 'council_decisions',
  councilAction: 'council_actions',
  planningItem: 'council_planning_items',
};

/** Everything of the council's own work as one exchange file; contact details and background only when asked. */
export async function buildCouncilExchange(db: Db, exportedBy: string, includePersonalData: boolean): Promise<ExchangeFile> {
  const records: ExchangeRecord[] = [];
  for (const type of COUNCIL_TYPE_ORDER) {
    const rows = await db
      .selectFrom(TABLE_OF[type] as 'council_members')
      .select('id')
      .orderBy('id')
      .execute();
    for (const { id } of rows) {
      const local = await COUNCIL_RECORD_TYPES[type]!.read(db, id);
      if (!local) continue;
      const data = { ...local.data };
      if (type === 'councilMember' && !includePersonalData) for (const field of PERSONAL_MEMBER_FIELDS) delete data[field];
      records.push({ type, id, updatedAt: local.updatedAt, data });
    }
  }
  const containsPersonalData = includePersonalData && records.some((record) => PERSONAL_MEMBER_FIELDS.some((field) => typeof record.data[field] === 'string' && record.data[field] !== ''));
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    exportedAt: nowIso(),
    exportedBy,
    containsPersonalData,
    description: t('councilOwn.exchangeDescription'),
    records,
  };
}
