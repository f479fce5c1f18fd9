import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * The random bytes of ids, drawn from the system's CSPRNG for 256 ids at a time: uuid's own call
 * asks WebCrypto for 16 bytes per id, ~2–5 µs each: 20–50 ms of a 10,000-row import job's CPU.
 */
const randomPool = Buffer.alloc(16 * 256);
let poolOffset = randomPool.length;
/** The same monotonic state as uuid's own v7: a new millisecond starts a random sequence, within one it counts up. */
const clock = { msecs: -Infinity, seq: 0 };

/** Time-sortable UUIDv7, so records made on two laptops merge without collisions. */
export function newId(): string {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  const random = randomPool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs += 1;
  }
  return uuidv7({ random, msecs: clock.msecs, seq: clock.seq });
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
