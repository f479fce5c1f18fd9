import { describe, expect, it } from 'vitest';
import { composeDashboard, overdueNotices, positionsPerYear } from '../../../electron/core/responses/dashboard';
import type { CommitmentDue } from '../../../shared/api/responses';

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

describe('dashboard figures from the repository rows', () => {
  const commitment = (id: string, dueOn: string): CommitmentDue => ({
    id,
    adviceId: 'a1',
    kenmerk: 'WR-2026-001',
    description: `Toezegging ${id}`,
    owner: 'Wethouder',
    dueOn,
    status: 'open',
    daysOverdue: 0,
  });
  const figures = composeDashboard({
    today: '2026-03-10',
    termWeeks: 6,
    awaiting: [
      { id: 'a1', kenmerk: 'WR-2026-001', betreft: 'Huishoudelijke hulp', sent_on: '2026-01-01', due_on: '2026-02-12', days_overdue: 26 },
      { id: 'a2', kenmerk: 'WR-2026-002', betreft: 'Vervoer', sent_on: '2026-02-20', due_on: '2026-04-03', days_overdue: -24 },
    ],
    commitments: [commitment('c1', '2026-03-09'), commitment('c2', '2026-03-10'), commitment('c3', '2026-04-01')],
    counts: { advices: [{ year: '2026', count: 2 }], positions: [] },
  });

  it('marks each awaited advice by its due date and never counts negative days overdue', () => {
    expect(figures.awaiting.map((advice) => [advice.adviceId, advice.state, advice.daysOverdue])).toEqual([
      ['a1', 'te_laat', 26],
      ['a2', 'op_tijd', 0],
    ]);
    expect(figures.awaiting[0]).toMatchObject({ sentOn: '2026-01-01', dueOn: '2026-02-12', kenmerk: 'WR-2026-001', betreft: 'Huishoudelijke hulp' });
  });

  it('splits commitments at today: due today is due soon, not overdue', () => {
    expect(figures.commitmentsOverdue.map((item) => item.id)).toEqual(['c1']);
    expect(figures.commitmentsDueSoon.map((item) => item.id)).toEqual(['c2', 'c3']);
    expect(figures.positionsPerYear.map((year) => [year.year, year.advices])).toEqual([[2026, 2]]);
    expect([figures.today, figures.termWeeks]).toEqual(['2026-03-10', 6]);
  });

  it('turns every awaited advice and overdue commitment into a notice', () => {
    expect(overdueNotices(figures)).toEqual([
      { kind: 'advies', id: 'a1', adviceId: 'a1', title: 'WR-2026-001 Huishoudelijke hulp', dueOn: '2026-02-12' },
      { kind: 'advies', id: 'a2', adviceId: 'a2', title: 'WR-2026-002 Vervoer', dueOn: '2026-04-03' },
      { kind: 'toezegging', id: 'c1', adviceId: 'a1', title: 'Toezegging c1', dueOn: '2026-03-09' },
    ]);
  });
});
