import type { Db } from './connection';

/** Tables whose records are referred to by id from input (links, wijken of a meeting, ...). */
export type ReferableTable = 'advices' | 'wijken' | 'findings' | 'signals' | 'meetings';

/** Which of the given ids exist in the table: checked before writing a link, so none dangles. */
export async function existingIds(db: Db, table: ReferableTable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((row) => row.id));
}

/** The given ids that do not exist in the table, each once, in the order given. */
export async function missingIds(db: Db, table: ReferableTable, ids: string[]): Promise<string[]> {
  const found = await existingIds(db, table, ids);
  return [...new Set(ids)].filter((value) => !found.has(value));
}
