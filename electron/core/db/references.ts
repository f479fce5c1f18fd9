import { sql } from 'kysely';
import type { Db } from './connection';
import { readForeignKeys } from './dialect';

export interface Reference {
  table: string;
  count: number;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Which rows point at a record, found from the schema's own foreign keys (on either store), so a feature that adds a table referencing (say) wijken is covered without
 * registering anything (read at each call, as the tables may have changed). The one reference walker: deleting refuses on any reference (CONFLICT); the
 * trash and the privacy purge ask `onlyBlocking`, the references whose key neither cascades nor sets
 * null (tags that cascade with their finding do not block a purge; an advice that cites the finding does).
 */
export async function findReferences(db: Db, targetTable: string, id: string, options: { onlyBlocking?: boolean } = {}): Promise<Reference[]> {
  const references: Reference[] = [];
  for (const key of await readForeignKeys(db)) {
    if (key.targetTable !== targetTable) continue;
    if (options.onlyBlocking && (key.onDelete === 'CASCADE' || key.onDelete === 'SET NULL')) continue;
    const value =
      key.targetColumn !== 'id'
        ? (await sql<{ value: unknown }>`select ${sql.ref(key.targetColumn)} as value from ${sql.table(targetTable)} where id = ${id}`.execute(db)).rows[0]?.value
        : id;
    const row = (await sql<{ n: number }>`select count(*) as n from ${sql.table(key.table)} where ${sql.ref(key.column)} = ${value}`.execute(db)).rows[0];
    const count = Number(row?.n ?? 0);
    if (count > 0) references.push({ table: key.table, count });
  }
  return references;
}
