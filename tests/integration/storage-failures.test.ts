import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { AppError } from '../../shared/result';
import { createTestCore, makeTempDir, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('storage failures give a clear Dutch message and no partial writes', () => {
  it('a full disk (SQLite reports SQLITE_FULL) fails the call with IO and writes nothing', async () => {
    core = await createTestCore();
    await core.value('wijken.create', { name: 'Noord' });
    const before = (await storeFingerprint(core));
    // The database may not grow by a single page: exactly what a full disk looks like to SQLite.
    const pages = core.sqlite.pragma('page_count', { simple: true }) as number;
    core.sqlite.pragma(`max_page_count = ${pages}`);
    let failure;
    let failedName = '';
    for (let i = 0; i < 50 && !failure; i += 1) {
      failedName = `Wijk ${i}`;
      const result = await core.call('wijken.create', { name: failedName, description: 'x'.repeat(15_000) });
      if (!result.ok) failure = result.error;
    }
    expect(failure?.code).toBe('IO');
    expect(failure?.message).toMatch(/^Het bestand kon niet worden gelezen of geschreven/);
    core.sqlite.pragma('max_page_count = 1073741823');
    expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Writes that succeeded before the disk filled stay; the failed one left nothing behind.
    const names = (await core.value('wijken.list')).map((wijk) => wijk.name);
    expect(names).toContain('Noord');
    expect(names).not.toContain(failedName);
    expect((await storeFingerprint(core)).totalChanges).toBeGreaterThanOrEqual(before.totalChanges);
  });

  it('another process holding a write lock gives "in gebruik" and no partial write', async () => {
    core = await createTestCore();
    const other = new BetterSqlite3(core.databasePath);
    other.prepare('begin immediate').run();
    const before = (await storeFingerprint(core));
    const result = await core.call('wijken.create', { name: 'Tijdens het slot' });
    other.prepare('rollback').run();
    other.close();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('IO');
      expect(result.error.message).toMatch(/in gebruik door een ander programma/);
    }
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    expect((await core.value('wijken.create', { name: 'Na het slot' })).name).toBe('Na het slot');
  }, 20_000);

  it('an unusable folder (read-only, or not a folder at all) refuses to open with a Dutch message naming the file', async () => {
    const dir = makeTempDir();
    const locked = path.join(dir, 'alleen-lezen');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    // As root a read-only folder is still writable, so also try a "folder" that is a file.
    const notAFolder = path.join(dir, 'een-bestand');
    writeFileSync(notAFolder, '');
    try {
      const attempts = [path.join(locked, 'advieswerk.sqlite'), path.join(notAFolder, 'advieswerk.sqlite')];
      const errors = await Promise.all(attempts.map((databasePath) => openCore({ databasePath, mode: 'cli' }).then(async (opened) => (await opened.close(), null), (thrown: unknown) => thrown)));
      const refused = errors.filter((error) => error !== null);
      expect(refused.length).toBeGreaterThanOrEqual(process.getuid?.() === 0 ? 1 : 2);
      for (const error of refused) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('IO');
        expect((error as AppError).message).toMatch(/^De database ".*advieswerk\.sqlite" kon niet worden geopend/);
      }
    } finally {
      chmodSync(locked, 0o755);
    }
    core = await createTestCore({ dir });
  });
});
