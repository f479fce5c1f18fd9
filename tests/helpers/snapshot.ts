import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Sqlite } from '../../electron/core/db/connection';
import { isDerivedTable } from '../../electron/core/db/dialect';

/** A core whose store can be fingerprinted: its Kysely instance, and its SQLite connection where it has one. */
type Fingerprinted = { db: Kysely<any>; sqlite: Sqlite; store: 'sqlite' | 'postgres' };

/**
 * A fingerprint of every row of every table, to prove that a rejected call changed nothing.
 * Also reports SQLite's total_changes(), which counts every row written on the connection.
 * `fullTextStorage: false` leaves out the FTS5 shadow tables (check the index with its integrity-check).
 */
export function databaseFingerprint(sqlite: Sqlite, options: { fullTextStorage?: boolean } = {}): { hash: string; totalChanges: number } {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    // Rows inserted and deleted again (an undone import) leave the full-text index's segments
    // merged differently though it indexes the same rows: compare the rows, not that storage.
    if (options.fullTextStorage === false && /_fts_(data|idx|docsize|config|content)$/.test(table)) continue;
    hash.update(`\n#${table}\n`);
    // Sorted in JS rather than by rowid: WITHOUT ROWID tables (such as FTS5's shadow tables) have none.
    const rows = (sqlite.prepare(`select * from "${table}"`).raw().all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    for (const row of rows) hash.update(row);
  }
  const totalChanges = sqlite.prepare('select total_changes()').pluck().get() as number;
  return { hash: hash.digest('hex'), totalChanges };
}

/**
 * The same proof on either store (the core's own connection, through Kysely): every row of every
 * table hashed. On SQLite it is `databaseFingerprint`; on PostgreSQL the rows of every table of the
 * schema, sorted, with PostgreSQL's row versions (`xmin`) so an update that wrote the same values shows too.
 */
export async function storeFingerprint(
  core: Fingerprinted,
  options: { fullTextStorage?: boolean } = {},
): Promise<{ hash: string; totalChanges: number }> {
  if (core.store === 'sqlite') return databaseFingerprint(core.sqlite, options);
  const hash = createHash('sha256');
  // Not the store's derived tables: the kept findings count's row gets a new version from every finding
  // write, also from one undone later (an import's rows removed again), while the records are as before.
  const tables = {
    rows: (
      await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(core.db)
    ).rows.filter(({ name }) => !isDerivedTable(name)),
  };
  // One round trip for all tables (the fuzz suite takes a fingerprint before and after every case).
  const everyRow = sql.join(
    tables.rows.map(({ name }) => sql`select ${name}::text as "table", t.xmin::text || ' ' || row_to_json(t)::text as "row" from ${sql.table(name)} t`),
    sql` union all `,
  );
  const rows = tables.rows.length === 0 ? [] : (await sql<{ table: string; row: string }>`${everyRow}`.execute(core.db)).rows;
  const byTable = new Map<string, string[]>(tables.rows.map(({ name }) => [name, []]));
  for (const { table, row } of rows) byTable.get(table)!.push(row);
  for (const [name, tableRows] of byTable) {
    hash.update(`\n#${name}\n`);
    for (const row of tableRows.sort()) hash.update(row);
  }
  return { hash: hash.digest('hex'), totalChanges: 0 };
}

/**
 * A mark that changes whenever a row may have been written since it was read, so a fingerprint taken
 * after an equal mark still holds: on SQLite this connection's total_changes() (every row an INSERT,
 * UPDATE or DELETE touched, also when rolled back) and data_version (a commit by any other connection,
 * such as a job's); on PostgreSQL the next transaction id (every writing transaction takes one; so do
 * other databases' on the same cluster, which only costs a fingerprint more).
 */
export async function storeWriteMark(core: Fingerprinted): Promise<string> {
  if (core.store === 'sqlite') {
    const changes = core.sqlite.prepare('select total_changes()').pluck().get() as number;
    return `${changes}/${core.sqlite.pragma('data_version', { simple: true }) as number}`;
  }
  const { rows } = await sql<{ next: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as next`.execute(core.db);
  return rows[0]!.next;
}

/**
 * Sees whether calls changed the store, cheaply enough to ask around every one of thousands of calls:
 * the fingerprint (every row of every table) is read again only where the write mark has moved since
 * the last look, and an unmoved mark is itself the proof that nothing was written.
 */
export class StoreWitness {
  #last: { mark: string; fingerprint: { hash: string; totalChanges: number } } | undefined;

  constructor(private readonly core: Fingerprinted) {}

  /** The store's fingerprint now. */
  async look(): Promise<{ hash: string; totalChanges: number }> {
    const mark = await storeWriteMark(this.core);
    if (this.#last?.mark !== mark) this.#last = { mark, fingerprint: await storeFingerprint(this.core) };
    return this.#last.fingerprint;
  }
}

/**
 * Fails when the full-text index of findings does not match their text: FTS5's own integrity-check on
 * SQLite; on PostgreSQL every `search_vector` equal to the one made from its text now.
 */
export async function checkFullTextIndex(core: Fingerprinted): Promise<void> {
  if (core.store === 'sqlite') {
    core.sqlite.prepare(`insert into findings_fts(findings_fts) values ('integrity-check')`).run();
    return;
  }
  const stale = await sql<{ n: number }>`select count(*) as n from findings
    where search_vector is distinct from to_tsvector('simple', advieswerk_search_text(text))`.execute(core.db);
  if (Number(stale.rows[0]?.n) !== 0) throw new Error(`${stale.rows[0]?.n} findings have a stale search_vector`);
}
