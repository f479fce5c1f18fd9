import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiledWorker = path.join(repoRoot, 'build', 'electron', 'worker.mjs');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

let cached: { jobWorkerPath?: string } | undefined;

/**
 * The compiled job worker (~50 ms to start) when it is newer than every core and shared source, so a
 * test never runs stale code; otherwise nothing, and the core runs worker.ts through tsx (~600 ms).
 * Spread into openCore's options.
 */
export function freshJobWorker(): { jobWorkerPath?: string } {
  if (cached) return cached;
  const sourceDirs = [path.join(repoRoot, 'electron', 'core'), path.join(repoRoot, 'shared')];
  const fresh = existsSync(compiledWorker) && statSync(compiledWorker).mtimeMs >= Math.max(...sourceDirs.map(newestSourceMtime));
  cached = fresh ? { jobWorkerPath: compiledWorker } : {};
  return cached;
}
