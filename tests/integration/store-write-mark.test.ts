import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';
import { StoreWitness, storeFingerprint, storeWriteMark } from '../helpers/snapshot';

/**
 * The fuzz suite starts a case from the fingerprint taken after the previous one while the write mark
 * is unchanged: the mark must change with every kind of write, or a change would go unseen.
 */
describe('the store write mark (tests/helpers/snapshot.ts)', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  // On PostgreSQL the mark is the cluster's next transaction id, which other test files' databases move
  // at any moment: there an unmoved mark proves no write, but a moved one proves nothing.
  it.skipIf(onPostgres())('stays the same over reads and rejected calls', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const mark = await storeWriteMark(core);
    await core.value('wijken.list');
    await core.failure('wijken.create', { name: '' });
    await core.failure('wijken.create', { name: 'Noord' });
    expect(await storeWriteMark(core)).toBe(mark);
  });

  it('changes with a write through the core, and with one rolled back', async () => {
    const start = await storeWriteMark(core);
    await core.value('wijken.create', { name: 'Noord' });
    const afterWrite = await storeWriteMark(core);
    expect(afterWrite).not.toBe(start);
    await core.db
      .transaction()
      .execute(async (trx) => {
        await sql`update wijken set name = 'Zuid'`.execute(trx);
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(await storeWriteMark(core)).not.toBe(afterWrite);
  });

  it("changes with another connection's commit (a job's worker, another member)", async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const mark = await storeWriteMark(core);
    if (onPostgres()) {
      const other = new pg.Client({ connectionString: core.databasePath });
      await other.connect();
      await other.query(`update wijken set name = 'Zuid'`);
      await other.end();
    } else {
      const other = new BetterSqlite3(core.databasePath);
      other.prepare(`update wijken set name = 'Zuid'`).run();
      other.close();
    }
    expect(await storeWriteMark(core)).not.toBe(mark);
  });

  it('the witness sees a write (its fingerprint read again) and nothing else', async () => {
    const witness = new StoreWitness(core);
    const start = await witness.look();
    await core.failure('wijken.create', { name: '' });
    // The same object where the mark did not move; read again where it did (on PostgreSQL, other databases' writes).
    expect(await witness.look()).toEqual(start);
    await core.value('wijken.create', { name: 'Noord' });
    const afterWrite = await witness.look();
    expect(afterWrite.hash).not.toBe(start.hash);
    expect(afterWrite).toEqual(await storeFingerprint(core));
  });
});
