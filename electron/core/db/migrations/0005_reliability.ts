import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.

/**
 * Reliability: an audit trail of changes (who, what, when, before and after) and a log of
 * privacy purges that records what kind of rows went and how many, never their content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_log_by_record').on('audit_log').columns(['table_name', 'record_id', 'at']).execute();

  await db.schema
    .createTable('privacy_purge_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purged_at', 'text', (c) => c.notNull())
    .addColumn('purged_by', 'text', (c) => c.notNull())
    .addColumn('older_than', 'text', (c) => c.notNull())
    .addColumn('retention_months', 'integer', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_purge_log').execute();
  await db.schema.dropTable('audit_log').execute();
}
