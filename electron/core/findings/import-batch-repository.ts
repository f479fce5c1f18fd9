import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { isPostgres } from '../db/dialect';
import { nowIso } from '../ids';

/**
 * An import batch: a long findings import commits in short chunks (so it never holds the write
 * lock for long and the user can keep saving meanwhile), yet stays all-or-nothing. Each chunk's
 * transaction also writes a journal entry listing the finding ids it inserted; the batch's last
 * step removes its journal (one statement: the import is then complete). Cancel, failure, a killed
 * worker or a crashed process leave the journal, and `discardImportBatch` deletes exactly the
 * findings it lists, chunk by chunk, removing each entry with its rows.
 *
 * The journal lives in `app_settings` under its own key prefix, which needs no schema change: the
 * ids are the tag, and the finding rows themselves stay as the app writes them everywhere else.
 */
const PREFIX = 'findingsImport.batch:';

/** How long a batch may be silent before it is taken for abandoned (its worker wrote a chunk at least every few seconds). */
export const ABANDONED_AFTER_MS = 60_000;

function chunkKey(batchId: string, chunk: number): string {
  return `${PREFIX}${batchId}:${String(chunk).padStart(6, '0')}`;
}

function batchPrefix(batchId: string): string {
  return `${PREFIX}${batchId}:`;
}

/**
 * Lets the chunks' commits go without waiting for the disk; the returned function puts the wait back
 * and must run before the batch completes or is discarded. The chunks are not acknowledged writes:
 * only `completeImportBatch` is. SQLite (on the job's own connection, outside a transaction):
 * `synchronous = NORMAL` keeps the WAL consistent, and a power cut can only lose a tail of commits,
 * each chunk together with its journal entry, so what survives is undone at the next start like any
 * unfinished batch. The completing commit runs with the connection's own setting again (FULL), and
 * its fsync of the WAL puts every chunk before it on disk too. On the bench machine this was one
 * fsync per chunk: 0.8–1 s of a 10,000-row import when the disk is busy. PostgreSQL: unchanged.
 */
export async function deferChunkCommitsToDisk(db: Db): Promise<() => Promise<void>> {
  if (isPostgres(db)) return async () => {};
  const current = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous;
  // Only a stricter setting is relaxed (FULL = 2, EXTRA = 3); OFF stays what it is.
  if (current === undefined || current < 2) return async () => {};
  await sql`pragma synchronous = normal`.execute(db);
  return async () => {
    await sql.raw(`pragma synchronous = ${Number(current)}`).execute(db);
  };
}

/** Inside the chunk's own transaction: which findings this chunk inserted. */
export async function recordImportChunk(trx: Db, batchId: string, chunk: number, findingIds: string[]): Promise<void> {
  await trx.insertInto('app_settings').values({ key: chunkKey(batchId, chunk), value: JSON.stringify(findingIds), updated_at: nowIso() }).execute();
}

/** The commit point of the whole import: from here on its findings are ordinary findings. */
export async function completeImportBatch(db: Db, batchId: string): Promise<void> {
  const prefix = batchPrefix(batchId);
  await db.deleteFrom('app_settings').where('key', '>=', prefix).where('key', '<', `${prefix}\uffff`).execute();
}

/** Undoes a batch, newest chunk first, one short transaction per chunk (a crash midway leaves a journal that still says the rest). */
export async function discardImportBatch(db: Db, batchId: string, pause: () => Promise<void> = async () => {}): Promise<number> {
  const prefix = batchPrefix(batchId);
  let removed = 0;
  for (;;) {
    const entry = await db
      .selectFrom('app_settings')
      .select(['key', 'value'])
      .where('key', '>=', prefix)
      .where('key', '<', `${prefix}\uffff`)
      .orderBy('key', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!entry) return removed;
    const ids = JSON.parse(entry.value) as string[];
    await db.transaction().execute(async (trx) => {
      // Tags, signal links and the full-text index follow by cascade and trigger.
      for (let index = 0; index < ids.length; index += 500) {
        const result = await trx.deleteFrom('findings').where('id', 'in', ids.slice(index, index + 500)).executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      await trx.deleteFrom('app_settings').where('key', '=', entry.key).execute();
    });
    await pause();
  }
}

/** Batches whose worker stopped without finishing or undoing them (process killed, power cut): undone at start. */
export async function discardAbandonedImports(db: Db, now = Date.now()): Promise<number> {
  const entries = await db
    .selectFrom('app_settings')
    .select(['key', 'updated_at'])
    .where('key', '>=', PREFIX)
    .where('key', '<', `${PREFIX}\uffff`)
    .execute();
  const lastWrite = new Map<string, number>();
  for (const entry of entries) {
    const batchId = entry.key.slice(PREFIX.length, entry.key.lastIndexOf(':'));
    lastWrite.set(batchId, Math.max(lastWrite.get(batchId) ?? 0, Date.parse(entry.updated_at)));
  }
  let removed = 0;
  for (const [batchId, last] of lastWrite) {
    // A batch written to within the minute may belong to an import running in another process.
    if (now - last >= ABANDONED_AFTER_MS) removed += await discardImportBatch(db, batchId);
  }
  return removed;
}
