import { afterEach, describe, expect, it } from 'vitest';
import { createKysely, openSqlite } from '../../electron/core/db/connection';
import { migrateToLatest } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { openCore } from '../../electron/core/core';
import { retentionCutoff } from '../../electron/core/reliability/privacy';
import { moveToTrash, notInTrash } from '../../electron/core/reliability/trash';
import { recordAudit } from '../../electron/core/reliability/audit';
import { createTestCore, makeTempDir, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';
import path from 'node:path';
import type { Kysely } from 'kysely';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

const OLD = '2020-01-15T10:00:00.000Z';
const RECENT = new Date(Date.now() - 86_400_000).toISOString();

/** A stand-in for findings: flagged personal data, discovered by its column alone. */
function createPersonalTable(test: TestCore): void {
  test.sqlite.exec(`
    create table test_personal (id text primary key, title text not null, contains_personal_data integer not null default 0, created_at text not null);
    create table test_references (id text primary key, personal_id text references test_personal(id));
  `);
  const insert = test.sqlite.prepare('insert into test_personal values (?, ?, ?, ?)');
  insert.run('00000000-0000-7000-8000-000000000001', 'Mevrouw J. uit Noord: te weinig huishoudelijke hulp', 1, OLD);
  insert.run('00000000-0000-7000-8000-000000000002', 'Recente klacht van de heer K.', 1, RECENT);
  insert.run('00000000-0000-7000-8000-000000000003', 'Algemene opmerking over de wachttijd', 0, OLD);
}

describe('privacy: retention and purge of flagged personal data', () => {
  it('computes the cutoff in calendar months, clamped at month ends', () => {
    expect(retentionCutoff(1, new Date('2026-03-31T12:00:00Z'))).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionCutoff(12, new Date('2026-11-25T08:30:00Z'))).toBe('2025-11-25T08:30:00.000Z');
    expect(retentionCutoff(24, new Date('2028-02-29T00:00:00Z'))).toBe('2026-02-28T00:00:00.000Z');
  });

  it('lists what goes, purges only flagged rows older than the retention, and logs the purge without content', async () => {
    core = await createTestCore();
    createPersonalTable(core);
    expect((await core.value('privacy.purgePreview')).items).toEqual([]);
    await core.value('privacy.update', { retentionMonths: 12 });
    expect(await core.value('privacy.get')).toEqual({ retentionMonths: 12 });

    const preview = await core.value('privacy.purgePreview');
    expect(preview.items.map((item) => item.id)).toEqual(['00000000-0000-7000-8000-000000000001']);
    expect(preview.items[0]!.label).toContain('Mevrouw J.');

    // A confirmation for a list that has changed since purges nothing.
    const before = (await storeFingerprint(core));
    expect((await core.failure('privacy.purge', { confirm: true, expectedCount: 2 })).code).toBe('CONFLICT');
    expect((await core.failure('privacy.purge', { confirm: false, expectedCount: 1 })).code).toBe('VALIDATION');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);

    const outcome = await core.value('privacy.purge', { confirm: true, expectedCount: 1 });
    expect(outcome).toEqual({ purged: 1, counts: { test_personal: 1 } });
    const left = core.sqlite.prepare('select id from test_personal order by id').pluck().all();
    expect(left).toEqual(['00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000003']);

    const log = await core.value('privacy.purgeLog');
    expect(log).toHaveLength(1);
    expect(log[0]!.counts).toEqual({ test_personal: 1 });
    expect(log[0]!.retentionMonths).toBe(12);
    // Nothing of the purged content survives in the log or the audit trail.
    const everything = JSON.stringify(core.sqlite.prepare('select * from privacy_purge_log').all()) + JSON.stringify(core.sqlite.prepare('select * from audit_log').all());
    expect(everything).not.toContain('Mevrouw');
    const audit = await core.value('audit.list', { table: 'test_personal' });
    expect(audit.map((entry) => [entry.action, entry.before, entry.after])).toEqual([['purge', null, null]]);
  });

  it('refuses to purge a row other records still point at, purging nothing', async () => {
    core = await createTestCore();
    createPersonalTable(core);
    core.sqlite.prepare('insert into test_references values (?, ?)').run('00000000-0000-7000-8000-0000000000aa', '00000000-0000-7000-8000-000000000001');
    await core.value('privacy.update', { retentionMonths: 6 });
    const before = (await storeFingerprint(core));
    const error = await core.failure('privacy.purge', { confirm: true, expectedCount: 1 });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('testrecords');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('purges real findings flagged as personal data: tags go with them, search no longer finds them', async () => {
    core = await createTestCore();
    const old = await core.value('findings.create', { text: 'Mevrouw De Boer (Kerkstraat 3) krijgt geen taxi', containsPersonalData: true, tags: ['vervoer'] });
    const recent = await core.value('findings.create', { text: 'Meneer Visser wacht al maanden op een traplift', containsPersonalData: true });
    const general = await core.value('findings.create', { text: 'De taxi komt vaak te laat', containsPersonalData: false });
    // Age two of them: input from 2020.
    core.sqlite.prepare('update findings set created_at = ? where id in (?, ?)').run(OLD, old.id, general.id);
    await core.value('privacy.update', { retentionMonths: 24 });

    const preview = await core.value('privacy.purgePreview');
    expect(preview.items.map((item) => [item.table, item.id])).toEqual([['findings', old.id]]);
    expect(preview.items[0]!.label).toContain('Mevrouw De Boer');
    await core.value('privacy.purge', { confirm: true, expectedCount: 1 });

    const remaining = core.sqlite.prepare('select id from findings order by seq').pluck().all();
    expect(remaining).toEqual([recent.id, general.id]);
    expect(core.sqlite.prepare('select count(*) from finding_tags where finding_id = ?').pluck().get(old.id)).toBe(0);
    const search = await core.value('findings.search', { query: 'taxi' });
    expect(search.rows.map((row) => row.id)).toEqual([general.id]);
    expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('validates the retention setting', async () => {
    core = await createTestCore();
    for (const retentionMonths of [0, -1, 1.5, 241, '12']) {
      expect((await core.failure('privacy.update', { retentionMonths })).message).toMatch(/bewaartermijn/);
    }
    expect(await core.value('privacy.update', { retentionMonths: null })).toEqual({ retentionMonths: null });
  });
});

describe('trash and audit trail (generic helpers for feature repositories)', () => {
  function createTrashTables(test: TestCore): void {
    test.sqlite.exec(`
      create table test_trash (id text primary key, name text not null, deleted_at text, created_at text not null);
      create table test_trash_children (id text primary key, parent_id text not null references test_trash(id));
    `);
    const insert = test.sqlite.prepare('insert into test_trash values (?, ?, null, ?)');
    insert.run('00000000-0000-7000-8000-000000000011', 'Advies over vervoer', OLD);
    insert.run('00000000-0000-7000-8000-000000000012', 'Advies over mantelzorg', OLD);
    test.sqlite.prepare('insert into test_trash_children values (?, ?)').run('00000000-0000-7000-8000-000000000013', '00000000-0000-7000-8000-000000000011');
  }

  it('moves a record to the trash, hides it from lists, restores it, and keeps it all in the audit trail', async () => {
    core = await createTestCore();
    createTrashTables(core);
    const db = core.db as unknown as Kysely<any>;
    const id = '00000000-0000-7000-8000-000000000011';
    await core.db.transaction().execute((trx) => moveToTrash(trx, 'test_trash', id, 'Tester'));

    const visible = await notInTrash(db.selectFrom('test_trash').select('name')).execute();
    expect(visible.map((row) => row.name)).toEqual(['Advies over mantelzorg']);
    const trash = await core.value('trash.list');
    expect(trash.map((item) => [item.table, item.id, item.label])).toEqual([['test_trash', id, 'Advies over vervoer']]);
    // The child still points at its parent: nothing was orphaned.
    expect(core.sqlite.prepare('select count(*) from test_trash_children').pluck().get()).toBe(1);

    // Emptying keeps a row that something still points at, says why, and changes nothing else.
    const before = (await storeFingerprint(core));
    const kept = await core.value('trash.empty', { confirm: true });
    expect(kept.removed).toBe(0);
    expect(kept.kept.map((item) => [item.table, item.id, item.usedBy])).toEqual([['test_trash', id, '1 test_trash_children']]);
    expect((await storeFingerprint(core)).hash).toBe(before.hash);

    await core.value('trash.restore', { table: 'test_trash', id });
    expect(await core.value('trash.list')).toEqual([]);
    expect((await core.failure('trash.restore', { table: 'test_trash', id })).code).toBe('NOT_FOUND');
    expect((await core.failure('trash.restore', { table: 'wijken', id })).code).toBe('VALIDATION');

    const audit = await core.value('audit.list', { table: 'test_trash', recordId: id });
    expect(audit.map((entry) => entry.action)).toEqual(['restore', 'trash']);
    const trashed = audit[1]!;
    expect(trashed.userName).toBe('Tester');
    expect(trashed.before?.deleted_at).toBeNull();
    expect(typeof trashed.after?.deleted_at).toBe('string');
  });

  it('empties the trash for good once nothing points at its rows', async () => {
    core = await createTestCore();
    createTrashTables(core);
    const id = '00000000-0000-7000-8000-000000000012';
    await core.db.transaction().execute((trx) => moveToTrash(trx, 'test_trash', id, 'Tester'));
    expect((await core.failure('trash.empty', { confirm: false })).code).toBe('VALIDATION');
    expect(await core.value('trash.empty', { confirm: true })).toEqual({ removed: 1, kept: [] });
    expect(core.sqlite.prepare('select count(*) from test_trash where id = ?').pluck().get(id)).toBe(0);
    expect((await core.value('audit.list', { recordId: id })).map((entry) => entry.action)).toEqual(['delete', 'trash']);
  });

  it('rolls an audit entry back with the change it belongs to', async () => {
    core = await createTestCore();
    await expect(
      core.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { table: 'wijken', recordId: 'x', action: 'update', before: { a: 1 }, after: { a: 2 }, userName: 'T' });
        throw new Error('de wijziging mislukt');
      }),
    ).rejects.toThrow();
    expect(await core.value('audit.list', {})).toEqual([]);
  });
});

describe('migration of a version-0001 database', () => {
  it('brings it to the latest schema with every row intact and a pre-migration backup', async () => {
    const dir = makeTempDir();
    const databasePath = path.join(dir, 'advieswerk.sqlite');
    const sqlite = openSqlite({ path: databasePath });
    const db = createKysely(sqlite);
    await migrateToLatest(db, sqlite, null, { '0001_foundation': migrations['0001_foundation']! });
    sqlite
      .prepare(`insert into wijken (id, name, name_key, code, description, created_at, updated_at) values (?, ?, ?, '', '', ?, ?)`)
      .run('00000000-0000-7000-8000-000000000099', 'Oud-Noord', 'oud-noord', OLD, OLD);
    await db.destroy();

    const opened = await openCore({ databasePath, mode: 'cli' });
    expect(opened.migration.applied).toContain('0005_reliability');
    expect(opened.migration.backupPath).toMatch(/voor-migratie/);
    const wijken = await opened.call('wijken.list', {});
    expect(wijken.ok && (wijken.value as { name: string }[]).map((wijk) => wijk.name)).toEqual(['Oud-Noord']);
    expect((await opened.call('audit.list', {})).ok).toBe(true);
    await opened.close();
    core = await createTestCore({ dir });
  });
});
