import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('council')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('default_addressee', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postal_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('logo_data_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('response_term_weeks', 'integer', (c) => c.notNull().defaultTo(6))
    .addColumn('kenmerk_pattern', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('signatories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('council_id', 'text', (c) => c.notNull().references('council.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('signatories_by_council').on('signatories').columns(['council_id', 'position']).execute();

  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wijken')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('wijken_name_key_unique').on('wijken').column('name_key').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wijken').execute();
  await db.schema.dropTable('app_settings').execute();
  await db.schema.dropTable('signatories').execute();
  await db.schema.dropTable('council').execute();
}
