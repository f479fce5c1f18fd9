import type { Sqlite } from './connection';

export interface Reference {
  table: string;
  count: number;
}

/**
 * Which rows point at a record, found from the schema's own foreign keys, so a feature that adds
 * a table referencing (say) wijken is covered without registering anything. SQLite-specific.
 */
export function findReferences(sqlite: Sqlite, targetTable: string, id: string): Reference[] {
  const tables = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
    .pluck()
    .all() as string[];
  const references: Reference[] = [];
  for (const table of tables) {
    const keys = sqlite.prepare(`select "from" as column from pragma_foreign_key_list(?) where "table" = ?`).all(table, targetTable) as {
      column: string;
    }[];
    for (const { column } of keys) {
      const count = sqlite.prepare(`select count(*) from "${table}" where "${column}" = ?`).pluck().get(id) as number;
      if (count > 0) references.push({ table, count });
    }
  }
  return references;
}
