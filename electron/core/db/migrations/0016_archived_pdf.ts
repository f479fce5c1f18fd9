import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// The archived PDF/A-2b of a sent letter, beside its frozen .docx (advice_versions). LibreOffice takes
// seconds, so it is made after the status change (a job) and may be missing (no LibreOffice on this
// computer): then it is made later. One row per sent version, written once and never changed, like
// the version itself.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advice_version_pdfs')
    .addColumn('version_id', 'text', (c) => c.primaryKey().references('advice_versions.id'))
    .addColumn('pdf', 'blob', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create trigger advice_version_pdfs_no_update before update on advice_version_pdfs
    begin select raise(abort, 'advice_version_pdfs is append-only'); end`.execute(db);
  await sql`create trigger advice_version_pdfs_no_delete before delete on advice_version_pdfs
    begin select raise(abort, 'advice_version_pdfs is append-only'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists advice_version_pdfs_no_delete`.execute(db);
  await sql`drop trigger if exists advice_version_pdfs_no_update`.execute(db);
  await db.schema.dropTable('advice_version_pdfs').execute();
}
