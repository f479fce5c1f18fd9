/**
 * `npm run bench -- --instructions` (issue 18): instructions per call, counted by valgrind's callgrind,
 * for the hottest core calls at 100k findings and for their floors. Unlike times, the counts hardly
 * move with the load other work puts on the machine, so a regression in our own layers shows on a
 * noisy machine too. Each run is a child process (instructions-child.ts) under callgrind; see
 * callgrind.ts for how its output is read.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../electron/core/core';
import { refreshPlannerStatistics } from '../../electron/core/db/connection';
import { todayInNetherlands } from '../../shared/calendar';
import * as esbuild from 'esbuild';
import { perCaseInstructions, readCallgrindDump, type InstructionRow } from './callgrind';
import { LARGE, seedFindings } from './findings';
import { seedFoundation } from './foundation';
import { BENCH_SIZES, seedResponses } from './responses';

const VALGRIND = '/usr/bin/valgrind';
/** Called by the child between parts; see instructions-child.ts. */
const MARKER = 'uv_os_gethostname';

/**
 * The seeded 100k database, made once and kept in the temp folder across runs: seeding takes a
 * minute, and every run must count on the same data. The key changes with the seeding code, the
 * schema's migrations and the day (the badge counts what is overdue today).
 */
function seededDatabasePath(): string {
  const hash = createHash('sha256');
  const sources = ['findings.ts', 'random.ts', 'foundation.ts', 'responses.ts'].map((file) => path.join('scripts', 'bench', file));
  const migrations = path.join('electron', 'core', 'db', 'migrations');
  for (const file of [...sources, ...readdirSync(migrations, { recursive: true, encoding: 'utf8' }).sort().map((file) => path.join(migrations, file))]) {
    hash.update(file);
    if (file.endsWith('.ts') || file.endsWith('.sql')) hash.update(readFileSync(file));
  }
  hash.update(todayInNetherlands());
  return path.join(os.tmpdir(), 'advieswerk-bench-instructions', `${hash.digest('hex').slice(0, 16)}.sqlite`);
}

async function ensureSeeded(): Promise<string> {
  const target = seededDatabasePath();
  if (existsSync(target)) {
    console.error(`gevulde database uit de cache: ${target}`);
    return target;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const dir = mkdtempSync(path.join(path.dirname(target), 'seeding-'));
  const databasePath = path.join(dir, 'advieswerk.sqlite');
  const start = performance.now();
  try {
    const core = await openCore({ databasePath, mode: 'cli' });
    try {
      await seedFoundation(core);
      seedFindings(core, LARGE);
      seedResponses(core, BENCH_SIZES);
      refreshPlannerStatistics(core.sqlite);
    } finally {
      // Closing checkpoints the WAL into the file, so the file alone is the database.
      await core.close();
    }
    // Renamed only when complete: an interrupted seeding leaves no half database in the cache.
    renameSync(databasePath, target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.error(`database gevuld in ${((performance.now() - start) / 1000).toFixed(1)} s: ${target}`);
  return target;
}

/**
 * The child as one ESM file, the way build-electron.mjs bundles the job worker: under valgrind, tsx
 * transpiling and resolving every module at start-up cost ~11 G instructions (minutes) before the
 * first count; the bundle also runs the same bundled code the app ships.
 */
async function bundleChild(): Promise<string> {
  const outfile = path.resolve('build', 'bench', 'instructions-child.mjs');
  await esbuild.build({
    entryPoints: [path.join('scripts', 'bench', 'instructions-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    // Native addons load from node_modules, which the build folder's parent holds.
    external: ['better-sqlite3', '@resvg/resvg-js', 'pg-native'],
    // Bundled CommonJS dependencies may still call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

function run(command: string, args: string[], logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
        reject(new Error(`${command} stopte met code ${code}\n${stderr.slice(-4000)}\n${log}`));
      }
    });
  });
}

interface RunResult {
  cases: string[];
  perCase: { call: number; floor: number }[];
  seconds: number;
}

/** One child under callgrind on its own copy of the database; returns instructions per call per case. */
async function countOnce(child: string, seeded: string, iterations: number, warmup: number): Promise<RunResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-instructions-'));
  try {
    // A copy, so what one run writes (closing runs PRAGMA optimize) cannot change the next run's data.
    const databasePath = path.join(dir, 'advieswerk.sqlite');
    copyFileSync(seeded, databasePath);
    const logFile = path.join(dir, 'valgrind.log');
    const start = performance.now();
    const stdout = await run(
      VALGRIND,
      [
        '--tool=callgrind',
        `--dump-before=${MARKER}`,
        '--dump-line=no',
        `--callgrind-out-file=${path.join(dir, 'callgrind.out')}`,
        `--log-file=${logFile}`,
        process.execPath,
        // V8 otherwise compiles and marks on helper threads, whose work lands in whichever part is
        // running when the thread gets its turn: counts then differ between runs.
        '--single-threaded',
        // V8 shrinks the heap on a timer; under valgrind time passes ~50× slower, so when is arbitrary.
        '--no-memory-reducer',
        '--expose-gc',
        child,
        databasePath,
        String(iterations),
        String(warmup),
      ],
      logFile,
    );
    const seconds = (performance.now() - start) / 1000;
    const reported = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { cases: string[]; iterations: number };
    const dumps = readdirSync(dir)
      .filter((file) => file.startsWith('callgrind.out'))
      .map((file) => readCallgrindDump(readFileSync(path.join(dir, file), 'utf8')));
    return { cases: reported.cases, perCase: perCaseInstructions(dumps, reported.cases.length, reported.iterations), seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts every case `runs` times, each run in a fresh process, and returns the figures per case. */
export async function benchInstructions(options: { iterations: number; warmup: number; runs: number }): Promise<InstructionRow[]> {
  if (!existsSync(VALGRIND)) throw new Error(`${VALGRIND} ontbreekt: --instructions telt met valgrind (apt-get install valgrind)`);
  const seeded = await ensureSeeded();
  const child = await bundleChild();
  const results: RunResult[] = [];
  for (let index = 0; index < options.runs; index++) {
    const result = await countOnce(child, seeded, options.iterations, options.warmup);
    console.error(`run ${index + 1} van ${options.runs}: ${result.seconds.toFixed(0)} s onder callgrind`);
    results.push(result);
  }
  const names = results[0]!.cases;
  return names.map((name, index) => ({
    name,
    calls: results.map((result) => result.perCase[index]!.call),
    floors: results.map((result) => result.perCase[index]!.floor),
  }));
}
