import { sql, type Kysely } from 'kysely';
import type { TrashEmptied, TrashItem } from '../../../shared/api/reliability';
import { describeUses, recordKind, t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { notFound } from '../api/errors';
import type { Db } from '../db/connection';
import { readCatalogue, type SchemaCatalogue } from '../db/dialect';
import { nowIso } from '../ids';
import { forgetAuditContent, readRow, recordAudit } from './audit';
import { PERSONAL_DATA_COLUMN } from './privacy';
import { findReferences } from '../db/references';
import { labelColumn, tableColumns, tablesWithColumn } from './tables';

/**
 * The trash, by convention: a table with a nullable `deleted_at` column takes part. "Deleting" sets
 * `deleted_at` (the row and everything pointing at it stay, so nothing is orphaned), lists and
 * counts exclude such rows with `notInTrash`, restoring clears it, emptying deletes for real and
 * is refused while other records still point at a row. Every step is in the audit trail.
 */
export const TRASH_COLUMN = 'deleted_at';

export function trashTables(catalogue: SchemaCatalogue): string[] {
  return tablesWithColumn(catalogue, TRASH_COLUMN);
}

/** For feature repositories: `notInTrash(db.selectFrom('findings'))` hides rows in the trash. */
export function notInTrash<Q extends { where: (...args: any[]) => Q }>(query: Q, column = TRASH_COLUMN): Q {
  return query.where(column, 'is', null);
}

function requireTrashTable(catalogue: SchemaCatalogue, table: string): void {
  if (!trashTables(catalogue).includes(table)) throw new AppError('VALIDATION', t('trash.unknownTable'));
}

/**
 * Moving in or out of the trash is a change of the record: where the table has them, `updated_at`
 * and `updated_by` move too, so the exchange file (newer wins) carries a trashing or a restore.
 */
function trashChange(catalogue: SchemaCatalogue, table: string, intoTrash: boolean, userName: string): Record<string, string | null> {
  const columns = tableColumns(catalogue, table);
  const now = nowIso();
  return {
    [TRASH_COLUMN]: intoTrash ? now : null,
    ...(columns.includes('updated_at') ? { updated_at: now } : {}),
    ...(columns.includes('updated_by') ? { updated_by: userName } : {}),
  };
}

export async function moveToTrash(trx: Db, table: string, id: string, userName: string): Promise<void> {
  const catalogue = await readCatalogue(trx);
  requireTrashTable(catalogue, table);
  const before = await readRow(trx, table, id);
  if (!before || before[TRASH_COLUMN] !== null) throw notFound('trash.item');
  await (trx as unknown as Kysely<any>).updateTable(table).set(trashChange(catalogue, table, true, userName)).where('id', '=', id).execute();
  await recordAudit(trx, { table, recordId: id, action: 'trash', before, after: await readRow(trx, table, id), userName });
}

export async function restoreFromTrash(trx: Db, table: string, id: string, userName: string): Promise<void> {
  const catalogue = await readCatalogue(trx);
  requireTrashTable(catalogue, table);
  const before = await readRow(trx, table, id);
  if (!before || before[TRASH_COLUMN] === null) throw notFound('trash.item');
  await (trx as unknown as Kysely<any>).updateTable(table).set(trashChange(catalogue, table, false, userName)).where('id', '=', id).execute();
  await recordAudit(trx, { table, recordId: id, action: 'restore', before, after: await readRow(trx, table, id), userName });
}

export async function listTrash(db: Db): Promise<TrashItem[]> {
  const catalogue = await readCatalogue(db);
  const items: TrashItem[] = [];
  for (const table of trashTables(catalogue)) {
    const label = labelColumn(catalogue, table);
    const rows = await (db as unknown as Kysely<any>)
      .selectFrom(table)
      .select(['id', `${TRASH_COLUMN} as deletedAt`, label ? sql<string>`substr(${sql.ref(label)}, 1, 200)`.as('label') : sql<string>`''`.as('label')])
      .where(TRASH_COLUMN, 'is not', null)
      .execute();
    for (const row of rows) items.push({ table, tableLabel: recordKind(table), id: String(row.id), deletedAt: String(row.deletedAt), label: String(row.label ?? '') });
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/**
 * Columns such as findings.meeting_deleted_at: a copy of the parent's `deleted_at`, kept by triggers.
 * A row with one set is in the trash with its parent (the findings of a meeting in the trash): not
 * listed on its own, but emptied with it.
 */
function inheritedTrashColumns(catalogue: SchemaCatalogue, table: string): string[] {
  return tableColumns(catalogue, table).filter((column) => column !== TRASH_COLUMN && column.endsWith(`_${TRASH_COLUMN}`));
}

/**
 * Deletes for good what is in the trash. A row that something outside the trash still points at
 * (an advice item citing a finding, a team's assessments) stays, so nothing is ever orphaned; the
 * rest goes, and the answer names what stayed and why. Passes repeat while they delete something,
 * because deleting one row (an advice with its items) can free another (the finding it cited).
 */
export async function emptyTrash(trx: Db, userName: string): Promise<TrashEmptied> {
  const catalogue = await readCatalogue(trx);
  const db = trx as unknown as Kysely<any>;
  let removed = 0;
  const tryRemove = async (table: string, row: Record<string, unknown>): Promise<boolean> => {
    const id = String(row.id);
    if ((await findReferences(trx, table, id, { onlyBlocking: true })).length > 0) return false;
    await db.deleteFrom(table).where('id', '=', id).execute();
    // Deleted for good, personal data must not live on in the trail (AVG): who and when stay.
    const personal = row[PERSONAL_DATA_COLUMN] === 1;
    if (personal) await forgetAuditContent(trx, table, id);
    await recordAudit(trx, { table, recordId: id, action: 'delete', before: personal ? null : row, userName });
    removed += 1;
    return true;
  };
  let progress = true;
  while (progress) {
    progress = false;
    // First the rows that are in the trash with their parent, so the parent no longer has them.
    for (const table of trashTables(catalogue)) {
      for (const column of inheritedTrashColumns(catalogue, table)) {
        const rows = await db.selectFrom(table).selectAll().where(TRASH_COLUMN, 'is', null).where(column, 'is not', null).execute();
        for (const row of rows) if (await tryRemove(table, row)) progress = true;
      }
    }
    for (const table of trashTables(catalogue)) {
      const rows = await db.selectFrom(table).selectAll().where(TRASH_COLUMN, 'is not', null).execute();
      for (const row of rows) if (await tryRemove(table, row)) progress = true;
    }
  }
  const kept = [];
  for (const item of await listTrash(trx))
    kept.push({ ...item, usedBy: describeUses(await findReferences(trx, item.table, item.id, { onlyBlocking: true })) });
  return { removed, kept };
}
