import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';

/** The schema of migration 0002 on its own: constraints, maintained counts and the full-text index. */
describe('meetings schema (0002)', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  /** Straight to the store, past the core: the schema itself (constraints, triggers) answers. */
  const run = (statement: RawBuilder<unknown>) => statement.execute(core.db);

  async function seed() {
    const now = new Date().toISOString();
    await run(sql`insert into wijken (id, name, name_key, created_at, updated_at) values ('w1', 'Noord', 'noord', ${now}, ${now}), ('w2', 'Zuid', 'zuid', ${now}, ${now})`);
    for (const id of ['m1', 'm2', 'm3'])
      await run(sql`insert into meetings (id, title, meeting_date, format, created_at, updated_at, created_by, updated_by) values (${id}, ${`Bijeenkomst ${id}`}, '2026-03-01', 'wijkbijeenkomst', ${now}, ${now}, 'test', 'test')`);
    await run(sql`insert into meeting_wijken (meeting_id, wijk_id) values ('m1', 'w1')`);
    const finding = (id: string, text: string, meetingId: string, wijkId: string) =>
      run(sql`insert into findings (id, text, meeting_id, wijk_id, source, finding_date, created_at, updated_at) values (${id}, ${text}, ${meetingId}, ${wijkId}, 'plenair', '2026-03-01', ${now}, ${now})`);
    await finding('f1', 'De cliëntondersteuning is onbekend bij bewoners', 'm1', 'w1');
    await finding('f2', 'Cliëntondersteuner niet te vinden', 'm1', 'w2');
    await finding('f3', 'Mantelzorgers voelen zich alleen', 'm2', 'w1');
    await run(sql`insert into signals (id, title, created_at, updated_at) values ('s1', 'Cliëntondersteuning onbekend', ${now}, ${now})`);
    return now;
  }

  it('refuses deleting a wijk used by a meeting', async () => {
    await seed();
    await expect(run(sql`delete from wijken where id = 'w1'`)).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });

  it('keeps per-signal counts of distinct meetings and wijken', async () => {
    const now = await seed();
    const link = (findingId: string) => run(sql`insert into signal_findings (signal_id, finding_id, created_at) values ('s1', ${findingId}, ${now})`);
    const counts = async () =>
      (await sql<Record<string, unknown>>`select finding_count, meeting_count, wijk_count from signals where id = 's1'`.execute(core.db)).rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])),
      )[0];
    await link('f1');
    await link('f2');
    expect(await counts()).toEqual({ finding_count: 2, meeting_count: 1, wijk_count: 2 });
    await link('f3');
    expect(await counts()).toEqual({ finding_count: 3, meeting_count: 2, wijk_count: 2 });
    await run(sql`update findings set meeting_id = 'm3' where id = 'f2'`);
    expect(await counts()).toEqual({ finding_count: 3, meeting_count: 3, wijk_count: 2 });
    await run(sql`delete from findings where id = 'f3'`);
    expect(await counts()).toEqual({ finding_count: 2, meeting_count: 2, wijk_count: 2 });
  });

  // FTS5 itself; PostgreSQL's search (tsvector, unaccent, prefixes) is held to the same behaviour in findings-search.test.ts.
  it.skipIf(onPostgres())('folds diacritics in the full-text index and follows updates and deletes', async () => {
    await seed();
    const match = (q: string) =>
      core.sqlite
        .prepare(`select f.id from findings_fts join findings f on f.seq = findings_fts.rowid where findings_fts match ? order by f.id`)
        .pluck()
        .all(q);
    expect(match('clientondersteuning')).toEqual(['f1']);
    expect(match('client*')).toEqual(['f1', 'f2']);
    core.sqlite.prepare(`update findings set text = 'Geen vervoer naar het buurthuis' where id = 'f2'`).run();
    expect(match('client*')).toEqual(['f1']);
    expect(match('vervoer')).toEqual(['f2']);
    core.sqlite.prepare(`delete from findings where id = 'f1'`).run();
    expect(match('client*')).toEqual([]);
    core.sqlite.prepare(`insert into findings_fts(findings_fts) values ('integrity-check')`).run();
  });
});
