import { afterEach, describe, expect, it } from 'vitest';
import { createKysely, openSqlite } from '../../electron/core/db/connection';
import { migrateToLatest } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { openCore } from '../../electron/core/core';
import { retentionCutoff } from '../../electron/core/reliability/privacy';
import { moveToTrash, notInTrash } from '../../electron/core/reliability/trash';
import { recordAudit } from '../../electron/core/reliability/audit';
import { createTestCore, makeTempDir, onPostgres, pluck, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';
import path from 'node:path';
import { sql, type Kysely, type RawBuilder } from 'kysely';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

const OLD = '2020-01-15T10:00:00.000Z';
const RECENT = new Date(Date.now() - 86_400_000).toISOString();

/** A stand-in for findings: flagged personal data, discovered by its column alone. */
async function createPersonalTable(test: TestCore): Promise<void> {
  const db = test.db as unknown as Kysely<any>;
  await db.schema.createTable('test_personal').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('title', 'text', (c) => c.notNull())
    .addColumn('contains_personal_data', 'integer', (c) => c.notNull().defaultTo(0)).addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('test_references').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('personal_id', 'text', (c) => c.references('test_personal.id')).execute();
  await db.insertInto('test_personal').values([
    { id: '00000000-0000-7000-8000-000000000001', title: 'Mevrouw J. uit Noord: te weinig huishoudelijke hulp', contains_personal_data: 1, created_at: OLD },
    { id: '00000000-0000-7000-8000-000000000002', title: 'Recente klacht van de heer K.', contains_personal_data: 1, created_at: RECENT },
    { id: '00000000-0000-7000-8000-000000000003', title: 'Algemene opmerking over de wachttijd', contains_personal_data: 0, created_at: OLD },
  ]).execute();
}

/** The first column of every row a query returns. */
async function column(test: TestCore, query: RawBuilder<unknown>): Promise<unknown[]> {
  return pluck(test.db, query);
}

describe('privacy: retention and purge of flagged personal data', () => {
  it('computes the cutoff in calendar months, clamped at month ends', () => {
    expect(retentionCutoff(1, new Date('2026-03-31T12:00:00Z'))).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionCutoff(12, new Date('2026-11-25T08:30:00Z'))).toBe('2025-11-25T08:30:00.000Z');
    expect(retentionCutoff(24, new Date('2028-02-29T00:00:00Z'))).toBe('2026-02-28T00:00:00.000Z');
  });

  it('lists what goes, purges only flagged rows older than the retention, and logs the purge without content', async () => {
    core = await createTestCore();
    await createPersonalTable(core);
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
    const left = await column(core, sql`select id from test_personal order by id`);
    expect(left).toEqual(['00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000003']);

    const log = await core.value('privacy.purgeLog');
    expect(log).toHaveLength(1);
    expect(log[0]!.counts).toEqual({ test_personal: 1 });
    expect(log[0]!.retentionMonths).toBe(12);
    // Nothing of the purged content survives in the log or the audit trail.
    const everything = JSON.stringify(await core.db.selectFrom('privacy_purge_log').selectAll().execute()) + JSON.stringify(await core.db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain('Mevrouw');
    const audit = await core.value('audit.list', { table: 'test_personal' });
    expect(audit.map((entry) => [entry.action, entry.before, entry.after])).toEqual([['purge', null, null]]);
  });

  it('refuses to purge a row other records still point at, purging nothing', async () => {
    core = await createTestCore();
    await createPersonalTable(core);
    await (core.db as unknown as Kysely<any>).insertInto('test_references').values({ id: '00000000-0000-7000-8000-0000000000aa', personal_id: '00000000-0000-7000-8000-000000000001' }).execute();
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
    await core.db.updateTable('findings').set({ created_at: OLD }).where('id', 'in', [old.id, general.id]).execute();
    await core.value('privacy.update', { retentionMonths: 24 });

    const preview = await core.value('privacy.purgePreview');
    expect(preview.items.map((item) => [item.table, item.id])).toEqual([['findings', old.id]]);
    expect(preview.items[0]!.label).toContain('Mevrouw De Boer');
    await core.value('privacy.purge', { confirm: true, expectedCount: 1 });

    const remaining = await column(core, sql`select id from findings order by seq`);
    expect(remaining).toEqual([recent.id, general.id]);
    expect(Number((await column(core, sql`select count(*) from finding_tags where finding_id = ${old.id}`))[0])).toBe(0);
    const search = await core.value('findings.search', { query: 'taxi' });
    expect(search.rows.map((row) => row.id)).toEqual([general.id]);
    if (core.store === 'sqlite') expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
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
  async function createTrashTables(test: TestCore): Promise<void> {
    const db = test.db as unknown as Kysely<any>;
    await db.schema.createTable('test_trash').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text').addColumn('created_at', 'text', (c) => c.notNull()).execute();
    await db.schema.createTable('test_trash_children').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('parent_id', 'text', (c) => c.notNull().references('test_trash.id')).execute();
    await db.insertInto('test_trash').values([
      { id: '00000000-0000-7000-8000-000000000011', name: 'Advies over vervoer', deleted_at: null, created_at: OLD },
      { id: '00000000-0000-7000-8000-000000000012', name: 'Advies over mantelzorg', deleted_at: null, created_at: OLD },
    ]).execute();
    await db.insertInto('test_trash_children').values({ id: '00000000-0000-7000-8000-000000000013', parent_id: '00000000-0000-7000-8000-000000000011' }).execute();
  }

  it('moves a record to the trash, hides it from lists, restores it, and keeps it all in the audit trail', async () => {
    core = await createTestCore();
    await createTrashTables(core);
    const db = core.db as unknown as Kysely<any>;
    const id = '00000000-0000-7000-8000-000000000011';
    await core.db.transaction().execute((trx) => moveToTrash(trx, 'test_trash', id, 'Tester'));

    const visible = await notInTrash(db.selectFrom('test_trash').select('name')).execute();
    expect(visible.map((row) => row.name)).toEqual(['Advies over mantelzorg']);
    const trash = await core.value('trash.list');
    expect(trash.map((item) => [item.table, item.id, item.label])).toEqual([['test_trash', id, 'Advies over vervoer']]);
    // The child still points at its parent: nothing was orphaned.
    expect(Number((await column(core, sql`select count(*) from test_trash_children`))[0])).toBe(1);

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
    await createTrashTables(core);
    const id = '00000000-0000-7000-8000-000000000012';
    await core.db.transaction().execute((trx) => moveToTrash(trx, 'test_trash', id, 'Tester'));
    expect((await core.failure('trash.empty', { confirm: false })).code).toBe('VALIDATION');
    expect(await core.value('trash.empty', { confirm: true })).toEqual({ removed: 1, kept: [] });
    expect(Number((await column(core, sql`select count(*) from test_trash where id = ${id}`))[0])).toBe(0);
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

// A SQLite file's upgrade with its pre-migration file backup; PostgreSQL's upgrades: migration-fixtures.test.ts.
describe.skipIf(onPostgres())('migration of a version-0001 database', () => {
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
