import type { Account, Role } from '../../../shared/api/accounts';
import type { Db } from '../db/connection';
import type { AccountTable } from '../db/schema';

type AccountRow = Pick<AccountTable, 'id' | 'login' | 'name' | 'role' | 'disabled_at' | 'created_at'>;

function toAccount(row: AccountRow): Account {
  return { id: row.id, login: row.login, name: row.name, role: row.role, disabledAt: row.disabled_at, createdAt: row.created_at };
}

const ACCOUNT_COLUMNS = ['id', 'login', 'name', 'role', 'disabled_at', 'created_at'] as const;

export async function countAccounts(db: Db): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).orderBy('name').orderBy('login').execute();
  return rows.map(toAccount);
}

export async function findAccount(db: Db, id: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountForLogin(db: Db, login: string): Promise<(Account & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('accounts').select([...ACCOUNT_COLUMNS, 'password_hash']).where('login', '=', login).executeTakeFirst();
  return row && { ...toAccount(row), passwordHash: row.password_hash };
}

export async function loginExists(db: Db, login: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirst();
  return row !== undefined;
}

export async function insertAccount(
  db: Db,
  account: { id: string; login: string; name: string; role: Role; passwordHash: string; now: string; by: string },
): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: account.id,
      login: account.login,
      name: account.name,
      role: account.role,
      password_hash: account.passwordHash,
      disabled_at: null,
      created_at: account.now,
      updated_at: account.now,
      created_by: account.by,
      updated_by: account.by,
    })
    .execute();
}

export async function updateAccount(db: Db, id: string, changes: { name?: string; role?: Role; disabledAt?: string | null }, now: string, by: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.disabledAt !== undefined ? { disabled_at: changes.disabledAt } : {}),
      updated_at: now,
      updated_by: by,
    })
    .where('id', '=', id)
    .execute();
}

/** Beheerders who can still sign in: the last one may not be disabled or demoted. */
export async function countActiveBeheerders(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'beheerder')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertSession(db: Db, session: { tokenHash: string; accountId: string; now: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('account_sessions')
    .values({ token_hash: session.tokenHash, account_id: session.accountId, created_at: session.now, expires_at: session.expiresAt, revoked_at: null })
    .execute();
}

/** The account behind a live session: not revoked, not expired, the account not disabled. */
export async function findSessionAccount(db: Db, tokenHash: string, now: string): Promise<Account | undefined> {
  const row = await db
    .selectFrom('account_sessions')
    .innerJoin('accounts', 'accounts.id', 'account_sessions.account_id')
    .select(['accounts.id', 'accounts.login', 'accounts.name', 'accounts.role', 'accounts.disabled_at', 'accounts.created_at'])
    .where('account_sessions.token_hash', '=', tokenHash)
    .where('account_sessions.revoked_at', 'is', null)
    .where('account_sessions.expires_at', '>', now)
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function revokeSession(db: Db, tokenHash: string, now: string): Promise<void> {
  await db.updateTable('account_sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}

export async function revokeSessionsOf(db: Db, accountId: string, now: string): Promise<number> {
  const result = await db.updateTable('account_sessions').set({ revoked_at: now }).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sessions and invitations long past use: kept a month for the record, then gone. */
export async function deleteStaleSessions(db: Db, before: string): Promise<void> {
  await db.deleteFrom('account_sessions').where('expires_at', '<', before).execute();
}

export async function insertInvitation(
  db: Db,
  invitation: { tokenHash: string; name: string; login: string; role: Role; now: string; by: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('account_invitations')
    .values({
      token_hash: invitation.tokenHash,
      name: invitation.name,
      login: invitation.login,
      role: invitation.role,
      created_at: invitation.now,
      created_by: invitation.by,
      expires_at: invitation.expiresAt,
      accepted_at: null,
      account_id: null,
    })
    .execute();
}

export async function findOpenInvitation(db: Db, tokenHash: string, now: string): Promise<{ name: string; login: string; role: Role } | undefined> {
  return db
    .selectFrom('account_invitations')
    .select(['name', 'login', 'role'])
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the invitation used; false when another request used it first (one account per link). */
export async function markInvitationAccepted(db: Db, tokenHash: string, accountId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('account_invitations')
    .set({ accepted_at: now, account_id: accountId })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A member renames themself ("Naam wijzigen" while signed in). */
export async function updateAccountName(db: Db, id: string, name: string): Promise<void> {
  await updateAccount(db, id, { name }, new Date().toISOString(), name);
}
