import { sql, type Kysely } from 'kysely';

// Frozen in time like the migrations: imports nothing of the app, never edited after release.
//
// The PostgreSQL form of each migration where it differs from SQLite: what the SQLite migration does
// with triggers (left out by ./translate.ts) as plpgsql functions with the same behaviour. Run after
// the migration's own body, in the same transaction.

async function run(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** signals.finding_count / meeting_count / wijk_count over the findings `visible` admits. */
function recountFunction(visible: string): string {
  return `create or replace function advieswerk_recount_signal(sid text) returns void language plpgsql as $$
    begin
      update signals set
        finding_count = (select count(*) from signal_findings sf join findings f on f.id = sf.finding_id where sf.signal_id = sid ${visible}),
        meeting_count = (select count(distinct f.meeting_id) from signal_findings sf join findings f on f.id = sf.finding_id where sf.signal_id = sid ${visible}),
        wijk_count = (select count(distinct f.wijk_id) from signal_findings sf join findings f on f.id = sf.finding_id where sf.signal_id = sid ${visible})
      where id = sid;
    end $$`;
}

const RECOUNT_FOR_FINDING = `create or replace function advieswerk_findings_signal_counts() returns trigger language plpgsql as $$
  begin
    perform advieswerk_recount_signal(signal_id) from signal_findings where finding_id = new.id;
    return null;
  end $$`;

export const postgresForms: Record<string, (db: Kysely<any>) => Promise<void>> = {
  // Diacritics folded in queries (fold()) and search: unaccent is a trusted extension (PostgreSQL ≥ 13).
  '0001_foundation': (db) => run(db, ['create extension if not exists unaccent']),

  '0002_meetings': (db) =>
    run(db, [
      recountFunction(''),
      `create function advieswerk_signal_findings_count() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then perform advieswerk_recount_signal(old.signal_id); else perform advieswerk_recount_signal(new.signal_id); end if;
          return null;
        end $$`,
      `create trigger signal_findings_count after insert or delete on signal_findings
        for each row execute function advieswerk_signal_findings_count()`,
      RECOUNT_FOR_FINDING,
      `create trigger findings_signal_counts_update after update of meeting_id, wijk_id on findings for each row
        when (old.meeting_id is distinct from new.meeting_id or old.wijk_id is distinct from new.wijk_id)
        execute function advieswerk_findings_signal_counts()`,
    ]),

  '0003_advices': (db) =>
    run(db, [
      `create function advieswerk_append_only() returns trigger language plpgsql as $$
        begin raise exception '% is append-only', tg_table_name; end $$`,
      `create trigger advice_versions_no_update before update or delete on advice_versions
        for each row execute function advieswerk_append_only()`,
    ]),

  '0006_responses': (db) =>
    run(db, [
      `create function advieswerk_advices_status_log() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            insert into advice_status_log (advice_id, from_status, to_status, changed_at, changed_by)
              values (new.id, null, new.status, new.updated_at, new.updated_by);
          elsif old.status is distinct from new.status then
            insert into advice_status_log (advice_id, from_status, to_status, changed_at, changed_by)
              values (new.id, old.status, new.status, new.updated_at, new.updated_by);
          end if;
          return null;
        end $$`,
      `create trigger advices_status_log after insert or update of status on advices
        for each row execute function advieswerk_advices_status_log()`,
    ]),

  '0011_trash_meetings': (db) =>
    run(db, [
      `create function advieswerk_meetings_trash_findings() returns trigger language plpgsql as $$
        begin
          update findings set meeting_deleted_at = new.deleted_at where meeting_id = new.id;
          return null;
        end $$`,
      `create trigger meetings_trash_findings after update of deleted_at on meetings for each row
        when (old.deleted_at is distinct from new.deleted_at) execute function advieswerk_meetings_trash_findings()`,
      // A finding follows its meeting into (and out of) the trash, also when added to or moved to one.
      `create function advieswerk_findings_meeting_trash() returns trigger language plpgsql as $$
        begin
          if new.meeting_id is not null and (tg_op = 'INSERT' or old.meeting_id is distinct from new.meeting_id) then
            new.meeting_deleted_at := (select deleted_at from meetings where id = new.meeting_id);
          end if;
          return new;
        end $$`,
      `create trigger findings_meeting_trash before insert or update of meeting_id on findings
        for each row execute function advieswerk_findings_meeting_trash()`,
      recountFunction('and f.deleted_at is null and f.meeting_deleted_at is null'),
      'drop trigger findings_signal_counts_update on findings',
      `create trigger findings_signal_counts_update after update of meeting_id, wijk_id, deleted_at, meeting_deleted_at on findings for each row
        when (old.meeting_id is distinct from new.meeting_id or old.wijk_id is distinct from new.wijk_id
          or old.deleted_at is distinct from new.deleted_at or old.meeting_deleted_at is distinct from new.meeting_deleted_at)
        execute function advieswerk_findings_signal_counts()`,
    ]),

  '0012_trash_advices': (db) => {
    const unchanged = [
      'id', 'kind', 'betreft', 'kenmerk', 'kenmerk_key', 'sequence_year', 'sequence_number', 'request_id', 'addressee',
      'advice_date', 'opening_text', 'closing_text', 'signatories_json', 'cc_json', 'created_at', 'created_by',
    ]
      .map((column) => `new.${column} is not distinct from old.${column}`)
      .join(' and ');
    return run(db, [
      `create function advieswerk_advices_sent_frozen() returns trigger language plpgsql as $$
        begin
          if not (
            (new.status = 'verzonden' and ${unchanged} and new.adopted_on is not distinct from old.adopted_on
              and new.sent_on is not distinct from old.sent_on and new.version is not distinct from old.version
              and new.deleted_at is not distinct from old.deleted_at)
            or (new.status = 'concept' and ${unchanged} and new.version = old.version + 1 and new.adopted_on is null
              and new.sent_on is null and new.archived_at is null and new.deleted_at is null)) then
            raise exception 'a sent advice is frozen: only archived_at may change';
          end if;
          return new;
        end $$`,
      `create trigger advices_sent_frozen before update on advices for each row when (old.status = 'verzonden')
        execute function advieswerk_advices_sent_frozen()`,
      `create function advieswerk_advices_sent_not_trashed() returns trigger language plpgsql as $$
        begin
          if new.status = 'verzonden' or (tg_op = 'UPDATE' and exists (select 1 from advice_versions where advice_id = new.id)) then
            raise exception 'a sent advice cannot be moved to the trash, only archived';
          end if;
          return new;
        end $$`,
      `create trigger advices_sent_not_trashed before update of deleted_at, status on advices for each row
        when (new.deleted_at is not null) execute function advieswerk_advices_sent_not_trashed()`,
      `create trigger advices_insert_sent_not_trashed before insert on advices for each row
        when (new.deleted_at is not null and new.status = 'verzonden') execute function advieswerk_advices_sent_not_trashed()`,
      `create function advieswerk_advices_archive_only_sent() returns trigger language plpgsql as $$
        begin raise exception 'only a sent advice can be archived'; end $$`,
      `create trigger advices_archive_only_sent before update of archived_at, status on advices for each row
        when (new.archived_at is not null and new.status is distinct from 'verzonden') execute function advieswerk_advices_archive_only_sent()`,
      `create trigger advices_insert_archive_only_sent before insert on advices for each row
        when (new.archived_at is not null and new.status is distinct from 'verzonden') execute function advieswerk_advices_archive_only_sent()`,
    ]);
  },

  // Full-text search of findings (the SQLite form is empty: FTS5 since 0002). The words of findings.text
  // as FTS5's unicode61 tokenizer with remove_diacritics sees them: unaccent, lower case, everything
  // but letters and digits a separator; the `simple` configuration (no stemming, no stop words), so a
  // search matches on PostgreSQL what it matches on SQLite. A trigger keeps the vector (a generated
  // column would need unaccent to be immutable, which it is not), a GIN index serves `@@`.
  '0015_findings_search_postgres': (db) =>
    run(db, [
      `create function advieswerk_search_text(value text) returns text language sql stable
        as $$ select regexp_replace(lower(unaccent(value)), '[^[:alnum:]]+', ' ', 'g') $$`,
      'alter table findings add column search_vector tsvector',
      `create function advieswerk_findings_search_vector() returns trigger language plpgsql as $$
        begin
          new.search_vector := to_tsvector('simple', advieswerk_search_text(new.text));
          return new;
        end $$`,
      `create trigger findings_search_vector before insert or update of text, search_vector on findings
        for each row execute function advieswerk_findings_search_vector()`,
      `update findings set search_vector = to_tsvector('simple', advieswerk_search_text(text))`,
      'create index findings_search on findings using gin (search_vector)',
    ]),

  // The archived PDF/A is append-only like its version (advieswerk_append_only is made by 0003).
  '0016_archived_pdf': (db) =>
    run(db, [
      `create trigger advice_version_pdfs_no_update before update or delete on advice_version_pdfs
        for each row execute function advieswerk_append_only()`,
    ]),

  // The number of visible findings, kept by the database itself so that the first page of the
  // overview reads one row instead of counting 100k (see 0018_findings_count_postgres.ts). Triggers
  // per statement with transition tables: an import of 10,000 findings in batches changes the row a
  // few times, not 10,000 times. The row is locked from a finding's insert until its commit, so
  // writers of findings take turns there; their transactions are short (one capture, one import).
  // `move` pauses triggers while it copies and then counts once (db/findings-count.ts).
  '0018_findings_count_postgres': (db) =>
    run(db, [
      `create table findings_visible_count (
        id integer primary key check (id = 1),
        n bigint not null check (n >= 0))`,
      `insert into findings_visible_count (id, n)
        select 1, count(*) from findings where deleted_at is null and meeting_deleted_at is null`,
      `create function advieswerk_findings_count_inserted() returns trigger language plpgsql as $$
        begin
          update findings_visible_count set n = n + (select count(*) from inserted where deleted_at is null and meeting_deleted_at is null);
          return null;
        end $$`,
      `create function advieswerk_findings_count_deleted() returns trigger language plpgsql as $$
        begin
          update findings_visible_count set n = n - (select count(*) from removed where deleted_at is null and meeting_deleted_at is null);
          return null;
        end $$`,
      `create function advieswerk_findings_count_updated() returns trigger language plpgsql as $$
        declare delta bigint;
        begin
          select (select count(*) from changed where deleted_at is null and meeting_deleted_at is null)
               - (select count(*) from removed where deleted_at is null and meeting_deleted_at is null) into delta;
          if delta <> 0 then update findings_visible_count set n = n + delta; end if;
          return null;
        end $$`,
      `create function advieswerk_findings_count_truncated() returns trigger language plpgsql as $$
        begin
          update findings_visible_count set n = 0;
          return null;
        end $$`,
      `create trigger findings_count_insert after insert on findings referencing new table as inserted
        for each statement execute function advieswerk_findings_count_inserted()`,
      `create trigger findings_count_delete after delete on findings referencing old table as removed
        for each statement execute function advieswerk_findings_count_deleted()`,
      `create trigger findings_count_update after update on findings referencing old table as removed new table as changed
        for each statement execute function advieswerk_findings_count_updated()`,
      `create trigger findings_count_truncate after truncate on findings
        for each statement execute function advieswerk_findings_count_truncated()`,
    ]),
  // The signals overview's two totals (see 0019_signal_counts_postgres.ts): all signals, and the meetings
  // not in the trash. One row per number in `kept_counts`, kept by statement triggers with transition
  // tables as in 0018; `move` pauses them while it copies and then counts once.
  '0019_signal_counts_postgres': (db) =>
    run(db, [
      `create table kept_counts (
        name text primary key check (name in ('signals', 'meetings_visible')),
        n bigint not null check (n >= 0))`,
      `insert into kept_counts (name, n) values
        ('signals', (select count(*) from signals)),
        ('meetings_visible', (select count(*) from meetings where deleted_at is null))`,
      `create function advieswerk_signals_count_changed() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            update kept_counts set n = n + (select count(*) from inserted) where name = 'signals';
          elsif tg_op = 'DELETE' then
            update kept_counts set n = n - (select count(*) from removed) where name = 'signals';
          else
            update kept_counts set n = 0 where name = 'signals';
          end if;
          return null;
        end $$`,
      `create trigger signals_count_insert after insert on signals referencing new table as inserted
        for each statement execute function advieswerk_signals_count_changed()`,
      `create trigger signals_count_delete after delete on signals referencing old table as removed
        for each statement execute function advieswerk_signals_count_changed()`,
      `create trigger signals_count_truncate after truncate on signals
        for each statement execute function advieswerk_signals_count_changed()`,
      `create function advieswerk_meetings_count_inserted() returns trigger language plpgsql as $$
        begin
          update kept_counts set n = n + (select count(*) from inserted where deleted_at is null) where name = 'meetings_visible';
          return null;
        end $$`,
      `create function advieswerk_meetings_count_deleted() returns trigger language plpgsql as $$
        begin
          update kept_counts set n = n - (select count(*) from removed where deleted_at is null) where name = 'meetings_visible';
          return null;
        end $$`,
      `create function advieswerk_meetings_count_updated() returns trigger language plpgsql as $$
        declare delta bigint;
        begin
          select (select count(*) from changed where deleted_at is null) - (select count(*) from removed where deleted_at is null) into delta;
          if delta <> 0 then update kept_counts set n = n + delta where name = 'meetings_visible'; end if;
          return null;
        end $$`,
      `create function advieswerk_meetings_count_truncated() returns trigger language plpgsql as $$
        begin
          update kept_counts set n = 0 where name = 'meetings_visible';
          return null;
        end $$`,
      `create trigger meetings_count_insert after insert on meetings referencing new table as inserted
        for each statement execute function advieswerk_meetings_count_inserted()`,
      `create trigger meetings_count_delete after delete on meetings referencing old table as removed
        for each statement execute function advieswerk_meetings_count_deleted()`,
      `create trigger meetings_count_update after update on meetings referencing old table as removed new table as changed
        for each statement execute function advieswerk_meetings_count_updated()`,
      `create trigger meetings_count_truncate after truncate on meetings
        for each statement execute function advieswerk_meetings_count_truncated()`,
    ]),
};
