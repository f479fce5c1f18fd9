import { nl, type Messages } from './nl';

export type { Messages };
export * from './format';

/** Keys of the catalogue as dotted paths, so a typo in a key fails to compile. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

let catalogue: Messages = nl;

/** Switch the catalogue (another language can be added as a second file of the same shape). */
export function useCatalogue(messages: Messages): void {
  catalogue = messages;
}

/** Looks up a message and fills `{name}` placeholders. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let node: unknown = catalogue;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  const template = typeof node === 'string' ? node : key;
  return params ? interpolate(template, params) : template;
}

const pluralRules = new Intl.PluralRules('nl-NL');

/**
 * Fills `{name}` placeholders, and `{name|one|other}` with the word for that number: "{count}
 * {count|item|items}" gives "1 item", "3 items" (Dutch plural rules from Intl). Unknown names stay
 * as they are.
 */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      name in params ? (pluralRules.select(Number(params[name])) === 'one' ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Dutch plural name of a table for messages; falls back to the table name. */
export function tableLabel(table: string): string {
  const labels = catalogue.tables as Record<string, string>;
  return labels[table] ?? table;
}

/**
 * The Dutch label of an input field for messages ("Betreft", "Datum"), from the last name in an
 * issue path such as "signatories.0.name"; null when the catalogue has none, so an internal
 * name is never shown.
 */
export function fieldLabel(path: string): string | null {
  const name = path.split('.').filter((part) => !/^\d+$/.test(part)).at(-1);
  const labels = catalogue.fieldLabels as Record<string, string>;
  return name !== undefined && Object.hasOwn(labels, name) ? labels[name]! : null;
}

/** What one record of a table is ("Bijeenkomst", "Inbreng"), for a list's "Soort" column. */
export function recordKind(table: string): string {
  const kinds = catalogue.recordKinds as Record<string, string>;
  return kinds[table] ?? tableLabel(table);
}

/** What still points at a record, for messages: "3 punten inbreng, 1 signaal". */
export function describeUses(references: { table: string; count: number }[]): string {
  const counts = catalogue.tableCounts as Record<string, string>;
  // In the order of the words, not of the schema walk, so both stores give the same message.
  return references
    .map((reference) => {
      const template = counts[reference.table];
      return template ? interpolate(template, { count: reference.count }) : `${reference.count} ${tableLabel(reference.table)}`;
    })
    .sort((a, b) => a.replace(/^\d+ /, '').localeCompare(b.replace(/^\d+ /, ''), 'nl'))
    .join(', ');
}
