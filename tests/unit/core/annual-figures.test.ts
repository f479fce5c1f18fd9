import { describe, expect, it } from 'vitest';
import {
  COMMITMENT_COLUMNS,
  commitmentColumn,
  countPerYear,
  FIGURE_YEARS,
  figureYears,
  hasFigures,
  POSITION_COLUMNS,
  positionColumn,
  type PositionColumn,
} from '../../../electron/core/publication/annual-figures';

// The jaarverslag's figures per year: which years, which column, and the counts the charts and tables show.

const entries = (list: [number, PositionColumn, number][]) => list.flatMap(([year, column, times]) => Array.from({ length: times }, () => ({ year, column })));

describe('the jaarverslag figures', () => {
  it('cover the report year and the four before it', () => {
    expect(FIGURE_YEARS).toBe(5);
    expect(figureYears(2025)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('with no advices at all: only the report year, all zeros, and nothing to draw', () => {
    const figures = countPerYear(figureYears(2025), POSITION_COLUMNS, []);
    expect(figures).toEqual([{ year: 2025, total: 0, counts: { overgenomen: 0, deels_overgenomen: 0, niet_overgenomen: 0, wordt_onderzocht: 0, geen_standpunt: 0, none: 0 } }]);
    expect(hasFigures(figures)).toBe(false);
  });

  it('with data in one year only (the report year): one row', () => {
    const figures = countPerYear(figureYears(2025), POSITION_COLUMNS, entries([[2025, 'overgenomen', 2], [2025, 'none', 1]]));
    expect(figures.map((entry) => entry.year)).toEqual([2025]);
    expect(figures[0]).toMatchObject({ total: 3, counts: { overgenomen: 2, none: 1, niet_overgenomen: 0 } });
    expect(hasFigures(figures)).toBe(true);
  });

  it('start at the first year with data; an empty year in between and an empty report year stay as zeros', () => {
    const figures = countPerYear(figureYears(2025), POSITION_COLUMNS, entries([[2022, 'deels_overgenomen', 1], [2024, 'niet_overgenomen', 2]]));
    expect(figures.map((entry) => [entry.year, entry.total])).toEqual([
      [2022, 1],
      [2023, 0],
      [2024, 2],
      [2025, 0],
    ]);
    expect(figures[2]!.counts.niet_overgenomen).toBe(2);
  });

  it('over more than five years of data: only the last five, older years left out', () => {
    const data = entries([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((year) => [year, 'overgenomen', year - 2016] as [number, PositionColumn, number]));
    const figures = countPerYear(figureYears(2025), POSITION_COLUMNS, data);
    expect(figures.map((entry) => [entry.year, entry.counts.overgenomen])).toEqual([
      [2021, 5],
      [2022, 6],
      [2023, 7],
      [2024, 8],
      [2025, 9],
    ]);
    // And a year after the report's is not counted either.
    const earlier = countPerYear(figureYears(2020), POSITION_COLUMNS, data);
    expect(earlier.map((entry) => [entry.year, entry.total])).toEqual([
      [2017, 1],
      [2018, 2],
      [2019, 3],
      [2020, 4],
    ]);
  });

  it('put a recommendation without an answer in its own column', () => {
    expect(positionColumn(undefined)).toBe('none');
    expect(positionColumn(null)).toBe('none');
    expect(positionColumn('wordt_onderzocht')).toBe('wordt_onderzocht');
  });

  it('count an open or running commitment past its date as late, the others by their status', () => {
    const today = '2025-09-01';
    expect(commitmentColumn('open', '2025-08-31', today)).toBe('te_laat');
    expect(commitmentColumn('lopend', '2024-01-01', today)).toBe('te_laat');
    expect(commitmentColumn('open', '2025-09-01', today)).toBe('open');
    expect(commitmentColumn('lopend', '2025-12-01', today)).toBe('lopend');
    for (const status of ['nagekomen', 'niet_nagekomen', 'vervallen'] as const) expect(commitmentColumn(status, '2020-01-01', today)).toBe(status);
    const figures = countPerYear(figureYears(2025), COMMITMENT_COLUMNS, [
      { year: 2024, column: commitmentColumn('open', '2024-05-01', today) },
      { year: 2025, column: commitmentColumn('nagekomen', '2025-02-01', today) },
    ]);
    expect(figures.map((entry) => [entry.year, entry.counts.te_laat, entry.counts.nagekomen])).toEqual([
      [2024, 1, 0],
      [2025, 0, 1],
    ]);
  });
});
