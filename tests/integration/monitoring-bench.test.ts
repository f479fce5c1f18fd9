import { afterEach, beforeEach, expect, it } from 'vitest';
import { benchMonitoring } from '../../scripts/bench/monitoring';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

it('the monitoring benchmark seeds its data and times matrix and trends through the handlers (small scale)', async () => {
  const rows = await benchMonitoring(core, { teams: 3, criteria: 4, periods: 5, iterations: 3 });
  expect(rows.map((row) => row.name)).toEqual([
    'monitoring.matrix (3 teams × 4 criteria)',
    'monitoring.trend (1 criterion × 3 teams × 5 periods)',
    'monitoring.teamTrend (1 team × 4 criteria × 5 periods)',
  ]);
  // The timings themselves are judged by `npm run bench` (goal ≤ 20 ms); here only that they are a consistent summary.
  for (const row of rows) expect(row.p95Ms).toBeGreaterThanOrEqual(row.medianMs);
  // 3 × 4 × 5 cells minus those where (team + criterion + period) is a multiple of 7.
  let empty = 0;
  for (let team = 0; team < 3; team += 1) for (let criterion = 0; criterion < 4; criterion += 1) for (let period = 0; period < 5; period += 1) if ((team + criterion + period) % 7 === 0) empty += 1;
  const count = core.sqlite.prepare('select count(*) from assessments').pluck().get() as number;
  expect(count).toBe(60 - empty);
});
