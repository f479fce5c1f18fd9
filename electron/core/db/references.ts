import type { Sqlite } from './connection';

export interface Reference {
  table: string;
  count: number;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Which rows point at a record, found from the schema's own foreign keys, so a feature that adds
 * a table referencing (say) wijken is covered without registering anything. SQLite-specific.
 * The one reference walker: deleting refuses on any reference (CONFLICT); the trash and the privacy
 * purge ask `onlyBlocking`, the references whose key neither cascades nor sets null (tags that
 * cascade with their finding do not block a purge; an advice that cites the finding does).
 */
export function findReferences(sqlite: Sqlite, targetTable: string, id: string, options: { onlyBlocking?: boolean } = {}): Reference[] {
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).pluck().all() as string[];
  const references: Reference[] = [];
  for (const table of tables) {
    const keys = sqlite
      .prepare(`select "from" as column, "to" as target, on_delete as onDelete from pragma_foreign_key_list(?) where "table" = ?`)
      .all(table, targetTable) as { column: string; target: string | null; onDelete: string }[];
    for (const key of keys) {
      if (options.onlyBlocking && (key.onDelete === 'CASCADE' || key.onDelete === 'SET NULL')) continue;
      // A key to the table's primary key has no `to`; ours point at `id`.
      const value =
        key.target && key.target !== 'id'
          ? (sqlite.prepare(`select ${quoteIdentifier(key.target)} from ${quoteIdentifier(targetTable)} where id = ?`).pluck().get(id) as unknown)
          : id;
      const count = sqlite.prepare(`select count(*) from ${quoteIdentifier(table)} where ${quoteIdentifier(key.column)} = ?`).pluck().get(value) as number;
      if (count > 0) references.push({ table, count });
    }
  }
  return references;
}
