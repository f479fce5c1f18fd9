import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract';
import type { Db, Sqlite } from '../db/connection';
import type { JobRunner } from '../jobs/runner';
import type { AccountService } from '../accounts/service';
import type { PresenceBoard } from '../presence/board';
import type { SystemInfo } from '../../../shared/api/system';
import type { Role } from '../../../shared/api/accounts';

/**
 * The signed-in account making a call on the council server. Absent on one computer (the app, browser
 * mode, the CLI), where nobody signs in and the person at the computer may do everything.
 */
export interface Caller {
  accountId: string;
  login: string;
  name: string;
  role: Role;
  /** The session this call came in on ("Log overal uit" ends the others too). */
  sessionTokenHash: string;
}

/** What every handler gets besides its validated input. */
export interface HandlerContext {
  db: Db;
  /** The SQLite handle (whole-file operations: backups); null on PostgreSQL. */
  sqlite: Sqlite | null;
  jobs: JobRunner;
  /**
   * Who is working: `userName` is recorded as "ingevoerd door" on every write. Held in memory
   * (loaded at start, changed by `user.update`) so a handler inside a transaction never queries
   * for it on the connection the transaction holds.
   */
  session: { userName: string; osUserName: string };
  info: Omit<SystemInfo, 'schemaVersion'> & { schemaVersion: string };
  /** Sending an advice starts the job that archives its PDF/A (CoreOptions.archiveSentLetters). */
  archiveSentLetters: boolean;
  /** Whole-database operations (backups, restore): see electron/core/backups. */
  maintenance: MaintenanceControl;
  /** Who is calling on the council server; null on one computer. */
  caller: Caller | null;
  /** Signing in, sessions and invitations (the council server's accounts). */
  accounts: AccountService;
  /** Who has which advice open (council server; memory only). */
  presence: PresenceBoard;
}

export interface MaintenanceControl {
  /** Null for an in-memory database. */
  backupDir: string | null;
  /** The PostgreSQL database's URL (pg_dump, pg_restore); absent on SQLite. */
  postgresUrl?: string;
  nativeBinding?: string;
  /** Runs `work` with no other call in flight; calls arriving meanwhile wait. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Closes the database, lets `replace` rewrite the file at the given path, reopens it (migrating
   * it to the latest schema) and swaps the new connection into the context. Returns the schema version.
   */
  reopenDatabase(replace: (databasePath: string) => Promise<void>): Promise<string>;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext) => Promise<MethodOutput<M>>;

export type HandlerGroup<M extends MethodName> = { [K in M]: Handler<K> };

/** The full map: a contract method without a handler fails to compile. */
export type Handlers = HandlerGroup<MethodName>;

/** Declares one domain's handlers, typed against the contract. */
export function defineHandlers<M extends MethodName>(group: HandlerGroup<M>): HandlerGroup<M> {
  return group;
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/** Joins the domains' handler groups; a name claimed twice is a programming error. */
export function combineHandlers<G extends object[]>(...groups: G): UnionToIntersection<G[number]> {
  const combined: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (name in combined) throw new Error(`API method "${name}" has two handlers`);
      combined[name] = handler;
    }
  }
  return combined as UnionToIntersection<G[number]>;
}
