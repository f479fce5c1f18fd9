import type {
  ActionStatus,
  AdoptionRef,
  AgendaItem,
  Attendee,
  CouncilAction,
  CouncilMeeting,
  CouncilMeetingDetail,
  Member,
  PlanningItem,
  PlanningKind,
  PlanningState,
  TermSettings,
} from '../../../shared/api/council-own';
import { canReappoint, carriesOver, isOverdue } from '../../../shared/councilOwn/terms';
import type { Db } from '../db/connection';
import type { CouncilActionTable, CouncilMemberTable } from '../db/schema';
import { createdColumns, newId, nowIso, updatedColumns } from '../ids';

// --- term settings (app_settings, beside the council's other settings) ---

const TERM_YEARS_KEY = 'council.termYears';
const MAX_TERMS_KEY = 'council.maxTerms';
/** Most Wmo-raden appoint for four years, renewable once. */
export const DEFAULT_TERM_SETTINGS: TermSettings = { termYears: 4, maxTerms: 2 };

export async function getTermSettings(db: Db): Promise<TermSettings> {
  const rows = await db.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', [TERM_YEARS_KEY, MAX_TERMS_KEY]).execute();
  const read = (key: string, fallback: number) => {
    const value = Number(rows.find((row) => row.key === key)?.value);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return { termYears: read(TERM_YEARS_KEY, DEFAULT_TERM_SETTINGS.termYears), maxTerms: read(MAX_TERMS_KEY, DEFAULT_TERM_SETTINGS.maxTerms) };
}

export async function saveTermSettings(db: Db, settings: TermSettings): Promise<void> {
  const updatedAt = nowIso();
  for (const [key, value] of [
    [TERM_YEARS_KEY, String(settings.termYears)],
    [MAX_TERMS_KEY, String(settings.maxTerms)],
  ] as const) {
    await db
      .insertInto('app_settings')
      .values({ key, value, updated_at: updatedAt })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: updatedAt }))
      .execute();
  }
}

// --- members ---

/** A member's own fields as the contract names them; the exchange file carries the same. */
export function memberFieldsOf(row: CouncilMemberTable) {
  return {
    name: row.name,
    role: row.role,
    background: row.background,
    email: row.email,
    phone: row.phone,
    follows: row.follows,
    termStart: row.term_start,
    termEnd: row.term_end,
    termNumber: row.term_number,
    leftOn: row.left_on,
  };
}

function toMember(row: CouncilMemberTable, positions: Member['positions'], settings: TermSettings): Member {
  return {
    id: row.id,
    ...memberFieldsOf(row),
    canReappoint: canReappoint({ termEnd: row.term_end, termNumber: row.term_number, leftOn: row.left_on }, settings.maxTerms),
    positions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listMembers(db: Db, options: { includeLeft: boolean; ids?: string[] }): Promise<Member[]> {
  let query = db.selectFrom('council_members').selectAll();
  if (!options.includeLeft) query = query.where('left_on', 'is', null);
  if (options.ids) {
    if (options.ids.length === 0) return [];
    query = query.where('id', 'in', options.ids);
  }
  const rows = await query.orderBy('left_on').orderBy('name').orderBy('id').execute();
  if (rows.length === 0) return [];
  const positions = await db
    .selectFrom('council_member_positions')
    .select(['id', 'member_id', 'description', 'declared_on'])
    .where(
      'member_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('declared_on')
    .orderBy('id')
    .execute();
  const settings = await getTermSettings(db);
  return rows.map((row) =>
    toMember(
      row,
      positions.filter((position) => position.member_id === row.id).map((position) => ({ id: position.id, description: position.description, declaredOn: position.declared_on })),
      settings,
    ),
  );
}

export async function findMember(db: Db, id: string): Promise<Member | undefined> {
  return (await listMembers(db, { includeLeft: true, ids: [id] }))[0];
}

/** What a member's form writes: the contract's Member less what the core derives or keeps itself. */
export type MemberFields = Pick<Member, 'name' | 'role' | 'background' | 'email' | 'phone' | 'follows' | 'termStart' | 'termEnd'>;

export async function insertMember(db: Db, fields: MemberFields, userName: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('council_members')
    .values({
      id,
      name: fields.name,
      role: fields.role,
      background: fields.background,
      email: fields.email,
      phone: fields.phone,
      follows: fields.follows,
      term_start: fields.termStart,
      term_end: fields.termEnd,
      term_number: 1,
      left_on: null,
      ...createdColumns(userName),
    })
    .execute();
  return id;
}

export async function updateMember(
  db: Db,
  id: string,
  fields: Partial<MemberFields> & { termNumber?: number; leftOn?: string | null },
  userName: string,
): Promise<void> {
  await db
    .updateTable('council_members')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.role !== undefined ? { role: fields.role } : {}),
      ...(fields.background !== undefined ? { background: fields.background } : {}),
      ...(fields.email !== undefined ? { email: fields.email } : {}),
      ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
      ...(fields.follows !== undefined ? { follows: fields.follows } : {}),
      ...(fields.termStart !== undefined ? { term_start: fields.termStart } : {}),
      ...(fields.termEnd !== undefined ? { term_end: fields.termEnd } : {}),
      ...(fields.termNumber !== undefined ? { term_number: fields.termNumber } : {}),
      ...(fields.leftOn !== undefined ? { left_on: fields.leftOn } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteMember(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_members').where('id', '=', id).execute();
}

export async function insertPosition(db: Db, memberId: string, description: string, declaredOn: string, userName: string): Promise<void> {
  await db
    .insertInto('council_member_positions')
    .values({ id: newId(), member_id: memberId, description, declared_on: declaredOn, ...createdColumns(userName) })
    .execute();
}

export async function findPosition(db: Db, id: string) {
  return db.selectFrom('council_member_positions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deletePosition(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_member_positions').where('id', '=', id).execute();
}

// --- meetings ---

export async function listMeetings(db: Db): Promise<CouncilMeeting[]> {
  const rows = await db
    .selectFrom('council_meetings as m')
    .selectAll('m')
    .select((eb) => eb.selectFrom('council_agenda_items as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('item_count'))
    .orderBy('m.meeting_date', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    date: row.meeting_date,
    startTime: row.start_time,
    place: row.place,
    guests: row.guests,
    itemCount: Number(row.item_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function findMeetingRow(db: Db, id: string) {
  return db.selectFrom('council_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MeetingFields {
  date: string;
  startTime: string;
  place: string;
  guests: string;
}

export async function insertMeeting(db: Db, fields: MeetingFields, userName: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('council_meetings')
    .values({ id, meeting_date: fields.date, start_time: fields.startTime, place: fields.place, guests: fields.guests, ...createdColumns(userName) })
    .execute();
  return id;
}

export async function updateMeeting(db: Db, id: string, fields: Partial<MeetingFields>, userName: string): Promise<void> {
  await db
    .updateTable('council_meetings')
    .set({
      ...(fields.date !== undefined ? { meeting_date: fields.date } : {}),
      ...(fields.startTime !== undefined ? { start_time: fields.startTime } : {}),
      ...(fields.place !== undefined ? { place: fields.place } : {}),
      ...(fields.guests !== undefined ? { guests: fields.guests } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteMeeting(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_meetings').where('id', '=', id).execute();
}

export async function replaceAttendance(db: Db, meetingId: string, presentIds: string[], absentIds: string[]): Promise<void> {
  await db.deleteFrom('council_attendance').where('meeting_id', '=', meetingId).execute();
  const rows = [
    ...presentIds.map((memberId) => ({ meeting_id: meetingId, member_id: memberId, present: 1 })),
    ...absentIds.map((memberId) => ({ meeting_id: meetingId, member_id: memberId, present: 0 })),
  ];
  if (rows.length > 0) await db.insertInto('council_attendance').values(rows).execute();
}

// --- agenda items and decisions ---

export async function findItemRow(db: Db, id: string) {
  return db.selectFrom('council_agenda_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ItemFields {
  title: string;
  notes: string;
  requestId: string | null;
  adviceId: string | null;
  responseId: string | null;
  monitoringPeriod: string;
}

export async function insertItem(db: Db, meetingId: string, fields: ItemFields, userName: string): Promise<string> {
  const last = await db
    .selectFrom('council_agenda_items')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto('council_agenda_items')
    .values({
      id,
      meeting_id: meetingId,
      position: Number(last?.position ?? 0) + 1,
      title: fields.title,
      notes: fields.notes,
      request_id: fields.requestId,
      advice_id: fields.adviceId,
      response_id: fields.responseId,
      monitoring_period: fields.monitoringPeriod,
      ...createdColumns(userName),
    })
    .execute();
  return id;
}

export async function updateItem(db: Db, id: string, fields: Partial<ItemFields>, userName: string): Promise<void> {
  await db
    .updateTable('council_agenda_items')
    .set({
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
      ...(fields.requestId !== undefined ? { request_id: fields.requestId } : {}),
      ...(fields.adviceId !== undefined ? { advice_id: fields.adviceId } : {}),
      ...(fields.responseId !== undefined ? { response_id: fields.responseId } : {}),
      ...(fields.monitoringPeriod !== undefined ? { monitoring_period: fields.monitoringPeriod } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteItem(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_agenda_items').where('id', '=', id).execute();
}

export async function insertDecision(db: Db, itemId: string, text: string, adoptedAdviceId: string | null, userName: string): Promise<void> {
  await db
    .insertInto('council_decisions')
    .values({ id: newId(), agenda_item_id: itemId, text, adopted_advice_id: adoptedAdviceId, ...createdColumns(userName) })
    .execute();
}

export async function findDecision(db: Db, id: string) {
  return db.selectFrom('council_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteDecision(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_decisions').where('id', '=', id).execute();
}

export async function findAdoption(db: Db, adviceId: string): Promise<AdoptionRef | null> {
  const row = await db
    .selectFrom('council_decisions as d')
    .innerJoin('council_agenda_items as i', 'i.id', 'd.agenda_item_id')
    .innerJoin('council_meetings as m', 'm.id', 'i.meeting_id')
    .select(['m.id as meetingId', 'm.meeting_date as meetingDate', 'd.text as decision'])
    .where('d.adopted_advice_id', '=', adviceId)
    .executeTakeFirst();
  return row ?? null;
}

// --- actions ---

function actionQuery(db: Db) {
  return db
    .selectFrom('council_actions as a')
    .innerJoin('council_members as o', 'o.id', 'a.owner_id')
    .innerJoin('council_meetings as m', 'm.id', 'a.meeting_id')
    .leftJoin('council_agenda_items as i', 'i.id', 'a.agenda_item_id')
    .selectAll('a')
    .select(['o.name as owner_name', 'm.meeting_date', 'i.title as item_title']);
}

type ActionRow = CouncilActionTable & { owner_name: string; meeting_date: string; item_title: string | null };

function toAction(row: ActionRow, today: string): CouncilAction {
  return {
    id: row.id,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    status: row.status,
    closedOn: row.closed_on,
    meetingId: row.meeting_id,
    meetingDate: row.meeting_date,
    agendaItemId: row.agenda_item_id,
    agendaItemTitle: row.item_title,
    overdue: isOverdue({ status: row.status, dueOn: row.due_on }, today),
  };
}

export async function listActions(db: Db, today: string, filter: { status?: ActionStatus | undefined; ids?: string[] } = {}): Promise<CouncilAction[]> {
  let query = actionQuery(db);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.ids) query = query.where('a.id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
  const rows = await query.orderBy('a.due_on').orderBy('a.id').execute();
  return rows.map((row) => toAction(row, today));
}

export async function findActionRow(db: Db, id: string) {
  return db.selectFrom('council_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ActionFields {
  description: string;
  ownerId: string;
  dueOn: string;
  meetingId: string;
  agendaItemId: string | null;
}

export async function insertAction(db: Db, fields: ActionFields, userName: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('council_actions')
    .values({
      id,
      description: fields.description,
      owner_id: fields.ownerId,
      due_on: fields.dueOn,
      status: 'open',
      closed_on: null,
      meeting_id: fields.meetingId,
      agenda_item_id: fields.agendaItemId,
      ...createdColumns(userName),
    })
    .execute();
  return id;
}

export async function updateAction(
  db: Db,
  id: string,
  fields: { description?: string | undefined; ownerId?: string | undefined; dueOn?: string | undefined; status?: ActionStatus | undefined; closedOn?: string | null },
  userName: string,
): Promise<void> {
  await db
    .updateTable('council_actions')
    .set({
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.ownerId !== undefined ? { owner_id: fields.ownerId } : {}),
      ...(fields.dueOn !== undefined ? { due_on: fields.dueOn } : {}),
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.closedOn !== undefined ? { closed_on: fields.closedOn } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteAction(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_actions').where('id', '=', id).execute();
}

// --- the whole meeting ---

export async function loadMeeting(db: Db, id: string, today: string): Promise<CouncilMeetingDetail | undefined> {
  const row = await findMeetingRow(db, id);
  if (!row) return undefined;
  const attendanceRows = await db
    .selectFrom('council_attendance as a')
    .innerJoin('council_members as m', 'm.id', 'a.member_id')
    .select(['a.member_id', 'a.present', 'm.name', 'm.role'])
    .where('a.meeting_id', '=', id)
    .orderBy('m.name')
    .execute();
  const attendance: Attendee[] = attendanceRows.map((attendee) => ({
    memberId: attendee.member_id,
    name: attendee.name,
    role: attendee.role,
    present: attendee.present === 1,
  }));
  const itemRows = await db
    .selectFrom('council_agenda_items as i')
    .leftJoin('advice_requests as r', 'r.id', 'i.request_id')
    .leftJoin('advices as a', 'a.id', 'i.advice_id')
    .leftJoin('advice_responses as p', 'p.id', 'i.response_id')
    .leftJoin('advices as pa', 'pa.id', 'p.advice_id')
    .selectAll('i')
    .select(['r.subject as request_subject', 'a.kenmerk as advice_kenmerk', 'a.betreft as advice_betreft', 'a.status as advice_status'])
    .select(['p.kenmerk as response_kenmerk', 'p.received_on as response_received_on', 'pa.kenmerk as response_advice_kenmerk'])
    .where('i.meeting_id', '=', id)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  const decisionRows =
    itemRows.length === 0
      ? []
      : await db
          .selectFrom('council_decisions')
          .selectAll()
          .where(
            'agenda_item_id',
            'in',
            itemRows.map((item) => item.id),
          )
          .orderBy('created_at')
          .orderBy('id')
          .execute();
  const items: AgendaItem[] = itemRows.map((item, index) => ({
    id: item.id,
    number: index + 1,
    title: item.title,
    request: item.request_id ? { id: item.request_id, label: item.request_subject ?? '' } : null,
    advice:
      item.advice_id && item.advice_status
        ? { id: item.advice_id, label: `${item.advice_kenmerk ?? ''} ${item.advice_betreft ?? ''}`.trim(), status: item.advice_status }
        : null,
    response: item.response_id
      ? { id: item.response_id, label: [item.response_advice_kenmerk, item.response_kenmerk || item.response_received_on].filter(Boolean).join(', ') }
      : null,
    monitoringPeriod: item.monitoring_period,
    notes: item.notes,
    decisions: decisionRows
      .filter((decision) => decision.agenda_item_id === item.id)
      .map((decision) => ({ id: decision.id, text: decision.text, adoptedAdviceId: decision.adopted_advice_id, createdAt: decision.created_at })),
  }));
  const candidateRows = await actionQuery(db).where('m.meeting_date', '<', row.meeting_date).orderBy('a.due_on').orderBy('a.id').execute();
  const carriedActions = candidateRows
    .filter((action) => carriesOver({ status: action.status, dueOn: action.due_on, closedOn: action.closed_on, meetingDate: action.meeting_date }, row.meeting_date))
    .map((action) => toAction(action, today));
  const newRows = await actionQuery(db).where('a.meeting_id', '=', id).orderBy('a.due_on').orderBy('a.id').execute();
  return {
    id: row.id,
    date: row.meeting_date,
    startTime: row.start_time,
    place: row.place,
    guests: row.guests,
    itemCount: items.length,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attendance,
    items,
    carriedActions,
    newActions: newRows.map((action) => toAction(action, today)),
  };
}

// --- planning ---

export async function listPlanning(db: Db, filter: { year?: number; ids?: string[] }): Promise<PlanningItem[]> {
  let query = db.selectFrom('council_planning_items as p').leftJoin('advice_requests as r', 'r.id', 'p.request_id').selectAll('p').select('r.subject as request_subject');
  if (filter.year !== undefined) query = query.where('p.year', '=', filter.year);
  if (filter.ids) query = query.where('p.id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
  const rows = await query.orderBy('p.year').orderBy('p.month').orderBy('p.title').orderBy('p.id').execute();
  const requestIds = rows.map((row) => row.request_id).filter((value): value is string => value !== null);
  const sent = new Set(
    requestIds.length === 0
      ? []
      : (
          await db
            .selectFrom('advices')
            .select('request_id')
            .where('request_id', 'in', requestIds)
            .where('status', '=', 'verzonden')
            .where('deleted_at', 'is', null)
            .execute()
        ).map((advice) => advice.request_id),
  );
  return rows.map((row) => {
    const state: PlanningState = row.request_id === null ? 'gepland' : sent.has(row.request_id) ? 'geadviseerd' : 'ontvangen';
    return {
      id: row.id,
      year: row.year,
      month: row.month,
      kind: row.kind,
      title: row.title,
      source: row.source,
      notes: row.notes,
      requestId: row.request_id,
      requestSubject: row.request_subject,
      state,
    };
  });
}

export interface PlanningFields {
  year: number;
  month: number;
  kind: PlanningKind;
  title: string;
  source: string;
  notes: string;
  requestId: string | null;
}

export async function insertPlanning(db: Db, fields: PlanningFields, userName: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('council_planning_items')
    .values({
      id,
      year: fields.year,
      month: fields.month,
      kind: fields.kind,
      title: fields.title,
      source: fields.source,
      notes: fields.notes,
      request_id: fields.requestId,
      ...createdColumns(userName),
    })
    .execute();
  return id;
}

export async function updatePlanning(db: Db, id: string, fields: Partial<PlanningFields>, userName: string): Promise<void> {
  await db
    .updateTable('council_planning_items')
    .set({
      ...(fields.year !== undefined ? { year: fields.year } : {}),
      ...(fields.month !== undefined ? { month: fields.month } : {}),
      ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.source !== undefined ? { source: fields.source } : {}),
      ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
      ...(fields.requestId !== undefined ? { request_id: fields.requestId } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function planningWithRequest(db: Db, requestId: string) {
  return db.selectFrom('council_planning_items').select('id').where('request_id', '=', requestId).executeTakeFirst();
}

export async function deletePlanning(db: Db, id: string): Promise<void> {
  await db.deleteFrom('council_planning_items').where('id', '=', id).execute();
}

// --- retention of personal data (privacy page) ---

/** Members who left before `leftBefore` and still have background or contact details on file. */
export async function membersPastRetention(db: Db, leftBefore: string): Promise<{ id: string; name: string; leftOn: string }[]> {
  const rows = await db
    .selectFrom('council_members')
    .select(['id', 'name', 'left_on'])
    .where('left_on', 'is not', null)
    .where('left_on', '<', leftBefore)
    .where((eb) => eb.or([eb('background', '!=', ''), eb('email', '!=', ''), eb('phone', '!=', '')]))
    .orderBy('left_on')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, leftOn: row.left_on ?? '' }));
}

/** Empties a member's personal data (background and contact details); name, role and terms stay for the records. */
export async function forgetMemberPersonalData(db: Db, id: string, userName: string): Promise<void> {
  await db
    .updateTable('council_members')
    .set({ background: '', email: '', phone: '', ...updatedColumns(userName) })
    .where('id', '=', id)
    .execute();
}

/** Whether a record an agenda item or planning item links to exists (an advice in the trash does not count). */
export async function linkedRecordExists(db: Db, table: 'advice_requests' | 'advices' | 'advice_responses', id: string): Promise<boolean> {
  if (table === 'advices') return (await db.selectFrom('advices').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) !== undefined;
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Items whose besluit adopted an advice keep the record of that adoption: they cannot go. */
export async function countAdoptionsIn(db: Db, itemIds: string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const rows = await db.selectFrom('council_decisions').select('id').where('agenda_item_id', 'in', itemIds).where('adopted_advice_id', 'is not', null).execute();
  return rows.length;
}

export async function agendaItemIdsOfMeeting(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db.selectFrom('council_agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
  return rows.map((row) => row.id);
}

export async function findAdviceToAdopt(db: Db, adviceId: string) {
  return db.selectFrom('advices').select(['kenmerk', 'betreft', 'status', 'deleted_at']).where('id', '=', adviceId).executeTakeFirst();
}
