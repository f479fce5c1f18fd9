import { sql, type Kysely } from 'kysely';
import type { PrivacySettings, PurgeCandidate, PurgePreview } from '../../../shared/api/reliability';
import { describeUses, recordKind, t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/connection';
import { readCatalogue, type SchemaCatalogue } from '../db/dialect';
import { forgetMemberPersonalData, membersPastRetention } from '../councilOwn/repository';
import { newId, nowIso } from '../ids';
import { forgetAuditContent, recordAudit } from './audit';
import { findReferences } from '../db/references';
import { labelColumn, tableColumns, tablesWithColumn } from './tables';

/**
 * AVG retention: rows flagged `contains_personal_data = 1` whose `created_at` is older than the
 * retention period can be purged. Generic over every table with that column (found from the
 * schema), so findings and follow-up log entries are covered; a meeting's notes are flagged on
 * their own (see TEXT_FLAG_SUFFIX) and emptied rather than deleted with the meeting.
 */
export const PERSONAL_DATA_COLUMN = 'contains_personal_data';
/** `<text>_contain_personal_data` flags one text column of a row (a meeting's notes); a purge empties that text and keeps the row. */
const TEXT_FLAG_SUFFIX = '_contain_personal_data';
const RETENTION_KEY = 'privacy.retentionMonths';

export async function getPrivacySettings(db: Db): Promise<PrivacySettings> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', RETENTION_KEY).executeTakeFirst();
  const months = row ? Number(row.value) : NaN;
  return { retentionMonths: Number.isInteger(months) && months > 0 ? months : null };
}

export async function setPrivacySettings(db: Db, settings: PrivacySettings): Promise<void> {
  if (settings.retentionMonths === null) {
    await db.deleteFrom('app_settings').where('key', '=', RETENTION_KEY).execute();
    return;
  }
  const value = String(settings.retentionMonths);
  const updatedAt = nowIso();
  await db
    .insertInto('app_settings')
    .values({ key: RETENTION_KEY, value, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
}

/** `months` calendar months before `now` (UTC), clamped to a shorter month's end: 31 March minus one month is 28 (or 29) February. */
export function retentionCutoff(months: number, now: Date = new Date()): string {
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target.toISOString();
}

export function personalDataTables(catalogue: SchemaCatalogue): string[] {
  return tablesWithColumn(catalogue, PERSONAL_DATA_COLUMN).filter((table) => tableColumns(catalogue, table).includes('created_at'));
}

/** Flagged text columns, found from the schema like the tables above: `{ table, column, flag }`. */
export function flaggedTextColumns(catalogue: SchemaCatalogue): { table: string; column: string; flag: string }[] {
  const found: { table: string; column: string; flag: string }[] = [];
  for (const table of tablesWithColumn(catalogue, 'created_at')) {
    const columns = tableColumns(catalogue, table);
    for (const flag of columns.filter((column) => column.endsWith(TEXT_FLAG_SUFFIX))) {
      const column = flag.slice(0, -TEXT_FLAG_SUFFIX.length);
      if (columns.includes(column)) found.push({ table, column, flag });
    }
  }
  return found;
}

export async function purgeCandidates(db: Db, olderThan: string): Promise<PurgeCandidate[]> {
  const catalogue = await readCatalogue(db);
  const items: PurgeCandidate[] = [];
  for (const { table, column, flag } of flaggedTextColumns(catalogue)) {
    const rows = await (db as unknown as Kysely<any>)
      .selectFrom(table)
      .select(['id', 'created_at as createdAt', sql<string>`substr(${sql.ref(column)}, 1, 120)`.as('label')])
      .where(flag, '=', 1)
      .where(column, '!=', '')
      .where('created_at', '<', olderThan)
      .orderBy('created_at')
      .execute();
    const kind = recordKind(`${table}.${column}`);
    for (const row of rows) items.push({ table, column, tableLabel: kind, id: String(row.id), createdAt: String(row.createdAt), label: String(row.label ?? '') });
  }
  for (const table of personalDataTables(catalogue)) {
    const label = labelColumn(catalogue, table);
    const rows = await (db as unknown as Kysely<any>)
      .selectFrom(table)
      .select(['id', 'created_at as createdAt', label ? sql<string>`substr(${sql.ref(label)}, 1, 120)`.as('label') : sql<string>`''`.as('label')])
      .where(PERSONAL_DATA_COLUMN, '=', 1)
      .where('created_at', '<', olderThan)
      .orderBy('created_at')
      .execute();
    for (const row of rows) items.push({ table, tableLabel: recordKind(table), id: String(row.id), createdAt: String(row.createdAt), label: String(row.label ?? '') });
  }
  // A council member's background and contact details count from the day they left, not from when the record was made.
  for (const member of await membersPastRetention(db, olderThan.slice(0, 10))) {
    items.push({ table: 'council_members', column: MEMBER_PERSONAL, tableLabel: t('tables.council_members_personal'), id: member.id, createdAt: member.leftOn, label: member.name });
  }
  return items;
}

/** The pseudo-column of a member's personal data (background, e-mail, phone) in a purge. */
const MEMBER_PERSONAL = 'personal';

export async function previewPurge(db: Db, now: Date = new Date()): Promise<PurgePreview> {
  const { retentionMonths } = await getPrivacySettings(db);
  if (retentionMonths === null) return { retentionMonths: null, olderThan: null, items: [] };
  const olderThan = retentionCutoff(retentionMonths, now);
  return { retentionMonths, olderThan, items: await purgeCandidates(db, olderThan) };
}

/**
 * Deletes what the preview listed, in one transaction, after checking that the list the user
 * confirmed (its count) is still what goes. Logs the purge with counts per table, no content.
 */
export async function purgePersonalData(trx: Db, confirmedCount: number, userName: string, now: Date = new Date()): Promise<{ purged: number; counts: Record<string, number> }> {
  const preview = await previewPurge(trx, now);
  if (preview.retentionMonths === null || preview.olderThan === null) throw new AppError('CONFLICT', t('privacy.noRetention'));
  if (preview.items.length !== confirmedCount) throw new AppError('CONFLICT', t('privacy.listChanged', { count: preview.items.length }));
  const counts: Record<string, number> = {};
  for (const item of preview.items) {
    if (item.table === 'council_members' && item.column === MEMBER_PERSONAL) {
      await forgetMemberPersonalData(trx, item.id, userName);
      await recordAudit(trx, { table: item.table, recordId: item.id, action: 'purge', userName });
      counts[`${item.table}.${item.column}`] = (counts[`${item.table}.${item.column}`] ?? 0) + 1;
      continue;
    }
    if (item.column) {
      const flag = `${item.column}${TEXT_FLAG_SUFFIX}`;
      await (trx as unknown as Kysely<any>).updateTable(item.table).set({ [item.column]: '', [flag]: 0 }).where('id', '=', item.id).execute();
      await forgetAuditContent(trx, item.table, item.id);
      await recordAudit(trx, { table: item.table, recordId: item.id, action: 'purge', userName });
      counts[`${item.table}.${item.column}`] = (counts[`${item.table}.${item.column}`] ?? 0) + 1;
      continue;
    }
    const references = await findReferences(trx, item.table, item.id, { onlyBlocking: true });
    if (references.length > 0) {
      const uses = describeUses(references);
      throw new AppError('CONFLICT', t('privacy.stillReferenced', { uses }));
    }
    await (trx as unknown as Kysely<any>).deleteFrom(item.table).where('id', '=', item.id).execute();
    await forgetAuditContent(trx, item.table, item.id);
    // The trail says a purge removed this id, never what it held.
    await recordAudit(trx, { table: item.table, recordId: item.id, action: 'purge', userName });
    counts[item.table] = (counts[item.table] ?? 0) + 1;
  }
  await trx
    .insertInto('privacy_purge_log')
    .values({
      id: newId(),
      purged_at: nowIso(),
      purged_by: userName,
      older_than: preview.olderThan,
      retention_months: preview.retentionMonths,
      counts_json: JSON.stringify(counts),
    })
    .execute();
  return { purged: preview.items.length, counts };
}

export async function listPurges(db: Db) {
  const rows = await db.selectFrom('privacy_purge_log').selectAll().orderBy('purged_at', 'desc').limit(100).execute();
  return rows.map((row) => ({
    id: row.id,
    purgedAt: row.purged_at,
    purgedBy: row.purged_by,
    olderThan: row.older_than,
    retentionMonths: row.retention_months,
    counts: JSON.parse(row.counts_json) as Record<string, number>,
  }));
}
