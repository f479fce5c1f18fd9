import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.

function recordColumns<T extends { addColumn: (...args: any[]) => T }>(table: T): T {
  return table
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c: any) => c.notNull().defaultTo(''));
}

export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(
    db.schema
      .createTable('advice_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('from_whom', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('kenmerk', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('documents_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();

  await recordColumns(
    db.schema
      .createTable('advices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('gevraagd', 'ongevraagd')`))
      .addColumn('betreft', 'text', (c) => c.notNull().check(sql`length(trim(betreft)) > 0`))
      .addColumn('kenmerk', 'text', (c) => c.notNull())
      .addColumn('kenmerk_key', 'text', (c) => c.notNull())
      .addColumn('sequence_year', 'integer')
      .addColumn('sequence_number', 'integer')
      .addColumn('request_id', 'text', (c) => c.references('advice_requests.id'))
      .addColumn('addressee', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('advice_date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('concept', 'vastgesteld', 'verzonden')`))
      .addColumn('adopted_on', 'text')
      .addColumn('sent_on', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('opening_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('closing_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('signatories_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('cc_json', 'text', (c) => c.notNull().defaultTo('[]')),
  ).execute();
  await db.schema.createIndex('advices_kenmerk_unique').on('advices').column('kenmerk_key').unique().execute();
  await db.schema.createIndex('advices_by_request').on('advices').column('request_id').execute();

  await db.schema
    .createTable('advice_references')
    .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id').onDelete('cascade'))
    .addColumn('referenced_advice_id', 'text', (c) => c.notNull().references('advices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('advice_references_pk', ['advice_id', 'referenced_advice_id'])
    .execute();
  await db.schema.createIndex('advice_references_by_target').on('advice_references').column('referenced_advice_id').execute();

  await recordColumns(
    db.schema
      .createTable('advice_sections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('numbering', 'text', (c) => c.notNull().check(sql`numbering in ('decimaal', 'romeins', 'geen')`)),
  ).execute();
  await db.schema.createIndex('advice_sections_by_advice').on('advice_sections').columns(['advice_id', 'position']).execute();

  await recordColumns(
    db.schema
      .createTable('advice_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id').onDelete('cascade'))
      .addColumn('section_id', 'text', (c) => c.notNull().references('advice_sections.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bevinding', 'conclusie', 'aanbeveling', 'overig')`))
      .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('show_mentions', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('advice_items_by_section').on('advice_items').columns(['section_id', 'position']).execute();
  await db.schema.createIndex('advice_items_by_advice').on('advice_items').column('advice_id').execute();

  await db.schema
    .createTable('advice_item_relations')
    .addColumn('item_id', 'text', (c) => c.notNull().references('advice_items.id').onDelete('cascade'))
    .addColumn('related_item_id', 'text', (c) => c.notNull().references('advice_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('advice_item_relations_pk', ['item_id', 'related_item_id'])
    .execute();
  await db.schema.createIndex('advice_item_relations_by_target').on('advice_item_relations').column('related_item_id').execute();

  // The evidence: meetings an advice draws on, findings and signals an item rests on. Deleting a
  // meeting, finding or signal that an advice cites is refused (no cascade) with a Dutch message.
  await db.schema
    .createTable('advice_meetings')
    .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('advice_meetings_pk', ['advice_id', 'meeting_id'])
    .execute();
  await db.schema.createIndex('advice_meetings_by_meeting').on('advice_meetings').column('meeting_id').execute();

  await db.schema
    .createTable('advice_item_findings')
    .addColumn('item_id', 'text', (c) => c.notNull().references('advice_items.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('advice_item_findings_pk', ['item_id', 'finding_id'])
    .execute();
  await db.schema.createIndex('advice_item_findings_by_finding').on('advice_item_findings').column('finding_id').execute();

  await db.schema
    .createTable('advice_item_signals')
    .addColumn('item_id', 'text', (c) => c.notNull().references('advice_items.id').onDelete('cascade'))
    .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('advice_item_signals_pk', ['item_id', 'signal_id'])
    .execute();
  await db.schema.createIndex('advice_item_signals_by_signal').on('advice_item_signals').column('signal_id').execute();

  // What was sent stays as it was sent: a version row is written once and never changed or removed.
  await db.schema
    .createTable('advice_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('docx', 'blob', (c) => c.notNull())
    .addColumn('docx_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('advice_versions_unique', ['advice_id', 'version'])
    .execute();
  await sql`create trigger advice_versions_no_update before update on advice_versions
    begin select raise(abort, 'advice_versions is append-only'); end`.execute(db);
  await sql`create trigger advice_versions_no_delete before delete on advice_versions
    begin select raise(abort, 'advice_versions is append-only'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists advice_versions_no_delete`.execute(db);
  await sql`drop trigger if exists advice_versions_no_update`.execute(db);
  for (const table of ['advice_versions', 'advice_item_signals', 'advice_item_findings', 'advice_meetings', 'advice_item_relations', 'advice_items', 'advice_sections', 'advice_references', 'advices', 'advice_requests'])
    await db.schema.dropTable(table).execute();
}
