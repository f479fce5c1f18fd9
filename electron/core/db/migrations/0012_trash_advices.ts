import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// Advices and wijkteams take part in the trash (a nullable `deleted_at`, see reliability/trash.ts);
// a sent advice is never trashed but can be archived (`archived_at`): it leaves the default list and
// keeps counting everywhere else (dashboards, reports, references), because it is public record.

/** Columns of a sent advice that nothing may change (everything but archived_at, updated_at/by and deleted_at). */
const FROZEN_COLUMNS = [
  'id',
  'kind',
  'betreft',
  'kenmerk',
  'kenmerk_key',
  'sequence_year',
  'sequence_number',
  'request_id',
  'addressee',
  'advice_date',
  'opening_text',
  'closing_text',
  'signatories_json',
  'cc_json',
  'created_at',
  'created_by',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('advices').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('advices').addColumn('archived_at', 'text').execute();
  await db.schema.alterTable('wijkteams').addColumn('deleted_at', 'text').execute();

  const unchanged = FROZEN_COLUMNS.map((column) => `new.${column} is old.${column}`).join(' and ');
  // What was sent stays as it was sent. On a sent advice exactly two updates are allowed:
  // archiving/unarchiving (archived_at, with updated_at/by), and the explicit new version
  // (back to concept, version + 1, adoption and sending cleared, not archived). Nothing else.
  await sql
    .raw(
      `create trigger advices_sent_frozen before update on advices when old.status = 'verzonden' and not (
        (new.status = 'verzonden' and ${unchanged} and new.status is old.status and new.adopted_on is old.adopted_on
          and new.sent_on is old.sent_on and new.version is old.version and new.deleted_at is old.deleted_at)
        or (new.status = 'concept' and ${unchanged} and new.version = old.version + 1 and new.adopted_on is null
          and new.sent_on is null and new.archived_at is null and new.deleted_at is null))
      begin select raise(abort, 'a sent advice is frozen: only archived_at may change'); end`,
    )
    .execute(db);
  // An advice that is or ever was sent (it has a sent version) is public record: never in the trash.
  await sql
    .raw(
      `create trigger advices_sent_not_trashed before update of deleted_at, status on advices
      when new.deleted_at is not null and (new.status = 'verzonden' or exists (select 1 from advice_versions where advice_id = new.id))
      begin select raise(abort, 'a sent advice cannot be moved to the trash, only archived'); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger advices_insert_sent_not_trashed before insert on advices when new.deleted_at is not null and new.status = 'verzonden'
      begin select raise(abort, 'a sent advice cannot be moved to the trash, only archived'); end`,
    )
    .execute(db);
  // Only a sent advice can be archived.
  await sql
    .raw(
      `create trigger advices_archive_only_sent before update of archived_at, status on advices
      when new.archived_at is not null and new.status is not 'verzonden'
      begin select raise(abort, 'only a sent advice can be archived'); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger advices_insert_archive_only_sent before insert on advices when new.archived_at is not null and new.status is not 'verzonden'
      begin select raise(abort, 'only a sent advice can be archived'); end`,
    )
    .execute(db);

  // The dashboard walks sent advices by status and sending date and joins their positions by id;
  // with deleted_at in the index too, the walk that leaves out the trash still never reads the rows.
  await db.schema.dropIndex('advices_by_status_sent').execute();
  await db.schema.createIndex('advices_by_status_sent').on('advices').columns(['status', 'sent_on', 'id', 'deleted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('advices_by_status_sent').execute();
  await db.schema.createIndex('advices_by_status_sent').on('advices').columns(['status', 'sent_on', 'id']).execute();
  for (const trigger of ['advices_insert_archive_only_sent', 'advices_archive_only_sent', 'advices_insert_sent_not_trashed', 'advices_sent_not_trashed', 'advices_sent_frozen'])
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  await db.schema.alterTable('wijkteams').dropColumn('deleted_at').execute();
  await db.schema.alterTable('advices').dropColumn('archived_at').execute();
  await db.schema.alterTable('advices').dropColumn('deleted_at').execute();
}
