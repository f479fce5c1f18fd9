import type { SchemaCatalogue } from '../db/dialect';

/**
 * Finds tables by convention from the schema itself (the catalogue read at open; references:
 * db/references.ts), so a feature that adds a `deleted_at` or `contains_personal_data` column is
 * covered by the trash and the privacy purge without registering anywhere.
 */
export function tableColumns(catalogue: SchemaCatalogue, table: string): string[] {
  return catalogue.columns.get(table) ?? [];
}

export function tablesWithColumn(catalogue: SchemaCatalogue, column: string): string[] {
  return [...catalogue.columns.keys()]
    .filter((table) => !table.startsWith('kysely_'))
    .sort()
    .filter((table) => tableColumns(catalogue, table).includes(column));
}

/** A column that says what a row is, for lists like "what goes": the first that exists. */
export function labelColumn(catalogue: SchemaCatalogue, table: string): string | null {
  const columns = tableColumns(catalogue, table);
  return ['title', 'name', 'subject', 'betreft', 'summary', 'text', 'body', 'description'].find((column) => columns.includes(column)) ?? null;
}
