import type { Kysely } from 'kysely';
import type { Db, Sqlite } from '../db/connection';

/** The SQL of the move package (package.ts): the server's own account rows, and whole-file checks. */

/**
 * The server's own tables: who may sign in there. They do not count as council data when the server is
 * checked for emptiness, and they survive a take-over (the beheerder who does it stays signed in).
 */
export const SERVER_OWN_TABLES = ['accounts', 'account_sessions', 'account_invitations'] as const;

/** The server's account rows, read before the take-over, to be carried into the package's copy. */
export async function serverOwnRows(target: Db): Promise<Map<string, Record<string, unknown>[]>> {
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const table of SERVER_OWN_TABLES) rows.set(table, (await (target as Kysely<any>).selectFrom(table).selectAll().execute()) as Record<string, unknown>[]);
  return rows;
}

/**
 * Puts the server's own accounts, sessions and invitations into the package's (temporary) copy, so
 * copyStore carries them over with the council's data in its one transaction. The package's sessions
 * and invitations are dropped (secrets of another place); its accounts stay unless the server has one
 * with the same id or login (the server's wins).
 */
export async function mergeServerAccounts(copy: Kysely<any>, own: Map<string, Record<string, unknown>[]>): Promise<void> {
  await copy.transaction().execute(async (trx) => {
    await trx.deleteFrom('account_sessions').execute();
    await trx.deleteFrom('account_invitations').execute();
    const accounts = own.get('accounts') ?? [];
    for (const account of accounts) {
      await trx
        .deleteFrom('accounts')
        .where((eb) => eb.or([eb('id', '=', account.id as string), eb('login', '=', account.login as string)]))
        .execute();
    }
    for (const table of SERVER_OWN_TABLES) {
      const rows = own.get(table) ?? [];
      if (rows.length > 0) await trx.insertInto(table).values(rows).execute();
    }
  });
}

/** One file, no -wal beside it: what goes into the package. */
export function oneFileDatabase(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = DELETE');
}

export function integrityOk(sqlite: Sqlite): boolean {
  return sqlite.pragma('integrity_check', { simple: true }) === 'ok';
}
