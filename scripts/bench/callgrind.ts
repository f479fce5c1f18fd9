/**
 * Reading callgrind's output for `npm run bench -- --instructions` (issue 18). Pure functions, no
 * valgrind needed: tests/unit/bench-callgrind.test.ts feeds them text.
 *
 * The child (instructions-child.ts) calls a marker, a native function nothing in the core calls,
 * between the parts it measures; callgrind runs with `--dump-before=<marker>`, so every marker writes
 * one dump file with the instructions since the marker before it. The parts, in order:
 *   start-up and warm-up (ignored; Node's own start-up may split it into more parts)
 *   empty: marker straight after marker, the marker's own cost (subtracted from every counted part)
 *   then per case: settle (a full GC, ignored), N calls through the handler, settle, N runs of its floor
 *   last: closing the core and exiting (ignored; written when the process ends, not by a marker)
 */

/** One callgrind output file: which part of the run it is and how many instructions it counted. */
export interface CallgrindDump {
  /** `part:` line; absent in files of a run without dumps. */
  part: number | null;
  /** Instructions executed (the `Ir` event) in this part, all threads together. */
  instructions: number;
}

/**
 * Reads the `events:` line to find the `Ir` column, then the `totals:` line (written at the end of a
 * dump), falling back to `summary:` (the header's copy of the same figure).
 */
export function readCallgrindDump(text: string): CallgrindDump {
  let events: string[] | null = null;
  let totals: string | null = null;
  let summary: string | null = null;
  let part: number | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) events = line.slice('events:'.length).trim().split(/\s+/);
    else if (line.startsWith('totals:')) totals = line.slice('totals:'.length).trim();
    else if (line.startsWith('summary:')) summary = line.slice('summary:'.length).trim();
    else if (line.startsWith('part:')) part = Number(line.slice('part:'.length).trim());
  }
  if (!events) throw new Error('callgrind-uitvoer zonder "events:"-regel');
  const column = events.indexOf('Ir');
  if (column < 0) throw new Error(`callgrind-uitvoer zonder Ir-telling (events: ${events.join(' ')})`);
  const figures = totals ?? summary;
  if (figures === null) throw new Error('callgrind-uitvoer zonder "totals:"- of "summary:"-regel');
  const value = figures.split(/\s+/)[column];
  // Counts reach billions; Number holds integers exactly up to 2^53.
  const instructions = value === undefined || !/^\d+$/.test(value) ? NaN : Number(value);
  if (!Number.isSafeInteger(instructions)) throw new Error(`callgrind-uitvoer met onleesbaar totaal "${figures}"`);
  if (part !== null && !Number.isInteger(part)) throw new Error('callgrind-uitvoer met onleesbaar "part:"');
  return { part, instructions };
}

/** Instructions per call of one case, through the handler and for its floor, in one run. */
export interface CaseInstructions {
  call: number;
  floor: number;
}

/**
 * Turns one run's dumps into instructions per call for each case (see the layout at the top). The
 * dumps may come in any order (file names sort "10" before "2"); `part:` puts them in order. The
 * measured parts are the last ones before the exit: Node itself calls the marker's native function
 * during start-up (twice with Node 20), which only splits the ignored start-up part. Throws when
 * there are fewer parts than the cases make, or a part is missing.
 */
export function perCaseInstructions(dumps: CallgrindDump[], caseCount: number, iterations: number): CaseInstructions[] {
  const measured = 1 + 4 * caseCount; // empty, then per case: settle, call, settle, floor
  if (dumps.length < measured + 2) {
    throw new Error(`${dumps.length} callgrind-delen, minstens ${measured + 2} verwacht (${caseCount} gevallen)`);
  }
  const ordered = [...dumps].sort((a, b) => (a.part ?? Infinity) - (b.part ?? Infinity));
  ordered.forEach((dump, index) => {
    // The final dump (at exit) has the highest part number; a gap means a dump file is missing.
    if (dump.part !== index + 1) throw new Error(`callgrind-deel ${index + 1} ontbreekt (gevonden: ${dump.part})`);
  });
  const parts = ordered.slice(-(measured + 1), -1);
  const empty = parts[0]!.instructions;
  const perCall = (dump: CallgrindDump) => (dump.instructions - empty) / iterations;
  return Array.from({ length: caseCount }, (_, index) => ({
    call: perCall(parts[2 + 4 * index]!),
    floor: perCall(parts[4 + 4 * index]!),
  }));
}

/** The difference between runs as a fraction of their mean: 0 when they agree exactly. */
export function relativeSpread(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return mean === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / mean;
}

/** Millions of instructions, Dutch decimal comma, as docs/performance.md writes them: 5,30 M. */
export function formatMillions(instructions: number): string {
  return `${(instructions / 1e6).toFixed(2).replace('.', ',')} M`;
}

/** Reads "5,30 M" back (the previous run's figures in docs/performance.md); null for anything else. */
export function parseMillions(cell: string): number | null {
  const match = /^(-?\d+),(\d+) M$/.exec(cell.trim());
  return match ? Number(`${match[1]}.${match[2]}`) * 1e6 : null;
}

export interface InstructionRow {
  name: string;
  /** Per run, in run order. */
  calls: number[];
  floors: number[];
}

const HEADER =
  '| meting | aanroep (instr./aanroep) | vloer | boven de vloer | verhouding | verschil tussen de runs (aanroep / vloer) | vorige aanroep | vorige boven de vloer |\n' +
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const percent = (fraction: number) => `${(fraction * 100).toFixed(2).replace('.', ',')} %`;

/**
 * The instruction table: per case the mean over the runs of the call and its floor, the overhead
 * above the floor, how far the runs lie apart, and the previous run's figures beside them.
 */
export function formatInstructionTable(rows: InstructionRow[], previous: Map<string, { call: number; overhead: number | null }> = new Map()): string {
  const lines = rows.map(({ name, calls, floors }) => {
    const call = mean(calls);
    const floor = mean(floors);
    const before = previous.get(name);
    return (
      `| ${name} | ${formatMillions(call)} | ${formatMillions(floor)} | ${formatMillions(call - floor)} | ${(call / floor).toFixed(2).replace('.', ',')} | ` +
      `${percent(relativeSpread(calls))} / ${percent(relativeSpread(floors))} | ${before ? formatMillions(before.call) : ''} | ` +
      `${before?.overhead != null ? formatMillions(before.overhead) : ''} |`
    );
  });
  return [HEADER, ...lines].join('\n');
}

/** Each run on its own, so a reader sees the runs agree rather than taking the spread column on trust. */
export function formatRunsTable(rows: InstructionRow[]): string {
  const runs = rows[0]?.calls.length ?? 0;
  const header = `| meting | ${Array.from({ length: runs }, (_, run) => `run ${run + 1} aanroep | run ${run + 1} vloer`).join(' | ')} |`;
  const rule = `| --- |${' ---: | ---: |'.repeat(runs)}`;
  const lines = rows.map(({ name, calls, floors }) => `| ${name} | ${calls.map((call, run) => `${formatMillions(call)} | ${formatMillions(floors[run]!)}`).join(' | ')} |`);
  return [header, rule, ...lines].join('\n');
}

/** The previous run's figures from the instruction table in docs/performance.md, found by their column headings. */
export function readPreviousInstructions(block: string): Map<string, { call: number; overhead: number | null }> {
  const byName = new Map<string, { call: number; overhead: number | null }>();
  const cells = (line: string) => line.slice(1, line.lastIndexOf('|')).split(' | ').map((cell) => cell.trim());
  const lines = block.split('\n').filter((line) => line.startsWith('|'));
  // The first table with a call column (the per-run table has none of that name).
  const headerIndex = lines.findIndex((line) => cells(line).includes('aanroep (instr./aanroep)'));
  if (headerIndex < 0) return byName;
  const header = cells(lines[headerIndex]!);
  const callColumn = header.indexOf('aanroep (instr./aanroep)');
  const overheadColumn = header.indexOf('boven de vloer');
  for (const line of lines.slice(headerIndex + 2)) {
    const row = cells(line);
    // The table ends where another begins.
    if (row.length !== header.length) break;
    const call = parseMillions(row[callColumn] ?? '');
    if (row[0] && call !== null) byName.set(row[0], { call, overhead: overheadColumn >= 0 ? parseMillions(row[overheadColumn] ?? '') : null });
  }
  return byName;
}
