/**
 * Deadlines of responses and commitments on calendar dates (`YYYY-MM-DD`). Pure: no clock; "today"
 * is always passed in. The date arithmetic itself lives in shared/calendar.
 */
import { addDays, addWeeks, daysBetween } from '../calendar';

export class FutureDateError extends Error {}

/** The college's answer is due `termWeeks` after sending. A sent date after today is refused. */
export function responseDueDate(sentOn: string, termWeeks: number, today: string): string {
  if (!Number.isInteger(termWeeks) || termWeeks < 1) throw new RangeError(`Ongeldige termijn: ${termWeeks}`);
  if (daysBetween(today, sentOn) > 0) throw new FutureDateError(sentOn);
  return addWeeks(sentOn, termWeeks);
}

/** Days before the due date that count as "binnenkort". */
export const DUE_SOON_DAYS = 7;
/** The window of commitments the chair looks ahead at. */
export const COMMITMENT_WINDOW_DAYS = 30;

export type DueState = 'te_laat' | 'binnenkort' | 'op_tijd';

export interface DueInfo {
  dueOn: string;
  state: DueState;
  /** Days past the due date; 0 when not overdue. */
  daysOverdue: number;
  /** Days left until the due date; 0 when overdue or due today. */
  daysLeft: number;
}

/** Overdue the day after the due date; due soon within `soonDays` (the due day itself included). */
export function dueInfo(dueOn: string, today: string, soonDays = DUE_SOON_DAYS): DueInfo {
  const left = daysBetween(today, dueOn);
  if (left < 0) return { dueOn, state: 'te_laat', daysOverdue: -left, daysLeft: 0 };
  return { dueOn, state: left <= soonDays ? 'binnenkort' : 'op_tijd', daysOverdue: 0, daysLeft: left };
}

export function responseDue(sentOn: string, termWeeks: number, today: string, soonDays = DUE_SOON_DAYS): DueInfo {
  return dueInfo(responseDueDate(sentOn, termWeeks, today), today, soonDays);
}

/** Open commitments (open or lopend) that are overdue, or due within the next `windowDays`. */
export function commitmentsInWindow<T extends { dueOn: string; status: string }>(
  commitments: T[],
  today: string,
  windowDays = COMMITMENT_WINDOW_DAYS,
): { overdue: T[]; dueSoon: T[] } {
  const limit = addDays(today, windowDays);
  const active = commitments.filter((commitment) => commitment.status === 'open' || commitment.status === 'lopend');
  return {
    overdue: active.filter((commitment) => commitment.dueOn < today).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    dueSoon: active.filter((commitment) => commitment.dueOn >= today && commitment.dueOn <= limit).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  };
}

/**
 * What became overdue since the user last looked (`lastSeen`, a date, or null the first time):
 * overdue today (due before today) but not yet overdue on the day last seen (due on or after it).
 * The first time, everything overdue is new.
 */
export function newlyOverdue<T extends { dueOn: string }>(items: T[], today: string, lastSeen: string | null): T[] {
  return items.filter((item) => item.dueOn < today && (lastSeen === null || item.dueOn >= lastSeen));
}
