import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { type Finding, type FindingFilters, type FindingHit, type FindingPage, type FindingSearchInput, type FindingSource } from '../../../shared/api/meetings';
import type { Db } from '../db/connection';
import { greatest, storeKind, totalsInPageQuery } from '../db/dialect';
import { countVisibleFindings, keptVisibleFindingsCount } from '../db/findings-count';
import { findingTagList, findingsAnyTermMatch, findingsPrefixMatch } from '../db/findings-search';
import type { FindingTable } from '../db/schema';
import { createdColumns, newId, nowIso, updatedColumns } from '../ids';
import { highlightPrefixes, searchWords } from './text';

export interface FindingFields {
  text: string;
  meetingId: string | null;
  themeTableId: string | null;
  theme: string;
  source: FindingSource;
  wijkId: string | null;
  date: string;
  tags: string[];
  containsPersonalData: boolean;
  priority: number;
  votes: number;
}

export function tagKey(tag: string): string {
  return tag.trim().toLocaleLowerCase('nl-NL');
}

type FindingRow = Omit<FindingTable, 'seq'> & { seq: number; meeting_title: string | null; wijk_name: string | null };

function toFinding(row: FindingRow, tags: string[]): Finding {
  return {
    id: row.id,
    text: row.text,
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    themeTableId: row.theme_table_id,
    theme: row.theme,
    source: row.source,
    wijkId: row.wijk_id,
    wijkName: row.wijk_name,
    date: row.finding_date,
    tags,
    containsPersonalData: row.contains_personal_data === 1,
    priority: row.priority,
    votes: row.votes,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * What is in the trash counts nowhere: a finding is visible when neither it nor its meeting is in
 * the trash. `meeting_deleted_at` is the meeting's `deleted_at`, copied by triggers (migration 0011),
 * so the condition reads the row alone and the partial indexes `where deleted_at is null and
 * meeting_deleted_at is null` serve it. Keep the two terms literally like this in every query.
 */
export const VISIBLE_FINDING = sql<boolean>`f.deleted_at is null and f.meeting_deleted_at is null`;

/** The same condition for Kysely queries on `findings` under any alias. */
export function onlyVisibleFindings<Q extends { where: (...args: any[]) => Q }>(query: Q, alias = 'f'): Q {
  return query.where(`${alias}.deleted_at`, 'is', null).where(`${alias}.meeting_deleted_at`, 'is', null);
}

function findingQuery(db: Db) {
  return onlyVisibleFindings(
    db
      .selectFrom('findings as f')
      .leftJoin('meetings as m', 'm.id', 'f.meeting_id')
      .leftJoin('wijken as w', 'w.id', 'f.wijk_id')
      .selectAll('f')
      .select(['m.title as meeting_title', 'w.name as wijk_name']),
  );
}

async function tagsOf(db: Db, findingIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < findingIds.length; i += 500) {
    const rows = await db
      .selectFrom('finding_tags')
      .select(['finding_id', 'tag'])
      .where('finding_id', 'in', findingIds.slice(i, i + 500))
      .orderBy('finding_id')
      .orderBy('tag_key')
      .execute();
    for (const row of rows) {
      const list = map.get(row.finding_id) ?? [];
      list.push(row.tag);
      map.set(row.finding_id, list);
    }
  }
  return map;
}

async function withTags(db: Db, rows: FindingRow[]): Promise<Finding[]> {
  const tags = await tagsOf(db, rows.map((row) => row.id));
  return rows.map((row) => toFinding(row, tags.get(row.id) ?? []));
}

export async function findFinding(db: Db, id: string): Promise<Finding | undefined> {
  const row = await findingQuery(db).where('f.id', '=', id).executeTakeFirst();
  return row ? (await withTags(db, [row as FindingRow]))[0] : undefined;
}

export async function findFindingsByIds(db: Db, ids: string[]): Promise<Finding[]> {
  const rows: FindingRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...((await findingQuery(db).where('f.id', 'in', ids.slice(i, i + 500)).execute()) as FindingRow[]));
  }
  const byId = new Map((await withTags(db, rows)).map((finding) => [finding.id, finding]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listFindingsForMeeting(db: Db, meetingId: string): Promise<Finding[]> {
  const rows = (await findingQuery(db).where('f.meeting_id', '=', meetingId).orderBy('f.seq').execute()) as FindingRow[];
  return withTags(db, rows);
}

/** The findings recorded last (ids are UUIDv7, so the newest id is the newest record), and how many there are. */
export async function latestFindings(db: Db, limit: number): Promise<{ rows: Finding[]; total: number }> {
  // The findings overview's own count: PostgreSQL visits every row for a plain count (MVCC) and keeps
  // the number instead, carried along with the rows (one round trip less); SQLite subtracts the few
  // hidden ones from the b-tree count.
  const inline = totalsInPageQuery(db);
  const rows = (await findingQuery(db)
    .$if(inline, (query) => query.select(keptVisibleFindingsCount().as('total_in_page')))
    .orderBy('f.id', 'desc')
    .limit(limit)
    .execute()) as Array<FindingRow & { total_in_page?: number | string | null }>;
  const carried = rows[0]?.total_in_page;
  return { rows: await withTags(db, rows), total: carried !== undefined && carried !== null ? Number(carried) : await countVisibleFindings(db) };
}

export async function insertFinding(db: Db, fields: FindingFields, userName: string, id = newId(), now = nowIso()): Promise<string> {
  await insertNewFindings(db, [{ id, fields }], userName, now);
  return id;
}

/** The SQL of `insertNewFindings` by store and number of rows. */
const findingInsertStatements = new Map<string, string>();

/**
 * New findings (fresh ids, so no tags to replace) in one statement for the findings and one for
 * their tags: an import writes thousands, and a statement per finding and per tag list cost more
 * than the rows themselves. Keep `rows` small enough for the store's limit on parameters (15 per finding).
 */
export async function insertNewFindings(db: Db, rows: { id: string; fields: FindingFields }[], userName: string, now = nowIso()): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(({ id, fields }) => ({
    id,
    text: fields.text,
    meeting_id: fields.meetingId,
    theme_table_id: fields.themeTableId,
    theme: fields.theme,
    source: fields.source,
    wijk_id: fields.wijkId,
    finding_date: fields.date,
    contains_personal_data: fields.containsPersonalData ? 1 : 0,
    priority: fields.priority,
    votes: fields.votes,
    ...createdColumns(userName, now),
  }));
  // Every group of the same size has the same SQL: Kysely builds it once per store and size (an
  // import's 400 statements of 25 rows cost 40-80 ms of compiling otherwise); only the values differ,
  // row by row in the order of the columns. Kept only once Kysely's own parameters are seen to be exactly those.
  const key = `${storeKind(db)}:${values.length}`;
  const parameters = values.flatMap((row) => Object.values(row));
  const statement = findingInsertStatements.get(key);
  if (statement !== undefined) await db.executeQuery(CompiledQuery.raw(statement, parameters));
  else {
    const compiled = db.insertInto('findings').values(values).compile();
    if (compiled.parameters.length === parameters.length && compiled.parameters.every((value, index) => value === parameters[index])) {
      findingInsertStatements.set(key, compiled.sql);
    }
    await db.executeQuery(compiled);
  }
  const tags = rows.flatMap(({ id, fields }) => [...uniqueTags(fields.tags)].map(([key, tag]) => ({ finding_id: id, tag, tag_key: key })));
  if (tags.length > 0) await db.insertInto('finding_tags').values(tags).execute();
}

/** The tags by their key, first spelling kept, blanks left out. */
function uniqueTags(tags: string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const tag of tags) if (tag.trim() && !byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag.trim());
  return byKey;
}

export async function setFindingTags(db: Db, findingId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('finding_tags').where('finding_id', '=', findingId).execute();
  const byKey = uniqueTags(tags);
  if (byKey.size > 0) {
    await db
      .insertInto('finding_tags')
      .values([...byKey].map(([key, tag]) => ({ finding_id: findingId, tag, tag_key: key })))
      .execute();
  }
}

export async function updateFinding(db: Db, id: string, fields: Partial<FindingFields>, userName: string): Promise<void> {
  await db
    .updateTable('findings')
    .set({
      ...(fields.text !== undefined ? { text: fields.text } : {}),
      ...(fields.meetingId !== undefined ? { meeting_id: fields.meetingId } : {}),
      ...(fields.themeTableId !== undefined ? { theme_table_id: fields.themeTableId } : {}),
      ...(fields.theme !== undefined ? { theme: fields.theme } : {}),
      ...(fields.source !== undefined ? { source: fields.source } : {}),
      ...(fields.wijkId !== undefined ? { wijk_id: fields.wijkId } : {}),
      ...(fields.date !== undefined ? { finding_date: fields.date } : {}),
      ...(fields.containsPersonalData !== undefined ? { contains_personal_data: fields.containsPersonalData ? 1 : 0 } : {}),
      ...(fields.priority !== undefined ? { priority: fields.priority } : {}),
      ...(fields.votes !== undefined ? { votes: fields.votes } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
  if (fields.tags !== undefined) await setFindingTags(db, id, fields.tags);
}

export async function changeFindingVotes(db: Db, id: string, delta: number, userName: string): Promise<void> {
  await db
    .updateTable('findings')
    .set((eb) => ({ votes: greatest(db, sql.lit(0), sql`${eb.ref('votes')} + ${delta}`), updated_at: nowIso(), updated_by: userName }))
    .where('id', '=', id)
    .execute();
}

export async function listThemes(db: Db): Promise<string[]> {
  const rows = await onlyVisibleFindings(db.selectFrom('findings as f').select('f.theme').distinct().where('f.theme', '!=', '')).orderBy('f.theme').execute();
  return rows.map((row) => row.theme);
}

export async function listTags(db: Db): Promise<string[]> {
  const rows = await onlyVisibleFindings(
    db.selectFrom('finding_tags as t').innerJoin('findings as f', 'f.id', 't.finding_id').select((eb) => eb.fn.min('t.tag').as('tag')),
  )
    .groupBy('t.tag_key')
    .orderBy('t.tag_key')
    .execute();
  return rows.map((row) => String(row.tag));
}

// --- Search (full text: the SQL of each store in db/findings-search.ts) ---

/** The filter conditions on `findings as f`, as SQL fragments. */
function filterConditions(filters: FindingFilters): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.meetingId) conditions.push(sql`f.meeting_id = ${filters.meetingId}`);
  if (filters.programmeId) conditions.push(sql`f.meeting_id in (select id from meetings where programme_id = ${filters.programmeId})`);
  if (filters.wijkId) conditions.push(sql`f.wijk_id = ${filters.wijkId}`);
  if (filters.theme) conditions.push(sql`f.theme = ${filters.theme}`);
  if (filters.source) conditions.push(sql`f.source = ${filters.source}`);
  if (filters.fromDate) conditions.push(sql`f.finding_date >= ${filters.fromDate}`);
  if (filters.toDate) conditions.push(sql`f.finding_date <= ${filters.toDate}`);
  if (filters.tag) conditions.push(sql`f.id in (select finding_id from finding_tags where tag_key = ${tagKey(filters.tag)})`);
  if (filters.containsPersonalData !== undefined) conditions.push(sql`f.contains_personal_data = ${filters.containsPersonalData ? 1 : 0}`);
  return conditions;
}

const SORT_COLUMNS: Record<Exclude<FindingSearchInput['sort'], 'relevance'>, RawBuilder<unknown>> = {
  date: sql`f.finding_date`,
  meeting: sql`(select title from meetings where id = f.meeting_id)`,
  theme: sql`f.theme`,
  source: sql`f.source`,
  wijk: sql`(select name from wijken where id = f.wijk_id)`,
  votes: sql`f.votes`,
  priority: sql`f.priority`,
  text: sql`f.text`,
};

const TAG_SEPARATOR = '\u001f';

/**
 * One page of findings: full-text match (ranked by bm25 unless another sort is chosen), filters,
 * the meeting and wijk names and the tags. The matched words are marked in JS (highlightPrefixes)
 * for the rows on the page only.
 *
 * A search first picks the page's rows and counts all matches in the same pass
 * (`count(*) over ()`): ranking visits every match anyway, and a separate count query loaded the
 * same doclists again (40 % on top). Without filters that pass reads the full-text index alone,
 * which orders by rank itself; joining findings there would look up every match, not one page.
 * The names and tags are then read for the page's rows only. A plain list walks an index and
 * stops after one page, so there the total is a separate (index-only) count.
 *
 * What is in the trash counts nowhere (VISIBLE_FINDING, served by the partial indexes of migration
 * 0011). The full-text index alone knows nothing of the trash: read alone, it leaves out the
 * rowids of the hidden findings (HIDDEN_SEQS) instead.
 */
export async function searchFindings(db: Db, input: FindingSearchInput): Promise<FindingPage> {
  const match = findingsPrefixMatch(db, searchWords(input.query));
  const filters = filterConditions(input.filters);
  const indexOnly = match && filters.length === 0 && input.sort === 'relevance' ? match.indexOnly : null;
  // Reading the full-text index alone, the trash is left out by rowid: the hidden findings are few
  // and found through two partial indexes, so the list is built once per query.
  const visible = match && indexOnly ? ((await anythingInTrash(db)) ? [match.notAmong(HIDDEN_SEQS)] : []) : [VISIBLE_FINDING];
  const conditions = match ? [...visible, ...filters, match.condition] : [...visible, ...filters];
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const direction = input.direction === 'asc' ? sql`asc` : sql`desc`;
  const order =
    input.sort === 'relevance'
      ? match
        ? match.rank
        : sql`f.finding_date desc, f.seq desc`
      : sql`${SORT_COLUMNS[input.sort]} ${direction}, f.seq ${direction}`;
  const columns = sql`f.*, m.title as meeting_title, w.name as wijk_name,
      ${findingTagList(db, TAG_SEPARATOR)} as tag_list`;
  const joins = sql`left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id`;

  // LIMIT and OFFSET as literals (validated integers): SQLite re-prepares a kept statement whenever a
  // bound LIMIT is bound again (it plans with its value), which cost 7 % of every page.
  const pageClause = sql`limit ${sql.lit(input.limit)} offset ${sql.lit(input.offset)}`;
  let rows: (FindingRow & { tag_list: string | null })[];
  let total: number;
  if (match) {
    const from = indexOnly ?? match.from;
    const picked = await sql<{ seq: number; total: number }>`
      select ${match.seq} as seq, count(*) over () as total from ${from}
      ${where} order by ${order} ${pageClause}`.execute(db);
    const seqs = picked.rows.map((row) => row.seq);
    total = picked.rows[0]?.total ?? (input.offset === 0 ? 0 : await countFindings(db, from, where));
    const found =
      seqs.length === 0
        ? []
        : (await sql<FindingRow & { tag_list: string | null }>`select ${columns} from findings f ${joins} where f.seq in (${sql.join(seqs)})`.execute(db)).rows;
    const bySeq = new Map(found.map((row) => [row.seq, row]));
    rows = seqs.map((seq) => bySeq.get(seq)).filter((row) => row !== undefined);
  } else {
    // On PostgreSQL the total rides along with the page (`totalsInPageQuery`): a query of its own is
    // a round trip to the server, most of the first page's time at 100k (issue 13). Unfiltered it is
    // the kept number; filtered, a count under the same conditions, an uncorrelated scalar subquery
    // that the server runs once, and only when the page has a row (an InitPlan). SQLite counts apart.
    const inline = totalsInPageQuery(db);
    const totalColumn = !inline ? sql`` : filters.length === 0 ? sql`, ${keptVisibleFindingsCount()} as total_in_page` : sql`, (select count(*) from findings f ${where}) as total_in_page`;
    const page = await sql<FindingRow & { tag_list: string | null; total_in_page?: number | string }>`
      select ${columns}${totalColumn} from findings f ${joins}
      ${where} order by ${order} ${pageClause}`.execute(db);
    rows = page.rows;
    // A page that is not full ends the list: its end is the total, no count needed.
    const endsTheList = rows.length < input.limit && (rows.length > 0 || input.offset === 0);
    const carried = page.rows[0]?.total_in_page;
    total = endsTheList
      ? input.offset + rows.length
      : carried !== undefined && carried !== null
        ? Number(carried)
        : filters.length === 0
          ? await countVisibleFindings(db)
          : await countFindings(db, sql`findings f`, where);
  }
  const hits: FindingHit[] = rows.map((row) => {
    const hit = toFinding(row, row.tag_list ? row.tag_list.split(TAG_SEPARATOR) : []) as FindingHit;
    hit.highlighted = match ? highlightPrefixes(row.text, input.query) : [{ text: row.text, hit: false }];
    return hit;
  });
  return { rows: hits, total, offset: input.offset, limit: input.limit };
}

async function countFindings(db: Db, from: RawBuilder<unknown>, where: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${from} ${where}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** The seqs (full-text rowids) of the findings that count nowhere; both parts read partial indexes. */
const HIDDEN_SEQS = sql`select seq from findings where deleted_at is not null union all select seq from findings where meeting_deleted_at is not null`;

/** Whether any finding or meeting is in the trash: two lookups in the partial indexes of migration 0011. */
async function anythingInTrash(db: Db): Promise<boolean> {
  const row = await sql<{ hidden: number }>`
    select exists(select 1 from findings where deleted_at is not null) or exists(select 1 from meetings where deleted_at is not null) as hidden`.execute(db);
  return Number(row.rows[0]?.hidden ?? 0) === 1;
}

/** Findings sharing any of the terms (whole words), best first, the finding itself excluded. */
export async function findingsMatchingAnyTerm(db: Db, terms: string[], excludeId: string, limit: number): Promise<string[]> {
  const match = findingsAnyTermMatch(db, terms);
  if (!match) return [];
  const rows = await sql<{ id: string }>`
    select f.id from ${match.from}
    where ${match.condition} and f.id != ${excludeId} and ${VISIBLE_FINDING}
    order by ${match.rank} limit ${limit}`.execute(db);
  return rows.rows.map((row) => row.id);
}
