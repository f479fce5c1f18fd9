import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release; add a new migration.
//
// Raadsserver (issue 14): the council's members sign in as themselves. An account has one role; a member
// who leaves is disabled, never deleted, so what they wrote keeps their name. Sessions and invitations keep
// only a SHA-256 of their secret: a copy of the database does not let anyone in. The password hash is
// scrypt's own string (parameters inside it), never anything a person could read back.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('beheerder', 'secretaris', 'voorzitter', 'lid', 'alleen_lezen')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  // One account per login name, whatever its case ("Anna@Raad.nl" is "anna@raad.nl").
  await db.schema.createIndex('accounts_login').unique().on('accounts').column('login').execute();

  await db.schema
    .createTable('account_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('account_sessions_account').on('account_sessions').column('account_id').execute();

  await db.schema
    .createTable('account_invitations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('beheerder', 'secretaris', 'voorzitter', 'lid', 'alleen_lezen')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_invitations').execute();
  await db.schema.dropTable('account_sessions').execute();
  await db.schema.dropTable('accounts').execute();
}
