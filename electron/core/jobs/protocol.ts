import type { JobKind } from '../../../shared/api/jobs';
import type { ImportUpload } from '../../../shared/api/meetings';
import type { ErrorCode, FieldIssue } from '../../../shared/result';

export interface JobWorkerData {
  kind: JobKind;
  params: Record<string, unknown>;
  /** The database file (SQLite), or on PostgreSQL the anchor of the local files (exports, uploads). */
  dbPath: string;
  /** On PostgreSQL: the database's URL; the job opens a pool of its own on it (never a SQLite file). */
  postgresUrl?: string;
  backupDir: string;
  nativeBinding?: string;
}

/** A worker that reads uploaded files (no database); its limits are the worker's resource limits. */
export interface UploadWorkerData {
  task: 'readUploads';
  dbPath: string;
}

/** A job worker started ahead of its job: it loads the job kinds, then runs the one job posted to it (`RunnerMessage` "run"). */
export interface SpareJobWorkerData {
  task: 'awaitJob';
}

/** One file for the reading worker, posted to it; it answers each with one `UploadWorkerMessage`. */
export interface UploadTask {
  fileName: string;
  dataBase64: string;
}

/** The reading worker's answer to one file. */
export type UploadWorkerMessage =
  | { type: 'parsed'; upload: ImportUpload }
  | { type: 'refused'; code: ErrorCode; message: string; issues?: FieldIssue[] };

/** Messages from the worker to the runner. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; message?: string }
  /** After a cancel or error: undoing its writes, which must not be cut off. */
  | { type: 'undoing'; message: string }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; code?: ErrorCode; reason?: string };

/** Messages from the runner to the worker. */
export type RunnerMessage = { type: 'cancel' } | { type: 'run'; job: JobWorkerData };
