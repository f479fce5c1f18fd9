import type { JobKind } from '../../../shared/api/jobs';

export interface JobWorkerData {
  kind: JobKind;
  params: Record<string, unknown>;
  dbPath: string;
  backupDir: string;
  nativeBinding?: string;
}

/** Messages from the worker to the runner. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; message?: string }
  /** After a cancel or error: undoing its writes, which must not be cut off. */
  | { type: 'undoing'; message: string }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

/** Messages from the runner to the worker. */
export type RunnerMessage = { type: 'cancel' };
