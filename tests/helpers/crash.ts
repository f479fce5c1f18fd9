import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Bundles crash-writer.ts into one ES module so each child starts in ~100 ms instead of going
 * through tsx: that is what makes hundreds of kills fit in the test run.
 */
export async function buildCrashWriter(outDir = path.join(here, '..', '..', 'build', 'crash-writer')): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `crash-writer-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(here, 'crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['better-sqlite3', '@resvg/resvg-js'],
    // better-sqlite3 is CommonJS: give the bundle a require() and resolve it from this repository. Under
    // another name than createRequire: bundled packages (fflate) import that name themselves.
    banner: { js: `import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(${JSON.stringify(path.join(here, '..', '..', 'package.json'))});` },
    logLevel: 'silent',
  });
  return outfile;
}

export interface KilledRun {
  lines: string[];
  /** Milliseconds from spawn to the writer's `ready` line (the core open and migrated), if it got there. */
  readyMs: number | null;
  /** Milliseconds from spawn to the kill (or to the child's own exit). */
  ranMs: number;
  killed: boolean;
  stderr: string;
}

/**
 * Runs the writer and kills it with SIGKILL after `killAfterMs` (if it is still running), counted from
 * the spawn, or with `from: 'ready'` from the writer's "ready" line, so the kill lands in its work however
 * slow start-up is on a loaded machine (a writer that never gets ready is killed after a minute).
 */
export function runAndKill(writer: string, args: string[], killAfterMs: number, { from = 'spawn' }: { from?: 'spawn' | 'ready' } = {}): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let readyMs: number | null = null;
    let killed = false;
    const kill = () => {
      killed = child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, from === 'spawn' ? killAfterMs : 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (readyMs === null && /(^|\n)ready\n/.test(out)) {
        readyMs = Date.now() - started;
        if (from === 'ready') {
          clearTimeout(timer);
          timer = setTimeout(kill, killAfterMs);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      // Only complete lines count: a line cut off by the kill was never fully acknowledged.
      const lines = out.split('\n').slice(0, -1);
      resolve({ lines, readyMs, ranMs: Date.now() - started, killed, stderr: err });
    });
  });
}

/** The acknowledged state the database must show after a kill. */
export class AcknowledgedWrites {
  readonly live = new Map<string, string>();
  readonly deleted = new Set<string>();
  /** Deletes begun but not acknowledged before the kill: the row may be there or not. */
  readonly maybeDeleted = new Set<string>();
  writes = 0;

  absorb(lines: string[]): void {
    for (const line of lines) {
      const [kind, id, name] = line.split(' ');
      if (kind === 'create' && id && name) {
        this.live.set(id, name);
        this.writes += 1;
      } else if (kind === 'deleting' && id) {
        this.maybeDeleted.add(id);
      } else if (kind === 'delete' && id) {
        this.maybeDeleted.delete(id);
        this.live.delete(id);
        this.deleted.add(id);
        this.writes += 1;
      }
    }
  }

  /** `verify` on either store: a SQLite file path or a `postgres://` URL. */
  async verifyStore(target: string): Promise<string[]> {
    return /^postgres(ql)?:\/\//.test(target) ? this.verifyPostgres(target) : this.verify(target);
  }

  /**
   * PostgreSQL: every B-tree index of the schema checked with `amcheck` (parent and child pages, heap
   * tuples all indexed: PostgreSQL's integrity check), then the same acknowledged-writes check.
   */
  async verifyPostgres(url: string): Promise<string[]> {
    const problems: string[] = [];
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('create extension if not exists amcheck');
      const indexes = await client.query<{ name: string }>(`select c.relname as name from pg_index i
        join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
        where am.amname = 'btree' and i.indisvalid and i.indisready`);
      for (const { name } of indexes.rows) {
        try {
          await client.query('select bt_index_parent_check($1::regclass, true)', [name]);
        } catch (error) {
          problems.push(`amcheck ${name}: ${(error as Error).message}`);
        }
      }
      const hasTable = (await client.query(`select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'wijken'`)).rowCount === 1;
      if (!hasTable) {
        if (this.live.size > 0) problems.push('the wijken table is gone');
        return problems;
      }
      const rows = await client.query<{ id: string; name: string }>('select id, name from wijken');
      problems.push(...this.compare(new Map(rows.rows.map((row) => [row.id, row.name]))));
    } finally {
      await client.end();
    }
    return problems;
  }

  /** Every acknowledged create present with its name and every acknowledged delete gone. */
  private compare(present: Map<string, string>): string[] {
    const problems: string[] = [];
    for (const [id, name] of this.live) {
      if (this.maybeDeleted.has(id) && !present.has(id)) continue;
      if (present.get(id) !== name) problems.push(`acknowledged wijk ${name} (${id}) is missing`);
    }
    for (const id of this.deleted) if (present.has(id)) problems.push(`acknowledged delete of ${id} was undone`);
    return problems;
  }

  /** Integrity check plus every acknowledged create present and every acknowledged delete gone. */
  verify(databasePath: string): string[] {
    const problems: string[] = [];
    const db = new BetterSqlite3(databasePath);
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
      // Killed before the first migration committed: no tables yet, which is fine if nothing was acknowledged.
      const hasTable = db.prepare(`select count(*) from sqlite_master where type = 'table' and name = 'wijken'`).pluck().get() === 1;
      if (!hasTable) {
        if (this.live.size > 0) problems.push('the wijken table is gone');
        return problems;
      }
      const present = new Map((db.prepare('select id, name from wijken').all() as { id: string; name: string }[]).map((row) => [row.id, row.name]));
      problems.push(...this.compare(present));
    } finally {
      db.close();
    }
    return problems;
  }
}

export function integrityOf(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}
