/**
 * Dutch calendar dates: `YYYY-MM-DD` text, the day as the council sees it in Europe/Amsterdam.
 * The one place for "today" and date arithmetic, used by the core and the renderer alike.
 *
 * Arithmetic is done on whole UTC days, so summer time, month ends and leap years cannot shift a
 * date. Only `todayInNetherlands` reads a clock, and only through its argument's default.
 */

const DAY_MS = 86_400_000;
export const COUNCIL_TIME_ZONE = 'Europe/Amsterdam';

const dutchDay = new Intl.DateTimeFormat('en-CA', { timeZone: COUNCIL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date in the Netherlands at `now`. Not `toISOString().slice(0, 10)`: that is the date
 * in UTC, which between 00:00 and 01:00 (winter) or 02:00 (summer) Dutch time is still yesterday.
 */
export function todayInNetherlands(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return dutchDay.format(now);
}

/** The current year in the Netherlands. */
export function yearInNetherlands(now: Date = new Date()): number {
  return Number(todayInNetherlands(now).slice(0, 4));
}

function parts(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Geen datum: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function toDays(date: string): number {
  const { year, month, day } = parts(date);
  const days = Date.UTC(year, month - 1, day) / DAY_MS;
  if (fromDays(days) !== date) throw new RangeError(`Geen bestaande datum: ${date}`);
  return days;
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** True for an existing date written `YYYY-MM-DD` (so not `2024-02-30`). */
export function isCalendarDate(value: string): boolean {
  try {
    toDays(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return fromDays(toDays(date) + days);
}

export function addWeeks(date: string, weeks: number): string {
  return addDays(date, weeks * 7);
}

/** Whole days from `from` to `to` (negative when `to` lies before `from`). */
export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from);
}

/** The last day of the date's month: `2024-02-10` → `2024-02-29`. */
export function endOfMonth(date: string): string {
  toDays(date);
  const { year, month } = parts(date);
  return fromDays(Date.UTC(year, month, 0) / DAY_MS);
}

/**
 * `months` calendar months later (earlier when negative), kept within the target month:
 * 31 January plus one month is 28 (or 29) February.
 */
export function addMonths(date: string, months: number): string {
  toDays(date);
  const { year, month, day } = parts(date);
  const firstOfTarget = fromDays(Date.UTC(year, month - 1 + months, 1) / DAY_MS);
  const lastDay = Number(endOfMonth(firstOfTarget).slice(8, 10));
  return `${firstOfTarget.slice(0, 8)}${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
