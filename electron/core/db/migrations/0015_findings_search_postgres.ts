import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// Full-text search of findings on PostgreSQL. SQLite has had its FTS5 index since 0002_meetings, so
// this migration's SQLite form changes nothing: its body is empty. Its PostgreSQL form
// (postgres/forms.ts, '0015_findings_search_postgres') adds what FTS5 does there: a `tsvector`
// column over findings.text (the field FTS5 indexes), folded like unicode61 with remove_diacritics
// (unaccent, lower case, letters and digits only), kept up to date by a trigger, with a GIN index.
export async function up(_db: Kysely<any>): Promise<void> {
  // SQLite: nothing to do (findings_fts, migration 0002).
}

export async function down(_db: Kysely<any>): Promise<void> {
  // SQLite: nothing was made.
}
