import type { AdviceDetail } from './api/advices';

/** The envelope every API call returns: handlers never throw across the boundary. */
/**
 * UNAUTHENTICATED: nobody is signed in (or the session ended) on the council server; FORBIDDEN: the signed-in
 * account's role may not make this call.
 */
export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'IO', 'INTERNAL', 'UNAUTHENTICATED', 'FORBIDDEN'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `signatories.0.name`; empty for the whole input. */
  path: string;
  message: string;
}

/**
 * What a stale update carries (CONFLICT): someone changed the record after the client last saw it.
 * Who and when (the account's name, UTC ISO), and the advice as it is stored now, so the client can
 * show both versions and offer to keep its own, take theirs or merge by hand.
 */
export interface EditConflict {
  changedBy: string;
  changedAt: string;
  current: AdviceDetail;
}

export interface ApiError {
  code: ErrorCode;
  /** Dutch, says what to fix. */
  message: string;
  issues?: FieldIssue[];
  /** Only with CONFLICT from an update that carried a version the record has moved past. */
  conflict?: EditConflict;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, issues?: FieldIssue[], conflict?: EditConflict): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}), ...(conflict ? { conflict } : {}) } };
}

/** Thrown by domain code; the dispatcher turns it into a `{ ok: false }` result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** A stale update's details (CONFLICT only). */
    readonly conflict?: EditConflict,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Thrown on the client side when a call comes back `{ ok: false }`. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** Set when a stale update was refused: who changed the record, when, and the record as it is now. */
  readonly conflict: EditConflict | null;
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
    this.conflict = error.conflict ?? null;
  }
}
