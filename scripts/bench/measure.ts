import { performance } from 'node:perf_hooks';

export interface BenchRow {
  /** Set on searches whose growth is reported rather than held to ≤ 3× (see BROAD_SEARCH in findings.ts). */
  [key: symbol]: boolean | undefined;
  name: string;
  medianMs: number;
  p95Ms: number;
  /** The same rows from a plain prepared statement: what the call cannot beat. */
  floorMedianMs?: number;
  /** Goal in words, e.g. "≤ 1.5× floor or floor + 0.3 ms". */
  goal?: string;
  /** Whether the goal is met; undefined when there is no goal. */
  met?: boolean;
  note?: string;
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

/** Runs `fn` a few times to warm up, then `iterations` times; returns median and p95 in ms. */
export async function measure(fn: () => unknown, iterations = 50, warmup = 5): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) };
}

/** The performance issue's goal for a core call: ≤ max(1.5 × floor, floor + 0.3 ms) and ≤ 20 ms. */
export function coreCallGoal(medianMs: number, floorMedianMs: number): { goal: string; met: boolean } {
  const limit = Math.max(1.5 * floorMedianMs, floorMedianMs + 0.3);
  return { goal: `≤ ${limit.toFixed(2)} ms (1.5× floor or floor + 0.3 ms), ≤ 20 ms`, met: medianMs <= limit && medianMs <= 20 };
}

/** Measures a handler call against its floor and applies the core-call goal. */
export async function compareWithFloor(
  name: string,
  call: () => Promise<unknown>,
  floor: () => unknown,
  iterations = 50,
): Promise<BenchRow> {
  const measured = await measure(call, iterations);
  const floorMeasured = await measure(floor, iterations);
  return { name, ...measured, floorMedianMs: floorMeasured.medianMs, ...coreCallGoal(measured.medianMs, floorMeasured.medianMs) };
}

export function formatTable(rows: BenchRow[]): string {
  const header = '| meting | mediaan ms | p95 ms | vloer ms | verhouding | doel | gehaald |\n| --- | ---: | ---: | ---: | ---: | --- | --- |';
  const lines = rows.map((row) => {
    const ratio = row.floorMedianMs ? (row.medianMs / row.floorMedianMs).toFixed(2) : '';
    const met = row.met === undefined ? '' : row.met ? 'ja' : 'NEE';
    return `| ${row.name} | ${row.medianMs.toFixed(3)} | ${row.p95Ms.toFixed(3)} | ${row.floorMedianMs?.toFixed(3) ?? ''} | ${ratio} | ${row.goal ?? ''} | ${met}${row.note ? ` (${row.note})` : ''} |`;
  });
  return [header, ...lines].join('\n');
}
