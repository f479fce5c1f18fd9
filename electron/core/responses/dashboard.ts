import { POSITIONS, type CommitmentDue, type DashboardFigures, type OverdueNotice, type Position, type PositionYear } from '../../../shared/api/responses';
import { todayInNetherlands } from '../../../shared/calendar';
import { COMMITMENT_WINDOW_DAYS, dueInfo } from '../../../shared/responses/deadlines';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { awaitingAdvices, commitmentsDue, positionCounts } from './repository';

/*
 * The dashboard's figures (what is overdue, what is due soon, positions per year). The sums are
 * plain functions of the repository's rows, so they are unit-tested without a database;
 * `dashboardFigures` only reads those rows and hands them over.
 */

export type PositionCounts = Awaited<ReturnType<typeof positionCounts>>;
export type AwaitingRow = Awaited<ReturnType<typeof awaitingAdvices>>[number];

/** Positions per year as shares; adoption counts deels overgenomen for half. */
export function positionsPerYear(counts: PositionCounts): PositionYear[] {
  const years = new Map<number, PositionYear>();
  const yearOf = (year: number) => {
    let entry = years.get(year);
    if (!entry) {
      entry = { year, advices: 0, counts: Object.fromEntries(POSITIONS.map((position) => [position, 0])) as Record<Position, number>, total: 0, adoption: null };
      years.set(year, entry);
    }
    return entry;
  };
  for (const row of counts.advices) yearOf(Number(row.year)).advices = Number(row.count);
  for (const row of counts.positions) {
    const entry = yearOf(Number(row.year));
    entry.counts[row.position] += Number(row.count);
    entry.total += Number(row.count);
  }
  for (const entry of years.values())
    entry.adoption = entry.total > 0 ? (entry.counts.overgenomen + entry.counts.deels_overgenomen / 2) / entry.total : null;
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** The dashboard from the rows the repository read: commitments split at today into overdue and due soon. */
export function composeDashboard(rows: {
  today: string;
  termWeeks: number;
  awaiting: AwaitingRow[];
  commitments: CommitmentDue[];
  counts: PositionCounts;
}): DashboardFigures {
  const { today } = rows;
  return {
    today,
    termWeeks: rows.termWeeks,
    awaiting: rows.awaiting.map((row) => ({
      adviceId: row.id,
      kenmerk: row.kenmerk,
      betreft: row.betreft,
      sentOn: row.sent_on!,
      dueOn: row.due_on,
      daysOverdue: Math.max(0, row.days_overdue),
      state: dueInfo(row.due_on, today).state,
    })),
    commitmentsOverdue: rows.commitments.filter((commitment) => commitment.dueOn < today),
    commitmentsDueSoon: rows.commitments.filter((commitment) => commitment.dueOn >= today),
    positionsPerYear: positionsPerYear(rows.counts),
  };
}

export async function dashboardFigures(db: Db, today = todayInNetherlands()): Promise<DashboardFigures> {
  const council = await getCouncil(db);
  const termWeeks = council.responseTermWeeks;
  const [awaiting, commitments, counts] = await Promise.all([awaitingAdvices(db, termWeeks, today), commitmentsDue(db, today, COMMITMENT_WINDOW_DAYS), positionCounts(db)]);
  return composeDashboard({ today, termWeeks, awaiting, commitments, counts });
}

/** The overdue advices and commitments of a dashboard as notices (the input of `newlyOverdue`). */
export function overdueNotices(figures: DashboardFigures): OverdueNotice[] {
  return [
    ...figures.awaiting.map((advice) => ({ kind: 'advies' as const, id: advice.adviceId, adviceId: advice.adviceId, title: `${advice.kenmerk} ${advice.betreft}`, dueOn: advice.dueOn })),
    ...figures.commitmentsOverdue.map((commitment) => ({
      kind: 'toezegging' as const,
      id: commitment.id,
      adviceId: commitment.adviceId,
      title: commitment.description,
      dueOn: commitment.dueOn,
    })),
  ];
}
