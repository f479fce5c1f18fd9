import type { Kysely } from 'kysely';
import type { AuditedTable } from '../../../shared/api/reliability';
import type { Db } from '../db/connection';
import { nowIso } from '../ids';
import { recordAudit } from './audit';

/**
 * The audit trail of the records people work on (advices and their parts, requests, responses,
 * positions, commitments, follow-up). One helper runs a change to one record: it reads the record
 * before, applies the change, reads it after and records the difference in the same transaction,
 * so a change and its entry commit or roll back together, and a rejected call leaves no entry.
 * Entries are written through audit.ts (the store); this module decides what an entry holds.
 */

/** A record as audited: its row plus the link lists that belong to it (links have no rows of their own). */
export type Snapshot = Record<string, unknown>;

interface LinkList {
  table: string;
  owner: string;
  value: string;
  orderBy: string;
}

interface AuditedTableSpec {
  /** The column that identifies a record: the id, or the one-per-parent key of a table without own identity. */
  key: string;
  links?: Record<string, LinkList>;
}

const SPECS: Record<AuditedTable, AuditedTableSpec> = {
  advice_requests: { key: 'id' },
  advices: {
    key: 'id',
    links: {
      referenceIds: { table: 'advice_references', owner: 'advice_id', value: 'referenced_advice_id', orderBy: 'position' },
      meetingIds: { table: 'advice_meetings', owner: 'advice_id', value: 'meeting_id', orderBy: 'position' },
    },
  },
  advice_sections: { key: 'id' },
  advice_items: {
    key: 'id',
    links: {
      findingIds: { table: 'advice_item_findings', owner: 'item_id', value: 'finding_id', orderBy: 'position' },
      signalIds: { table: 'advice_item_signals', owner: 'item_id', value: 'signal_id', orderBy: 'position' },
      relatedItemIds: { table: 'advice_item_relations', owner: 'item_id', value: 'related_item_id', orderBy: 'position' },
      // The items that cite this one ("zie 2.1"): a deleted item's snapshot keeps them, so undo restores the citations.
      citedByIds: { table: 'advice_item_relations', owner: 'related_item_id', value: 'item_id', orderBy: 'item_id' },
    },
  },
  advice_responses: { key: 'id' },
  // One position per recommendation: the record is the recommendation's item id.
  recommendation_positions: { key: 'item_id' },
  commitments: {
    key: 'id',
    links: { itemIds: { table: 'commitment_recommendations', owner: 'commitment_id', value: 'item_id', orderBy: 'item_id' } },
  },
  followup_entries: { key: 'id' },
  // The follow-up state of a sent advice (reactie ontvangen, afgerond); the record is the advice id.
  advice_followup: { key: 'advice_id' },
  // Openbaar / niet openbaar of a sent advice; the record is the advice id.
  advice_publication: { key: 'advice_id' },
};

/** Columns that change with every write and say nothing a person changed. */
const BOOKKEEPING = new Set(['updated_at', 'updated_by', 'changed_at', 'changed_by']);

/** Autosave saves often: changes by one person to one record within this window are one entry. */
export const COALESCE_WINDOW_MS = 5 * 60 * 1000;

function untyped(db: Db): Kysely<any> {
  return db as unknown as Kysely<any>;
}

/** The record with its link lists, or null when it does not exist. */
export async function readSnapshot(db: Db, table: AuditedTable, recordId: string): Promise<Snapshot | null> {
  const spec = SPECS[table];
  const row = (await untyped(db).selectFrom(table).selectAll().where(spec.key, '=', recordId).executeTakeFirst()) as Snapshot | undefined;
  if (!row) return null;
  const snapshot: Snapshot = { ...row };
  for (const [name, link] of Object.entries(spec.links ?? {})) {
    const rows = await untyped(db).selectFrom(link.table).select(link.value).where(link.owner, '=', recordId).orderBy(link.orderBy).execute();
    snapshot[name] = rows.map((linkRow: Record<string, unknown>) => linkRow[link.value]);
  }
  return snapshot;
}

function changedBeyondBookkeeping(before: Snapshot | null, after: Snapshot | null): boolean {
  if (before === null || after === null) return before !== after;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (BOOKKEEPING.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) return true;
  }
  return false;
}

/**
 * Writes the entry for one change. An update by the same person on the same record within five
 * minutes of that record's last entry (itself an update by that person) extends that entry: its
 * `after` and `at` move on, its `before` stays, so autosave leaves one readable step.
 */
async function writeEntry(db: Db, table: AuditedTable, recordId: string, userName: string, before: Snapshot | null, after: Snapshot | null): Promise<void> {
  if (!changedBeyondBookkeeping(before, after)) return;
  const action = before === null ? 'create' : after === null ? 'delete' : 'update';
  const at = nowIso();
  if (action === 'update') {
    const last = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'user_name', 'action'])
      .where('table_name', '=', table)
      .where('record_id', '=', recordId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (last && last.action === 'update' && last.user_name === userName && Date.parse(at) - Date.parse(last.at) < COALESCE_WINDOW_MS && last.at <= at) {
      await db.updateTable('audit_log').set({ at, after_json: JSON.stringify(after) }).where('id', '=', last.id).execute();
      return;
    }
  }
  await recordAudit(db, { table, recordId, action, before, after, userName, at });
}

/**
 * Runs `change` on an existing record (update, status change, delete) inside the caller's
 * transaction and records what it did. Returns what `change` returns.
 */
export async function audited<T>(trx: Db, userName: string, table: AuditedTable, recordId: string, change: () => Promise<T>): Promise<T> {
  const before = await readSnapshot(trx, table, recordId);
  const result = await change();
  await writeEntry(trx, table, recordId, userName, before, await readSnapshot(trx, table, recordId));
  return result;
}

/** Runs `create`, which returns the new record's id, and records the new record. */
export async function auditedCreate(trx: Db, userName: string, table: AuditedTable, create: () => Promise<string>): Promise<string> {
  const recordId = await create();
  await writeEntry(trx, table, recordId, userName, null, await readSnapshot(trx, table, recordId));
  return recordId;
}

/** Records that a record is about to be deleted (call it just before the delete, in its transaction). */
export async function auditDeletion(trx: Db, userName: string, table: AuditedTable, recordId: string): Promise<void> {
  await writeEntry(trx, table, recordId, userName, await readSnapshot(trx, table, recordId), null);
}

/**
 * The record as it was just before it was deleted, when its last entry is that deletion and the
 * content is still kept (the AVG purge forgets it): what an undo of the deletion puts back.
 */
export async function deletedSnapshot(db: Db, table: AuditedTable, recordId: string): Promise<Snapshot | null> {
  const last = await db
    .selectFrom('audit_log')
    .select(['action', 'before_json'])
    .where('table_name', '=', table)
    .where('record_id', '=', recordId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!last || last.action !== 'delete' || !last.before_json) return null;
  return JSON.parse(last.before_json) as Snapshot;
}
