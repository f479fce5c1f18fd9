import { addDays, addMonths } from '../calendar';

/**
 * Terms of office and the actielijst, on calendar dates (`YYYY-MM-DD`). Pure: no clock; "today" is
 * always passed in. A term of N years runs from its start up to and including the day before the
 * same date N years later; the same date of 29 February in a year without it is 1 March.
 */

/** The same date `years` later; 29 February becomes 1 March in a year without it. */
export function anniversary(date: string, years: number): string {
  // The calendar's addMonths keeps within the target month (29 February → 28 February); a term's
  // anniversary moves on to 1 March instead.
  const sameMonth = addMonths(date, years * 12);
  return sameMonth.slice(5) === date.slice(5) ? sameMonth : addDays(sameMonth, 1);
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
