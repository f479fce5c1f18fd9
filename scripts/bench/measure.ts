import os from 'node:os';
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  /** Set on searches whose growth is reported rather than held to ≤ 3× (see BROAD_SEARCH in findings.ts). */
  [key: symbol]: boolean | undefined;
  name: string;
  medianMs: number;
  p95Ms: number;
  /** The spread: the 10th and 90th percentile of the samples (absent where there is one sample or a ratio). */
  p10Ms?: number;
  p90Ms?: number;
  /** The same rows from a plain prepared statement: what the call cannot beat. */
  floorMedianMs?: number;
  floorP10Ms?: number;
  floorP90Ms?: number;
  /**
   * The medians in CPU time of this process (user + system), call and floor: what the work cost,
   * without the time spent waiting for a core. Only where all the work is in this process (SQLite).
   */
  cpuMedianMs?: number;
  floorCpuMedianMs?: number;
  /** Whether the goal holds on the CPU-time medians (only told where it fails on the wall clock). */
  metInCpuTime?: boolean;
  /** Goal in words, e.g. "≤ 1.5× floor or floor + 0.3 ms". */
  goal?: string;
  /** Whether the goal is met; undefined when there is no goal. */
  met?: boolean;
  note?: string;
}

export interface Timing {
  medianMs: number;
  p95Ms: number;
  p10Ms: number;
  p90Ms: number;
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), p10Ms: percentile(sorted, 0.1), p90Ms: percentile(sorted, 0.9) };
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** One sample in wall-clock time and in this process's CPU time (µs resolution on Linux, ~0.5 µs to read). */
async function sampleOnce(fn: () => unknown, wall: number[], cpu: number[]): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  wall.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}

/** Runs `fn` a few times to warm up, then `iterations` times; returns median, p95 and the p10–p90 spread in ms. */
export async function measure(fn: () => unknown, iterations = 50, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push(await timeOnce(fn));
  return summarise(samples);
}

/**
 * Measures a call and its floor interleaved (A B, B A, A B, …): on a shared, noisy machine a burst
 * of load then hits both alike, instead of whichever happened to be measured at that moment. The
 * order alternates per pair so neither always runs on the cache the other left.
 *
 * Each sample is also taken in CPU time. Where more threads want to run than there are cores, the
 * scheduler takes the core away for a few ms at a time, and a call of about that length (the 3 ms
 * two-term search) got it taken away in most samples while its floor, a little shorter, did not:
 * the wall-clock median doubled (3.3 → 6.9 ms) while what the call cost had not changed.
 */
export async function measurePair(
  call: () => unknown,
  floor: () => unknown,
  iterations = 200,
  warmup = 20,
): Promise<{ call: Timing; floor: Timing; cpuMedianMs: { call: number; floor: number } }> {
  for (let i = 0; i < warmup; i++) {
    await call();
    await floor();
  }
  const callSamples = { wall: [] as number[], cpu: [] as number[] };
  const floorSamples = { wall: [] as number[], cpu: [] as number[] };
  const sampleCall = () => sampleOnce(call, callSamples.wall, callSamples.cpu);
  const sampleFloor = () => sampleOnce(floor, floorSamples.wall, floorSamples.cpu);
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      await sampleCall();
      await sampleFloor();
    } else {
      await sampleFloor();
      await sampleCall();
    }
  }
  return {
    call: summarise(callSamples.wall),
    floor: summarise(floorSamples.wall),
    cpuMedianMs: { call: summarise(callSamples.cpu).medianMs, floor: summarise(floorSamples.cpu).medianMs },
  };
}

/** The performance issue's goal for a core call: ≤ max(1.5 × floor, floor + slack) and ≤ 20 ms (slack 0.3 ms on SQLite, 0.5 ms on PostgreSQL). */
export function coreCallGoal(medianMs: number, floorMedianMs: number, slackMs = 0.3): { goal: string; met: boolean } {
  const limit = Math.max(1.5 * floorMedianMs, floorMedianMs + slackMs);
  return { goal: `≤ ${limit.toFixed(2)} ms (1.5× floor or floor + ${slackMs} ms), ≤ 20 ms`, met: medianMs <= limit && medianMs <= 20 };
}

/**
 * Measures a handler call against its floor, interleaved, and applies the core-call goal to the
 * wall-clock medians. `inProcess`: all the work happens in this process (SQLite), so the CPU-time
 * medians are shown too; on PostgreSQL most of it is the server's, which this process does not see.
 */
export async function compareWithFloor(
  name: string,
  call: () => Promise<unknown>,
  floor: () => unknown,
  iterations = 200,
  slackMs = 0.3,
  inProcess = true,
): Promise<BenchRow> {
  const measured = await measurePair(call, floor, iterations);
  const wallClock = coreCallGoal(measured.call.medianMs, measured.floor.medianMs, slackMs);
  const { cpuMedianMs } = measured;
  const cpu = inProcess ? { cpuMedianMs: cpuMedianMs.call, floorCpuMedianMs: cpuMedianMs.floor } : {};
  const metInCpuTime = inProcess && !wallClock.met ? { metInCpuTime: coreCallGoal(cpuMedianMs.call, cpuMedianMs.floor, slackMs).met } : {};
  return {
    name,
    ...measured.call,
    floorMedianMs: measured.floor.medianMs,
    floorP10Ms: measured.floor.p10Ms,
    floorP90Ms: measured.floor.p90Ms,
    ...cpu,
    ...wallClock,
    ...metInCpuTime,
  };
}

/** The machine the figures come from, printed beside them: CPU model, cores, memory, load at the start. */
export function describeMachine(loadAtStart: number[] = os.loadavg()): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() || 'onbekende CPU';
  const load = loadAtStart.map((value) => value.toFixed(2)).join(' / ');
  return `${model}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB geheugen, Node ${process.version}, belasting bij de start ${load} (1/5/15 min)`;
}

const HEADER =
  '| meting | mediaan ms | p10–p90 ms | p95 ms | vloer ms | vloer p10–p90 ms | verhouding | CPU-tijd aanroep / vloer ms (verhouding) | doel | gehaald | vorige mediaan ms | vorige verhouding |\n' +
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |';

export interface PreviousFigures {
  /** The line that said when and where the previous run was made. */
  heading: string | null;
  byName: Map<string, { medianMs: number; ratio: number | null }>;
}

const spread = (low: number | undefined, high: number | undefined): string =>
  low === undefined || high === undefined ? '' : `${low.toFixed(3)}–${high.toFixed(3)}`;

export function formatTable(rows: BenchRow[], previous?: PreviousFigures): string {
  const lines = rows.map((row) => {
    const ratio = row.floorMedianMs ? (row.medianMs / row.floorMedianMs).toFixed(2) : '';
    const met =
      row.met === undefined ? '' : row.met ? 'ja' : row.metInCpuTime ? 'NEE op de wandklok, ja in CPU-tijd (wachten op een core)' : 'NEE';
    const cpu =
      row.cpuMedianMs !== undefined && row.floorCpuMedianMs
        ? `${row.cpuMedianMs.toFixed(3)} / ${row.floorCpuMedianMs.toFixed(3)} (${(row.cpuMedianMs / row.floorCpuMedianMs).toFixed(2)})`
        : '';
    const before = previous?.byName.get(row.name);
    return (
      `| ${row.name} | ${row.medianMs.toFixed(3)} | ${spread(row.p10Ms, row.p90Ms)} | ${row.p95Ms.toFixed(3)} | ${row.floorMedianMs?.toFixed(3) ?? ''} | ` +
      `${spread(row.floorP10Ms, row.floorP90Ms)} | ${ratio} | ${cpu} | ${row.goal ?? ''} | ${met}${row.note ? ` (${row.note})` : ''} | ` +
      `${before ? before.medianMs.toFixed(3) : ''} | ${before?.ratio ? before.ratio.toFixed(2) : ''} |`
    );
  });
  return [HEADER, ...lines].join('\n');
}

/**
 * Reads the figures of the previous run from the measured block of docs/performance.md, whichever
 * of the table's layouts wrote it (the columns are found by their heading), so the next table shows
 * each median beside the one before it.
 */
export function readPreviousFigures(block: string): PreviousFigures {
  const byName = new Map<string, { medianMs: number; ratio: number | null }>();
  const heading = block.split('\n').find((line) => line.startsWith('Gemeten met')) ?? null;
  const lines = block.split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string) => line.slice(1, line.lastIndexOf('|')).split(' | ').map((cell) => cell.trim());
  const header = lines[0] ? cells(lines[0]) : [];
  const medianColumn = header.indexOf('mediaan ms');
  const ratioColumn = header.indexOf('verhouding');
  if (medianColumn < 0) return { heading, byName };
  for (const line of lines.slice(2)) {
    const row = cells(line);
    const median = Number(row[medianColumn]);
    const ratio = ratioColumn >= 0 && row[ratioColumn] ? Number(row[ratioColumn]) : null;
    if (row[0] && Number.isFinite(median)) byName.set(row[0], { medianMs: median, ratio: ratio !== null && Number.isFinite(ratio) ? ratio : null });
  }
  return { heading, byName };
}
