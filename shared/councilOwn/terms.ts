import { addDays } from '../calendar';

/**
 * Terms of office and the actielijst, on calendar dates (`YYYY-MM-DD`). Pure: no clock; "today" is
 * always passed in. A term of N years runs from its start up to and including the day before the
 * same date N years later; the same date of 29 February in a year without it is 1 March.
 */

function parts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Geen datum: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same date `years` later; 29 February becomes 1 March in a year without it. */
export function anniversary(date: string, years: number): string {
  const [year, month, day] = parts(date);
  const target = year + years;
  if (day > daysInMonth(target, month)) return addDays(format(target, month, daysInMonth(target, month)), 1);
  return format(target, month, day);
}

/** `months` calendar months later, clamped to the end of a shorter month (30 November + 3 = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The last day of a term of `years` starting on `start`. */
export function termEnd(start: string, years: number): string {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`Ongeldige zittingstermijn: ${years}`);
  return addDays(anniversary(start, years), -1);
}

export interface TermState {
  termEnd: string;
  /** 1 in the first term. */
  termNumber: number;
  leftOn: string | null;
}

/** Whether one more term is allowed: never after leaving, never beyond `maxTerms`. */
export function canReappoint(member: TermState, maxTerms: number): boolean {
  return member.leftOn === null && member.termNumber < maxTerms;
}

/** The next term: starts the day after the current one ends and lasts `years`. */
export function nextTerm(member: TermState, years: number): { termStart: string; termEnd: string; termNumber: number } {
  const termStart = addDays(member.termEnd, 1);
  return { termStart, termEnd: termEnd(termStart, years), termNumber: member.termNumber + 1 };
}

/** A sitting member whose term ends between today and `months` months from today (inclusive). */
export function termEndsSoon(member: TermState, today: string, months = 3): boolean {
  return member.leftOn === null && member.termEnd >= today && member.termEnd <= addMonths(today, months);
}

export interface ActionState {
  status: 'open' | 'afgerond' | 'vervallen';
  dueOn: string;
  closedOn: string | null;
  /** The date of the meeting that created the action. */
  meetingDate: string;
}

/** An open action past its due date. */
export function isOverdue(action: Pick<ActionState, 'status' | 'dueOn'>, today: string): boolean {
  return action.status === 'open' && action.dueOn < today;
}

/**
 * The actions that carry over to the agenda of a meeting on `meetingDate`: created in an earlier
 * meeting and still open on that date (open now, or closed on or after it). So a past meeting's
 * agenda keeps showing what was on it, and a closed action leaves the agendas that follow.
 */
export function carriesOver(action: ActionState, meetingDate: string): boolean {
  if (action.meetingDate >= meetingDate) return false;
  if (action.status === 'open') return true;
  return action.closedOn !== null && action.closedOn >= meetingDate;
}
