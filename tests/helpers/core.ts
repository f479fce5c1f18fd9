import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Kysely, RawBuilder } from 'kysely';
import { inject } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import { freshJobWorker } from './job-worker';
import type { MethodName, MethodOutput } from '../../shared/api/contract';
import type { JobStatus } from '../../shared/api/jobs';
import type { Result } from '../../shared/result';

export interface TestCore extends Core {
  dir: string;
  databasePath: string;
  /** Calls a method and returns its value; fails the test on `{ ok: false }`. */
  value<M extends MethodName>(method: M, input?: unknown): Promise<MethodOutput<M>>;
  /** Calls a method that must fail; returns the error. */
  failure(method: MethodName | string, input?: unknown): Promise<Extract<Result<unknown>, { ok: false }>['error']>;
  /** Waits for a job a method started and returns the file it wrote, as `jobs.resultFile` hands it over. */
  jobFile(started: JobStatus): Promise<{ fileName: string; bytesBase64: string; job: JobStatus }>;
  /** Closes the core and removes its folder. */
  dispose(): Promise<void>;
}

export function makeTempDir(prefix = 'advieswerk-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** True in the Vitest project `postgres` (see vitest.config.ts): cores run on a real PostgreSQL. */
export function onPostgres(): boolean {
  return process.env.ADVIESWERK_TEST_STORE === 'postgres';
}

/**
 * The first column of a test-only query, on either store (`sql` through Kysely on `core.db`), like
 * better-sqlite3's `.pluck().all()`: a column's name (`count(*)` on SQLite, `count` on PostgreSQL) does not matter.
 */
export async function pluck<T = unknown>(db: Kysely<any>, query: RawBuilder<unknown>): Promise<T[]> {
  const result = await query.execute(db);
  return (result.rows as Record<string, unknown>[]).map((row) => Object.values(row)[0] as T);
}

/** A fresh, empty database on the test cluster; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A core on a real SQLite file in a fresh temporary folder, or (project `postgres`) on a fresh
 * database of the throw-away PostgreSQL cluster, with its local files in that folder.
 */
export async function createTestCore(options: { dir?: string; databasePath?: string } & Pick<CoreOptions, 'archiveSentLetters'> = {}): Promise<TestCore> {
  const dir = options.dir ?? makeTempDir();
  // `databasePath` re-opens a store (a closed core's `databasePath`): the same PostgreSQL database, not a fresh one.
  const databasePath = options.databasePath ?? (onPostgres() ? await createPostgresDatabase() : path.join(dir, 'advieswerk.sqlite'));
  const core = await openCore({
    databasePath,
    mode: 'cli',
    ...(onPostgres() ? { dataDir: dir } : {}),
    ...(options.archiveSentLetters !== undefined ? { archiveSentLetters: options.archiveSentLetters } : {}),
    ...freshJobWorker(),
  });
  return Object.assign(core, {
    dir,
    databasePath,
    async value<M extends MethodName>(method: M, input: unknown = {}) {
      const result = await core.call(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as MethodOutput<M>;
    },
    async failure(method: string, input: unknown = {}) {
      const result = await core.call(method, input);
      if (result.ok) throw new Error(`${method} should have failed but returned ${JSON.stringify(result.value).slice(0, 200)}`);
      return result.error;
    },
    async jobFile(started: JobStatus) {
      const job = await core.jobs.wait(started.id);
      if (job.state !== 'done') throw new Error(`job ${job.kind} ended ${job.state}: ${job.message}`);
      const result = await core.call('jobs.resultFile', { id: job.id });
      if (!result.ok) throw new Error(`jobs.resultFile failed: ${result.error.message}`);
      return { ...(result.value as { fileName: string; bytesBase64: string }), job };
    },
    async dispose() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
