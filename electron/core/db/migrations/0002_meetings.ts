import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.

/** Adds the timestamp and author columns every record table carries. */
function recordColumns(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''));
}

export async function up(db: Kysely<any>): Promise<void> {
  // A named series of meetings, e.g. a city-wide round of twelve wijkbijeenkomsten.
  await recordColumns(
    db.schema
      .createTable('programmes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('programmes_name_key_unique').on('programmes').column('name_key').unique().execute();

  // Foreign keys without ON DELETE refuse deleting a parent that is still referenced; the handlers
  // turn that into a Dutch CONFLICT message (db/references.ts).
  await recordColumns(
    db.schema
      .createTable('meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('programme_id', 'text', (c) => c.references('programmes.id'))
      .addColumn('meeting_date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('end_time', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('format', 'text', (c) =>
        c.notNull().check(sql`format in ('wijkbijeenkomst', 'expertmeeting', 'inloopuur', 'thematafels', 'anders')`),
      )
      .addColumn('attendee_count', 'integer', (c) => c.check(sql`attendee_count is null or attendee_count >= 0`))
      .addColumn('organiser', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('meetings_by_date').on('meetings').columns(['meeting_date', 'id']).execute();
  await db.schema.createIndex('meetings_by_programme').on('meetings').columns(['programme_id', 'meeting_date']).execute();

  await db.schema
    .createTable('meeting_wijken')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('wijk_id', 'text', (c) => c.notNull().references('wijken.id'))
    .addPrimaryKeyConstraint('meeting_wijken_pk', ['meeting_id', 'wijk_id'])
    .execute();
  await db.schema.createIndex('meeting_wijken_by_wijk').on('meeting_wijken').columns(['wijk_id', 'meeting_id']).execute();

  // Thematafels of a meeting: a theme and its facilitator.
  await recordColumns(
    db.schema
      .createTable('theme_tables')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('theme', 'text', (c) => c.notNull())
      .addColumn('facilitator', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('theme_tables_by_meeting').on('theme_tables').columns(['meeting_id', 'position']).execute();

  // A piece of input. `seq` is an explicit INTEGER PRIMARY KEY so VACUUM can never renumber the
  // rowids the full-text index points at; `id` (UUIDv7) is the record's identity everywhere else.
  await recordColumns(
    db.schema
      .createTable('findings')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
      .addColumn('theme_table_id', 'text', (c) => c.references('theme_tables.id'))
      // The theme as text: copied from the table when captured at one, free text otherwise (imports).
      .addColumn('theme', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source', 'text', (c) =>
        c.notNull().check(sql`source in ('plenair', 'thematafel', 'babbelbox', 'email', 'enquete', 'anders')`),
      )
      .addColumn('wijk_id', 'text', (c) => c.references('wijken.id'))
      // The day the input was given: the meeting's date, or the day of the e-mail or survey.
      .addColumn('finding_date', 'text', (c) => c.notNull())
      .addColumn('contains_personal_data', 'integer', (c) => c.notNull().defaultTo(0).check(sql`contains_personal_data in (0, 1)`))
      // 0 = no mark, 1 = laag, 2 = middel, 3 = hoog.
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0).check(sql`priority between 0 and 3`))
      .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`votes >= 0`)),
  ).execute();
  await db.schema.createIndex('findings_by_date').on('findings').columns(['finding_date', 'seq']).execute();
  await db.schema.createIndex('findings_by_meeting').on('findings').columns(['meeting_id', 'seq']).execute();
  await db.schema.createIndex('findings_by_wijk').on('findings').columns(['wijk_id', 'finding_date']).execute();
  await db.schema.createIndex('findings_by_theme').on('findings').columns(['theme', 'finding_date']).execute();
  await db.schema.createIndex('findings_by_source').on('findings').columns(['source', 'finding_date']).execute();
  await db.schema.createIndex('findings_by_theme_table').on('findings').column('theme_table_id').execute();
  await db.schema.createIndex('findings_by_votes').on('findings').columns(['votes', 'priority']).execute();

  // Free tags; `tag_key` is the case-folded tag so "Vervoer" and "vervoer" are one tag.
  await db.schema
    .createTable('finding_tags')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_tags_pk', ['finding_id', 'tag_key'])
    .execute();
  await db.schema.createIndex('finding_tags_by_tag').on('finding_tags').columns(['tag_key', 'finding_id']).execute();

  // A group of findings that say the same thing. The counts are maintained by the triggers below,
  // so "top signals by number of distinct meetings" is an index scan, not an aggregate over findings.
  await recordColumns(
    db.schema
      .createTable('signals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0).check(sql`priority between 0 and 3`))
      .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`votes >= 0`))
      .addColumn('finding_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('meeting_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('wijk_count', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('signals_by_meeting_count').on('signals').columns(['meeting_count', 'finding_count', 'id']).execute();

  await db.schema
    .createTable('signal_findings')
    .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('signal_findings_pk', ['signal_id', 'finding_id'])
    .execute();
  await db.schema.createIndex('signal_findings_by_finding').on('signal_findings').columns(['finding_id', 'signal_id']).execute();

  await createSignalCountTriggers(db);
  await createFindingsFullTextIndex(db);
}

/** SQLite-specific: keeps signals.finding_count / meeting_count / wijk_count equal to their definition. */
async function createSignalCountTriggers(db: Kysely<any>): Promise<void> {
  const recount = (signalId: string) => `
    update signals set
      finding_count = (select count(*) from signal_findings sf where sf.signal_id = ${signalId}),
      meeting_count = (select count(distinct f.meeting_id) from signal_findings sf join findings f on f.id = sf.finding_id
                       where sf.signal_id = ${signalId}),
      wijk_count = (select count(distinct f.wijk_id) from signal_findings sf join findings f on f.id = sf.finding_id
                    where sf.signal_id = ${signalId})
    where id = ${signalId};`;
  await sql
    .raw(`create trigger signal_findings_count_insert after insert on signal_findings begin ${recount('new.signal_id')} end`)
    .execute(db);
  await sql
    .raw(`create trigger signal_findings_count_delete after delete on signal_findings begin ${recount('old.signal_id')} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger findings_signal_counts_update after update of meeting_id, wijk_id on findings
       when old.meeting_id is not new.meeting_id or old.wijk_id is not new.wijk_id
       begin
         update signals set
           meeting_count = (select count(distinct f.meeting_id) from signal_findings sf join findings f on f.id = sf.finding_id
                            where sf.signal_id = signals.id),
           wijk_count = (select count(distinct f.wijk_id) from signal_findings sf join findings f on f.id = sf.finding_id
                         where sf.signal_id = signals.id)
         where id in (select signal_id from signal_findings where finding_id = new.id);
       end`,
    )
    .execute(db);
}

/**
 * SQLite-specific: an external-content FTS5 index over findings.text, kept in sync by triggers.
 * unicode61 with remove_diacritics 2 folds "cliënt" to "client"; prefix indexes make "mantel*" fast.
 */
async function createFindingsFullTextIndex(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create virtual table findings_fts using fts5(
         text,
         content = 'findings',
         content_rowid = 'seq',
         tokenize = 'unicode61 remove_diacritics 2',
         prefix = '2 3'
       )`,
    )
    .execute(db);
  await sql
    .raw(`create trigger findings_fts_insert after insert on findings begin
            insert into findings_fts(rowid, text) values (new.seq, new.text);
          end`)
    .execute(db);
  await sql
    .raw(`create trigger findings_fts_delete after delete on findings begin
            insert into findings_fts(findings_fts, rowid, text) values ('delete', old.seq, old.text);
          end`)
    .execute(db);
  await sql
    .raw(`create trigger findings_fts_update after update of text on findings begin
            insert into findings_fts(findings_fts, rowid, text) values ('delete', old.seq, old.text);
            insert into findings_fts(rowid, text) values (new.seq, new.text);
          end`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table findings_fts').execute(db);
  await db.schema.dropTable('signal_findings').execute();
  await db.schema.dropTable('signals').execute();
  await db.schema.dropTable('finding_tags').execute();
  await db.schema.dropTable('findings').execute();
  await db.schema.dropTable('theme_tables').execute();
  await db.schema.dropTable('meeting_wijken').execute();
  await db.schema.dropTable('meetings').execute();
  await db.schema.dropTable('programmes').execute();
}
