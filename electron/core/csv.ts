import Papa from 'papaparse';

/**
 * Cells a spreadsheet would run as a formula: starting with = + - @ or a tab or carriage return
 * (`=cmd|' /C calc'!A0`, `+HYPERLINK(…)`, `@SUM(…)`). A plain number such as "-3" or "+2,5" stays a
 * number; a negative value is no formula.
 */
const FORMULA_START = /^(?:[=@\t\r]|[+-](?!\d+(?:[.,]\d+)?$))/;

/**
 * The one CSV dialect of every export: what Excel in a Dutch locale opens correctly by
 * double-click (semicolons, CRLF, a BOM before the first row), and every cell that could be read
 * as a formula made text with a leading quote (papaparse's `escapeFormulae`).
 */
const CSV_OPTIONS = { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START } as const;

/** Rows as CSV lines, each ending in CRLF; for writing a large export in chunks after `csvHeader`. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(rows.map((row) => [...row]), CSV_OPTIONS)}\r\n`;
}

/** The start of a CSV file: the BOM and the header row. */
export function csvHeader(header: readonly string[]): string {
  return `\uFEFF${csvLines([header])}`;
}

/** A whole CSV file: BOM, header and rows. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${csvHeader(header)}${csvLines(rows)}`;
}
