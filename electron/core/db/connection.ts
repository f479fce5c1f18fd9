import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, type Driver, type SqliteDatabase } from 'kysely';
import { foldText } from '../findings/text';
import type { Database } from './schema';

export type Sqlite = BetterSqlite3.Database;
export type Db = Kysely<Database>;

export interface OpenOptions {
  /** Path of the database file; `:memory:` for throw-away databases. */
  path: string;
  /**
   * Path of a better-sqlite3 addon built for the running runtime. Electron passes its own build
   * here so the Node build in node_modules stays usable for tests and browser mode.
   */
  nativeBinding?: string;
  readonly?: boolean;
  /** Refuse to create the file (a job's own connection, a backup opened for reading). */
  mustExist?: boolean;
}

/**
 * SQLite runs DDL inside transactions; telling Kysely so makes its Migrator wrap the pending
 * migrations and their bookkeeping in one transaction, so a failed or killed migration leaves
 * the database as it was.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** How many prepared statements a connection keeps; the app's queries are a few hundred shapes at most. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, keeping its prepared statements: Kysely's SQLite driver
 * prepares every query anew, and preparing (parsing and planning) cost about as much as running a
 * page of 50 findings' one-row lookups (47 µs of a 0.5 ms first page). A statement is kept per SQL
 * text (the parameters differ per call) and the least recently used goes when the cache is full.
 * A statement still running (an open iterator) is never handed out twice: that call prepares its own.
 * SQLite re-prepares a kept statement itself when a migration changed the schema under it.
 */
export function cachingStatements(sqlite: Sqlite, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const kept = statements.get(sqlText);
      if (kept && !kept.busy) {
        // Most recently used last: a Map iterates in insertion order, so the first key is the oldest.
        statements.delete(sqlText);
        statements.set(sqlText, kept);
        return kept;
      }
      const statement = sqlite.prepare(sqlText);
      if (kept) return statement;
      statements.set(sqlText, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

class AdvieswerkSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: Sqlite) {
    super({ database: cachingStatements(sqlite) });
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  /**
   * On SQLITE_FULL (and some I/O errors) SQLite has already rolled the transaction back; Kysely's
   * own ROLLBACK would then fail with "no transaction is active" and hide the real error (a full
   * disk would reach the user as an internal error). Roll back only what is still open.
   */
  override createDriver(): Driver {
    const driver = super.createDriver();
    // Kysely begins deferred: a transaction that reads and then writes asks for the write lock
    // only at its first write, and when another connection committed in between, SQLite refuses it
    // at once (SQLITE_BUSY_SNAPSHOT; busy_timeout does not apply). BEGIN IMMEDIATE takes the write
    // lock first, waiting up to busy_timeout for it, so a save during an import waits its turn.
    // Every Kysely transaction in the app writes; a read-only connection cannot take the lock.
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw(this.sqlite.readonly ? 'begin' : 'begin immediate'));
    };
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

export function openSqlite(options: OpenOptions): Sqlite {
  const sqlite = new BetterSqlite3(options.path, {
    readonly: options.readonly ?? false,
    fileMustExist: (options.readonly ?? false) || (options.mustExist ?? false),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  sqlite.pragma('busy_timeout = 5000');
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL can lose the last commits on power loss; FULL keeps every acknowledged write.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  registerTextFunctions(sqlite);
  return sqlite;
}

/**
 * `fold(text)` in SQL: lower case without diacritics, exactly as `foldText` (and the findings'
 * full-text tokenizer) does, so "één" finds "Één" and "client" finds "Cliënt". SQLite's own
 * lower() folds ASCII only. Used in queries only, never in the schema (triggers, indexes), so
 * the database stays readable by any SQLite tool.
 */
function registerTextFunctions(sqlite: Sqlite): void {
  sqlite.function('fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldText(value) : value));
}

/**
 * Keeps the query planner's statistics in step with the data. Statistics taken when a table was
 * small (say 1 advice) make SQLite pick a full scan once it holds thousands; `PRAGMA optimize`
 * re-analyzes only tables that changed that much, and `analysis_limit` bounds the cost to a few
 * milliseconds on large databases. Run when a connection closes, as SQLite advises, so the
 * statistics always describe data that exists (never empty tables at first start).
 */
export function refreshPlannerStatistics(sqlite: Sqlite): void {
  if (sqlite.readonly || !sqlite.open) return;
  sqlite.pragma('analysis_limit = 400');
  sqlite.pragma('optimize');
}

export function createKysely(sqlite: Sqlite): Db {
  return new Kysely<Database>({ dialect: new AdvieswerkSqliteDialect(sqlite) });
}

