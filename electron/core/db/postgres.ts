import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import type { Db } from './connection';
import { DEFAULT_STATEMENT_NAMING, nameStatements, type StatementNaming } from './pg-statements';
import type { Database } from './schema';

/**
 * The store is chosen by configuration (`--db` / `ADVIESWERK_DB`): `postgres://…` or
 * `postgresql://…` is a PostgreSQL database, anything else a SQLite file path, as always.
 */
export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; server: string; database: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export function parseStoreTarget(value: string): StoreTarget {
  if (!isPostgresUrl(value)) return { kind: 'sqlite', path: value };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('VALIDATION', t('errors.invalidDatabaseUrl', { url: redactUrl(value) }));
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database) throw new AppError('VALIDATION', t('errors.invalidDatabaseUrl', { url: redactUrl(value) }));
  return { kind: 'postgres', url: value, server: `${url.hostname}:${url.port || '5432'}`, database };
}

/** The URL without its password, fit for messages and logs. */
export function redactUrl(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

// pg returns int8 (count(*), sums) and numeric as strings; the contract has numbers, as SQLite gives.
const INT8 = 20;
const NUMERIC = 1700;
const parseNumber = (value: string) => Number(value);
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return parseNumber;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PostgresStore {
  db: Db;
  target: Extract<StoreTarget, { kind: 'postgres' }>;
}

/** A Dutch message naming the server and database for a failure to connect; null for other failures. */
export function describeConnectionError(error: unknown, target: Extract<StoreTarget, { kind: 'postgres' }>): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const details = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') return new AppError('IO', t('errors.pgAuthFailed', { server: target.server }));
  if (code === '3D000') return new AppError('IO', t('errors.pgNoDatabase', { server: target.server, database: target.database }));
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    code === 'ECONNRESET' ||
    code === '57P03' ||
    /timeout|terminated/i.test(details)
  )
    return new AppError('IO', t('errors.pgUnreachable', { server: target.server, details: typeof code === 'string' ? code : details }));
  return null;
}

/**
 * Opens a pool on the database and checks that it answers; refuses with a Dutch message when not.
 * `preparedStatements`: reads repeated on a connection become named statements (pg-statements.ts).
 * The core's own store asks for it; `move`, jobs and tools with a connection of their own do not.
 */
export async function openPostgres(
  target: Extract<StoreTarget, { kind: 'postgres' }>,
  options: { poolSize?: number; preparedStatements?: boolean | StatementNaming } = {},
): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: target.url, types, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // A lost server must not crash the process: the next call reports it and reconnects. The pool listens
  // for errors on its idle connections only; a connection it has just handed out can learn that the
  // server is gone between two queries, and `pg` then emits 'error' with nobody listening, which Node
  // turns into an uncaught exception. The query that uses it next fails and is reported; the pool drops it.
  pool.on('error', () => {});
  const naming = options.preparedStatements === true ? DEFAULT_STATEMENT_NAMING : options.preparedStatements || null;
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (naming) nameStatements(client, naming);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw describeConnectionError(error, target) ?? new AppError('IO', t('errors.pgFailed', { server: target.server, details: error instanceof Error ? error.message : String(error) }));
  }
  return { db, target };
}
