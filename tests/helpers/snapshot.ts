import { createHash } from 'node:crypto';
import type { Sqlite } from '../../electron/core/db/connection';

/**
 * A fingerprint of every row of every table, to prove that a rejected call changed nothing.
 * Also reports SQLite's total_changes(), which counts every row written on the connection.
 */
export function databaseFingerprint(sqlite: Sqlite): { hash: string; totalChanges: number } {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(`\n#${table}\n`);
    for (const row of sqlite.prepare(`select * from "${table}" order by rowid`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  const totalChanges = sqlite.prepare('select total_changes()').pluck().get() as number;
  return { hash: hash.digest('hex'), totalChanges };
}
