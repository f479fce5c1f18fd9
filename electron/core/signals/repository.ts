import { sql } from 'kysely';
import type { Signal } from '../../../shared/api/meetings';
import type { Db } from '../db/connection';
import { fold, totalsInPageQuery } from '../db/dialect';
import { keptSignalsCount } from '../db/findings-count';
import { likePattern } from '../findings/text';
import { visibleMeetingsCount } from '../meetings/repository';
import type { SignalTable } from '../db/schema';
import { newId, nowIso, updatedColumns } from '../ids';

type SignalRow = Omit<SignalTable, 'finding_count' | 'meeting_count' | 'wijk_count'> & {
  finding_count: number;
  meeting_count: number;
  wijk_count: number;
};

function toSignal(row: SignalRow): Signal {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priority: row.priority,
    votes: row.votes,
    findingCount: row.finding_count,
    meetingCount: row.meeting_count,
    wijkCount: row.wijk_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type SignalSort = 'meetings' | 'votes' | 'priority' | 'title' | 'updated';

export interface SignalFilter {
  /** Words that must each occur in the title or description (folded: case and accents ignored). */
  query?: string | undefined;
  wijkId?: string | undefined;
  priority?: number | undefined;
  minMeetings?: number | undefined;
}

/** The signals a filter keeps; the same condition for the page and its total. */
function filteredSignals(db: Db, filter: SignalFilter) {
  let query = db.selectFrom('signals as s');
  for (const word of (filter.query ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word);
    query = query.where((eb) =>
      eb.or([eb(fold(db, sql.ref('s.title')), 'like', sql<string>`${pattern} escape '\\'`), eb(fold(db, sql.ref('s.description')), 'like', sql<string>`${pattern} escape '\\'`)]),
    );
  }
  if (filter.priority !== undefined) query = query.where('s.priority', '=', filter.priority);
  if (filter.minMeetings !== undefined) query = query.where('s.meeting_count', '>=', filter.minMeetings);
  if (filter.wijkId !== undefined) {
    const wijkId = filter.wijkId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('signal_findings as sf')
          .innerJoin('findings as f', 'f.id', 'sf.finding_id')
          .select(sql`1`.as('one'))
          .whereRef('sf.signal_id', '=', 's.id')
          .where('f.wijk_id', '=', wijkId)
          .where('f.deleted_at', 'is', null)
          .where('f.meeting_deleted_at', 'is', null),
      ),
    );
  }
  return query;
}

/**
 * Signals in the chosen order, one page, with the number matching the filter and the number of meetings
 * (the screen's "in N of M bijeenkomsten"). The counts are columns maintained by triggers (migration
 * 0002), so the default order "most distinct meetings first" reads the signals_by_meeting_count index.
 * On PostgreSQL both totals ride along with the page as uncorrelated scalar subqueries (each computed
 * once): one round trip instead of three, which was most of the call (issue 13; `totalsInPageQuery`);
 * unfiltered they are numbers the store keeps (migration 0019), as counting 10,000 rows was the rest.
 * A page past the end has no row to carry them, so they are then asked for on their own. On SQLite
 * both totals come in one statement after the page (see `totalsInPageQuery` for why not in it).
 */
export async function listSignals(
  db: Db,
  sort: SignalSort,
  offset: number,
  limit: number,
  filter: SignalFilter = {},
): Promise<{ rows: Signal[]; total: number; totalMeetings: number }> {
  const matching = () => filteredSignals(db, filter).select((eb) => eb.fn.countAll<number>().as('n'));
  const inline = totalsInPageQuery(db);
  // Inline (PostgreSQL): without a filter the total is every signal, a number kept by migration 0019, as
  // is the meetings count; with one, a count under the same conditions.
  const unfiltered = Object.entries(filter).every(([key, value]) => value === undefined || (key === 'query' && String(value).trim() === ''));
  let query = filteredSignals(db, filter)
    .selectAll('s')
    .$if(inline, (page) =>
      page.select([(unfiltered ? keptSignalsCount() : matching()).as('total_matching'), visibleMeetingsCount(db).as('total_meetings')]),
    );
  switch (sort) {
    case 'meetings':
      query = query.orderBy('s.meeting_count', 'desc').orderBy('s.finding_count', 'desc').orderBy('s.id', 'desc');
      break;
    case 'votes':
      query = query.orderBy('s.votes', 'desc').orderBy('s.meeting_count', 'desc').orderBy('s.id', 'desc');
      break;
    case 'priority':
      query = query.orderBy('s.priority', 'desc').orderBy('s.votes', 'desc').orderBy('s.meeting_count', 'desc').orderBy('s.id', 'desc');
      break;
    case 'title':
      query = query.orderBy('s.title').orderBy('s.id');
      break;
    case 'updated':
      query = query.orderBy('s.updated_at', 'desc').orderBy('s.id', 'desc');
      break;
  }
  // Limit and offset as literals (validated integers): a page without filters then has no bound values,
  // which is what PostgreSQL names once per connection (pg-statements.ts).
  const rows = (await query.limit(sql.lit(limit)).offset(sql.lit(offset)).execute()) as Array<SignalRow & { total_matching?: number | string | null; total_meetings?: number | string | null }>;
  const first = rows[0];
  if (inline && first) return { rows: rows.map(toSignal), total: Number(first.total_matching), totalMeetings: Number(first.total_meetings) };
  // SQLite, or a page past the end: both totals in one statement.
  const totals = await db
    .selectNoFrom([
      (inline && unfiltered ? keptSignalsCount() : matching()).as('total_matching'),
      visibleMeetingsCount(db).as('total_meetings'),
    ])
    .executeTakeFirstOrThrow();
  return { rows: rows.map(toSignal), total: Number(totals.total_matching), totalMeetings: Number(totals.total_meetings) };
}

export async function findSignal(db: Db, id: string): Promise<Signal | undefined> {
  const row = (await db.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst()) as SignalRow | undefined;
  return row && toSignal(row);
}

export async function insertSignal(db: Db, fields: { title: string; description: string }, userName: string, id = newId()): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('signals')
    .values({ id, title: fields.title, description: fields.description, priority: 0, votes: 0, created_at: now, updated_at: now, created_by: userName, updated_by: userName })
    .execute();
  return id;
}

export async function updateSignal(
  db: Db,
  id: string,
  fields: { title?: string; description?: string; priority?: number; votes?: number },
  userName: string,
): Promise<void> {
  await db
    .updateTable('signals')
    .set({
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.priority !== undefined ? { priority: fields.priority } : {}),
      ...(fields.votes !== undefined ? { votes: fields.votes } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

/** Links findings to a signal; a finding already in it is left as is. */
export async function addSignalFindings(db: Db, signalId: string, findingIds: string[], userName: string): Promise<void> {
  const now = nowIso();
  for (let i = 0; i < findingIds.length; i += 300) {
    await db
      .insertInto('signal_findings')
      .values(findingIds.slice(i, i + 300).map((findingId) => ({ signal_id: signalId, finding_id: findingId, created_at: now, created_by: userName })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await db.updateTable('signals').set({ updated_at: now, updated_by: userName }).where('id', '=', signalId).execute();
}

export async function removeSignalFindings(db: Db, signalId: string, findingIds: string[], userName: string): Promise<void> {
  await db.deleteFrom('signal_findings').where('signal_id', '=', signalId).where('finding_id', 'in', findingIds).execute();
  await db.updateTable('signals').set({ updated_at: nowIso(), updated_by: userName }).where('id', '=', signalId).execute();
}

export async function signalFindingIds(db: Db, signalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('signal_findings as sf')
    .innerJoin('findings as f', 'f.id', 'sf.finding_id')
    .select('f.id')
    .where('sf.signal_id', '=', signalId)
    // Members in the trash stay linked but are not listed (they return with a restore).
    .where('f.deleted_at', 'is', null)
    .where('f.meeting_deleted_at', 'is', null)
    .orderBy('f.finding_date')
    .orderBy('f.seq')
    .execute();
  return rows.map((row) => row.id);
}

export async function signalsOfFindings(db: Db, findingIds: string[]): Promise<Map<string, { id: string; title: string }[]>> {
  const map = new Map<string, { id: string; title: string }[]>();
  if (findingIds.length === 0) return map;
  const rows = await db
    .selectFrom('signal_findings as sf')
    .innerJoin('signals as s', 's.id', 'sf.signal_id')
    .select(['sf.finding_id', 's.id', 's.title'])
    .where('sf.finding_id', 'in', findingIds)
    .execute();
  for (const row of rows) {
    const list = map.get(row.finding_id) ?? [];
    list.push({ id: row.id, title: row.title });
    map.set(row.finding_id, list);
  }
  return map;
}

export async function changeSignalVotes(db: Db, id: string, delta: number, userName: string): Promise<void> {
  const signal = await findSignal(db, id);
  if (!signal) return;
  await updateSignal(db, id, { votes: Math.max(0, signal.votes + delta) }, userName);
}

export async function deleteSignal(db: Db, id: string): Promise<void> {
  await db.deleteFrom('signals').where('id', '=', id).execute();
}
