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

export interface ApiError {
  code: ErrorCode;
  /** Dutch, says what to fix. */
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, issues?: FieldIssue[]): { ok: false; error: ApiError } {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** Thrown by domain code; the dispatcher turns it into a `{ ok: false }` result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Thrown on the client side when a call comes back `{ ok: false }`. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}
