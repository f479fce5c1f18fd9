import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';

/** The schema of migration 0002 on its own: constraints, maintained counts and the full-text index. */
describe('meetings schema (0002)', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  function seed() {
    const now = new Date().toISOString();
    const rec = { created_at: now, updated_at: now, created_by: 'test', updated_by: 'test' };
    const s = core.sqlite;
    s.prepare(`insert into wijken (id, name, name_key, created_at, updated_at) values ('w1', 'Noord', 'noord', ?, ?), ('w2', 'Zuid', 'zuid', ?, ?)`).run(now, now, now, now);
    const meeting = s.prepare(
      `insert into meetings (id, title, meeting_date, format, created_at, updated_at, created_by, updated_by) values (?, ?, ?, 'wijkbijeenkomst', ?, ?, ?, ?)`,
    );
    for (const id of ['m1', 'm2', 'm3']) meeting.run(id, `Bijeenkomst ${id}`, '2026-03-01', rec.created_at, rec.updated_at, rec.created_by, rec.updated_by);
    s.prepare(`insert into meeting_wijken (meeting_id, wijk_id) values ('m1', 'w1')`).run();
    const finding = s.prepare(
      `insert into findings (id, text, meeting_id, wijk_id, source, finding_date, created_at, updated_at) values (?, ?, ?, ?, 'plenair', '2026-03-01', ?, ?)`,
    );
    finding.run('f1', 'De cliëntondersteuning is onbekend bij bewoners', 'm1', 'w1', now, now);
    finding.run('f2', 'Cliëntondersteuner niet te vinden', 'm1', 'w2', now, now);
    finding.run('f3', 'Mantelzorgers voelen zich alleen', 'm2', 'w1', now, now);
    s.prepare(`insert into signals (id, title, created_at, updated_at) values ('s1', 'Cliëntondersteuning onbekend', ?, ?)`).run(now, now);
    return now;
  }

  it('refuses deleting a wijk used by a meeting', () => {
    seed();
    expect(() => core.sqlite.prepare(`delete from wijken where id = 'w1'`).run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps per-signal counts of distinct meetings and wijken', () => {
    const now = seed();
    const link = core.sqlite.prepare(`insert into signal_findings (signal_id, finding_id, created_at) values ('s1', ?, ?)`);
    const counts = () => core.sqlite.prepare(`select finding_count, meeting_count, wijk_count from signals where id = 's1'`).get();
    link.run('f1', now);
    link.run('f2', now);
    expect(counts()).toEqual({ finding_count: 2, meeting_count: 1, wijk_count: 2 });
    link.run('f3', now);
    expect(counts()).toEqual({ finding_count: 3, meeting_count: 2, wijk_count: 2 });
    core.sqlite.prepare(`update findings set meeting_id = 'm3' where id = 'f2'`).run();
    expect(counts()).toEqual({ finding_count: 3, meeting_count: 3, wijk_count: 2 });
    core.sqlite.prepare(`delete from findings where id = 'f3'`).run();
    expect(counts()).toEqual({ finding_count: 2, meeting_count: 2, wijk_count: 2 });
  });

  it('folds diacritics in the full-text index and follows updates and deletes', () => {
    seed();
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
