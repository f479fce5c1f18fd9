import { POSITIONS, type CommitmentStatus, type Position } from '../../../shared/api/responses';
import { dueInfo } from '../../../shared/responses/deadlines';

/*
 * The jaarverslag's figures per year (the charts and their tables): plain functions of rows the
 * report already read, unit-tested without a database (tests/unit/core/annual-figures.test.ts).
 */

/** How many years the figures look back, the report's year included. */
export const FIGURE_YEARS = 5;

/** The college's position per recommendation, and `none` for a recommendation it has not answered yet. */
export const POSITION_COLUMNS = [...POSITIONS, 'none'] as const;
export type PositionColumn = (typeof POSITION_COLUMNS)[number];

/**
 * What became of the commitments due in a year: the domain's statuses, with `te_laat` for an open or
 * running (lopend) commitment whose due date has passed (the dashboard's "te laat").
 */
export const COMMITMENT_COLUMNS = ['nagekomen', 'lopend', 'open', 'te_laat', 'niet_nagekomen', 'vervallen'] as const;
export type CommitmentColumn = (typeof COMMITMENT_COLUMNS)[number];

export interface YearFigures<K extends string> {
  year: number;
  counts: Record<K, number>;
  total: number;
}

export function positionColumn(position: Position | null | undefined): PositionColumn {
  return position ?? 'none';
}

export function commitmentColumn(status: CommitmentStatus, dueOn: string, today: string): CommitmentColumn {
  if ((status === 'open' || status === 'lopend') && dueInfo(dueOn, today).state === 'te_laat') return 'te_laat';
  return status;
}

/** The years the figures cover: up to `FIGURE_YEARS` ending with `year`. */
export function figureYears(year: number): number[] {
  return Array.from({ length: FIGURE_YEARS }, (_value, index) => year - FIGURE_YEARS + 1 + index);
}

/**
 * Counts per year and column, for the years given (each present, zeros included), then without the
 * leading years that have nothing: the figures start at the first year with data, and the last year
 * (the report's) always stays.
 */
export function countPerYear<K extends string>(years: number[], columns: readonly K[], entries: { year: number; column: K }[]): YearFigures<K>[] {
  const figures = years.map((year) => ({ year, counts: Object.fromEntries(columns.map((column) => [column, 0])) as Record<K, number>, total: 0 }));
  const byYear = new Map(figures.map((entry) => [entry.year, entry]));
  for (const { year, column } of entries) {
    const entry = byYear.get(year);
    if (!entry) continue;
    entry.counts[column] += 1;
    entry.total += 1;
  }
  const first = figures.findIndex((entry) => entry.total > 0);
  return first === -1 ? figures.slice(-1) : figures.slice(first);
}

/** Whether there is anything to draw: a chart of nothing is left out (its table and a sentence stay). */
export function hasFigures(figures: YearFigures<string>[]): boolean {
  return figures.some((entry) => entry.total > 0);
}
