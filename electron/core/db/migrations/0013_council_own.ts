import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// De raad zelf (issue 16): the council's members and their terms, its own meetings (distinct from
// wijkbijeenkomsten) with agenda items and besluiten, the actielijst, and the year's planning.
// A member is never deleted while attendance or actions point at it (foreign keys without cascade);
// a meeting's attendance, agenda items and their decisions go with the meeting (cascade). An advice
// is adopted in at most one meeting: a partial unique index on council_decisions.adopted_advice_id.

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
      .createTable('council_members')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('voorzitter', 'vicevoorzitter', 'secretaris', 'lid', 'aspirant', 'adviseur')`),
      )
      // Personal data: left out of documents and exports unless asked; emptied after leaving plus the retention period.
      .addColumn('background', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('follows', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('term_start', 'text', (c) => c.notNull())
      .addColumn('term_end', 'text', (c) => c.notNull())
      // 1 in the first term; raised by each reappointment.
      .addColumn('term_number', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('left_on', 'text'),
  ).execute();

  await recordColumns(
    db.schema
      .createTable('council_member_positions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull().references('council_members.id').onDelete('cascade'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('declared_on', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('council_member_positions_by_member').on('council_member_positions').columns(['member_id']).execute();

  await recordColumns(
    db.schema
      .createTable('council_meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('guests', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('council_meetings_by_date').on('council_meetings').columns(['meeting_date']).execute();

  await db.schema
    .createTable('council_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('council_members.id'))
    .addColumn('present', 'integer', (c) => c.notNull().check(sql`present in (0, 1)`))
    .addPrimaryKeyConstraint('council_attendance_pk', ['meeting_id', 'member_id'])
    .execute();
  await db.schema.createIndex('council_attendance_by_member').on('council_attendance').columns(['member_id']).execute();

  await recordColumns(
    db.schema
      .createTable('council_agenda_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.references('advice_requests.id'))
      .addColumn('advice_id', 'text', (c) => c.references('advices.id'))
      .addColumn('response_id', 'text', (c) => c.references('advice_responses.id'))
      .addColumn('monitoring_period', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('council_agenda_items_by_meeting').on('council_agenda_items').columns(['meeting_id', 'position']).execute();
  await db.schema.createIndex('council_agenda_items_by_advice').on('council_agenda_items').columns(['advice_id']).execute();

  await recordColumns(
    db.schema
      .createTable('council_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('council_agenda_items.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('adopted_advice_id', 'text', (c) => c.references('advices.id')),
  ).execute();
  await db.schema.createIndex('council_decisions_by_item').on('council_decisions').columns(['agenda_item_id']).execute();
  await sql`create unique index council_decisions_adopted_once on council_decisions (adopted_advice_id) where adopted_advice_id is not null`.execute(db);

  await recordColumns(
    db.schema
      .createTable('council_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('council_members.id'))
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'afgerond', 'vervallen')`))
      .addColumn('closed_on', 'text')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
      .addColumn('agenda_item_id', 'text', (c) => c.references('council_agenda_items.id').onDelete('set null')),
  ).execute();
  await db.schema.createIndex('council_actions_by_owner').on('council_actions').columns(['owner_id']).execute();
  await db.schema.createIndex('council_actions_by_meeting').on('council_actions').columns(['meeting_id']).execute();
  await db.schema.createIndex('council_actions_by_status').on('council_actions').columns(['status', 'due_on']).execute();

  await recordColumns(
    db.schema
      .createTable('council_planning_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('adviesaanvraag', 'eigen_onderwerp')`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('request_id', 'text', (c) => c.references('advice_requests.id')),
  ).execute();
  await db.schema.createIndex('council_planning_by_year').on('council_planning_items').columns(['year', 'month']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'council_planning_items',
    'council_actions',
    'council_decisions',
    'council_agenda_items',
    'council_attendance',
    'council_meetings',
    'council_member_positions',
    'council_members',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
