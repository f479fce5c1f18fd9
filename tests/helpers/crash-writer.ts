/**
 * A child process for the crash tests: writes through the real API on a real file and prints one
 * line per acknowledged write, to be killed with SIGKILL at a random moment.
 *
 *   write <db> [dataDir]   creates and deletes wijken through core.call, forever (<db> may be a
 *                  postgres:// URL; its local files then go to dataDir)
 *   backup <db>    alternates a write and an online backup (the function the backup job uses)
 *   migrate <db>   brings the database to the latest schema plus one heavy test migration
 *   restore <db> <a> <b>   restores backup a, then b, then a… through backups.restore
 *
 * Output lines: `ready`, `create <id> <name>`, `deleting <id>` (intent), `delete <id>`, `backup <path>`, `migrated`.
 * stdout is a pipe, which Node writes synchronously on Linux, so a printed line left the process
 * before the next write began.
 */
import path from 'node:path';
import { openCore } from '../../electron/core/core';
import { writeOnlineBackup } from '../../electron/core/backups/files';
import { createKysely, openSqlite } from '../../electron/core/db/connection';
import { migrateToLatest } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { backupDirFor } from '../../electron/core/paths';
import { HEAVY_TEST_MIGRATION_NAME, heavyTestMigration } from './crash-migration';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function randomText(max: number): string {
  // By code point: picking UTF-16 units would split the emoji into lone surrogates, which the text rule refuses.
  const alphabet = Array.from('abcdefghijklmnopqrstuvwxyz éëï€ 😀<>&"\'');
  const length = Math.floor(Math.random() * max);
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}

async function writeForever(databasePath: string, withBackups: boolean, dataDir?: string): Promise<never> {
  const core = await openCore({ databasePath, mode: 'cli', automaticBackups: false, ...(dataDir ? { dataDir } : {}) });
  say('ready');
  const mine: string[] = [];
  let n = 0;
  for (;;) {
    n += 1;
    if (mine.length > 0 && Math.random() < 0.25) {
      const id = mine.splice(Math.floor(Math.random() * mine.length), 1)[0]!;
      // Announced first: a delete that committed but was killed before its ack may go either way.
      say(`deleting ${id}`);
      const result = await core.call('wijken.delete', { id });
      if (!result.ok) throw new Error(`delete failed: ${result.error.message}`);
      say(`delete ${id}`);
    } else {
      const name = `k${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`;
      const result = await core.call('wijken.create', { name, description: randomText(400) });
      if (!result.ok) throw new Error(`create failed: ${result.error.message}`);
      const id = (result.value as { id: string }).id;
      mine.push(id);
      say(`create ${id} ${name}`);
    }
    if (withBackups) say(`backup ${await writeOnlineBackup(core.sqlite, backupDirFor(databasePath), 'handmatig')}`);
  }
}

/** Restores two backups in turn, forever, through the API (safety backup, swap, reopen each time). */
async function restoreForever(databasePath: string, files: string[]): Promise<never> {
  const core = await openCore({ databasePath, mode: 'cli', automaticBackups: false });
  say('ready');
  for (let n = 0; ; n += 1) {
    const file = files[n % files.length]!;
    say(`restoring ${file}`);
    // Files outside the backup folder: the CLI's restore by path (the API takes names only).
    const result = await core.restoreBackupFile(file);
    if (!result.ok) throw new Error(`restore failed: ${result.error.message}`);
    say(`restored ${file}`);
  }
}

async function migrate(databasePath: string): Promise<void> {
  const sqlite = openSqlite({ path: databasePath });
  const db = createKysely(sqlite);
  say('ready');
  await migrateToLatest(db, sqlite, backupDirFor(databasePath), { ...migrations, [HEAVY_TEST_MIGRATION_NAME]: heavyTestMigration });
  say('migrated');
  await db.destroy();
}

const [mode, databasePath, ...files] = process.argv.slice(2);
if (!databasePath) throw new Error('usage: crash-writer <write|backup|migrate|restore> <db> [backup files]');
const run =
  mode === 'migrate'
    ? migrate(path.resolve(databasePath))
    : mode === 'restore'
      ? restoreForever(path.resolve(databasePath), files)
      : /^postgres(ql)?:\/\//.test(databasePath)
        ? writeForever(databasePath, false, files[0])
        : writeForever(path.resolve(databasePath), mode === 'backup');
run.then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
