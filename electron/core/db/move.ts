import { createHash } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { createKysely, openSqlite, type Db, type Sqlite } from './connection';
import { recountKeptNumbers } from './findings-count';
import { copiedDerivedColumns } from './findings-search';
import { copyAttachmentFiles, planAttachmentCopy, removeCopiedFiles, type FileCheck } from './move-files';
import { attachmentsDir } from '../responses/attachments';
import { postgresAnchor } from '../paths';
import { advanceIdentities, inReadSnapshot, insertCopiedRows, isPostgres, listRecordTables, pauseTriggers, readForeignKeys, readTableShape, resumeTriggers, type TableShape } from './dialect';
import { checkDatabaseVersion, migrateToLatest, refuseForeignOrNewerDatabase, refuseForeignOrNewerPostgres } from './migrate';
import { openPostgres, parseStoreTarget, redactUrl, type StoreTarget } from './postgres';

/**
 * Moving a council's data between the two stores (`npm run cli -- move --from … --to …`): every row
 * of every table, the audit trail and the attachments' metadata (the letters themselves are files
 * in `bijlagen/`, not in the database), copied into an EMPTY target in ONE transaction on the target,
 * then verified before that transaction commits: per table the row count and a content hash computed
 * the same way on both sides. Any difference, an error or a cancel rolls everything back.
 */

export interface MoveProgress {
  table: string;
  /** 'copy' while rows are written, 'verify' while the target is read back. */
  phase: 'copy' | 'verify';
  done: number;
  total: number;
}

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceHash: string;
  targetHash: string;
  equal: boolean;
}

export interface MoveOutcome {
  schemaVersion: string;
  tables: TableCheck[];
  rows: number;
  /** The attachment files copied along (`moveStore` only), each checked by sha256. */
  attachments?: FileCheck[];
  attachmentsFolder?: string;
}

/** The path the core anchors its local files at: the SQLite file itself, or a PostgreSQL database's anchor. */
function localAnchorOf(store: StoreTarget, dataDir: string | undefined): string {
  return store.kind === 'sqlite' ? store.path : postgresAnchor(store.database, dataDir);
}

export interface CopyOptions {
  onProgress?: (progress: MoveProgress) => void;
  signal?: AbortSignal;
  /**
   * Tables whose rows in the target do not make it "not empty": the source brings that table's rows
   * itself and they replace the target's (the take-over of a move package: the server's own accounts,
   * merged into the source first, so its beheerder survives).
   */
  replaceableTables?: readonly string[];
}

/** The verification found a difference: the target transaction was rolled back. Carries the table of checks. */
export class MoveVerificationError extends AppError {
  constructor(readonly tables: TableCheck[]) {
    super('CONFLICT', t('move.mismatch', { tables: tables.filter((check) => !check.equal).map((check) => check.table).join(', ') }));
  }
}

/** The tables a move copies: the app's own, without what the store derives from them (rebuilt on the target). */
export async function dataTables(db: Kysely<any>): Promise<string[]> {
  return listRecordTables(db);
}

/**
 * One value as both stores give it back, as text: 0/1 and true/false alike, numbers and numeric text
 * alike (pg reads int8 as text where no parser is set), bytes as `\x<hex>` (PostgreSQL's own notation).
 */
export function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A row as canonical JSON: the primary key first, then the other columns by name. */
function canonicalRow(row: Record<string, unknown>, order: string[]): string {
  return JSON.stringify(order.map((column) => canonicalValue(row[column])));
}

/** The column order of the canonical rows: primary key first (so sorting orders by it), then by name. */
function hashOrder(shape: TableShape): string[] {
  const rest = shape.columns.filter((column) => !shape.primaryKey.includes(column)).sort();
  return [...shape.primaryKey, ...rest];
}

/** sha256 over the canonical rows sorted by code point (so both stores order them the same, whatever their collation). */
function hashRows(rows: string[]): string {
  rows.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const row of rows) hash.update(row).update('\n');
  return hash.digest('hex');
}

/** Tables in an order where every table comes after the tables it refers to (ties by name). */
export function insertOrder(tables: string[], references: { table: string; targetTable: string }[]): string[] {
  const pending = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { table, targetTable } of references) if (table !== targetTable && pending.has(targetTable)) pending.get(table)?.add(targetTable);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, needs]) => needs.size === 0).map(([table]) => table).sort();
    // A cycle cannot be ordered; the store's own constraints then decide (none in the schema today).
    const next = ready.length > 0 ? ready : [[...pending.keys()].sort()[0] as string];
    for (const table of next) {
      pending.delete(table);
      order.push(table);
      for (const needs of pending.values()) needs.delete(table);
    }
  }
  return order;
}

/**
 * Rows per statement. PostgreSQL: a batch is one statement with one array per column whatever its
 * size (`insertCopiedRows`), so only memory and the step of progress and cancel bound it. SQLite: a
 * multi-row insert, well below its limit on bound parameters (32766).
 */
function batchSize(target: Kysely<any>, columns: number): number {
  if (isPostgres(target)) return 5000;
  return Math.max(1, Math.min(2000, Math.floor(30_000 / Math.max(1, columns))));
}

/** A cancelled move (or move package) stops with the one 'afgebroken' error the jobs recognise. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CONFLICT', t('move.cancelled'));
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Every row of a table in pages ordered by its primary key (stable paging on either store). Each
 * page starts after the last key of the one before (`(a, b) > (…)`, read from the key's index), not
 * at an offset: an offset walks past every row before it again, page after page. A table without a
 * primary key pages by offset over all its columns.
 */
async function* readPages(db: Kysely<any>, table: string, shape: TableShape, size: number): AsyncGenerator<Record<string, unknown>[]> {
  const keyed = shape.primaryKey.length > 0;
  const order = keyed ? shape.primaryKey : shape.columns;
  let after: Record<string, unknown> | undefined;
  for (let offset = 0; ; offset += size) {
    let query = db.selectFrom(table).select(shape.columns);
    if (keyed && after) {
      const last = after;
      query = query.where(({ eb, refTuple, tuple }) =>
        order.length === 1 ? eb(order[0] as string, '>', last[order[0] as string]) : eb(refTuple(...(order as [string, string])), '>', tuple(...(order.map((column) => last[column]) as [unknown, unknown]))),
      );
    }
    for (const column of order) query = query.orderBy(column);
    query = query.limit(size);
    if (!keyed) query = query.offset(offset);
    const rows = (await query.execute()) as Record<string, unknown>[];
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1];
  }
}

/**
 * Runs `use` on every page of `pages`. `use` calls `readNext` when the store may read the next page
 * while `use` writes or hashes the current one (the two stores are two processes, on two cores); the
 * page being read is awaited before leaving, also on an error, so no query outlives the copy.
 */
async function eachPage(pages: AsyncGenerator<Record<string, unknown>[]>, use: (rows: Record<string, unknown>[], readNext: () => void) => Promise<void>): Promise<void> {
  let next = pages.next();
  let asked = true;
  try {
    for (;;) {
      const page = await next;
      asked = false;
      if (page.done) return;
      const readNext = () => {
        if (asked) return;
        asked = true;
        next = pages.next();
      };
      await use(page.value, readNext);
      readNext();
    }
  } finally {
    if (asked) await next.catch(() => undefined);
    await pages.return(undefined);
  }
}

/** Lets a query just started reach its server, so the work that follows overlaps with the server's. */
function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

let seeded: Promise<Map<string, number>> | undefined;

/** How many rows the migrations themselves put in each table (the default criteria frameworks, …), read from a new in-memory database. */
function seededRowCounts(): Promise<Map<string, number>> {
  seeded ??= (async () => {
    const sqlite = openSqlite({ path: ':memory:' });
    const db = createKysely(sqlite);
    try {
      await migrateToLatest(db, null, null);
      const counts = new Map<string, number>();
      for (const table of await dataTables(db)) counts.set(table, await countRows(db, table));
      return counts;
    } finally {
      await db.destroy();
    }
  })();
  return seeded;
}

/**
 * The first table holding records, or null when the database holds none: a new database, or one that
 * was only migrated (it then holds no more than the rows the migrations put in, such as the default
 * criteria frameworks; a move replaces those with the source's own).
 */
export async function firstNonEmptyTable(db: Kysely<any>, replaceable: readonly string[] = []): Promise<string | null> {
  const seededCounts = await seededRowCounts();
  for (const table of await dataTables(db)) if (!replaceable.includes(table) && (await countRows(db, table)) > (seededCounts.get(table) ?? 0)) return table;
  return null;
}

async function appliedMigrations(db: Db): Promise<string[]> {
  return (await checkDatabaseVersion(db)).applied;
}

/**
 * Copies every row of `source` into the empty `target`, both at the same schema version, in one
 * transaction on the target, and verifies counts and hashes before committing. The source is read
 * in one snapshot and never written. Rows that the target's triggers make while copying (the status
 * trail an inserted advice starts) are replaced by the source's own before that table is copied;
 * what triggers change in tables already copied shows in the verification.
 */
export async function copyStore(source: Db, target: Db, options: CopyOptions = {}): Promise<MoveOutcome> {
  const [fromVersion, toVersion] = [await appliedMigrations(source), await appliedMigrations(target)];
  if (fromVersion.join() !== toVersion.join())
    throw new AppError('CONFLICT', t('move.versionsDiffer', { source: fromVersion.at(-1) ?? '-', target: toVersion.at(-1) ?? '-' }));
  const busy = await firstNonEmptyTable(target, options.replaceableTables);
  if (busy) throw new AppError('CONFLICT', t('move.targetNotEmpty', { table: busy }));
  const tables = await dataTables(target);
  const sourceTables = await dataTables(source);
  const unknown = sourceTables.filter((table) => !tables.includes(table));
  if (unknown.length > 0) throw new AppError('CONFLICT', t('move.versionsDiffer', { source: unknown.join(', '), target: toVersion.at(-1) ?? '-' }));
  const order = insertOrder(tables, await readForeignKeys(target, tables));
  const shapes = new Map<string, TableShape>();
  for (const table of order) {
    const shape = await readTableShape(target, table);
    const from = await readTableShape(source, table);
    const missing = shape.columns.filter((column) => !from.columns.includes(column));
    if (missing.length > 0) throw new AppError('CONFLICT', t('move.versionsDiffer', { source: `${table}.${missing.join(', ')}`, target: toVersion.at(-1) ?? '-' }));
    shapes.set(table, shape);
  }

  const anyTarget = target as Kysely<any>;
  return inReadSnapshot(source as Kysely<any>, async (snapshot) =>
    anyTarget.transaction().execute(async (trx) => {
      const checks: TableCheck[] = [];
      const sourceSide = new Map<string, { rows: number; hash: string }>();
      // What the migrations put in (default frameworks and criteria) makes way for the source's own rows.
      for (const table of [...order].reverse()) await trx.deleteFrom(table).execute();
      for (const table of order) await pauseTriggers(trx, table);
      const copyTable = async (table: string) => {
        throwIfAborted(options.signal);
        const shape = shapes.get(table) as TableShape;
        const hashColumns = hashOrder(shape);
        const total = await countRows(snapshot, table);
        options.onProgress?.({ table, phase: 'copy', done: 0, total });
        if ((await countRows(trx, table)) > 0) await trx.deleteFrom(table).execute();
        const canonical: string[] = [];
        let done = 0;
        const derived = await copiedDerivedColumns(trx, table);
        await eachPage(readPages(snapshot, table, shape, batchSize(trx, shape.columns.length)), async (rows, readNext) => {
          throwIfAborted(options.signal);
          // The store across the network gets its query first: SQLite works synchronously, in this
          // process, so a PostgreSQL query sent after it would wait for it instead of overlapping.
          if (!isPostgres(trx)) {
            readNext();
            await yieldToIo();
          }
          const writing = insertCopiedRows(trx, table, shape, rows, derived);
          if (isPostgres(trx)) {
            await yieldToIo();
            readNext();
          }
          // Hashed while the target writes and the source reads.
          for (const row of rows) canonical.push(canonicalRow(row, hashColumns));
          await writing;
          done += rows.length;
          options.onProgress?.({ table, phase: 'copy', done, total });
        });
        // The snapshot's own count and the rows read agree, or a page was skipped (never copied, and so never missed by the verification).
        if (canonical.length !== total) throw new MoveVerificationError([{ table, sourceRows: total, targetRows: canonical.length, sourceHash: '', targetHash: '', equal: false }]);
        await advanceIdentities(trx, table);
        sourceSide.set(table, { rows: canonical.length, hash: hashRows(canonical) });
      };
      for (const table of order) await copyTable(table);
      // A trigger of a later table may have written into one copied before it without a foreign key
      // between them (an inserted advice starts its status trail): that table is copied once more.
      for (const table of order) if ((await countRows(trx, table)) !== sourceSide.get(table)?.rows) await copyTable(table);
      for (const table of order) await resumeTriggers(trx, table);
      await recountKeptNumbers(trx);
      for (const table of order) {
        throwIfAborted(options.signal);
        const shape = shapes.get(table) as TableShape;
        const hashColumns = hashOrder(shape);
        const canonical: string[] = [];
        const expected = sourceSide.get(table) as { rows: number; hash: string };
        await eachPage(readPages(trx, table, shape, 5000), async (rows, readNext) => {
          readNext();
          await yieldToIo();
          for (const row of rows) canonical.push(canonicalRow(row, hashColumns));
          options.onProgress?.({ table, phase: 'verify', done: canonical.length, total: expected.rows });
        });
        const targetHash = hashRows(canonical);
        checks.push({
          table,
          sourceRows: expected.rows,
          targetRows: canonical.length,
          sourceHash: expected.hash,
          targetHash,
          equal: expected.rows === canonical.length && expected.hash === targetHash,
        });
      }
      checks.sort((a, b) => (a.table < b.table ? -1 : 1));
      if (checks.some((check) => !check.equal)) throw new MoveVerificationError(checks);
      throwIfAborted(options.signal);
      return { schemaVersion: toVersion.at(-1) ?? '', tables: checks, rows: checks.reduce((sum, check) => sum + check.targetRows, 0) };
    }),
  );
}

interface OpenedEnd {
  db: Db;
  sqlite: Sqlite | null;
  /** Where the target was made by this move (a new SQLite file): removed again when the move fails. */
  createdFile?: string;
}

function describe(target: StoreTarget): string {
  return target.kind === 'postgres' ? redactUrl(target.url) : target.path;
}

async function openSource(target: StoreTarget, nativeBinding?: string): Promise<OpenedEnd> {
  if (target.kind === 'postgres') {
    const { db } = await openPostgres(target, { poolSize: 2 });
    try {
      await refuseForeignOrNewerPostgres(db, target);
      return { db, sqlite: null };
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  if (!existsSync(target.path)) throw new AppError('NOT_FOUND', t('move.sourceMissing', { path: target.path }));
  refuseForeignOrNewerDatabase(target.path, nativeBinding);
  // Read-only: the source is never written (not even switched to WAL).
  const sqlite = openSqlite({ path: target.path, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  return { db: createKysely(sqlite), sqlite };
}

/** Opens the target and checks, before writing anything, that it holds no records. */
async function openTarget(target: StoreTarget, nativeBinding?: string): Promise<OpenedEnd> {
  if (target.kind === 'postgres') {
    const { db } = await openPostgres(target, { poolSize: 2 });
    try {
      await refuseForeignOrNewerPostgres(db, target);
      const busy = await firstNonEmptyTable(db);
      if (busy) throw new AppError('CONFLICT', t('move.targetNotEmpty', { table: busy }));
      return { db, sqlite: null };
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const existed = existsSync(target.path) && statSync(target.path).size > 0;
  if (existed) {
    refuseForeignOrNewerDatabase(target.path, nativeBinding);
    // Looked at read-only first: a refused file stays byte for byte as it was.
    const peek = openSqlite({ path: target.path, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const db = createKysely(peek);
    try {
      const busy = await firstNonEmptyTable(db);
      if (busy) throw new AppError('CONFLICT', t('move.targetNotEmpty', { table: busy }));
    } finally {
      await db.destroy();
    }
  }
  const sqlite = openSqlite({ path: target.path, ...(nativeBinding ? { nativeBinding } : {}) });
  return { db: createKysely(sqlite), sqlite, ...(existed ? {} : { createdFile: target.path }) };
}

export interface MoveOptions extends CopyOptions {
  from: string;
  to: string;
  /** The local data folder of a PostgreSQL source / target (its `bijlagen/`); the core's default when absent. */
  fromDataDir?: string;
  toDataDir?: string;
  nativeBinding?: string;
}

/**
 * `move --from <file.sqlite|postgres://…> --to <postgres://…|file.sqlite>`. The source must be at this
 * version's schema (an older one is refused, untouched: open it once with this version, which migrates
 * it after a backup); the target must hold no records and is migrated to this version first. On any
 * failure or cancel the target keeps no record (a SQLite file this move created is removed).
 */
export async function moveStore(options: MoveOptions): Promise<MoveOutcome> {
  const from = parseStoreTarget(options.from);
  const to = parseStoreTarget(options.to);
  if (from.kind === 'sqlite') from.path = path.resolve(from.path);
  if (to.kind === 'sqlite') to.path = path.resolve(to.path);
  if (describe(from) === describe(to)) throw new AppError('VALIDATION', t('move.sameStore'));
  const source = await openSource(from, options.nativeBinding);
  let target: OpenedEnd | undefined;
  let succeeded = false;
  try {
    const { pending } = await checkDatabaseVersion(source.db);
    if (pending.length > 0) throw new AppError('CONFLICT', t('move.sourceOutdated', { source: describe(from) }));
    // The attachment files go along: a target folder with other files is refused before anything is written.
    const sourceFiles = attachmentsDir(localAnchorOf(from, options.fromDataDir));
    const targetFiles = attachmentsDir(localAnchorOf(to, options.toDataDir));
    const toCopy = planAttachmentCopy(sourceFiles, targetFiles);
    target = await openTarget(to, options.nativeBinding);
    await migrateToLatest(target.db, null, null);
    const attachments = copyAttachmentFiles(sourceFiles, targetFiles, toCopy);
    try {
      const outcome = await copyStore(source.db, target.db, options);
      succeeded = true;
      return { ...outcome, attachments, attachmentsFolder: targetFiles };
    } finally {
      if (!succeeded) removeCopiedFiles(targetFiles, toCopy);
    }
  } finally {
    await source.db.destroy();
    if (target) {
      await target.db.destroy();
      if (!succeeded && target.createdFile) for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.createdFile}${suffix}`, { force: true });
    }
  }
}

/** Rows per data table (sorted by name): what a backup holds, and the check after a restore. */
export async function tableRowCounts(db: Kysely<any>): Promise<{ table: string; rows: number }[]> {
  const tables = (await dataTables(db)).sort();
  const counts: { table: string; rows: number }[] = [];
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts.push({ table, rows: Number(row.n) });
  }
  return counts;
}

/** The newest migration applied to this database ('' when none). */
export async function appliedSchemaVersion(db: Kysely<any>): Promise<string> {
  const row = await db.selectFrom('kysely_migration').select('name').orderBy('name', 'desc').limit(1).executeTakeFirst();
  return typeof row?.name === 'string' ? row.name : '';
}
