import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { moveStore } from '../../electron/core/db/move';
import { databaseUrl, findPostgresBinaries, startPostgresCluster } from '../../tests/helpers/postgres-cluster';
import type { BenchRow } from './measure';

const GOAL_MS = 60_000;

/**
 * `move` of the 100k-findings database (issue #13): SQLite → PostgreSQL and back, each in one
 * transaction with the verification (counts and hashes) included. Measured only where PostgreSQL's
 * binaries are present (a throw-away cluster, as the tests make); otherwise one line says why not.
 */
export async function benchMove(databasePath: string): Promise<BenchRow[]> {
  const found = findPostgresBinaries();
  if ('missing' in found) return [{ name: 'move 100k: SQLite → PostgreSQL', medianMs: 0, p95Ms: 0, note: `overgeslagen: ${found.missing}` }];
  const cluster = await startPostgresCluster(found.bin);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-bench-move-'));
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query('create database bench_move');
    await client.end();
    const url = databaseUrl(cluster.url, 'bench_move');
    const rows: BenchRow[] = [];
    let load = os.loadavg()[0]!.toFixed(1);
    let start = performance.now();
    const there = await moveStore({ from: databasePath, to: url });
    let elapsed = performance.now() - start;
    rows.push({ name: `move 100k: SQLite → PostgreSQL (${there.rows} rijen)`, medianMs: elapsed, p95Ms: elapsed, goal: '≤ 60 s', met: elapsed <= GOAL_MS, note: `één transactie, incl. controle; belasting bij de start ${load}` });
    load = os.loadavg()[0]!.toFixed(1);
    start = performance.now();
    const back = await moveStore({ from: url, to: path.join(dir, 'terug.sqlite') });
    elapsed = performance.now() - start;
    rows.push({ name: `move 100k: PostgreSQL → SQLite (${back.rows} rijen)`, medianMs: elapsed, p95Ms: elapsed, goal: '≤ 60 s', met: elapsed <= GOAL_MS, note: `één transactie, incl. controle; belasting bij de start ${load}` });
    return rows;
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
