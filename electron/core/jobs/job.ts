import type { Db, Sqlite } from '../db/connection';

/**
 * The primitives every job kind uses: what a job receives, and how it stops when cancelled.
 * Kept apart from kinds.ts (the registry of all job kinds) so a job module never imports the registry
 * that imports it.
 */

export interface JobEnvironment {
  /**
   * A connection of the job's own (jobs run in a worker thread), on the core's store: a SQLite
   * connection to the same file, or a pool of its own on the same PostgreSQL database.
   */
  db: Db;
  /** The same SQLite connection as `db` for whole-file work (backups); null on PostgreSQL. */
  sqlite: Sqlite | null;
  dbPath: string;
  /** The PostgreSQL database's URL (for pg_dump); absent on SQLite. */
  postgresUrl?: string;
  backupDir: string;
  params: Record<string, unknown>;
  report(done: number, total: number, message?: string): void;
  /** Aborted when the user cancels: the job must stop and leave nothing half-written. */
  signal: AbortSignal;
  /** The job is undoing what it wrote: the runner then lets it finish instead of ending its thread after the grace period. */
  undoing(message: string): void;
}

export type JobFunction = (env: JobEnvironment) => Promise<Record<string, unknown>>;

class JobCancelled extends Error {}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}

export function isCancellation(error: unknown): boolean {
  return error instanceof JobCancelled;
}
