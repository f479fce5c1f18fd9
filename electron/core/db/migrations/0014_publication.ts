import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// Openbaar maken (Woo art. 3.3 lid 2 e): per advice whether it is published on the council's site,
// and if not, why (a Woo ground from the list, or free text). One row per advice, made when the
// council decides (asked once when the advice is sent); no row means "not decided yet", which
// publishes nothing. A concept is never public: the publication only reads sent advices.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advice_publication')
    .addColumn('advice_id', 'text', (c) => c.primaryKey().references('advices.id').onDelete('cascade'))
    .addColumn('is_public', 'integer', (c) => c.notNull().check(sql`is_public in (0, 1)`))
    .addColumn('woo_ground', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    // Not public needs a reason: a ground from the list or a free text.
    .addCheckConstraint('advice_publication_reason', sql`is_public = 1 or woo_ground is not null or length(trim(reason)) > 0`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('advice_publication').execute();
}
