import { effectiveDirection, type Direction, type MeasureType } from './measures';

/**
 * Trend arithmetic, pure: change between periods, read in the criterion's direction, with gaps
 * (periods without an assessment) skipped but counted.
 */
export type Outcome = 'improved' | 'declined' | 'unchanged';

export interface Change {
  /** current − previous, rounded to hundredths so 0.1 + 0.2 style noise never shows. */
  delta: number;
  outcome: Outcome;
  /** The period compared with: the last earlier one that has a value. */
  previousPeriodKey: string;
  previousValue: number;
  /** How many periods without a value lie between the two (0: the direct predecessor). */
  skipped: number;
}

export interface TrendPoint {
  periodKey: string;
  value: number | null;
  change: Change | null;
}

export interface TrendSummary {
  assessed: number;
  missing: number;
  first: { periodKey: string; value: number } | null;
  last: { periodKey: string; value: number } | null;
  /** From the first to the last assessed period. */
  overall: { delta: number; outcome: Outcome } | null;
  improvements: number;
  declines: number;
}

export function roundDelta(value: number): number {
  return Math.round(value * 100) / 100;
}

export function compareValues(previous: number, current: number, direction: Direction): { delta: number; outcome: Outcome } {
  const delta = roundDelta(current - previous);
  if (delta === 0) return { delta: 0, outcome: 'unchanged' };
  const better = direction === 'higher_better' ? delta > 0 : delta < 0;
  return { delta, outcome: better ? 'improved' : 'declined' };
}

/**
 * One point per period of `periodKeys` (consecutive, oldest first). A missing period has value
 * null and no change; the next assessed period compares with the last assessed one before it.
 */
export function buildTrend(
  periodKeys: readonly string[],
  values: ReadonlyMap<string, number>,
  measure: MeasureType,
  direction: Direction,
): TrendPoint[] {
  const readAs = effectiveDirection(measure, direction);
  const points: TrendPoint[] = [];
  let previous: { periodKey: string; value: number; index: number } | null = null;
  periodKeys.forEach((periodKey, index) => {
    const value = values.get(periodKey);
    if (value === undefined) {
      points.push({ periodKey, value: null, change: null });
      return;
    }
    const change: Change | null = previous
      ? {
          ...compareValues(previous.value, value, readAs),
          previousPeriodKey: previous.periodKey,
          previousValue: previous.value,
          skipped: index - previous.index - 1,
        }
      : null;
    points.push({ periodKey, value, change });
    previous = { periodKey, value, index };
  });
  return points;
}

export function summarizeTrend(points: readonly TrendPoint[], measure: MeasureType, direction: Direction): TrendSummary {
  const assessed = points.filter((point): point is TrendPoint & { value: number } => point.value !== null);
  const first = assessed[0];
  const last = assessed.at(-1);
  return {
    assessed: assessed.length,
    missing: points.length - assessed.length,
    first: first ? { periodKey: first.periodKey, value: first.value } : null,
    last: last ? { periodKey: last.periodKey, value: last.value } : null,
    overall: first && last && first !== last ? compareValues(first.value, last.value, effectiveDirection(measure, direction)) : null,
    improvements: assessed.filter((point) => point.change?.outcome === 'improved').length,
    declines: assessed.filter((point) => point.change?.outcome === 'declined').length,
  };
}
