import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackupReason } from '../../../shared/api/backups';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { PARTIAL_SUFFIX } from '../files';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE } from '../paths';
import type { Db } from '../db/connection';
import { appliedSchemaVersion, tableRowCounts } from '../db/move';
import { backupFileName, previewPathFor, type DumpPreview } from './files';

/**
 * Backups of a PostgreSQL database: `pg_dump -Fc` (custom format) into `<prefix>-<reden>-<time>.dump`
 * in the backup folder beside the core's local anchor, with a `.dump.json` preview beside it (schema
 * version and rows per table, counted just before the dump starts) so Instellingen can list what a
 * dump holds without reading it. Restored with `pg_restore --clean --if-exists --single-transaction`.
 * The password never appears on a command line (`ps`): host, port, user, database and password go to
 * the tools through the PG* environment variables.
 */
export type PgTool = 'pg_dump' | 'pg_restore';

/** The tool's path: PG_BIN, then PATH, then the newest /usr/lib/postgresql/<n>/bin; null when none. */
export function findPgTool(tool: PgTool, env: NodeJS.ProcessEnv = process.env, root = '/usr/lib/postgresql'): string | null {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(path.join(env.PG_BIN, tool));
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, tool));
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .map(Number)
      .filter((version) => Number.isFinite(version))
      .sort((a, b) => b - a);
    for (const version of versions) candidates.push(path.join(root, String(version), 'bin', tool));
  }
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

export function requirePgTool(tool: PgTool, env: NodeJS.ProcessEnv = process.env, root?: string): string {
  const found = findPgTool(tool, env, root);
  if (!found) throw new AppError('CONFLICT', t('backups.unavailablePostgres', { tool }));
  return found;
}

/** The connection as PG* environment variables (libpq reads them): nothing secret in the arguments. */
export function pgEnvironment(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = {
    PGHOST: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')),
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL tool with the connection in its environment; rejects with its error output. */
export function runPgTool(tool: PgTool, args: string[], url: string, signal?: AbortSignal): Promise<void> {
  const program = requirePgTool(tool);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...pgEnvironment(url), PGCONNECT_TIMEOUT: '10' },
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(signal ? { signal } : {}),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new AppError('IO', t('backups.pgToolFailed', { tool, details: stderr.trim() || `exit ${code}` })));
    });
  });
}

/**
 * `pg_dump -Fc` into `<name>.deel`, renamed into place only when complete (as SQLite backups are);
 * the preview is written first, so a `.dump` with its final name always has one.
 */
export async function writePgDump(
  url: string,
  backupDir: string,
  prefix: string,
  reason: BackupReason,
  preview: () => Promise<DumpPreview>,
  options: { at?: Date; signal?: AbortSignal } = {},
): Promise<string> {
  ensurePrivateDir(backupDir);
  const name = backupFileName(reason, options.at, prefix, '.dump');
  let finalPath = path.join(backupDir, name);
  for (let n = 2; existsSync(finalPath); n += 1) finalPath = path.join(backupDir, name.replace(/\.dump$/, `-${n}.dump`));
  const partialPath = `${finalPath}${PARTIAL_SUFFIX}`;
  try {
    writeFileSync(partialPath, '', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    makeFilePrivate(partialPath);
    const holds = await preview();
    await runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${partialPath}`], url, options.signal);
    writeFileSync(previewPathFor(finalPath), JSON.stringify(holds), { mode: PRIVATE_FILE_MODE });
    renameSync(partialPath, finalPath);
  } finally {
    rmSync(partialPath, { force: true });
  }
  return finalPath;
}

/** `pg_restore --clean --if-exists --single-transaction` into the same database: all or nothing. */
export async function restorePgDump(url: string, dumpPath: string): Promise<void> {
  await runPgTool('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--no-owner', '--exit-on-error', '--no-password', `--dbname=${pgEnvironment(url).PGDATABASE ?? ''}`, dumpPath], url);
}

/** What the database holds now: the preview stored beside a dump, and the check after a restore. */
export async function dumpPreview(db: Db): Promise<DumpPreview> {
  return { schemaVersion: await appliedSchemaVersion(db), tables: await tableRowCounts(db) };
}

/** The first table whose rows differ from the preview, or null when every count matches. */
export function firstMismatch(expected: DumpPreview, actual: DumpPreview): { table: string; expected: number; actual: number } | null {
  const found = new Map(actual.tables.map((entry) => [entry.table, entry.rows]));
  for (const entry of expected.tables) {
    const rows = found.get(entry.table) ?? 0;
    if (rows !== entry.rows) return { table: entry.table, expected: entry.rows, actual: rows };
  }
  return null;
}
