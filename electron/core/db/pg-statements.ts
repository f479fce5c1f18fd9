import type pg from 'pg';

/**
 * Prepared statements on PostgreSQL, bounded (issue 13). Kysely's PostgresDialect sends every query
 * unnamed, so the server parses and plans it at each call; a named statement is parsed once per
 * connection and then only bound and run. That is what the bench's floors do, and what SQLite's
 * statement cache (connection.ts, `cachingStatements`) does for the embedded store.
 *
 * Distinct SQL texts are unbounded (literal LIMIT/OFFSET, IN lists, multi-row inserts, DDL), and
 * every named statement holds memory in the server process until it is deallocated. So, per connection:
 *
 * - Only reads are named (`select …`): writes, DDL and transaction control stay unnamed, and so do
 *   `move`'s bulk copies and everything a migration does. Long texts are never named.
 * - Only reads without bound values. With `plan_cache_mode = auto` a named statement may switch to a
 *   generic plan after five runs, planned without knowing its values: the filtered page (wijk and
 *   period as values) got slower named in every pair of a 100k A/B (~2.4 → 2.8–4.0 ms), and a skewed
 *   wijk could fare worse. A text without values has one plan whatever happens, so naming it only
 *   saves the parsing and planning. The hot lists spell their limits and fixed conditions as literals.
 * - A text is named once it has been seen `namedAfter` times (a one-off query is not worth keeping);
 *   the texts being counted are themselves capped (`tracked`, least recently seen forgotten).
 * - At most `maxNamed` statements; beyond that the least recently used one is deallocated (names
 *   are never reused, so a deallocation that fails, e.g. in an aborted transaction, can leave a
 *   statement behind but never a wrong one).
 *
 * The state belongs to one `pg` client: a connection that breaks (a server restart) is dropped by
 * the pool, and its replacement starts empty, as its server process knows no statements either.
 *
 * The connection keeps PostgreSQL's `plan_cache_mode = auto`, as the bench's floors do: after five
 * runs a statement may switch to a generic plan. `force_custom_plan` (parse once, plan every run) was
 * tried: at 100k findings the first page lost most of its gain (planning is most of what naming saves).
 *
 * A named statement's result columns are fixed when it is parsed; when DDL changes them (a migration,
 * a restore), the server refuses to run it ("cached plan must not change result type", 0A000). The
 * name is then forgotten, and outside a transaction the call is sent again unnamed, so the caller
 * sees nothing; inside one, the transaction has failed and the error goes to the caller as any other.
 */
export interface StatementNaming {
  /** Name a text once it has been seen this many times on a connection. */
  namedAfter: number;
  /** Named statements kept per connection. */
  maxNamed: number;
  /** Texts counted per connection before they are named. */
  tracked: number;
  /** Longer texts are never named (nor counted). */
  maxLength: number;
}

export const DEFAULT_STATEMENT_NAMING: StatementNaming = { namedAfter: 2, maxNamed: 200, tracked: 500, maxLength: 20_000 };

const READ = /^\s*select\b/i;
const CACHED_PLAN_CHANGED = '0A000';

/** What the statement naming of one connection holds, for tests and the bench. */
export interface StatementNamingState {
  named: ReadonlyMap<string, string>;
  counted: ReadonlyMap<string, number>;
}

const states = new WeakMap<pg.ClientBase, StatementNamingState>();

/** The naming state of a client (undefined when it does not name statements). */
export function statementNamingState(client: pg.ClientBase): StatementNamingState | undefined {
  return states.get(client);
}

type QueryFn = (...args: unknown[]) => unknown;

/** Makes `client.query(text, values)` send reads as named statements, within the bounds above. */
export function nameStatements(client: pg.ClientBase, options: StatementNaming = DEFAULT_STATEMENT_NAMING): void {
  const original = client.query.bind(client) as QueryFn;
  /** text → statement name; Map order is use order, least recently used first. */
  const named = new Map<string, string>();
  /** text → times seen, least recently seen first. */
  const counted = new Map<string, number>();
  let sequence = 0;
  states.set(client, { named, counted });

  // pg keeps every statement it has parsed on the connection (name → text); forgotten names must go
  // there too, or that record would grow without bound. Internal to pg, hence the care.
  const parsedStatements = () => (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;

  const forget = (text: string) => {
    const name = named.get(text);
    if (name === undefined) return;
    named.delete(text);
    const parsed = parsedStatements();
    if (parsed) delete parsed[name];
    // Queued on this connection like any query; a failure (an aborted transaction, a lost
    // connection) leaves only an unused statement behind, whose name is never used again.
    (original(`deallocate ${name}`) as Promise<unknown>).catch(() => {});
  };

  const nameFor = (text: string): string | undefined => {
    const known = named.get(text);
    if (known !== undefined) {
      named.delete(text);
      named.set(text, known);
      return known;
    }
    const seen = (counted.get(text) ?? 0) + 1;
    counted.delete(text);
    if (seen < options.namedAfter) {
      counted.set(text, seen);
      if (counted.size > options.tracked) counted.delete(counted.keys().next().value!);
      return undefined;
    }
    sequence += 1;
    const name = `aw_${sequence}`;
    named.set(text, name);
    if (named.size > options.maxNamed) forget(named.keys().next().value!);
    return name;
  };

  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const [text, values, callback] = args;
    // Kysely's driver calls query(text, values); cursors, config objects and callbacks go through untouched.
    if (typeof text !== 'string' || !Array.isArray(values) || values.length > 0 || callback !== undefined || text.length > options.maxLength || !READ.test(text))
      return original(...args);
    const name = nameFor(text);
    if (name === undefined) return original(text, values);
    return (original({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
      const failure = error as { code?: unknown; message?: unknown } | null;
      if (failure?.code !== CACHED_PLAN_CHANGED || !String(failure.message).includes('cached plan')) throw error;
      forget(text);
      // Outside a transaction nothing has happened: the same call again, unnamed. Inside one the
      // transaction has failed already; the caller sees the error.
      if (client.getTransactionStatus?.() !== 'I') throw error;
      return original(text, values);
    });
  };
}
