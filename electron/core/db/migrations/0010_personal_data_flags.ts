import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.

/**
 * AVG: besides findings, the follow-up log's entries and a meeting's notes can hold what residents
 * told the council about themselves. A follow-up entry is flagged as a whole (and purged as a whole
 * after the retention period); a meeting's flag covers its notes only, which a purge empties.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('followup_entries')
    .addColumn('contains_personal_data', 'integer', (c) => c.notNull().defaultTo(0).check(sql`contains_personal_data in (0, 1)`))
    .execute();
  await db.schema
    .alterTable('meetings')
    .addColumn('notes_contain_personal_data', 'integer', (c) => c.notNull().defaultTo(0).check(sql`notes_contain_personal_data in (0, 1)`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('notes_contain_personal_data').execute();
  await db.schema.alterTable('followup_entries').dropColumn('contains_personal_data').execute();
}
