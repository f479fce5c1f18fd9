import { describe, expect, it } from 'vitest';
import { positionsPerYear } from '../../../electron/core/responses/handlers';

describe('positions per year', () => {
  it('turns grouped counts into shares per year, deels overgenomen counting for half in the adoption', () => {
    const years = positionsPerYear({
      advices: [
        { year: '2024', count: 3 },
        { year: '2025', count: 2 },
        { year: '2026', count: 1 },
      ],
      positions: [
        { year: '2024', position: 'overgenomen', count: 6 },
        { year: '2024', position: 'deels_overgenomen', count: 2 },
        { year: '2024', position: 'niet_overgenomen', count: 2 },
        { year: '2025', position: 'wordt_onderzocht', count: 3 },
        { year: '2025', position: 'geen_standpunt', count: 1 },
      ],
    });
    expect(years.map((year) => [year.year, year.advices, year.total, year.adoption])).toEqual([
      [2024, 3, 10, 0.7],
      [2025, 2, 4, 0],
      [2026, 1, 0, null],
    ]);
    expect(years[0]!.counts).toEqual({ overgenomen: 6, deels_overgenomen: 2, niet_overgenomen: 2, wordt_onderzocht: 0, geen_standpunt: 0 });
  });

  it('is empty without data', () => {
    expect(positionsPerYear({ advices: [], positions: [] })).toEqual([]);
  });
});
