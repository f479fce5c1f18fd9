import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../../shared/api/reliability';
import type { Db } from '../db/connection';
import type { AuditLogTable } from '../db/schema';
import { newId, nowIso } from '../ids';

export interface AuditChange {
  table: string;
  recordId: string;
  action: AuditLogTable['action'];
  /** The row before and after the change (null when it did not exist); stored as JSON. */
  before?: unknown;
  after?: unknown;
  userName: string;
  /** When; now unless given (a coalesced entry is timed by the caller). */
  at?: string;
}

/**
 * The audit log's store: the one place that writes `audit_log` rows. audit-trail.ts builds on it
 * for the records people edit (snapshots with their link lists, autosave coalescing); trash,
 * history and privacy call it directly.
 *
 * Records a change in the audit trail. Call it with the transaction that makes the change, so the
 * entry and the change commit together or not at all.
 */
export async function recordAudit(trx: Db, change: AuditChange): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: change.at ?? nowIso(),
      user_name: change.userName,
      table_name: change.table,
      record_id: change.recordId,
      action: change.action,
      before_json: change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
      after_json: change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
    })
    .execute();
}

/**
 * Forgets what the trail holds of a record's content (its before/after snapshots), keeping who
 * changed it when: for the AVG purge, so personal data does not live on in the trail.
 */
export async function forgetAuditContent(trx: Db, table: string, recordId: string): Promise<void> {
  await trx.updateTable('audit_log').set({ before_json: null, after_json: null }).where('table_name', '=', table).where('record_id', '=', recordId).execute();
}

/** Reads a whole row by id from any table, for the `before`/`after` of an audit entry. */
export async function readRow(trx: Db, table: string, id: string): Promise<Record<string, unknown> | undefined> {
  return (trx as unknown as Kysely<any>).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAudit(db: Db, filter: { table?: string | undefined; recordId?: string | undefined; limit: number }): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.table) query = query.where('table_name', '=', filter.table);
  if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userName: row.user_name,
    table: row.table_name,
    recordId: row.record_id,
    action: row.action,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as Record<string, unknown>),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as Record<string, unknown>),
  }));
}

/**
 * The update entries of one record written after a moment, newest first: what changed since a client
 * read the record (edit conflicts). An entry that autosave extended counts by its last moment.
 */
export async function auditUpdatesSince(db: Db, table: string, recordId: string, since: string): Promise<{ at: string; userName: string; before: Record<string, unknown>; after: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'user_name', 'before_json', 'after_json'])
    .where('table_name', '=', table)
    .where('record_id', '=', recordId)
    .where('action', '=', 'update')
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    at: row.at,
    userName: row.user_name,
    before: row.before_json === null ? {} : (JSON.parse(row.before_json) as Record<string, unknown>),
    after: row.after_json === null ? {} : (JSON.parse(row.after_json) as Record<string, unknown>),
  }));
}
