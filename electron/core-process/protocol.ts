import type { JobStatus } from '../../shared/api/jobs';
import type { ApiError, Result } from '../../shared/result';

/**
 * The wire between the Electron main process and the utility process that runs the core.
 * Requests carry an id so answers may arrive in any order (a slow export must not hold up a
 * quick lookup).
 */

/** What the core process needs to open the core; passed on its command line. */
export interface CoreProcessConfig {
  databasePath: string;
  /** better_sqlite3.node built for Electron. */
  nativeBinding?: string;
  /** Compiled job worker (build/electron/worker.mjs). */
  jobWorkerPath?: string;
}

export type MainToCoreMessage =
  | { type: 'request'; id: number; method: string; input: unknown }
  /** Close the database cleanly, answer `closed`, then exit. */
  | { type: 'shutdown' };

export type CoreToMainMessage =
  | { type: 'ready' }
  /** The core could not be opened (database locked, corrupt, newer schema, …). */
  | { type: 'failed'; error: ApiError }
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'job-event'; status: JobStatus }
  | { type: 'closed' };

const CONFIG_ARG_PREFIX = '--advieswerk-core-config=';

export function encodeCoreProcessArgs(config: CoreProcessConfig): string[] {
  return [`${CONFIG_ARG_PREFIX}${JSON.stringify(config)}`];
}

/** Reads the config from argv; throws when it is missing or malformed, as the process cannot work without it. */
export function parseCoreProcessArgs(argv: readonly string[]): CoreProcessConfig {
  const arg = argv.find((value) => value.startsWith(CONFIG_ARG_PREFIX));
  if (!arg) throw new Error('Core process started without its configuration argument');
  const parsed: unknown = JSON.parse(arg.slice(CONFIG_ARG_PREFIX.length));
  if (!isRecord(parsed) || !isNonEmptyString(parsed.databasePath)) throw new Error('Core process configuration lacks databasePath');
  for (const key of ['nativeBinding', 'jobWorkerPath'] as const) {
    if (parsed[key] !== undefined && !isNonEmptyString(parsed[key])) throw new Error(`Core process configuration: ${key} must be a path`);
  }
  return {
    databasePath: parsed.databasePath,
    ...(isNonEmptyString(parsed.nativeBinding) ? { nativeBinding: parsed.nativeBinding } : {}),
    ...(isNonEmptyString(parsed.jobWorkerPath) ? { jobWorkerPath: parsed.jobWorkerPath } : {}),
  };
}

export function isMainToCoreMessage(value: unknown): value is MainToCoreMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'shutdown') return true;
  return value.type === 'request' && isRequestId(value.id) && typeof value.method === 'string';
}

export function isCoreToMainMessage(value: unknown): value is CoreToMainMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'closed':
      return true;
    case 'failed':
      return isRecord(value.error) && typeof value.error.message === 'string';
    case 'response':
      return isRequestId(value.id) && isRecord(value.result) && typeof value.result.ok === 'boolean';
    case 'job-event':
      return isRecord(value.status) && typeof value.status.id === 'string';
    default:
      return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
