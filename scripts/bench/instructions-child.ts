/**
 * Runs under valgrind for `npm run bench -- --instructions` (started by instructions.ts, not by hand):
 * opens the seeded database, warms every case up, then runs each case's calls and floors between
 * markers. `os.hostname()` is the marker: its native `uv_os_gethostname` is what callgrind dumps
 * before (`--dump-before`), and nothing in the core calls it. See callgrind.ts for the parts.
 *   node build/bench/instructions-child.mjs <database> <iterations> <warm-up>   (bundled by instructions.ts)
 * Prints one line of JSON on stdout: the case names in the order of the parts.
 */
import os from 'node:os';
import { openCore } from '../../electron/core/core';
import { instructionCases } from './hot-calls';

const [databasePath, iterationsArg, warmupArg] = process.argv.slice(2);
if (!databasePath || !iterationsArg || !warmupArg) throw new Error('gebruik: instructions-child.ts <database> <iterations> <warm-up>');
const iterations = Number(iterationsArg);
const warmup = Number(warmupArg);

const marker = () => os.hostname();
// `--expose-gc` is passed by instructions.ts.
const settle = () => (globalThis as { gc?: () => void }).gc?.();

const core = await openCore({ databasePath, mode: 'cli' });
try {
  const cases = await instructionCases(core);
  // Warm-up runs the JIT's tiers in for every case before anything is counted; the checks (that a
  // call succeeds, so no error path is measured) happen here and in the counted loop alike.
  for (const { call, floor } of cases) {
    for (let i = 0; i < warmup; i++) {
      await call();
      await floor();
    }
  }
  marker(); // ends start-up and warm-up
  marker(); // ends the empty part: the marker's own cost
  for (const { call, floor } of cases) {
    for (const run of [call, floor]) {
      // A full collection before every counted loop, in a part of its own that is not counted: each
      // loop starts on the same heap, so when a collection falls inside a loop it falls there in
      // every run, instead of wherever the garbage of earlier cases happened to run out.
      settle();
      marker(); // ends the settle part
      for (let i = 0; i < iterations; i++) await run();
      marker(); // ends the counted part
    }
  }
  process.stdout.write(`${JSON.stringify({ cases: cases.map((entry) => entry.name), iterations })}\n`);
} finally {
  await core.close();
}
