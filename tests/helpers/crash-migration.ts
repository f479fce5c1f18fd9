import { sql, type Kysely, type Migration } from 'kysely';

/** Adds a column to every wijk and fills it: slow enough on a big table for a kill to land inside. */
export const HEAVY_TEST_MIGRATION_NAME = '9000_crash_test_heavy';
export const heavyTestMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('wijken').addColumn('crash_test_mark', 'text').execute();
    await sql`update wijken set crash_test_mark = 'gemigreerd:' || name_key`.execute(db);
    await db.schema.createIndex('wijken_crash_test_mark').on('wijken').column('crash_test_mark').execute();
    await sql`update wijken set description = description || ''`.execute(db);
  },
};
