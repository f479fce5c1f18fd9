import { sql, type Kysely, type RawBuilder } from 'kysely';
import { indexedBy, isPostgres } from './dialect';

/**
 * The number of visible findings (not in the trash, not of a meeting in the trash): the total on the
 * first page of the findings overview. The stores count differently, so this is dialect SQL:
 *
 * - SQLite counts a whole table from its b-tree pages without visiting rows; counting "visible"
 *   with a WHERE visits all 100k index entries (0.7 ms, the first page took 1.0 ms against a 0.2 ms
 *   floor). So: all findings minus the hidden ones, which are few and in two partial indexes.
 * - PostgreSQL visits every row for any count (MVCC: 28–95 ms at 100k). Its migration 0018 keeps the
 *   number in `findings_visible_count`, updated by triggers in the same transaction as the change.
 */
export async function countVisibleFindings(db: Kysely<any>): Promise<number> {
  if (isPostgres(db)) {
    const kept = await sql<{ n: string | number }>`select ${keptVisibleFindingsCount()} as n`.execute(db);
    return Number(kept.rows[0]?.n ?? 0);
  }
  // INDEXED BY: without planner statistics (a new or freshly imported database) SQLite scanned the
  // whole table for these (28 ms at 100k); the partial indexes hold exactly the rows asked for.
  const row = await sql<{ n: number }>`
    select (select count(*) from findings)
      - (select count(*) from findings ${indexedBy(db, 'findings_in_trash')} where deleted_at is not null)
      - (select count(*) from findings ${indexedBy(db, 'findings_in_trashed_meeting')} where meeting_deleted_at is not null and deleted_at is null) as n`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * PostgreSQL's kept number as a scalar subquery, so a page query can carry it along (one round trip,
 * `totalsInPageQuery`). PostgreSQL only: the table exists on PostgreSQL alone.
 */
export function keptVisibleFindingsCount(): RawBuilder<number> {
  return sql<number>`(select n from findings_visible_count where id = 1)`;
}

/**
 * Counts PostgreSQL's kept numbers afresh (the visible findings, migration 0018; the signals and the
 * meetings not in the trash, 0019), after a bulk copy that paused the triggers (`move`). Nothing to do
 * on SQLite; a database from before those migrations (a migration fixture being copied in) has fewer.
 */
export async function recountKeptNumbers(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name in ('findings_visible_count', 'kept_counts')`.execute(db);
  const present = new Set(tables.rows.map((row) => row.name));
  if (present.has('findings_visible_count'))
    await sql`update findings_visible_count
      set n = (select count(*) from findings where deleted_at is null and meeting_deleted_at is null) where id = 1`.execute(db);
  if (present.has('kept_counts'))
    await sql`update kept_counts set n = case name
        when 'signals' then (select count(*) from signals)
        else (select count(*) from meetings where deleted_at is null) end`.execute(db);
}

/**
 * The signals overview's totals on PostgreSQL, as scalar subqueries a page query carries along: all
 * signals, and the meetings not in the trash (migration 0019's PostgreSQL form keeps both). PostgreSQL
 * only, as `keptVisibleFindingsCount`.
 */
export function keptSignalsCount(): RawBuilder<number> {
  return sql<number>`(select n from kept_counts where name = 'signals')`;
}

export function keptVisibleMeetingsCount(): RawBuilder<number> {
  return sql<number>`(select n from kept_counts where name = 'meetings_visible')`;
}
