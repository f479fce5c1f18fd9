import { sql } from 'kysely';
import type {
  Assessment,
  CollegeResponse,
  Commitment,
  CommitmentDue,
  CommitmentStatus,
  FollowupEntry,
  Position,
  PositionRecord,
  RecommendationPosition,
  StatusChange,
} from '../../../shared/api/responses';
import { addDays } from '../../../shared/calendar';
import { dueInfo } from '../../../shared/responses/deadlines';
import type { FollowupState } from '../../../shared/responses/status';
import type { Db } from '../db/connection';
import { addDays as dialectAddDays, daysBetween, joinInOrder } from '../db/dialect';
import { createdColumns, newId, nowIso, updatedColumns } from '../ids';

// ---- follow-up state and audit trail -------------------------------------------------------

export async function findFollowupState(db: Db, adviceId: string): Promise<FollowupState | null> {
  const row = await db.selectFrom('advice_followup').select('state').where('advice_id', '=', adviceId).executeTakeFirst();
  return row?.state ?? null;
}

/** Sets (or clears, with null) the follow-up state and writes the change to the audit trail. */
export async function writeFollowupState(db: Db, adviceId: string, from: string, to: FollowupState | null, userName: string): Promise<void> {
  const now = nowIso();
  if (to === null) await db.deleteFrom('advice_followup').where('advice_id', '=', adviceId).execute();
  else
    await db
      .insertInto('advice_followup')
      .values({ advice_id: adviceId, state: to, changed_at: now, changed_by: userName })
      .onConflict((oc) => oc.column('advice_id').doUpdateSet({ state: to, changed_at: now, changed_by: userName }))
      .execute();
  await db
    .insertInto('advice_status_log')
    .values({ advice_id: adviceId, from_status: from, to_status: to ?? 'verzonden', changed_at: now, changed_by: userName })
    .execute();
}

export async function listStatusChanges(db: Db, adviceId: string): Promise<StatusChange[]> {
  const rows = await db.selectFrom('advice_status_log').selectAll().where('advice_id', '=', adviceId).orderBy('id').execute();
  return rows.map((row) => ({ fromStatus: row.from_status, toStatus: row.to_status, changedAt: row.changed_at, changedBy: row.changed_by }));
}

// ---- responses ----------------------------------------------------------------------------

export interface StoredAttachment {
  name: string;
  file: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface ResponseRow {
  id: string;
  adviceId: string;
  attachment: StoredAttachment | null;
}

function toResponse(row: {
  id: string;
  advice_id: string;
  received_on: string;
  kenmerk: string;
  summary: string;
  attachment_name: string | null;
  attachment_media_type: string | null;
  attachment_size: number | null;
  attachment_sha256: string | null;
  created_at: string;
  created_by: string;
}): CollegeResponse {
  return {
    id: row.id,
    adviceId: row.advice_id,
    receivedOn: row.received_on,
    kenmerk: row.kenmerk,
    summary: row.summary,
    attachment:
      row.attachment_name && row.attachment_sha256
        ? { fileName: row.attachment_name, mediaType: row.attachment_media_type ?? '', size: row.attachment_size ?? 0, sha256: row.attachment_sha256 }
        : null,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export async function listResponses(db: Db, adviceId: string): Promise<CollegeResponse[]> {
  const rows = await db.selectFrom('advice_responses').selectAll().where('advice_id', '=', adviceId).orderBy('received_on').orderBy('id').execute();
  return rows.map(toResponse);
}

export async function countResponses(db: Db, adviceId: string): Promise<number> {
  const row = await db.selectFrom('advice_responses').select((eb) => eb.fn.countAll<number>().as('count')).where('advice_id', '=', adviceId).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function findResponse(db: Db, id: string): Promise<ResponseRow | undefined> {
  const row = await db.selectFrom('advice_responses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    adviceId: row.advice_id,
    attachment:
      row.attachment_file && row.attachment_name
        ? { name: row.attachment_name, file: row.attachment_file, mediaType: row.attachment_media_type ?? '', size: row.attachment_size ?? 0, sha256: row.attachment_sha256 ?? '' }
        : null,
  };
}

function attachmentColumns(attachment: StoredAttachment | null | undefined) {
  if (attachment === undefined) return {};
  return {
    attachment_name: attachment?.name ?? null,
    attachment_file: attachment?.file ?? null,
    attachment_media_type: attachment?.mediaType ?? null,
    attachment_size: attachment?.size ?? null,
    attachment_sha256: attachment?.sha256 ?? null,
  };
}

export async function insertResponse(
  db: Db,
  id: string,
  fields: { adviceId: string; receivedOn: string; kenmerk: string; summary: string; attachment: StoredAttachment | null },
  userName: string,
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('advice_responses')
    .values({
      id,
      advice_id: fields.adviceId,
      received_on: fields.receivedOn,
      kenmerk: fields.kenmerk,
      summary: fields.summary,
      ...attachmentColumns(fields.attachment),
      ...createdColumns(userName, now),
    })
    .execute();
}

export async function updateResponse(
  db: Db,
  id: string,
  fields: { receivedOn?: string | undefined; kenmerk?: string | undefined; summary?: string | undefined; attachment?: StoredAttachment | undefined },
  userName: string,
): Promise<void> {
  await db
    .updateTable('advice_responses')
    .set({
      ...(fields.receivedOn !== undefined ? { received_on: fields.receivedOn } : {}),
      ...(fields.kenmerk !== undefined ? { kenmerk: fields.kenmerk } : {}),
      ...(fields.summary !== undefined ? { summary: fields.summary } : {}),
      ...attachmentColumns(fields.attachment),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteResponse(db: Db, id: string): Promise<void> {
  await db.deleteFrom('advice_responses').where('id', '=', id).execute();
}

// ---- positions ----------------------------------------------------------------------------

export async function listPositions(db: Db, adviceId: string): Promise<Map<string, RecommendationPosition>> {
  const rows = await db.selectFrom('recommendation_positions').selectAll().where('advice_id', '=', adviceId).execute();
  return new Map(
    rows.map((row) => [
      row.item_id,
      {
        itemId: row.item_id,
        position: row.position,
        collegeText: row.college_text,
        assessment: row.assessment,
        notes: row.notes,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      },
    ]),
  );
}

export async function upsertPosition(
  db: Db,
  fields: { itemId: string; adviceId: string; position: Position; collegeText: string; assessment: Assessment | null; notes: string },
  userName: string,
): Promise<void> {
  const now = nowIso();
  const values = { position: fields.position, college_text: fields.collegeText, assessment: fields.assessment, notes: fields.notes, updated_at: now, updated_by: userName };
  await db
    .insertInto('recommendation_positions')
    .values({ id: newId(), item_id: fields.itemId, advice_id: fields.adviceId, ...values, created_at: now, created_by: userName })
    .onConflict((oc) => oc.column('item_id').doUpdateSet(values))
    .execute();
}

export async function deletePosition(db: Db, itemId: string): Promise<void> {
  await db.deleteFrom('recommendation_positions').where('item_id', '=', itemId).execute();
}

// ---- commitments --------------------------------------------------------------------------

export async function listCommitments(db: Db, adviceId: string, today: string): Promise<Commitment[]> {
  const rows = await db.selectFrom('commitments').selectAll().where('advice_id', '=', adviceId).orderBy('due_on').orderBy('id').execute();
  const links = rows.length
    ? await db
        .selectFrom('commitment_recommendations')
        .select(['commitment_id', 'item_id'])
        .where(
          'commitment_id',
          'in',
          rows.map((row) => row.id),
        )
        .execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    adviceId: row.advice_id,
    description: row.description,
    owner: row.owner,
    dueOn: row.due_on,
    status: row.status,
    notes: row.notes,
    itemIds: links.filter((link) => link.commitment_id === row.id).map((link) => link.item_id),
    due: dueInfo(row.due_on, today),
    updatedAt: row.updated_at,
  }));
}

export async function findCommitment(db: Db, id: string) {
  return db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface CommitmentFields {
  description: string;
  owner: string;
  dueOn: string;
  status: CommitmentStatus;
  notes: string;
}

export async function insertCommitment(db: Db, id: string, adviceId: string, fields: CommitmentFields, userName: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('commitments')
    .values({
      id,
      advice_id: adviceId,
      description: fields.description,
      owner: fields.owner,
      due_on: fields.dueOn,
      status: fields.status,
      notes: fields.notes,
      ...createdColumns(userName, now),
    })
    .execute();
}

export async function updateCommitment(db: Db, id: string, fields: Partial<CommitmentFields>, userName: string): Promise<void> {
  await db
    .updateTable('commitments')
    .set({
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.owner !== undefined ? { owner: fields.owner } : {}),
      ...(fields.dueOn !== undefined ? { due_on: fields.dueOn } : {}),
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceCommitmentItems(db: Db, commitmentId: string, itemIds: string[]): Promise<void> {
  await db.deleteFrom('commitment_recommendations').where('commitment_id', '=', commitmentId).execute();
  if (itemIds.length > 0)
    await db
      .insertInto('commitment_recommendations')
      .values(itemIds.map((itemId) => ({ commitment_id: commitmentId, item_id: itemId })))
      .execute();
}

export async function deleteCommitment(db: Db, id: string): Promise<void> {
  await db.deleteFrom('commitments').where('id', '=', id).execute();
}

// ---- follow-up log ------------------------------------------------------------------------

export async function listEntries(db: Db, adviceId: string): Promise<FollowupEntry[]> {
  const rows = await db.selectFrom('followup_entries').selectAll().where('advice_id', '=', adviceId).orderBy('entry_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    adviceId: row.advice_id,
    itemId: row.item_id,
    commitmentId: row.commitment_id,
    entryOn: row.entry_on,
    who: row.who,
    text: row.text,
    containsPersonalData: row.contains_personal_data === 1,
    createdAt: row.created_at,
  }));
}

export async function findEntry(db: Db, id: string) {
  return db.selectFrom('followup_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEntry(
  db: Db,
  fields: { adviceId: string; itemId: string | null; commitmentId: string | null; entryOn: string; who: string; text: string; containsPersonalData: boolean },
  userName: string,
): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('followup_entries')
    .values({
      id,
      advice_id: fields.adviceId,
      item_id: fields.itemId,
      commitment_id: fields.commitmentId,
      entry_on: fields.entryOn,
      who: fields.who,
      text: fields.text,
      contains_personal_data: fields.containsPersonalData ? 1 : 0,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db.deleteFrom('followup_entries').where('id', '=', id).execute();
}

// ---- dashboard (aggregated in SQL) -------------------------------------------------------
// Everything here hangs off sent advices (responses, positions and commitments need one), and the
// database never lets a sent advice, or one that was ever sent, into the trash (trigger
// advices_sent_not_trashed, migration 0012). So these queries need no trash condition; one on the
// commitments count cost a lookup per commitment (0.03 -> 0.53 ms).

/** Sent advices without an answer yet (no follow-up state), oldest first, with their due date. */
export async function awaitingAdvices(db: Db, termWeeks: number, today: string) {
  const days = termWeeks * 7;
  return db
    .selectFrom('advices')
    .leftJoin('advice_followup', 'advice_followup.advice_id', 'advices.id')
    .select([
      'advices.id',
      'advices.kenmerk',
      'advices.betreft',
      'advices.sent_on',
      dialectAddDays(db, sql.ref('advices.sent_on'), days).as('due_on'),
      sql<number>`${daysBetween(db, sql.ref('advices.sent_on'), sql`${today}`)} - ${days}`.as('days_overdue'),
    ])
    .where('advices.status', '=', 'verzonden')
    .where('advices.sent_on', 'is not', null)
    .where('advices.sent_on', '<=', today)
    .where('advice_followup.advice_id', 'is', null)
    .orderBy('advices.sent_on')
    .execute();
}

/** Open and running commitments due before `today + windowDays`: overdue and due soon together. */
export async function commitmentsDue(db: Db, today: string, windowDays: number): Promise<CommitmentDue[]> {
  const limit = addDays(today, windowDays);
  const rows = await db
    .selectFrom('commitments')
    .innerJoin('advices', 'advices.id', 'commitments.advice_id')
    .select([
      'commitments.id',
      'commitments.advice_id',
      'advices.kenmerk',
      'commitments.description',
      'commitments.owner',
      'commitments.due_on',
      'commitments.status',
      daysBetween(db, sql.ref('commitments.due_on'), sql`${today}`).as('days_overdue'),
    ])
    .where('commitments.status', 'in', ['open', 'lopend'])
    .where('commitments.due_on', '<=', limit)
    .orderBy('commitments.due_on')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    adviceId: row.advice_id,
    kenmerk: row.kenmerk,
    description: row.description,
    owner: row.owner,
    dueOn: row.due_on,
    status: row.status,
    daysOverdue: Math.max(0, row.days_overdue),
  }));
}

/**
 * Counts of positions per year of sending and position; advices sent per year. On SQLite
 * `joinInOrder` (CROSS JOIN) fixes the join order (sent advices by index, then their positions by covering index),
 * which keeps this at a few ms for 20,000 recommendations.
 */
export async function positionCounts(db: Db) {
  const [positions, advices] = await Promise.all([
    sql<{ year: string; position: Position; count: number }>`select substr(a.sent_on, 1, 4) as year, p.position as position, count(*) as count
      from advices a ${joinInOrder(db)} recommendation_positions p on p.advice_id = a.id
      where a.status = 'verzonden' and a.sent_on is not null group by 1, 2`
      .execute(db)
      .then((result) => result.rows),
    db
      .selectFrom('advices')
      .select([sql<string>`substr(sent_on, 1, 4)`.as('year'), (eb) => eb.fn.countAll<number>().as('count')])
      .where('status', '=', 'verzonden')
      .where('sent_on', 'is not', null)
      .groupBy(sql`substr(sent_on, 1, 4)`)
      .execute(),
  ]);
  return { positions, advices };
}

export async function positionRecords(db: Db, year: number, position: Position | undefined): Promise<PositionRecord[]> {
  let query = db
    .selectFrom('recommendation_positions')
    .innerJoin('advices', 'advices.id', 'recommendation_positions.advice_id')
    .innerJoin('advice_items', 'advice_items.id', 'recommendation_positions.item_id')
    .select([
      'advices.id as adviceId',
      'advices.kenmerk',
      'advices.betreft',
      'advice_items.id as itemId',
      'advice_items.text',
      'recommendation_positions.position',
      'recommendation_positions.college_text as collegeText',
    ])
    .where('advices.sent_on', '>=', `${year}-01-01`)
    .where('advices.sent_on', '<=', `${year}-12-31`);
  if (position) query = query.where('recommendation_positions.position', '=', position);
  return query.orderBy('advices.sent_on').orderBy('advices.kenmerk').orderBy('advice_items.position').limit(2000).execute();
}

export async function countOverdue(db: Db, termWeeks: number, today: string): Promise<{ advices: number; commitments: number }> {
  const adviceDueBefore = addDays(today, -termWeeks * 7);
  const [advices, commitments] = await Promise.all([
    db
      .selectFrom('advices')
      .leftJoin('advice_followup', 'advice_followup.advice_id', 'advices.id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('advices.status', '=', 'verzonden')
      .where('advices.sent_on', '<', adviceDueBefore)
        .where('advice_followup.advice_id', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('commitments')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', 'in', ['open', 'lopend'])
      .where('due_on', '<', today)
      .executeTakeFirst(),
  ]);
  return { advices: Number(advices?.count ?? 0), commitments: Number(commitments?.count ?? 0) };
}

export async function getSeen(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('overdue_seen').select('seen_on').where('key', '=', key).executeTakeFirst();
  return row?.seen_on ?? null;
}

export async function setSeen(db: Db, key: string, seenOn: string): Promise<void> {
  await db
    .insertInto('overdue_seen')
    .values({ key, seen_on: seenOn })
    .onConflict((oc) => oc.column('key').doUpdateSet({ seen_on: seenOn }))
    .execute();
}

// ---- advice items and findings as the follow-up sees them -------------------------------------

export async function findAdviceItem(db: Db, itemId: string) {
  return db.selectFrom('advice_items').select(['id', 'advice_id', 'kind']).where('id', '=', itemId).executeTakeFirst();
}

/** Those of `itemIds` that are recommendations of the advice. */
export async function recommendationsOfAdvice(db: Db, adviceId: string, itemIds: string[]): Promise<{ id: string }[]> {
  return db
    .selectFrom('advice_items')
    .select('id')
    .where('id', 'in', itemIds)
    .where('advice_id', '=', adviceId)
    .where('kind', '=', 'aanbeveling')
    .execute();
}

/** The advices dated in a year, in date and kenmerk order (the adviezenoverzicht). */
export async function advicesOfYear(db: Db, year: number) {
  return db
    .selectFrom('advices')
    .select(['id', 'kind', 'advice_date'])
    .where('advice_date', '>=', `${year}-01-01`)
    .where('advice_date', '<=', `${year}-12-31`)
    .where('deleted_at', 'is', null)
    .orderBy('advice_date')
    .orderBy('kenmerk')
    .execute();
}

/** The findings of meetings (outside the trash), in meeting and capture order, with the meeting's title. */
export async function findingsOfMeetings(db: Db, meetingIds: string[]) {
  return db
    .selectFrom('findings')
    .innerJoin('meetings', 'meetings.id', 'findings.meeting_id')
    .select(['findings.id', 'findings.text', 'findings.contains_personal_data', 'meetings.title as meetingTitle'])
    .where('findings.meeting_id', 'in', meetingIds)
    .where('findings.deleted_at', 'is', null)
    .where('findings.meeting_deleted_at', 'is', null)
    .orderBy('meetings.meeting_date')
    .orderBy('findings.seq')
    .execute();
}

/** The advice items that cite the findings: directly, and through a signal. */
export async function itemsCitingFindings(db: Db, findingIds: string[]): Promise<{ direct: { finding_id: string; item_id: string }[]; viaSignal: { finding_id: string; item_id: string }[] }> {
  if (findingIds.length === 0) return { direct: [], viaSignal: [] };
  const direct = await db.selectFrom('advice_item_findings').select(['finding_id', 'item_id']).where('finding_id', 'in', findingIds).execute();
  const viaSignal = await db
    .selectFrom('signal_findings')
    .innerJoin('advice_item_signals', 'advice_item_signals.signal_id', 'signal_findings.signal_id')
    .select(['signal_findings.finding_id', 'advice_item_signals.item_id'])
    .where('signal_findings.finding_id', 'in', findingIds)
    .execute();
  return { direct, viaSignal };
}

/** Of the items, those of sent advices (outside the trash), with their advice. */
export async function itemsOfSentAdvices(db: Db, itemIds: string[]): Promise<{ id: string; advice_id: string }[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('advice_items')
    .innerJoin('advices', 'advices.id', 'advice_items.advice_id')
    .select(['advice_items.id', 'advice_items.advice_id'])
    .where('advice_items.id', 'in', itemIds)
    .where('advices.status', '=', 'verzonden')
    .where('advices.deleted_at', 'is', null)
    .execute();
}
