import { v7 as uuidv7 } from 'uuid';

/** Time-sortable UUIDv7, so records made on two laptops merge without collisions. */
export function newId(): string {
  return uuidv7();
}

/** The current moment as UTC ISO-8601, the one timestamp format in the store. */
export function nowIso(): string {
  return new Date().toISOString();
}
