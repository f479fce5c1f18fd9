import type { Sqlite } from '../db/connection';

/**
 * Finds tables by convention from the schema itself (references: db/references.ts) (PRAGMA table_info), so a feature that adds a
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
