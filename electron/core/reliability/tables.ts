import type { Sqlite } from '../db/connection';

/**
 * Finds tables by convention from the schema itself (PRAGMA table_info), so a feature that adds a
 * `deleted_at` or `contains_personal_data` column is covered by the trash and the privacy purge
 * without registering anywhere. Raw SQLite on purpose: Kysely has no view of PRAGMAs.
 */
export function tableColumns(sqlite: Sqlite, table: string): string[] {
  return sqlite.prepare('select name from pragma_table_info(?)').pluck().all(table) as string[];
}

export function tablesWithColumn(sqlite: Sqlite, column: string): string[] {
  const tables = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`)
    .pluck()
    .all() as string[];
  return tables.filter((table) => tableColumns(sqlite, table).includes(column));
}

/** A column that says what a row is, for lists like "what goes": the first that exists. */
export function labelColumn(sqlite: Sqlite, table: string): string | null {
  const columns = tableColumns(sqlite, table);
  return ['title', 'name', 'subject', 'betreft', 'summary', 'text', 'body', 'description'].find((column) => columns.includes(column)) ?? null;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface BlockingReference {
  table: string;
  count: number;
}

/**
 * Rows that would be left pointing at nothing if this record went: references whose foreign key
 * neither cascades nor sets null. (Tags that cascade with their finding do not block a purge; an
 * advice that cites the finding does.)
 */
export function blockingReferences(sqlite: Sqlite, targetTable: string, id: string): BlockingReference[] {
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).pluck().all() as string[];
  const found: BlockingReference[] = [];
  for (const table of tables) {
    const keys = sqlite
      .prepare(`select "from" as column, "to" as target, on_delete as onDelete from pragma_foreign_key_list(?) where "table" = ?`)
      .all(table, targetTable) as { column: string; target: string | null; onDelete: string }[];
    for (const key of keys) {
      if (key.onDelete === 'CASCADE' || key.onDelete === 'SET NULL') continue;
      // A key to the table's primary key has no `to`; ours point at `id`.
      const value = key.target && key.target !== 'id' ? (sqlite.prepare(`select ${quoteIdentifier(key.target)} from ${quoteIdentifier(targetTable)} where id = ?`).pluck().get(id) as unknown) : id;
      const count = sqlite.prepare(`select count(*) from ${quoteIdentifier(table)} where ${quoteIdentifier(key.column)} = ?`).pluck().get(value) as number;
      if (count > 0) found.push({ table, count });
    }
  }
  return found;
}
