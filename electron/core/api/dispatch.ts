import type { z } from 'zod';
import { contract, isMethodName } from '../../../shared/api/contract';
import { fieldLabel, t } from '../../../shared/i18n';
import { AppError, fail, ok, type FieldIssue, type Result } from '../../../shared/result';
import { describeIoError } from '../io-errors';
import { classifyStoreError } from '../db/dialect';
import { parseStoreTarget } from '../db/postgres';
import { roleMayCall, roleMayCallWith } from '../../../shared/api/roles';
import type { Caller, HandlerContext, Handlers } from './handler';

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // One issue per unknown field, at the field itself, so a form can show it where it belongs.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: t('errors.unknownField', { field: key }) }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

function describeIssues(issues: FieldIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      // The field by its Dutch label, never by its internal name; the form shows the issue at the field itself.
      const label = issue.path ? fieldLabel(issue.path) : null;
      return label ? `${label}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Maps the store's own failures that are the user's to fix (SQLite, PostgreSQL); everything else is INTERNAL. */
function fromSqliteError(error: Error & { code?: string }, ctx: HandlerContext): Result<never> | null {
  if (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED') return fail('IO', t('errors.dbLocked'));
  if (error.code === 'SQLITE_FULL' || error.code === 'SQLITE_READONLY' || error.code === 'SQLITE_IOERR' || error.code === 'SQLITE_CANTOPEN')
    return fail('IO', t('errors.io', { details: describeIoError(error) }));
  // A delete that a handler did not check against references: the foreign key refused it and nothing changed.
  if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return fail('CONFLICT', t('errors.stillReferenced'));
  // The same failures on PostgreSQL (SQLSTATE codes), classified once in db/dialect.ts.
  const failure = classifyStoreError(error);
  if (failure === 'foreignKey') return fail('CONFLICT', t('errors.stillReferenced'));
  if (failure === 'busy') return fail('IO', t('errors.dbLocked'));
  if (failure === 'unavailable') {
    // The server by its address, as at start-up, so the member knows which machine to ask about.
    const server = ctx.maintenance.postgresUrl ? parseStoreTarget(ctx.maintenance.postgresUrl) : null;
    return fail('IO', t('errors.pgUnreachable', { server: server?.kind === 'postgres' ? server.server : 'PostgreSQL', details: error.code ?? t('errors.pgConnectionLost') }));
  }
  return null;
}

/**
 * Validates input against a schema the way every boundary does: the parsed value, or VALIDATION with a
 * Dutch message naming the fields by their labels. Never throws.
 */
export function parseInput<S extends z.ZodType>(schema: S, rawInput: unknown): Result<z.output<S>> {
  try {
    const parsed = schema.safeParse(rawInput === undefined || rawInput === null ? {} : rawInput);
    if (parsed.success) return ok(parsed.data);
    const issues = toIssues(parsed.error);
    return fail('VALIDATION', t('errors.validation', { details: describeIssues(issues) }), issues);
  } catch {
    // Zod itself can throw while wording an issue about an exotic value (an object without a
    // prototype whose `constructor` is not a function); found by tests/integration/api-fuzz.test.ts.
    return fail('VALIDATION', t('errors.validation', { details: t('reliability.unreadableInput') }));
  }
}

function forbidden(caller: Caller): Result<never> {
  return fail('FORBIDDEN', t('accounts.forbidden', { role: t(`accounts.roles.${caller.role}`) }));
}

/**
 * The one entry to the core: checks the caller's role (council server), validates the input against the
 * contract, runs the handler, and turns every outcome into a `Result`. Never throws.
 */
export async function dispatch(handlers: Handlers, ctx: HandlerContext, method: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('NOT_FOUND', t('errors.unknownMethod', { method: method.slice(0, 100) }));
  const { caller } = ctx;
  // Before the input is read: a role that may not call this learns nothing from validation messages.
  if (caller && !roleMayCall(caller.role, method)) return forbidden(caller);
  const parsed = parseInput(contract[method].input, rawInput);
  if (!parsed.ok) return parsed;
  if (caller && !roleMayCallWith(caller.role, method, parsed.value)) return forbidden(caller);
  try {
    const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    return ok(await handler(parsed.value, ctx));
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message, error.issues, error.conflict);
    if (error instanceof Error) {
      const mapped = fromSqliteError(error, ctx);
      if (mapped) return mapped;
    }
    console.error(`[advieswerk] ${method} failed:`, error);
    return fail('INTERNAL', t('errors.internal'));
  }
}
