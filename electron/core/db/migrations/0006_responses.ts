import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// The follow-up of a sent advice (reactie ontvangen, afgerond) is kept in its own table instead of
// widening advices.status: the advice code treats status 'verzonden' as "frozen, as sent", and a
// response does not change that. The effective status is advice_followup.state when present and the
// advice is 'verzonden', else advices.status. No table rebuild, no change to the advice migration.

function recordColumns<T extends { addColumn: (...args: any[]) => T }>(table: T): T {
  return table
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c: any) => c.notNull().defaultTo(''));
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advice_followup')
    .addColumn('advice_id', 'text', (c) => c.primaryKey().references('advices.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('reactie_ontvangen', 'afgerond')`))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // The audit trail outlives the advice (no foreign key): who changed which status when.
  await db.schema
    .createTable('advice_status_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('advice_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('advice_status_log_by_advice').on('advice_status_log').columns(['advice_id', 'id']).execute();
  // The advice code changes advices.status itself; triggers record those changes without touching it.
  await sql`create trigger advices_status_log_insert after insert on advices
    begin insert into advice_status_log (advice_id, from_status, to_status, changed_at, changed_by)
      values (new.id, null, new.status, new.updated_at, new.updated_by); end`.execute(db);
  await sql`create trigger advices_status_log_update after update of status on advices when old.status is not new.status
    begin insert into advice_status_log (advice_id, from_status, to_status, changed_at, changed_by)
      values (new.id, old.status, new.status, new.updated_at, new.updated_by); end`.execute(db);
  // Existing advices start their trail with their current status.
  await sql`insert into advice_status_log (advice_id, from_status, to_status, changed_at, changed_by)
    select id, null, status, updated_at, updated_by from advices`.execute(db);

  await recordColumns(
    db.schema
      .createTable('advice_responses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id'))
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('kenmerk', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('attachment_name', 'text')
      .addColumn('attachment_file', 'text')
      .addColumn('attachment_media_type', 'text')
      .addColumn('attachment_size', 'integer')
      .addColumn('attachment_sha256', 'text'),
  ).execute();
  await db.schema.createIndex('advice_responses_by_advice').on('advice_responses').columns(['advice_id', 'received_on']).execute();

  await recordColumns(
    db.schema
      .createTable('recommendation_positions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().unique().references('advice_items.id').onDelete('cascade'))
      .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id').onDelete('cascade'))
      .addColumn('position', 'text', (c) =>
        c.notNull().check(sql`position in ('overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'wordt_onderzocht', 'geen_standpunt')`),
      )
      .addColumn('college_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('assessment', 'text', (c) => c.check(sql`assessment in ('tevreden', 'niet_tevreden', 'verder_bespreken')`))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  // The dashboard counts positions per advice (and so per year of sending).
  await db.schema.createIndex('recommendation_positions_by_advice').on('recommendation_positions').columns(['advice_id', 'position']).execute();

  await recordColumns(
    db.schema
      .createTable('commitments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id'))
      .addColumn('description', 'text', (c) => c.notNull().check(sql`length(trim(description)) > 0`))
      .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'lopend', 'nagekomen', 'niet_nagekomen', 'vervallen')`))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('commitments_by_status_due').on('commitments').columns(['status', 'due_on']).execute();
  await db.schema.createIndex('commitments_by_advice').on('commitments').column('advice_id').execute();

  await db.schema
    .createTable('commitment_recommendations')
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('advice_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('commitment_recommendations_pk', ['commitment_id', 'item_id'])
    .execute();
  await db.schema.createIndex('commitment_recommendations_by_item').on('commitment_recommendations').column('item_id').execute();

  await recordColumns(
    db.schema
      .createTable('followup_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('advice_id', 'text', (c) => c.notNull().references('advices.id'))
      .addColumn('item_id', 'text', (c) => c.references('advice_items.id').onDelete('cascade'))
      .addColumn('commitment_id', 'text', (c) => c.references('commitments.id').onDelete('cascade'))
      .addColumn('entry_on', 'text', (c) => c.notNull())
      .addColumn('who', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('text', 'text', (c) => c.notNull().check(sql`length(trim(text)) > 0`)),
  ).execute();
  await db.schema.createIndex('followup_entries_by_advice').on('followup_entries').columns(['advice_id', 'entry_on']).execute();
  await db.schema.createIndex('followup_entries_by_commitment').on('followup_entries').column('commitment_id').execute();
  await db.schema.createIndex('followup_entries_by_item').on('followup_entries').column('item_id').execute();

  // The dashboard walks sent advices by status and sending date and joins their positions by id:
  // with the id in the index, that walk never touches the (wide) advice rows.
  await db.schema.createIndex('advices_by_status_sent').on('advices').columns(['status', 'sent_on', 'id']).execute();

  // What the user has already been told about (overdue notifications), per kind of item.
  await db.schema
    .createTable('overdue_seen')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('seen_on', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('advices_by_status_sent').execute();
  await sql`drop trigger if exists advices_status_log_update`.execute(db);
  await sql`drop trigger if exists advices_status_log_insert`.execute(db);
  for (const table of ['overdue_seen', 'followup_entries', 'commitment_recommendations', 'commitments', 'recommendation_positions', 'advice_responses', 'advice_status_log', 'advice_followup'])
    await db.schema.dropTable(table).execute();
}
