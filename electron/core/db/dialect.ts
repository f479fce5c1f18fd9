import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely';

/**
 * The ONE place where SQL differs between the two stores (SQLite, embedded and the default;
 * PostgreSQL, shared by a council). Repositories stay dialect-neutral through Kysely and ask this
 * module for the few expressions that differ; nothing else in the core asks which store it is on.
 * The store is read from the Kysely instance itself (a transaction has its database's adapter), so
 * no function needs an extra parameter.
 */
export type StoreKind = 'sqlite' | 'postgres';

export function storeKind(db: Kysely<any>): StoreKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function isPostgres(db: Kysely<any>): boolean {
  return storeKind(db) === 'postgres';
}

/**
 * Lower case without diacritics, as `foldText` does in JavaScript. SQLite: the `fold()` function the
 * connection registers; PostgreSQL: `unaccent` (extension made by the first migration) then `lower`.
 */
export function fold(db: Kysely<any>, value: Expression<unknown> | RawBuilder<unknown>): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`lower(unaccent(${value}))` : sql<string>`fold(${value})`;
}

/**
 * Whether a list's totals ride along with its page as scalar subqueries. PostgreSQL: yes, each query of
 * its own is a round trip to the server (signals.list at 10,000 signals: ~2.0 → ~1.3 ms). SQLite: no, a
 * count on its own reads the b-tree's kept count, while as a subquery it scans an index (the same call
 * 0.25–0.37 → 0.30–0.45 ms).
 */
export function totalsInPageQuery(db: Kysely<any>): boolean {
  return isPostgres(db);
}

/** The larger of two numbers (SQLite's two-argument max, PostgreSQL's greatest). */
export function greatest(db: Kysely<any>, a: Expression<unknown> | RawBuilder<unknown>, b: Expression<unknown> | RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`greatest(${a}, ${b})` : sql<number>`max(${a}, ${b})`;
}

/**
 * SQLite's `indexed by <index>` after a table name: a planner hint where statistics are missing.
 * PostgreSQL has no such clause (its planner reads the partial indexes by itself): nothing.
 */
export function indexedBy(db: Kysely<any>, index: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`` : sql`indexed by ${sql.id(index)}`;
}

/** A top-level text field of a JSON object held in a text column. */
export function jsonText(db: Kysely<any>, json: Expression<unknown> | RawBuilder<unknown>, field: string): RawBuilder<string | null> {
  return isPostgres(db) ? sql<string | null>`(${json})::jsonb ->> ${field}` : sql<string | null>`json_extract(${json}, ${`$.${field}`})`;
}

/** A `YYYY-MM-DD` text date plus a number of days, as `YYYY-MM-DD` text. */
export function addDays(db: Kysely<any>, date: Expression<unknown> | RawBuilder<unknown>, days: number): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`to_char(cast(${date} as date) + ${sql.lit(Math.trunc(days))}, 'YYYY-MM-DD')`
    : sql<string>`date(${date}, ${`+${days} days`})`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD` or ISO text), as an integer. */
export function daysBetween(db: Kysely<any>, from: Expression<unknown> | RawBuilder<unknown>, to: Expression<unknown> | RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`(cast(substr(${to}, 1, 10) as date) - cast(substr(${from}, 1, 10) as date))`
    : sql<number>`cast(julianday(${to}) - julianday(${from}) as integer)`;
}

/**
 * A join whose order the planner must keep: SQLite's `cross join … on` (its way to fix the join order);
 * PostgreSQL allows no `on` after `cross join` and plans an inner join itself.
 */
export function joinInOrder(db: Kysely<any>): RawBuilder<unknown> {
  return isPostgres(db) ? sql`inner join` : sql`cross join`;
}

/** The tables of the app (without the store's own and Kysely's bookkeeping), sorted by name. */
export async function listTables(db: Kysely<any>): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

export async function tableExists(db: Kysely<any>, table: string): Promise<boolean> {
  return (await listTables(db)).includes(table);
}

export interface ForeignKey {
  /** The referencing table and column. */
  table: string;
  column: string;
  /** The referenced table and column. */
  targetTable: string;
  targetColumn: string;
  onDelete: 'CASCADE' | 'SET NULL' | 'NO ACTION' | 'RESTRICT' | 'SET DEFAULT';
}

/**
 * What the trash and the privacy purge read from the schema itself: every app table's columns. Read
 * at each call (`readCatalogue`), so a table added by a migration, a restore or a test is covered.
 */
export interface SchemaCatalogue {
  columns: Map<string, string[]>;
}

/** Every foreign key of the app's tables, read from the store now (never cached: tables come and go). */
export async function readForeignKeys(db: Kysely<any>, tables?: string[]): Promise<ForeignKey[]> {
  if (isPostgres(db)) {
    const keys = await sql<{ table: string; column: string; target_table: string; target_column: string; on_delete: string }>`
      select src.relname as "table", a.attname as "column", dst.relname as target_table, b.attname as target_column,
        case c.confdeltype when 'c' then 'CASCADE' when 'n' then 'SET NULL' when 'r' then 'RESTRICT' when 'd' then 'SET DEFAULT' else 'NO ACTION' end as on_delete
      from pg_constraint c
      join pg_class src on src.oid = c.conrelid
      join pg_class dst on dst.oid = c.confrelid
      join pg_namespace n on n.oid = src.relnamespace and n.nspname = current_schema()
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute b on b.attrelid = c.confrelid and b.attnum = c.confkey[1]
      where c.contype = 'f' order by 1, 2`.execute(db);
    return keys.rows.map((key) => ({ table: key.table, column: key.column, targetTable: key.target_table, targetColumn: key.target_column, onDelete: key.on_delete as ForeignKey['onDelete'] }));
  }
  const foreignKeys: ForeignKey[] = [];
  for (const table of tables ?? (await listTables(db))) {
    const keys = await sql<{ column: string; target: string | null; targetTable: string; onDelete: string }>`
      select "from" as "column", "to" as target, "table" as targetTable, on_delete as onDelete from pragma_foreign_key_list(${table})`.execute(db);
    for (const key of keys.rows)
      // A key to the table's primary key has no `to`; ours point at `id`.
      foreignKeys.push({ table, column: key.column, targetTable: key.targetTable, targetColumn: key.target ?? 'id', onDelete: key.onDelete as ForeignKey['onDelete'] });
  }
  return foreignKeys;
}

/**
 * Columns the store fills itself for its search index, not part of any record: PostgreSQL's
 * `findings.search_vector` (migration 0015's PostgreSQL form, kept by a trigger). Snapshots, the
 * catalogue and `move` leave them out; `copiedDerivedColumns` fills them during a bulk copy.
 */
export function isSearchIndexColumn(table: string, column: string): boolean {
  return table === 'findings' && column === 'search_vector';
}

/**
 * Tables that hold no records of their own but what the store derives from them: Kysely's migration
 * bookkeeping, SQLite's full-text index (`findings_fts*`) and PostgreSQL's count of visible findings
 * (migration 0018's PostgreSQL form) and of signals and meetings (`kept_counts`, 0019). Snapshots, the
 * catalogue and `move` leave them out; `move` rebuilds the derived ones on the target (`recountKeptNumbers`).
 */
export function isDerivedTable(table: string): boolean {
  return table.startsWith('kysely_') || table.includes('_fts') || table === 'findings_visible_count' || table === 'kept_counts';
}

/** The tables that hold the app's records. */
export async function listRecordTables(db: Kysely<any>): Promise<string[]> {
  return (await listTables(db)).filter((table) => !isDerivedTable(table));
}

/** Reads the app tables' columns from the store. */
export async function readCatalogue(db: Kysely<any>): Promise<SchemaCatalogue> {
  const tables = await listRecordTables(db);
  const columns = new Map<string, string[]>(tables.map((table) => [table, []]));
  if (isPostgres(db)) {
    const cols = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
    for (const row of cols.rows) if (!isSearchIndexColumn(row.table_name, row.column_name)) columns.get(row.table_name)?.push(row.column_name);
  } else {
    for (const table of tables) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
      columns.set(
        table,
        cols.rows.map((row) => row.name),
      );
    }
  }
  return { columns };
}

/** The store's failures that are the user's to fix, whichever store raised them. */
export type StoreFailure = 'foreignKey' | 'constraint' | 'busy' | 'unavailable';

/**
 * What the `pg` driver throws, without a code, for a connection the server dropped (stopped, crashed,
 * restarted, a network cut) and for one that broke earlier: the server is gone, not the request wrong.
 */
const PG_CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|Client was closed)/;

export function classifyStoreError(error: unknown): StoreFailure | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error && PG_CONNECTION_LOST.test(error.message) ? 'unavailable' : null;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'foreignKey';
  if (code.startsWith('SQLITE_CONSTRAINT') || code.startsWith('23')) return 'constraint';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '40001' || code === '40P01' || code === '55P03') return 'busy';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code.startsWith('08') || code === '57P01')
    return 'unavailable';
  return null;
}

/** A table's columns as a copy writes them (generated columns left out) and its primary key, in order. */
export interface TableShape {
  columns: string[];
  primaryKey: string[];
  /** PostgreSQL: each column's type as SQL (`format_type`), for the copy's typed arrays; empty on SQLite. */
  types: string[];
}

/** What `move` reads and writes of a table: its stored columns and its primary key. */
export async function readTableShape(db: Kysely<any>, table: string): Promise<TableShape> {
  if (isPostgres(db)) {
    const cols = await sql<{ name: string; type: string }>`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      where c.relname = ${table} and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum`.execute(db);
    const stored = cols.rows.filter((row) => !isSearchIndexColumn(table, row.name));
    const key = await sql<{ name: string }>`select a.attname as name
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      join lateral unnest(i.indkey) with ordinality as k(attnum, position) on true
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where c.relname = ${table} and i.indisprimary order by k.position`.execute(db);
    return { columns: stored.map((row) => row.name), primaryKey: key.rows.map((row) => row.name), types: stored.map((row) => row.type) };
  }
  // table_xinfo: hidden 0 is an ordinary column; 2 and 3 are generated ones.
  const cols = await sql<{ name: string; pk: number; hidden: number }>`select name, pk, hidden from pragma_table_xinfo(${table}) order by cid`.execute(db);
  const stored = cols.rows.filter((row) => row.hidden === 0);
  return {
    columns: stored.map((row) => row.name),
    primaryKey: stored
      .filter((row) => row.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((row) => row.name),
    types: [],
  };
}

/**
 * A column the store derives from a copied row (PostgreSQL's `findings.search_vector`), as SQL over
 * the row's own columns: `column(name)` refers to one of them.
 */
export interface DerivedColumn {
  column: string;
  value: (column: (name: string) => RawBuilder<unknown>) => RawBuilder<unknown>;
}

/**
 * Writes one batch of copied rows (`move`). PostgreSQL: one statement whatever the batch size, each
 * column sent as ONE typed array and unpacked by `unnest` (a multi-row VALUES binds rows × columns
 * parameters, which pg and the server each handle one by one: at 100k findings most of the copy's
 * time), derived columns computed in the same insert. SQLite: a multi-row insert (its triggers keep
 * what is derived).
 */
export async function insertCopiedRows(db: Kysely<any>, table: string, shape: TableShape, rows: Record<string, unknown>[], derived: DerivedColumn[] = []): Promise<void> {
  if (rows.length === 0) return;
  if (!isPostgres(db)) {
    await db.insertInto(table).values(rows).execute();
    return;
  }
  const unpacked = (name: string) => sql.ref(`copied.${name}`);
  const arrays = shape.columns.map((column, index) => sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(shape.types[index] as string)}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join([...shape.columns, ...derived.map((extra) => extra.column)].map((column) => sql.id(column)))})
    select ${sql.join([...shape.columns.map(unpacked), ...derived.map((extra) => extra.value(unpacked))])}
    from unnest(${sql.join(arrays)}) as copied(${sql.join(shape.columns.map((column) => sql.id(column)))})`.execute(db);
}

/**
 * After rows were written with their own ids: the next id a table hands out follows the highest one.
 * SQLite's AUTOINCREMENT does this itself; PostgreSQL's identity columns need their sequence moved on.
 */
export async function advanceIdentities(db: Kysely<any>, table: string): Promise<void> {
  if (!isPostgres(db)) return;
  const identities = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_identity = 'YES'`.execute(db);
  for (const { name } of identities.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${name}), coalesce((select max(${sql.ref(name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}

/**
 * Runs `work` on one consistent snapshot of the store, reading only: what it reads is as of one moment
 * even while the app writes. SQLite: one read transaction; PostgreSQL: repeatable read, read only.
 */
export async function inReadSnapshot<DB, T>(db: Kysely<DB>, work: (snapshot: Kysely<DB>) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
  return db.transaction().execute(work);
}

/**
 * A bulk copy of rows that are already consistent (`move`) pauses the table's own triggers for the
 * rest of the transaction: on PostgreSQL, recounting a signal for each of 100k copied links makes the
 * copy quadratic, and the copy is verified row for row anyway. PostgreSQL: `disable trigger user`
 * (transactional, needs the table's owner, which migrated it; foreign keys stay checked). SQLite keeps its
 * triggers: they fill the full-text index, which is not copied.
 */
export async function pauseTriggers(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
}

export async function resumeTriggers(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
}

