// Long fuzz soak over every API method: `node scripts/soak-fuzz.mjs [cases=200000]`.
// Runs tests/integration/api-fuzz.test.ts with FUZZ_TOTAL raised; each run uses fresh seeds
// (printed in test-results/reliability-fuzz.json so a failure can be replayed).
import { spawnSync } from 'node:child_process';

const total = process.argv[2] ?? '200000';
const result = spawnSync('npx', ['vitest', 'run', 'tests/integration/api-fuzz.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_TOTAL: total },
});
process.exit(result.status ?? 1);
