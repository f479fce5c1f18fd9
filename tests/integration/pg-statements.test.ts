import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, parseStoreTarget } from '../../electron/core/db/postgres';
import type { StatementNaming } from '../../electron/core/db/pg-statements';
import { createPostgresDatabase, createTestCore, onPostgres } from '../helpers/core';

/**
 * Named (prepared) statements on PostgreSQL (issue 13, electron/core/db/pg-statements.ts): reads
 * repeated on a connection are parsed once, within bounds, and nothing else is named. One
 * connection per pool here, so `pg_prepared_statements` shows what that connection holds.
 */
describe.runIf(onPostgres())('named statements on PostgreSQL', { timeout: 60_000 }, () => {
  const opened: Kysely<any>[] = [];
  const clients: pg.Client[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy().catch(() => {});
    for (const client of clients.splice(0)) await client.end().catch(() => {});
  });

  const naming: StatementNaming = { namedAfter: 2, maxNamed: 3, tracked: 4, maxLength: 2_000 };

  async function openOne(options: StatementNaming | false = naming) {
    const url = await createPostgresDatabase();
    const target = parseStoreTarget(url) as Extract<ReturnType<typeof parseStoreTarget>, { kind: 'postgres' }>;
    const { db } = await openPostgres(target, { poolSize: 1, preparedStatements: options });
    opened.push(db);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    clients.push(admin);
    await admin.query('create table t (id integer primary key, name text)');
    await admin.query(`insert into t values (1, 'een'), (2, 'twee'), (3, 'drie')`);
    return { db, admin };
  }

  /** The statements the pool's one connection holds, by their text (asked with `table`, which is never named itself). */
  async function prepared(db: Kysely<any>): Promise<string[]> {
    return (await sql<{ statement: string }>`table pg_prepared_statements`.execute(db)).rows.map((row) => row.statement).sort();
  }

  /** A read without bound values, as the hot lists send theirs (limits and fixed conditions as literals). */
  const byId = (db: Kysely<any>, id: number) => sql<{ name: string }>`select name from t where id = ${sql.lit(id)}`.execute(db);
  const firstNames = (db: Kysely<any>) => sql<{ name: string }>`select name from t order by id limit 2`.execute(db);

  it('names a read without values once it is seen twice, with the same results; reads with values, writes and DDL never', async () => {
    const { db } = await openOne();
    expect((await firstNames(db)).rows).toEqual([{ name: 'een' }, { name: 'twee' }]);
    expect(await prepared(db)).toEqual([]);
    expect((await firstNames(db)).rows).toEqual([{ name: 'een' }, { name: 'twee' }]);
    expect((await firstNames(db)).rows).toEqual([{ name: 'een' }, { name: 'twee' }]);
    expect(await prepared(db)).toEqual(['select name from t order by id limit 2']);
    // Bound values: a generic plan could be chosen for them, so they stay unnamed however often they come.
    for (let id = 1; id <= 3; id += 1) for (let round = 0; round < 7; round += 1) await sql`select name from t where id = ${id}`.execute(db);
    for (let id = 10; id < 15; id += 1) await sql`insert into t (id, name) values (${id}, 'nieuw')`.execute(db);
    for (let round = 0; round < 3; round += 1) await sql`update t set name = ${`ronde ${round}`} where id = 10`.execute(db);
    for (let round = 0; round < 3; round += 1) await sql`create table if not exists u (id integer)`.execute(db);
    expect(await prepared(db)).toEqual(['select name from t order by id limit 2']);
    expect((await byId(db, 10)).rows).toEqual([{ name: 'ronde 2' }]);
  });

  it('keeps at most maxNamed statements, the least recently used deallocated', async () => {
    const { db } = await openOne();
    // Distinct texts, as literal limits make them: each asked three times, twenty of them.
    for (let limit = 1; limit <= 20; limit += 1) {
      for (let round = 0; round < 3; round += 1) expect((await sql`select id from t order by id limit ${sql.lit(limit)}`.execute(db)).rows.length).toBe(Math.min(limit, 3));
    }
    const held = await prepared(db);
    expect(held).toEqual(['select id from t order by id limit 18', 'select id from t order by id limit 19', 'select id from t order by id limit 20']);
    // The one used most recently stays; a statement used again is not the one to go.
    await sql`select id from t order by id limit 18`.execute(db);
    for (const limit of [30, 30]) await sql`select id from t order by id limit ${sql.lit(limit)}`.execute(db);
    expect(await prepared(db)).toEqual(['select id from t order by id limit 18', 'select id from t order by id limit 20', 'select id from t order by id limit 30']);
  });

  it('names nothing when not asked to (move, jobs and tools open their own pools so)', async () => {
    const { db } = await openOne(false);
    for (let round = 0; round < 5; round += 1) await byId(db, 1);
    expect(await prepared(db)).toEqual([]);
  });

  it('survives a connection the server ends: the next connection prepares afresh', async () => {
    const { db, admin } = await openOne();
    for (let id = 1; id <= 3; id += 1) for (let round = 0; round < 2; round += 1) await byId(db, id);
    expect(await prepared(db)).toHaveLength(3);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    // The pool learns it at the next queries (as after a server restart: those fail as 'unavailable',
    // whether named or not); then the calls go on, on a connection that prepares its statements anew.
    for (let attempt = 0; attempt < 5; attempt += 1) if (await byId(db, 1).then(() => true, () => false)) break;
    for (let id = 1; id <= 3; id += 1) for (let round = 0; round < 2; round += 1) expect((await byId(db, id)).rows).toHaveLength(1);
    expect(await prepared(db)).toEqual(['select name from t where id = 1', 'select name from t where id = 2', 'select name from t where id = 3']);
  });

  it('a named read whose columns DDL changed: answered again unnamed, or failing its transaction only', async () => {
    const { db, admin } = await openOne();
    const all = () => sql<Record<string, unknown>>`select * from t where id = 1`.execute(db);
    await all();
    await all();
    await admin.query('alter table t add column extra text default \'x\'');
    expect((await all()).rows).toEqual([{ id: 1, name: 'een', extra: 'x' }]);
    expect((await all()).rows).toEqual([{ id: 1, name: 'een', extra: 'x' }]);
    // Inside a transaction: the statement is named again by now (seen twice since), the change fails that transaction alone.
    await all();
    await admin.query('alter table t add column later integer');
    await expect(db.transaction().execute(async (trx) => sql`select * from t where id = 1`.execute(trx))).rejects.toThrow(/cached plan/);
    expect((await all()).rows).toEqual([{ id: 1, name: 'een', extra: 'x', later: null }]);
  });

  it('the core itself: repeated calls through the handlers give the same answers', async () => {
    const core = await createTestCore();
    try {
      const meeting = await core.value('meetings.create', { title: 'Avond Noord', date: '2026-03-12', wijkIds: [] });
      for (let index = 0; index < 3; index += 1) await core.value('findings.create', { meetingId: meeting.id, text: `Punt ${index}` });
      const pages = [];
      for (let round = 0; round < 5; round += 1) pages.push(await core.value('findings.search', { query: '', sort: 'date', limit: 2 }));
      expect(pages.map((page) => [page.total, page.rows.length])).toEqual(Array.from({ length: 5 }, () => [3, 2]));
      expect(new Set(pages.map((page) => JSON.stringify(page))).size).toBe(1);
      for (let round = 0; round < 3; round += 1) await core.value('signals.list', { sort: 'meetings', offset: 0, limit: 50 });
      // The two hot lists carry no bound values, so they are the ones named (sequential calls reuse one idle connection).
      const named = (await sql<{ statement: string }>`table pg_prepared_statements`.execute(core.db)).rows.map((row) => row.statement);
      expect(named.some((text) => /^\s*select f\.\*/.test(text) && text.includes('findings_visible_count')), named.join('\n---\n')).toBe(true);
      expect(named.some((text) => text.includes('from "signals"') || text.includes('from signals')), named.join('\n---\n')).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});
