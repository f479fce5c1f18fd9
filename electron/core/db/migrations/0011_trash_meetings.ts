import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// Meetings and findings take part in the trash (a nullable `deleted_at`, see reliability/trash.ts).
// What is in the trash counts nowhere, and neither do the findings of a meeting in the trash.
// So that "visible" is a condition on the findings row alone (and partial indexes can serve it,
// issue 8: 100k findings), findings carry `meeting_deleted_at`: a copy of their meeting's
// `deleted_at`, kept by triggers, never written by application code. A finding counts when
// `deleted_at is null and meeting_deleted_at is null`.

const VISIBLE = 'f.deleted_at is null and f.meeting_deleted_at is null';
const VISIBLE_ROW = 'deleted_at is null and meeting_deleted_at is null';

/** The signal counts ("genoemd op X van Y") over the visible findings of one signal. */
function recount(signalId: string): string {
  return `
    update signals set
      finding_count = (select count(*) from signal_findings sf join findings f on f.id = sf.finding_id
                       where sf.signal_id = ${signalId} and ${VISIBLE}),
      meeting_count = (select count(distinct f.meeting_id) from signal_findings sf join findings f on f.id = sf.finding_id
                       where sf.signal_id = ${signalId} and ${VISIBLE}),
      wijk_count = (select count(distinct f.wijk_id) from signal_findings sf join findings f on f.id = sf.finding_id
                    where sf.signal_id = ${signalId} and ${VISIBLE})
    where id = ${signalId};`;
}

/**
 * Indexes the lists, filters, sorts and counts read (the originals of 0002, same names). Partial, so
 * they hold only visible rows; `seq` explicit so the order "date, then seq" is still read from the
 * index; and the two trash columns appended, because SQLite counts a partial index as covering only
 * when it holds every column the WHERE names (checked with EXPLAIN QUERY PLAN on 100k findings).
 */
const VISIBLE_INDEXES: [name: string, columns: string[]][] = [
  ['findings_by_date', ['finding_date', 'seq']],
  ['findings_by_theme', ['theme', 'finding_date', 'seq']],
  ['findings_by_source', ['source', 'finding_date', 'seq']],
  ['findings_by_votes', ['votes', 'priority', 'seq']],
  // findings_by_meeting and findings_by_wijk stay whole (foreign-key checks and "still in use"
  // counts need every row); these visible twins serve the filters.
  ['findings_visible_by_meeting', ['meeting_id', 'seq']],
  ['findings_visible_by_wijk', ['wijk_id', 'finding_date', 'seq']],
];
const ORIGINAL_INDEXES: [name: string, columns: string[]][] = [
  ['findings_by_date', ['finding_date', 'seq']],
  ['findings_by_theme', ['theme', 'finding_date']],
  ['findings_by_source', ['source', 'finding_date']],
  ['findings_by_votes', ['votes', 'priority']],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('findings').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('findings').addColumn('meeting_deleted_at', 'text').execute();

  for (const [name, columns] of VISIBLE_INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute();
    await sql.raw(`create index ${name} on findings (${columns.join(', ')}, deleted_at, meeting_deleted_at) where ${VISIBLE_ROW}`).execute(db);
  }
  await sql.raw('create index meetings_in_trash on meetings (deleted_at) where deleted_at is not null').execute(db);
  await sql.raw('create index findings_in_trash on findings (deleted_at) where deleted_at is not null').execute(db);
  await sql.raw('create index findings_in_trashed_meeting on findings (meeting_deleted_at) where meeting_deleted_at is not null').execute(db);

  // A finding follows its meeting into the trash and out again.
  await sql
    .raw(
      `create trigger meetings_trash_findings after update of deleted_at on meetings
       when old.deleted_at is not new.deleted_at
       begin
         update findings set meeting_deleted_at = new.deleted_at where meeting_id = new.id;
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger findings_meeting_trash_insert after insert on findings
       when new.meeting_id is not null
       begin
         update findings set meeting_deleted_at = (select deleted_at from meetings where id = new.meeting_id) where seq = new.seq;
       end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger findings_meeting_trash_move after update of meeting_id on findings
       when old.meeting_id is not new.meeting_id
       begin
         update findings set meeting_deleted_at = (select deleted_at from meetings where id = new.meeting_id) where seq = new.seq;
       end`,
    )
    .execute(db);

  // The signal counts leave out what is in the trash, and follow it in and out.
  await sql.raw('drop trigger signal_findings_count_insert').execute(db);
  await sql.raw('drop trigger signal_findings_count_delete').execute(db);
  await sql.raw('drop trigger findings_signal_counts_update').execute(db);
  await sql.raw(`create trigger signal_findings_count_insert after insert on signal_findings begin ${recount('new.signal_id')} end`).execute(db);
  await sql.raw(`create trigger signal_findings_count_delete after delete on signal_findings begin ${recount('old.signal_id')} end`).execute(db);
  await sql
    .raw(
      `create trigger findings_signal_counts_update after update of meeting_id, wijk_id, deleted_at, meeting_deleted_at on findings
       when old.meeting_id is not new.meeting_id or old.wijk_id is not new.wijk_id
         or old.deleted_at is not new.deleted_at or old.meeting_deleted_at is not new.meeting_deleted_at
       begin
         ${recount('signals.id').replace('where id = signals.id;', 'where id in (select signal_id from signal_findings where finding_id = new.id);')}
       end`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['meetings_trash_findings', 'findings_meeting_trash_insert', 'findings_meeting_trash_move']) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
  // Back to the counts of 0002 (every finding counts).
  for (const trigger of ['signal_findings_count_insert', 'signal_findings_count_delete', 'findings_signal_counts_update']) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
  const allCounts = (signalId: string) => recount(signalId).replaceAll(` and ${VISIBLE}`, '');
  await sql.raw(`create trigger signal_findings_count_insert after insert on signal_findings begin ${allCounts('new.signal_id')} end`).execute(db);
  await sql.raw(`create trigger signal_findings_count_delete after delete on signal_findings begin ${allCounts('old.signal_id')} end`).execute(db);
  await sql
    .raw(
      `create trigger findings_signal_counts_update after update of meeting_id, wijk_id on findings
       when old.meeting_id is not new.meeting_id or old.wijk_id is not new.wijk_id
       begin
         ${allCounts('signals.id').replace('where id = signals.id;', 'where id in (select signal_id from signal_findings where finding_id = new.id);')}
       end`,
    )
    .execute(db);
  for (const [name] of VISIBLE_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
  for (const index of ['meetings_in_trash', 'findings_in_trash', 'findings_in_trashed_meeting']) await db.schema.dropIndex(index).ifExists().execute();
  for (const [name, columns] of ORIGINAL_INDEXES) await db.schema.createIndex(name).on('findings').columns(columns).execute();
  await db.schema.alterTable('findings').dropColumn('meeting_deleted_at').execute();
  await db.schema.alterTable('findings').dropColumn('deleted_at').execute();
  await db.schema.alterTable('meetings').dropColumn('deleted_at').execute();
}
