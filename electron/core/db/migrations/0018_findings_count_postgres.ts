import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// The number of visible findings (not in the trash, not of a meeting in the trash), kept up to date
// on PostgreSQL. The first page of the findings overview shows that total. SQLite counts a whole
// table from its b-tree pages, so its form of this migration changes nothing; PostgreSQL visits
// every row to count (MVCC), 28–95 ms at 100k findings. The PostgreSQL form (postgres/forms.ts,
// '0018_findings_count_postgres') keeps the count in a one-row table with statement-level triggers.
export async function up(_db: Kysely<any>): Promise<void> {
  // SQLite: nothing to do (count(*) of a table reads its b-tree pages).
}

export async function down(_db: Kysely<any>): Promise<void> {
  // SQLite: nothing was made.
}
