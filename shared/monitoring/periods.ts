import { t } from '../i18n';

/**
 * Monitoring periods as canonical keys: '2026' (year), '2026-H1' (half year), '2026-K1' (quarter).
 * Keys of one kind sort by text in time order; across kinds compare by `periodOrdinal`'s end.
 */
export const PERIOD_KINDS = ['quarter', 'half_year', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1-4 for quarters, 1-2 for half years, 1 for a year. */
  index: number;
}

export const PERIOD_KEY_PATTERN = /^(\d{4})(?:-(K[1-4]|H[12]))?$/;
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const PER_YEAR: Record<PeriodKind, number> = { quarter: 4, half_year: 2, year: 1 };

export function periodsPerYear(kind: PeriodKind): number {
  return PER_YEAR[kind];
}

export function parsePeriodKey(key: string): Period | null {
  const match = PERIOD_KEY_PATTERN.exec(key);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const part = match[2];
  if (!part) return { key, kind: 'year', year, index: 1 };
  return { key, kind: part.startsWith('K') ? 'quarter' : 'half_year', year, index: Number(part.slice(1)) };
}

export function periodKey(kind: PeriodKind, year: number, index = 1): string {
  if (kind === 'year') return String(year);
  return `${year}-${kind === 'quarter' ? 'K' : 'H'}${index}`;
}

function requirePeriod(key: string): Period {
  const period = parsePeriodKey(key);
  if (!period) throw new Error(`not a period key: ${key}`);
  return period;
}

/** A count of periods of one kind since year 0, so neighbours differ by one. */
function sequenceNumber(period: Period): number {
  return period.year * PER_YEAR[period.kind] + (period.index - 1);
}

function fromSequence(kind: PeriodKind, sequence: number): string {
  const perYear = PER_YEAR[kind];
  return periodKey(kind, Math.floor(sequence / perYear), (sequence % perYear) + 1);
}

export function shiftPeriodKey(key: string, delta: number): string {
  const period = requirePeriod(key);
  return fromSequence(period.kind, sequenceNumber(period) + delta);
}

export function previousPeriodKey(key: string): string {
  return shiftPeriodKey(key, -1);
}

/** The first month after the period, as a number of months since year 0: orders periods of any kind by their end. */
export function periodEndOrdinal(key: string): number {
  const period = requirePeriod(key);
  const months = 12 / PER_YEAR[period.kind];
  return period.year * 12 + period.index * months;
}

/** Compares keys by end, then by length of period (a quarter before the half year that ends with it). */
export function comparePeriodKeys(a: string, b: string): number {
  const byEnd = periodEndOrdinal(a) - periodEndOrdinal(b);
  if (byEnd !== 0) return byEnd;
  return PER_YEAR[requirePeriod(b).kind] - PER_YEAR[requirePeriod(a).kind];
}

/** Every period of one kind from `from` to `to`, inclusive; empty when `to` comes first or the kinds differ. */
export function periodRange(from: string, to: string, limit = 400): string[] {
  const start = requirePeriod(from);
  const end = requirePeriod(to);
  if (start.kind !== end.kind) return [];
  const keys: string[] = [];
  for (let sequence = sequenceNumber(start); sequence <= sequenceNumber(end) && keys.length < limit; sequence += 1) {
    keys.push(fromSequence(start.kind, sequence));
  }
  return keys;
}

/** "1e kwartaal 2026", "2e halfjaar 2026", "2026". */
export function periodLabel(key: string): string {
  const period = parsePeriodKey(key);
  if (!period) return key;
  if (period.kind === 'year') return t('monitoring.periodYear', { year: period.year });
  return t(period.kind === 'quarter' ? 'monitoring.periodQuarter' : 'monitoring.periodHalfYear', { index: period.index, year: period.year });
}

/** The period of a kind that contains a calendar date `YYYY-MM-DD`. */
export function periodContaining(kind: PeriodKind, isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const months = 12 / PER_YEAR[kind];
  return periodKey(kind, year, Math.floor((month - 1) / months) + 1);
}
