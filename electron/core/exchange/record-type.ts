import type { Insertable, Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import type { AuditedTable } from '../../../shared/api/reliability';
import type { Db } from '../db/connection';
import type { Database } from '../db/schema';

/**
 * What a record type of the exchange file is (docs/exchange-format.md): the one declaration the three
 * groups of record types implement — meetings and findings (`exchange/records.ts`), the follow-up of
 * an advice (`responses/exchange.ts`) and the council's own work (`councilOwn/exchange-repository.ts`) —
 * and `exchange/records.ts` merges.
 */

/** A record as it is here: when it last changed and its data in the file's terms. */
export interface LocalRecord {
  updatedAt: string;
  data: Record<string, unknown>;
}

/** Ids in a file that stand for a record of another id here (a wijk both sides created by name). */
export type IdMap = Map<string, string>;

/** Where a merged-in record's changes go in the audit trail: its table and its record there. */
export interface AuditedRecord {
  table: AuditedTable;
  recordIdOf(db: Db, id: string): Promise<string | undefined>;
}

export interface RecordType {
  schema: z.ZodType<Record<string, unknown>>;
  label(data: Record<string, unknown>): string;
  read(db: Db, id: string): Promise<LocalRecord | undefined>;
  /** Another local record that is the same thing by name; only types with unique names have one. */
  matchByName?(db: Db, data: Record<string, unknown>): Promise<string | undefined>;
  /** Rewrites references in the data through the id map. */
  mapIds?(data: Record<string, unknown>, ids: IdMap): Record<string, unknown>;
  write(db: Db, id: string, updatedAt: string, updatedBy: string, data: Record<string, unknown>, exists: boolean): Promise<void>;
  /** Set for records in the audit trail (a response, position, commitment or log entry). */
  audit?: AuditedRecord;
  /** Fields a file may leave out (personal data the export did not ask for): then the values here stay and are not compared. */
  optionalFields?: readonly string[];
}

/**
 * Writes a merged-in record's row under the id it has in the file: the values over the row that is
 * here (`exists`), or a new row with the values and what only a new row gets (`created`: who made it
 * and when, the advice it belongs to).
 */
export async function writeRow<T extends keyof Database & string>(
  db: Db,
  table: T,
  id: string,
  exists: boolean,
  values: Updateable<Database[T]>,
  created: Partial<Insertable<Database[T]>>,
): Promise<void> {
  // Kysely cannot resolve a table's columns for a generic T; the signature above checks them per table.
  const untyped = db as unknown as Kysely<any>;
  const row: Record<string, unknown> = values;
  if (exists) await untyped.updateTable(table as string).set(row).where('id', '=', id).execute();
  else await untyped.insertInto(table as string).values({ id, ...created, ...row }).execute();
}
