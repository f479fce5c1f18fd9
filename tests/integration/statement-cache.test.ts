import { rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachingStatements, createKysely, openSqlite, type Sqlite } from '../../electron/core/db/connection';
import { makeTempDir } from '../helpers/core';

describe('prepared statements kept per SQLite connection', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  function openFile(): Sqlite {
    dir = makeTempDir();
    return openSqlite({ path: path.join(dir, 'cache.sqlite') });
  }

  it('hands out the same statement for the same SQL, with each call its own parameters', () => {
    const sqlite = openFile();
    const cache = cachingStatements(sqlite);
    const first = cache.prepare('select ? + 1 as n');
    expect(cache.prepare('select ? + 1 as n')).toBe(first);
    expect(first.all([1])).toEqual([{ n: 2 }]);
    expect(cache.prepare('select ? + 1 as n').all([41])).toEqual([{ n: 42 }]);
    sqlite.close();
  });

  it('prepares a second statement while the kept one is still being read (an open iterator)', () => {
    const sqlite = openFile();
    const cache = cachingStatements(sqlite);
    const text = 'select value from json_each(?)';
    const outer = cache.prepare(text).iterate(['[1,2]']);
    const first = outer.next();
    // The kept statement is busy: a nested read of the same SQL gets its own statement and works.
    expect(cache.prepare(text).all(['[3]'])).toEqual([{ value: 3 }]);
    expect([first.value, ...outer]).toEqual([{ value: 1 }, { value: 2 }]);
    sqlite.close();
  });

  it('drops the least recently used statement when full', () => {
    const sqlite = openFile();
    const cache = cachingStatements(sqlite, 2);
    const a = cache.prepare('select 1');
    const b = cache.prepare('select 2');
    expect(cache.prepare('select 1')).toBe(a); // a is now the most recent
    cache.prepare('select 3'); // b goes
    expect(cache.prepare('select 1')).toBe(a);
    expect(cache.prepare('select 2')).not.toBe(b);
    sqlite.close();
  });

  it('keeps working through Kysely when the schema changes under a kept statement', async () => {
    const sqlite = openFile();
    const db = createKysely(sqlite);
    await sql`create table t (a integer)`.execute(db);
    await sql`insert into t values (1)`.execute(db);
    expect((await sql`select * from t`.execute(db)).rows).toEqual([{ a: 1 }]);
    await sql`alter table t add column b text default 'x'`.execute(db);
    // The same SQL text, the kept statement: SQLite re-prepares it for the new schema.
    expect((await sql`select * from t`.execute(db)).rows).toEqual([{ a: 1, b: 'x' }]);
    await db.destroy();
  });
});
