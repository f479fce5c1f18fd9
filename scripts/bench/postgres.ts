import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openCore, type Core } from '../../electron/core/core';
import { moveStore } from '../../electron/core/db/move';
import { databaseUrl, findPostgresBinaries, startPostgresCluster } from '../../tests/helpers/postgres-cluster';
import type { CallCase } from './findings';
import { compareWithFloor, type BenchRow } from './measure';

/** Issue 13: on PostgreSQL every core call ≤ max(1.5× its raw `pg` floor, floor + 0.5 ms). */
export const POSTGRES_SLACK_MS = 0.5;

// The columns the findings screen reads (not the tsvector), the same visibility as the handlers.
const COLUMNS = `f.seq, f.id, f.text, f.meeting_id, f.theme_table_id, f.theme, f.source, f.wijk_id, f.finding_date,
  f.contains_personal_data, f.priority, f.votes, f.created_at, f.updated_at, f.created_by, f.updated_by, f.deleted_at,
  f.meeting_deleted_at, m.title as meeting_title, w.name as wijk_name,
  (select string_agg(tag, '|' order by tag_key) from finding_tags t where t.finding_id = f.id) as tags`;
const FROM = 'findings f left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id';
const VISIBLE = 'f.deleted_at is null and f.meeting_deleted_at is null';

/** A word as the core asks for it: the whole word or a prefix of one (findings-search.ts, `allPrefix`). */
const wordOrPrefix = (words: string[]) => words.map((word) => `('${word}' | '${word}':*)`).join(' & ');
const wholeWords = (words: string[]) => words.map((word) => `'${word}'`).join(' | ');

/**
 * The findings cases of scripts/bench/findings.ts on PostgreSQL: the same core calls through their
 * real handlers, each beside a named (prepared once per connection) `pg` query returning the rows
 * the screen shows, with the core's ranking (ts_rank, normalisation 1, whole words scored again).
 */
export async function postgresFindingsCases(core: Core, client: pg.Client, label: string): Promise<CallCase[]> {
  const wijkId = (await client.query<{ wijk_id: string }>('select wijk_id from findings where wijk_id is not null limit 1')).rows[0]!.wijk_id;
  const floor = (name: string, text: string, values: unknown[] = []) => () => client.query({ name, text, values });
  const searchSql = `select ${COLUMNS} from ${FROM}
     where f.search_vector @@ to_tsquery('simple', $1) and ${VISIBLE}
     order by ts_rank(f.search_vector, to_tsquery('simple', $1), 1) + ts_rank(f.search_vector, to_tsquery('simple', $2), 1) desc, f.seq desc limit 50`;
  const matches = async (words: string[]) =>
    Number((await client.query<{ n: string }>(`select count(*) as n from findings where search_vector @@ to_tsquery('simple', $1)`, [wordOrPrefix(words)])).rows[0]!.n).toLocaleString('nl-NL');
  const search = (query: string, filters: Record<string, unknown> = {}, sort = 'relevance') => core.call('findings.search', { query, filters, sort, limit: 50 });
  const searchCase = async (title: string, query: string, broad: boolean): Promise<CallCase> => {
    const words = query.split(' ');
    return {
      name: `${label}: ${title} "${query}" (${await matches(words)} treffers)`,
      call: () => search(query),
      floor: floor(`search_${words.join('_')}`, searchSql, [wordOrPrefix(words), wholeWords(words)]),
      broad,
    };
  };
  return [
    {
      name: `${label}: eerste pagina op datum`,
      call: () => search('', {}, 'date'),
      floor: floor('first_page', `select ${COLUMNS} from ${FROM} where ${VISIBLE} order by f.finding_date desc, f.seq desc limit 50`),
    },
    {
      name: `${label}: pagina gefilterd op wijk en periode`,
      call: () => search('', { wijkId, fromDate: '2010-01-01', toDate: '2016-12-31' }, 'date'),
      floor: floor(
        'filtered_page',
        `select ${COLUMNS} from ${FROM} where ${VISIBLE} and f.wijk_id = $1 and f.finding_date between $2 and $3 order by f.finding_date desc, f.seq desc limit 50`,
        [wijkId, '2010-01-01', '2016-12-31'],
      ),
    },
    await searchCase('zoeken met prefix', 'scootm', true),
    await searchCase('zoeken met weinig treffers', 'trapliftsubsidie', false),
    await searchCase('zoeken op twee termen', 'regiotaxi wachttijd', true),
    await searchCase('breed zoeken', 'mantelz', true),
    {
      name: `${label}: signalen, top 50 op aantal bijeenkomsten`,
      call: () => core.call('signals.list', { sort: 'meetings', limit: 50 }),
      floor: floor('signals', 'select * from signals order by meeting_count desc, finding_count desc, id desc limit 50'),
    },
  ];
}

/**
 * `npm run bench -- --store postgres`: the seeded SQLite file moved (electron/core/db/move.ts) into a
 * database on a throw-away cluster (tests/helpers/postgres-cluster.ts), then the findings cases
 * through the core on PostgreSQL beside their raw `pg` floors. Without PostgreSQL's binaries one row
 * says why it was skipped.
 */
export async function benchPostgresFindings(databasePath: string, label: string, iterations: number): Promise<BenchRow[]> {
  const found = findPostgresBinaries();
  if ('missing' in found) return [{ name: `${label}: PostgreSQL`, medianMs: 0, p95Ms: 0, note: `overgeslagen: ${found.missing}` }];
  const cluster = await startPostgresCluster(found.bin);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-bench-pg-'));
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench_store');
    await admin.end();
    const url = databaseUrl(cluster.url, 'bench_store');
    const moved = await moveStore({ from: databasePath, to: url });
    console.error(`${label}: ${moved.rows} rijen naar PostgreSQL verplaatst`);
    const core = await openCore({ databasePath: url, dataDir, mode: 'cli' });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Fresh planner statistics after the bulk copy, as autovacuum would give them.
      await client.query('analyze');
      const rows: BenchRow[] = [];
      for (const { name, call, floor } of await postgresFindingsCases(core, client, label)) {
        rows.push(await compareWithFloor(name, call, floor, iterations, POSTGRES_SLACK_MS, false));
      }
      return rows;
    } finally {
      await client.end();
      await core.close();
    }
  } finally {
    cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
