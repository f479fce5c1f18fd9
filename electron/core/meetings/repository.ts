import { sql, type RawBuilder } from 'kysely';
import type { Meeting, MeetingDetail, MeetingFormat, MeetingPage, MeetingSearchInput, Programme, ThemeTable } from '../../../shared/api/meetings';
import type { Db } from '../db/connection';
import { fold, indexedBy, isPostgres } from '../db/dialect';
import { keptVisibleMeetingsCount } from '../db/findings-count';
import type { MeetingTable, ProgrammeTable, ThemeTableTable } from '../db/schema';
import { onlyVisibleFindings } from '../findings/repository';
import { likePattern } from '../findings/text';
import { createdColumns, newId, nowIso, updatedColumns } from '../ids';
import { nameKey } from '../name-key';

// --- Programmes ---

export async function listProgrammes(db: Db): Promise<Programme[]> {
  const rows = await db
    .selectFrom('programmes as p')
    .selectAll('p')
    .select((eb) =>
      eb.selectFrom('meetings as m').whereRef('m.programme_id', '=', 'p.id').where('m.deleted_at', 'is', null).select(eb.fn.countAll<number>().as('n')).as('meeting_count'),
    )
    .orderBy('p.name_key')
    .execute();
  return rows.map((row) => toProgramme(row, Number(row.meeting_count ?? 0)));
}

function toProgramme(row: ProgrammeTable, meetingCount: number): Programme {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    meetingCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findProgramme(db: Db, id: string): Promise<Programme | undefined> {
  return (await listProgrammes(db)).find((programme) => programme.id === id);
}

export async function findProgrammeByName(db: Db, name: string): Promise<ProgrammeTable | undefined> {
  return db.selectFrom('programmes').selectAll().where('name_key', '=', nameKey(name)).executeTakeFirst();
}

export async function insertProgramme(db: Db, fields: { name: string; description: string }, userName: string, id = newId()): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('programmes')
    .values({ id, name: fields.name, name_key: nameKey(fields.name), description: fields.description, created_at: now, updated_at: now, created_by: userName, updated_by: userName })
    .execute();
  return id;
}

export async function updateProgramme(db: Db, id: string, fields: { name?: string; description?: string }, userName: string): Promise<void> {
  await db
    .updateTable('programmes')
    .set({
      ...(fields.name !== undefined ? { name: fields.name, name_key: nameKey(fields.name) } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteProgramme(db: Db, id: string): Promise<void> {
  await db.deleteFrom('programmes').where('id', '=', id).execute();
}

// --- Meetings ---

export interface MeetingFields {
  title: string;
  programmeId: string | null;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  format: MeetingFormat;
  attendeeCount: number | null;
  organiser: string;
  notes: string;
  notesContainPersonalData: boolean;
}

type MeetingRow = MeetingTable & { programme_name: string | null; finding_count: number | string | bigint | null };

/** Meetings outside the trash (`m`) with their programme (`p`): what every meeting read starts from. */
function visibleMeetings(db: Db) {
  return db.selectFrom('meetings as m').leftJoin('programmes as p', 'p.id', 'm.programme_id').where('m.deleted_at', 'is', null);
}

/** The columns of a `Meeting`: the meeting, its programme's name and the number of its findings outside the trash. */
function selectMeetingColumns(query: ReturnType<typeof visibleMeetings>) {
  return query
    .selectAll('m')
    .select('p.name as programme_name')
    .select((eb) =>
      onlyVisibleFindings(eb.selectFrom('findings as f').whereRef('f.meeting_id', '=', 'm.id'))
        .select(eb.fn.countAll<number>().as('n'))
        .as('finding_count'),
    );
}

/** Meetings outside the trash, each with the number of its findings outside the trash. */
function meetingQuery(db: Db) {
  return selectMeetingColumns(visibleMeetings(db));
}

async function wijkenOf(db: Db, meetingIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const map = new Map<string, { id: string; name: string }[]>();
  if (meetingIds.length === 0) return map;
  const rows: { meeting_id: string; id: string; name: string }[] = [];
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < meetingIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('meeting_wijken as mw')
        .innerJoin('wijken as w', 'w.id', 'mw.wijk_id')
        .select(['mw.meeting_id', 'w.id', 'w.name'])
        .where('mw.meeting_id', 'in', meetingIds.slice(i, i + 500))
        .orderBy('w.name_key')
        .execute()),
    );
  }
  for (const row of rows) {
    const list = map.get(row.meeting_id) ?? [];
    list.push({ id: row.id, name: row.name });
    map.set(row.meeting_id, list);
  }
  return map;
}

function toMeeting(row: MeetingRow, wijken: { id: string; name: string }[]): Meeting {
  return {
    id: row.id,
    title: row.title,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    date: row.meeting_date,
    startTime: row.start_time,
    endTime: row.end_time,
    location: row.location,
    format: row.format,
    attendeeCount: row.attendee_count,
    organiser: row.organiser,
    notes: row.notes,
    notesContainPersonalData: row.notes_contain_personal_data === 1,
    wijken,
    findingCount: Number(row.finding_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

export async function listMeetings(db: Db, filter: { programmeId?: string | undefined; fromDate?: string | undefined; toDate?: string | undefined } = {}): Promise<Meeting[]> {
  let query = meetingQuery(db);
  if (filter.programmeId) query = query.where('m.programme_id', '=', filter.programmeId);
  if (filter.fromDate) query = query.where('m.meeting_date', '>=', filter.fromDate);
  if (filter.toDate) query = query.where('m.meeting_date', '<=', filter.toDate);
  const rows = await query.orderBy('m.meeting_date', 'desc').orderBy('m.start_time', 'desc').orderBy('m.id').execute();
  const wijken = await wijkenOf(db, rows.map((row) => row.id));
  return rows.map((row) => toMeeting(row, wijken.get(row.id) ?? []));
}

type MeetingFilter = Omit<MeetingSearchInput, 'sort' | 'offset' | 'limit'>;

/** Meetings outside the trash that a search and its filters keep; the same condition for a page and its total. */
function filteredMeetings(db: Db, filter: MeetingFilter) {
  let query = visibleMeetings(db);
  for (const word of filter.query.split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word);
    query = query.where((eb) =>
      eb.or(
        ['m.title', 'm.location', 'm.organiser', 'p.name'].map((column) => eb(fold(db, sql.ref(column)), 'like', sql<string>`${pattern} escape '\\'`)),
      ),
    );
  }
  if (filter.programmeId) query = query.where('m.programme_id', '=', filter.programmeId);
  if (filter.format) query = query.where('m.format', '=', filter.format);
  if (filter.fromDate) query = query.where('m.meeting_date', '>=', filter.fromDate);
  if (filter.toDate) query = query.where('m.meeting_date', '<=', filter.toDate);
  if (filter.wijkId) {
    const wijkId = filter.wijkId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('meeting_wijken as mw').select(sql`1`.as('one')).whereRef('mw.meeting_id', '=', 'm.id').where('mw.wijk_id', '=', wijkId)),
    );
  }
  return query;
}

/** One page of meetings, searched and filtered, with how many match in all. */
export async function searchMeetings(db: Db, input: MeetingSearchInput): Promise<MeetingPage> {
  const { sort, offset, limit, ...filter } = input;
  let query = selectMeetingColumns(filteredMeetings(db, filter));
  if (sort === 'title') query = query.orderBy(fold(db, sql.ref('m.title'))).orderBy('m.meeting_date', 'desc').orderBy('m.id');
  else {
    const direction = sort === 'dateAsc' ? 'asc' : 'desc';
    query = query.orderBy('m.meeting_date', direction).orderBy('m.start_time', direction).orderBy('m.id');
  }
  const rows = (await query.limit(limit).offset(offset).execute()) as MeetingRow[];
  const total = await filteredMeetings(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const wijken = await wijkenOf(db, rows.map((row) => row.id));
  return { rows: rows.map((row) => toMeeting(row, wijken.get(row.id) ?? [])), total: Number(total.n), offset, limit };
}

/** Meetings from `today` on, soonest first, the first `limit` of them and how many there are (for the start page). */
export async function upcomingMeetings(db: Db, today: string, limit: number): Promise<{ rows: Meeting[]; total: number }> {
  const rows = await meetingQuery(db).where('m.meeting_date', '>=', today).orderBy('m.meeting_date').orderBy('m.start_time').orderBy('m.id').limit(limit).execute();
  const total = await db
    .selectFrom('meetings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('meeting_date', '>=', today)
    .executeTakeFirstOrThrow();
  const wijken = await wijkenOf(db, rows.map((row) => row.id));
  return { rows: rows.map((row) => toMeeting(row, wijken.get(row.id) ?? [])), total: Number(total.n) };
}

export async function findMeeting(db: Db, id: string): Promise<MeetingDetail | undefined> {
  const row = await meetingQuery(db).where('m.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const wijken = await wijkenOf(db, [id]);
  return { ...toMeeting(row, wijken.get(id) ?? []), tables: await listThemeTables(db, id) };
}

/**
 * The number of meetings not in the trash, as an expression for a select (signals.list's total), the
 * cheapest way each store has. PostgreSQL visits rows for any count, so it keeps the number (migration
 * 0019). SQLite: all meetings minus those in the trash, as `countVisibleFindings` does: a count without
 * a WHERE reads only the primary key's b-tree and the trashed ones are in their own partial index
 * (1,000 meetings: 42 → 2.4 µs; "deleted_at is null" read every row).
 */
export function visibleMeetingsCount(db: Db): RawBuilder<number> {
  if (isPostgres(db)) return keptVisibleMeetingsCount();
  return sql<number>`((select count(*) from meetings)
    - (select count(*) from meetings ${indexedBy(db, 'meetings_in_trash')} where deleted_at is not null))`;
}

export async function insertMeeting(db: Db, fields: MeetingFields, userName: string, id = newId()): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('meetings')
    .values({
      id,
      title: fields.title,
      programme_id: fields.programmeId,
      meeting_date: fields.date,
      start_time: fields.startTime,
      end_time: fields.endTime,
      location: fields.location,
      format: fields.format,
      attendee_count: fields.attendeeCount,
      organiser: fields.organiser,
      notes: fields.notes,
      notes_contain_personal_data: fields.notesContainPersonalData ? 1 : 0,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function updateMeeting(db: Db, id: string, fields: Partial<MeetingFields>, userName: string): Promise<void> {
  await db
    .updateTable('meetings')
    .set({
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.programmeId !== undefined ? { programme_id: fields.programmeId } : {}),
      ...(fields.date !== undefined ? { meeting_date: fields.date } : {}),
      ...(fields.startTime !== undefined ? { start_time: fields.startTime } : {}),
      ...(fields.endTime !== undefined ? { end_time: fields.endTime } : {}),
      ...(fields.location !== undefined ? { location: fields.location } : {}),
      ...(fields.format !== undefined ? { format: fields.format } : {}),
      ...(fields.attendeeCount !== undefined ? { attendee_count: fields.attendeeCount } : {}),
      ...(fields.organiser !== undefined ? { organiser: fields.organiser } : {}),
      ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
      ...(fields.notesContainPersonalData !== undefined ? { notes_contain_personal_data: fields.notesContainPersonalData ? 1 : 0 } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function setMeetingWijken(db: Db, meetingId: string, wijkIds: string[]): Promise<void> {
  await db.deleteFrom('meeting_wijken').where('meeting_id', '=', meetingId).execute();
  const unique = [...new Set(wijkIds)];
  if (unique.length > 0) await db.insertInto('meeting_wijken').values(unique.map((wijkId) => ({ meeting_id: meetingId, wijk_id: wijkId }))).execute();
}

// --- Theme tables ---

function toThemeTable(row: ThemeTableTable): ThemeTable {
  return { id: row.id, meetingId: row.meeting_id, position: row.position, theme: row.theme, facilitator: row.facilitator, updatedAt: row.updated_at };
}

export async function listThemeTables(db: Db, meetingId: string): Promise<ThemeTable[]> {
  const rows = await db.selectFrom('theme_tables').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
  return rows.map(toThemeTable);
}

export async function findThemeTable(db: Db, id: string): Promise<ThemeTable | undefined> {
  const row = await db.selectFrom('theme_tables').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toThemeTable(row);
}

export async function insertThemeTable(
  db: Db,
  fields: { meetingId: string; theme: string; facilitator: string },
  userName: string,
  id = newId(),
): Promise<ThemeTable> {
  const now = nowIso();
  const last = await db
    .selectFrom('theme_tables')
    .select((eb) => eb.fn.max<number>('position').as('p'))
    .where('meeting_id', '=', fields.meetingId)
    .executeTakeFirst();
  const row: ThemeTableTable = {
    id,
    meeting_id: fields.meetingId,
    position: (last?.p ?? 0) + 1,
    theme: fields.theme,
    facilitator: fields.facilitator,
    ...createdColumns(userName, now),
  };
  await db.insertInto('theme_tables').values(row).execute();
  return toThemeTable(row);
}

/** Renaming a table's theme renames it on the findings captured there, so filters stay right. */
export async function updateThemeTable(db: Db, id: string, fields: { theme?: string; facilitator?: string }, userName: string): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('theme_tables')
    .set({
      ...(fields.theme !== undefined ? { theme: fields.theme } : {}),
      ...(fields.facilitator !== undefined ? { facilitator: fields.facilitator } : {}),
      updated_at: now,
      updated_by: userName,
    })
    .where('id', '=', id)
    .execute();
  if (fields.theme !== undefined) {
    await db.updateTable('findings').set({ theme: fields.theme, updated_at: now, updated_by: userName }).where('theme_table_id', '=', id).execute();
  }
}

export async function deleteThemeTable(db: Db, id: string): Promise<void> {
  await db.deleteFrom('theme_tables').where('id', '=', id).execute();
}

export async function countFindingsAtTable(db: Db, id: string): Promise<number> {
  const row = await db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).where('theme_table_id', '=', id).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A meeting outside the trash, by id: only its title (for report headings). */
export async function findMeetingTitle(db: Db, id: string): Promise<{ id: string; title: string } | undefined> {
  return db.selectFrom('meetings').select(['id', 'title']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findProgrammeName(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('programmes').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The meetings of a programme outside the trash. */
export async function meetingIdsOfProgramme(db: Db, programmeId: string): Promise<string[]> {
  return (await db.selectFrom('meetings').select('id').where('programme_id', '=', programmeId).where('deleted_at', 'is', null).execute()).map((row) => row.id);
}

/** What an import checks its rows against, loaded once: meetings outside the trash, their wijken, all wijken. */
export async function meetingsAndWijkenForImport(db: Db) {
  const meetings = await db.selectFrom('meetings').select(['id', 'title', 'meeting_date']).where('deleted_at', 'is', null).execute();
  const meetingWijken = await db.selectFrom('meeting_wijken').select(['meeting_id', 'wijk_id']).execute();
  const wijken = await db.selectFrom('wijken').select(['id', 'name_key']).execute();
  return { meetings, meetingWijken, wijken };
}
