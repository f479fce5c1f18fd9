import { v7 as uuidv7 } from 'uuid';

/** Time-sortable UUIDv7, so records made on two laptops merge without collisions. */
export function newId(): string {
  return uuidv7();
}

/** The current moment as UTC ISO-8601, the one timestamp format in the store. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Now, but strictly after `previous`: a record's `updated_at` is also its version for edit conflicts
 * (advices/conflicts.ts), so a write must never keep the version it replaces, not even when it falls
 * within the same millisecond of the clock.
 */
export function nowAfter(previous: string | undefined): string {
  const now = nowIso();
  if (previous === undefined || now > previous) return now;
  const next = Date.parse(previous) + 1;
  return Number.isNaN(next) ? now : new Date(next).toISOString();
}

/** The record columns of a new row: made and last changed by `userName` at `at`. */
export function createdColumns(userName: string, at: string = nowIso()) {
  return { created_at: at, updated_at: at, created_by: userName, updated_by: userName };
}

/** The record columns of a change: when and by whom. */
export function updatedColumns(userName: string) {
  return { updated_at: nowIso(), updated_by: userName };
}
