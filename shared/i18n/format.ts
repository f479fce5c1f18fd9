/**
 * Dutch formatting of dates and numbers. Intl ships the Dutch calendar names and rules, so no date
 * library is needed for display; arithmetic on calendar dates lives in the core.
 */
const LOCALE = 'nl-NL';

const longDate = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const monthOnly = new Intl.DateTimeFormat(LOCALE, { month: 'long', timeZone: 'UTC' });

/** "maart" for 3: the Dutch name of a month (1-12). */
export function formatMonth(month: number): string {
  return monthOnly.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** Parses `YYYY-MM-DD` (a calendar date, no time zone) or a full ISO timestamp. */
function toDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

/** "25 september 2014" */
export function formatDateLong(isoDate: string): string {
  return longDate.format(toDate(isoDate));
}

/** "25-09-2014" */
export function formatDateShort(isoDate: string): string {
  return shortDate.format(toDate(isoDate));
}

/** "25 november 2026 om 21:34", in Dutch local time. */
export function formatDateTime(isoTimestamp: string): string {
  return dateTime.format(new Date(isoTimestamp));
}

export function formatInteger(value: number): string {
  return integer.format(value);
}
