import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0005 from './0005_reliability';
import * as m0002 from './0002_meetings';
import * as m0003 from './0003_advices';
import * as m0004 from './0004_monitoring';
import * as m0006 from './0006_responses';
import * as m0010 from './0010_personal_data_flags';
import * as m0012 from './0012_trash_advices';
import * as m0011 from './0011_trash_meetings';
import * as m0013 from './0013_council_own';
import * as m0014 from './0014_publication';
import * as m0015 from './0015_findings_search_postgres';
import * as m0016 from './0016_archived_pdf';
import * as m0017 from './0017_accounts';
import * as m0018 from './0018_findings_count_postgres';
import * as m0019 from './0019_signal_counts_postgres';
import { postgresForms } from './postgres/forms';
import { SqliteToPostgresPlugin } from './postgres/translate';

/**
 * Every migration, listed in code so bundling cannot lose one. Names sort in order of application.
 * Append only: a released migration is never edited or removed.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_meetings': m0002,
  '0003_advices': m0003,
  '0004_monitoring': m0004,
  '0006_responses': m0006,
  '0005_reliability': m0005,
  '0010_personal_data_flags': m0010,
  '0012_trash_advices': m0012,
  '0011_trash_meetings': m0011,
  '0013_council_own': m0013,
  '0014_publication': m0014,
  '0015_findings_search_postgres': m0015,
  '0016_archived_pdf': m0016,
  '0017_accounts': m0017,
  '0018_findings_count_postgres': m0018,
  '0019_signal_counts_postgres': m0019,
};

/**
 * The same ordered list for PostgreSQL: each frozen migration body run through the SQLite-to-PostgreSQL
 * translation (column types; SQLite-only triggers and FTS5 left out), then its PostgreSQL form where it
 * differs (postgres/forms.ts: the triggers as plpgsql functions with the same behaviour).
 */
export const postgresMigrations: Record<string, Migration> = Object.fromEntries(
  Object.entries(migrations).map(([name, migration]) => [
    name,
    {
      async up(db) {
        await migration.up(db.withPlugin(new SqliteToPostgresPlugin()));
        await postgresForms[name]?.(db);
      },
    },
  ]),
);
