import { describe, expect, it } from 'vitest';
import { compareWithFloor, formatTable, readPreviousFigures } from '../../scripts/bench/measure';

/** Keeps this process busy for `ms` of CPU time, as a query is (counted in CPU time, so load does not shorten it). */
function work(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the bench measures a call against its floor in wall-clock and CPU time', () => {
  it('tells waiting apart from working: a call that waits fails on the wall clock and holds in CPU time', async () => {
    // The call does the floor's work and then waits, as a call does whose core was taken away.
    const row = await compareWithFloor(
      'wacht',
      async () => {
        work(1);
        await sleep(20);
      },
      () => work(1),
      8,
    );
    expect(row.medianMs).toBeGreaterThan(20);
    expect(row.met).toBe(false);
    expect(row.cpuMedianMs).toBeLessThan(row.medianMs / 2);
    expect(row.floorCpuMedianMs).toBeGreaterThanOrEqual(1);
    expect(row.metInCpuTime).toBe(true);
    expect(formatTable([row])).toContain('NEE op de wandklok, ja in CPU-tijd');
  });

  it('shows no CPU time where the work is not in this process (PostgreSQL), and says nothing more than NEE', async () => {
    const row = await compareWithFloor('elders', () => sleep(20), () => work(1), 4, 0.5, false);
    expect(row.cpuMedianMs).toBeUndefined();
    expect(row.metInCpuTime).toBeUndefined();
    expect(formatTable([row])).toMatch(/\| NEE \|/);
  });

  it('reads its own table back as the previous figures, with the CPU column in between', () => {
    const table = formatTable([
      { name: 'signalen', medianMs: 0.224, p95Ms: 0.5, p10Ms: 0.2, p90Ms: 0.4, floorMedianMs: 0.137, cpuMedianMs: 0.22, floorCpuMedianMs: 0.135, goal: '≤ 0.44 ms', met: true },
      { name: 'import', medianMs: 1568.8, p95Ms: 1600 },
    ]);
    const previous = readPreviousFigures(`Gemeten met \`npm run bench\` op 2026-12-07 (machine).\n\n${table}`);
    expect(previous.byName.get('signalen')).toEqual({ medianMs: 0.224, ratio: 1.64 });
    expect(previous.byName.get('import')).toEqual({ medianMs: 1568.8, ratio: null });
    expect(table).toContain('0.220 / 0.135 (1.63)');
  });
});
