/**
 * Long crash soak: `npx tsx scripts/soak-crash.ts [kills=1000] [backupEvery=10]`.
 * A child writes through the API on one database file (and now and then takes a backup) and is
 * killed with SIGKILL at random moments; after every kill the database must pass integrity_check
 * and hold every acknowledged write. Exits 1 at the first problem.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupPrefixFor, listBackups } from '../electron/core/backups/files';
import { backupDirFor } from '../electron/core/paths';
import { AcknowledgedWrites, buildCrashWriter, integrityOf, runAndKill } from '../tests/helpers/crash';

const kills = Number(process.argv[2] ?? 1000);
const backupEvery = Number(process.argv[3] ?? 10);
const writer = await buildCrashWriter();
const databasePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'advieswerk-soak-')), 'advieswerk.sqlite');
const acknowledged = new AcknowledgedWrites();
const started = Date.now();
for (let i = 1; i <= kills; i += 1) {
  const mode = i % backupEvery === 0 ? 'backup' : 'write';
  const run = await runAndKill(writer, [mode, databasePath], 40 + Math.random() * 500);
  if (!run.killed) {
    console.error(`run ${i} ended by itself: ${run.stderr}`);
    process.exit(1);
  }
  acknowledged.absorb(run.lines);
  const problems = acknowledged.verify(databasePath);
  if (mode === 'backup') {
    for (const backup of listBackups(backupDirFor(databasePath), backupPrefixFor(databasePath))) {
      if (integrityOf(backup.path) !== 'ok') problems.push(`backup ${backup.file} is damaged`);
    }
  }
  if (problems.length > 0) {
    console.error(`after kill ${i}: ${problems.join('; ')}`);
    process.exit(1);
  }
  if (i % 50 === 0) console.log(`${i} kills, ${acknowledged.writes} acknowledged writes, all present (${Math.round((Date.now() - started) / 1000)} s)`);
}
console.log(`done: ${kills} kills survived, ${acknowledged.writes} acknowledged writes checked, database ${databasePath}`);
