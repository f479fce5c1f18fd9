import { z } from 'zod';
import { planningItemInput, type PlanningKind } from '../../../shared/api/council-own';
import { t } from '../../../shared/i18n';
import type { ImportRowIssue } from '../../../shared/api/meetings';
import { foldText } from '../findings/text';
import type { ParsedTable } from '../findings/transfer';

/**
 * The municipality's beleidskalender as a table (CSV or XLSX, read by the same worker as the findings
 * import): which column is which, and each row as a planning item, checked with the contract's own
 * schema so an import can store nothing the form would refuse.
 */
type Column = 'title' | 'month' | 'kind' | 'source' | 'notes';

/** Header words per column, folded (no accents, lower case); a header matches when it starts with one. */
const COLUMN_WORDS: Record<Column, string[]> = {
  title: ['onderwerp', 'titel', 'beleidsonderwerp', 'title', 'naam'],
  month: ['maand', 'verwacht', 'datum', 'periode', 'month', 'date'],
  kind: ['soort', 'type', 'kind'],
  source: ['bron', 'afdeling', 'portefeuille', 'source'],
  notes: ['toelichting', 'opmerking', 'notitie', 'notes'],
};

const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function columnIndexes(columns: string[]): Partial<Record<Column, number>> {
  const folded = columns.map((column) => foldText(column).trim());
  const found: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(COLUMN_WORDS) as Column[]) {
    const index = folded.findIndex((header, at) => !Object.values(found).includes(at) && COLUMN_WORDS[column].some((word) => header.startsWith(word)));
    if (index >= 0) found[column] = index;
  }
  return found;
}

/** A month as 1–12, a Dutch month name or its abbreviation ("mrt", "sept."), or a date in the year (2027-03-15 or 15-3-2027). */
export function parseMonth(value: string, year: number): { month: number } | { error: string } {
  const text = foldText(value).trim().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(text)) {
    const month = Number(text);
    return month >= 1 && month <= 12 ? { month } : { error: t('councilOwn.importMonthUnknown', { value }) };
  }
  if (text === 'mrt') return { month: 3 };
  const byName = MONTH_NAMES.findIndex((name) => text.length >= 3 && name.startsWith(text));
  if (byName >= 0) return { month: byName + 1 };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  const date = iso ? { year: Number(iso[1]), month: Number(iso[2]) } : dutch ? { year: Number(dutch[3]), month: Number(dutch[2]) } : undefined;
  if (!date || date.month < 1 || date.month > 12) return { error: t('councilOwn.importMonthUnknown', { value }) };
  if (date.year !== year) return { error: t('councilOwn.importYearOther', { date: value, year }) };
  return { month: date.month };
}

function parseKind(value: string): PlanningKind | undefined {
  const text = foldText(value).trim();
  if (text === '' || text.startsWith('advies') || text.startsWith('verwacht')) return 'adviesaanvraag';
  if (text.startsWith('eigen') || text.startsWith('ongevraagd')) return 'eigen_onderwerp';
  return undefined;
}

export type PlanningRow = z.output<typeof planningItemInput>;

export interface PlanningTable {
  rows: PlanningRow[];
  issues: ImportRowIssue[];
}

/** Every row checked; the caller stores all rows or, when any row has an issue, none. */
export function planningRowsFromTable(table: ParsedTable, year: number): PlanningTable {
  const columns = columnIndexes(table.columns);
  const issues: ImportRowIssue[] = [];
  for (const required of ['title', 'month'] as const) {
    if (columns[required] === undefined) {
      const name = t(required === 'title' ? 'councilOwn.planningTitleField' : 'councilOwn.month');
      issues.push({ row: 1, field: required, message: t('councilOwn.importMissingColumn', { column: name }) });
    }
  }
  if (issues.length > 0) return { rows: [], issues };
  const rows: PlanningRow[] = [];
  table.rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (column: Column) => (columns[column] === undefined ? '' : (cells[columns[column]!] ?? ''));
    if (Object.values(columns).every((at) => (cells[at] ?? '') === '')) return;
    for (const problem of table.rowProblems?.filter((entry) => entry.row === row) ?? []) issues.push({ row, field: 'file', message: problem.message });
    const month = parseMonth(cell('month'), year);
    if ('error' in month) issues.push({ row, field: 'month', message: month.error });
    const kind = parseKind(cell('kind'));
    if (kind === undefined) issues.push({ row, field: 'kind', message: t('councilOwn.importKindUnknown', { value: cell('kind') }) });
    if ('error' in month || kind === undefined) return;
    const parsed = planningItemInput.safeParse({ year, month: month.month, kind, title: cell('title'), source: cell('source'), notes: cell('notes') });
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) issues.push({ row, field: String(issue.path[0] ?? ''), message: issue.message });
  });
  return { rows, issues };
}

/** The same subject in the same month is the same planned item, whatever its case or accents. */
export function planningKey(item: { month: number; title: string }): string {
  return `${item.month}|${foldText(item.title).trim()}`;
}
