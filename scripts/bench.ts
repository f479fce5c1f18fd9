/**
 * `npm run bench`: performance figures on a large, deterministic database. Prints a table and
 * writes docs/performance.md. Nothing here is a test: it reports, it does not fail on a miss.
 *   npm run bench -- [--quick] [--no-ui]
 *   npm run bench -- --store postgres [--quick]   the findings cases on SQLite and PostgreSQL side by side
 *   npm run bench -- --move                       only `move` of the 100k database, SQLite → PostgreSQL and back
 *   npm run bench -- --load [--quick]             the council server under load, with a kill -9 (scripts/bench/load.ts)
 *   npm run bench -- --instructions [--quick]     instructions per call (valgrind's callgrind) for the hottest calls
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openCore, type Core, type CoreOptions } from '../electron/core/core';
import { describeMachine, formatTable, measure, readPreviousFigures, type BenchRow } from './bench/measure';
import { benchFoundation } from './bench/foundation';
import { benchFindings, BROAD_SEARCH, LARGE, seedFindings, SMALL } from './bench/findings';
import { benchAdvices } from './bench/advices';
import { benchMonitoring } from './bench/monitoring';
import { benchResponses } from './bench/responses';
import { benchUi } from './bench/ui';
import { benchImport } from './bench/import';
import { benchUploadLimits } from './bench/upload-limits';
import { benchMove } from './bench/move';
import { benchPublication } from './bench/publication';
import { benchPostgresFindings, POSTGRES_SLACK_MS } from './bench/postgres';
import { benchLoad } from './bench/load';
import { benchInstructions } from './bench/instructions';
import { formatInstructionTable, formatRunsTable, readPreviousInstructions } from './bench/callgrind';

/** `npm run bench` builds it first (build:electron): jobs start the way the app starts them. */
const COMPILED_JOB_WORKER = path.resolve('build', 'electron', 'worker.mjs');

async function timedOpen(databasePath: string, options: Partial<CoreOptions> = {}): Promise<number> {
  const start = performance.now();
  const core = await openCore({ databasePath, mode: 'cli', ...options });
  const elapsed = performance.now() - start;
  await core.close();
  return elapsed;
}

export async function coldOpenRow(databasePath: string): Promise<BenchRow> {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) samples.push(await timedOpen(databasePath));
  samples.sort((a, b) => a - b);
  const median = samples[3]!;
  return { name: 'koude start: database openen incl. migratiecontrole', medianMs: median, p95Ms: samples[6]!, goal: '≤ 300 ms', met: median <= 300 };
}

/** The app and browser mode schedule the daily backup at start: scheduling it must not delay opening. */
export async function coldOpenWithBackupScheduleRow(databasePath: string): Promise<BenchRow> {
  const samples: number[] = [];
  const options: Partial<CoreOptions> = { mode: 'browser', automaticBackups: { firstDelayMs: 60_000, checkIntervalMs: 60_000 }, jobWorkerPath: COMPILED_JOB_WORKER };
  for (let i = 0; i < 7; i++) samples.push(await timedOpen(databasePath, options));
  samples.sort((a, b) => a - b);
  const median = samples[3]!;
  return { name: 'koude start met geplande automatische back-up', medianMs: median, p95Ms: samples[6]!, goal: '≤ 300 ms', met: median <= 300 };
}

export async function backupRow(core: Core, databasePath: string): Promise<BenchRow> {
  const sizeMb = statSync(databasePath).size / (1024 * 1024);
  const { medianMs, p95Ms } = await measure(
    async () => {
      const started = await core.call('jobs.start', { kind: 'backup' });
      if (!started.ok) throw new Error(started.error.message);
      const finished = await core.jobs.wait((started.value as { id: string }).id);
      if (finished.state !== 'done') throw new Error(finished.message);
      rmSync(String(finished.result?.path), { force: true });
    },
    3,
    1,
  );
  return { name: `back-up van de database (${sizeMb.toFixed(0)} MB)`, medianMs, p95Ms, note: 'SQLite online backup in een worker' };
}

function growthRows(small: (BenchRow & { [BROAD_SEARCH]?: boolean })[], large: (BenchRow & { [BROAD_SEARCH]?: boolean })[]): BenchRow[] {
  return large.map((row, index) => {
    const ratio = row.medianMs / small[index]!.medianMs;
    const name = `groei 1k → 100k: ${row.name.replace(/^[^:]*: /, '').replace(/ \([^)]*treffers\)$/, '')}`;
    if (row[BROAD_SEARCH]) {
      // Issue 8: "report the growth of broad searches (ranking more matches costs more; ranking stays)".
      const matchGrowth = `${small[index]!.name.match(/\(([^)]*) treffers\)$/)?.[1]} → ${row.name.match(/\(([^)]*) treffers\)$/)?.[1]} treffers`;
      return { name, medianMs: ratio, p95Ms: ratio, goal: 'rapporteren (brede zoekopdracht)', note: `verhouding; ${matchGrowth}` };
    }
    return { name, medianMs: ratio, p95Ms: ratio, goal: '≤ 3× (lijsten en zoeken met weinig treffers)', met: ratio <= 3, note: 'verhouding, geen ms' };
  });
}

async function withDatabase<T>(work: (core: Core, databasePath: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-bench-'));
  const databasePath = path.join(dir, 'advieswerk.sqlite');
  try {
    const core = await openCore({ databasePath, mode: 'cli', jobWorkerPath: COMPILED_JOB_WORKER });
    try {
      return await work(core, databasePath);
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'no-ui': { type: 'boolean', default: false },
      store: { type: 'string', default: 'sqlite' },
      load: { type: 'boolean', default: false },
      instructions: { type: 'boolean', default: false },
      move: { type: 'boolean', default: false },
    },
  });
  if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error(`--store sqlite of --store postgres, niet "${values.store}"`);
  // Before anything runs: the load the other work on this machine puts on it, printed beside the figures.
  const machine = describeMachine();
  console.error(`machine: ${machine}`);
  // Call and floor are measured interleaved; enough pairs for a median that holds on a noisy machine.
  const iterations = values.quick ? 60 : 300;
  if (values.load) return loadRun(values.quick, machine);
  if (values.move) return moveRun(machine);
  if (values.store === 'postgres') return benchStores(values.quick, iterations, machine);
  if (values.instructions) return instructionCounts(values.quick, machine);
  const rows: BenchRow[] = [];

  const small = await withDatabase(async (core) => {
    await benchFoundation(core, { quick: true });
    seedFindings(core, SMALL);
    // The goals hold at 100k; the 1k figures are the baseline for growth.
    return (await benchFindings(core, '1k bevindingen', iterations)).map(({ goal: _goal, met: _met, ...row }) => row);
  });

  await withDatabase(async (core, databasePath) => {
    rows.push(...(await benchFoundation(core, { quick: values.quick })));
    const seedStart = performance.now();
    seedFindings(core, LARGE);
    console.error(`groot bestand gevuld in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const large = await benchFindings(core, '100k bevindingen', iterations);
    rows.push(...small, ...large, ...growthRows(small, large));
    rows.push(
      ...(await benchAdvices(core)).map((row) => ({ ...row, goal: '≤ 100 ms', met: row.medianMs <= 100 })),
      ...(await benchMonitoring(core)).map((row) => ({ ...row, goal: '≤ 20 ms', met: row.medianMs <= 20 })),
      ...(await benchResponses(core)).map((row) => ({ ...row, goal: '≤ 50 ms (alle dashboardcijfers samen)', met: row.medianMs <= 50 })),
    );
    rows.push(...(await benchImport(core)));
    rows.push(...(await benchUploadLimits(core, values.quick ? 2 : 5)));
    rows.push(await backupRow(core, databasePath));
    await core.close();
    rows.push(await coldOpenRow(databasePath));
    rows.push(await coldOpenWithBackupScheduleRow(databasePath));
    // Only where PostgreSQL's binaries are present (a throw-away cluster); otherwise one line says why.
    rows.push(...(await benchMove(databasePath)));
    if (!values['no-ui']) {
      try {
        rows.push(...(await benchUi(databasePath)));
      } catch (error) {
        // The core figures above still count; say what went wrong instead of losing them.
        rows.push({ name: 'UI-metingen', medianMs: 0, p95Ms: 0, met: false, note: `mislukt: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
      }
    }
  });

  // Issue 15: the public website of a council with ten years of data, on a database of its own.
  rows.push(...(await withDatabase((core) => benchPublication(core))));

  const previous = readPreviousFigures(measuredBlock('docs/performance.md'));
  const table = formatTable(rows, previous);
  console.log(table);
  writeMeasurements('docs/performance.md', `Gemeten met \`npm run bench\` op ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
    `Mediaan, spreiding (p10–p90) en p95 over herhaalde aanroepen via de echte API-handlers (validatie inbegrepen); de vloer is een ` +
    `kale prepared statement van better-sqlite3 die precies dezelfde rijen teruggeeft, om en om met de aanroep gemeten (A B, B A, …). ` +
    `Het doel geldt voor de mediaan op de wandklok; de CPU-tijd van dit proces staat ernaast (zonder het wachten op een core, zie "Op een drukke machine").\n` +
    `Vorige meting (kolommen "vorige"): ${previous.heading?.replace(/^Gemeten met `npm run bench` op /, '').replace(/\.$/, '') ?? 'geen'}.\n\n${table}`);
}

/**
 * `--store postgres` (issue 13): the same findings data set on both stores in one run. SQLite is
 * seeded as for the main bench and measured; the file is then moved into PostgreSQL and the same
 * calls are measured there against raw `pg` floors. `--quick` uses the 1k data set.
 */
async function benchStores(quick: boolean, iterations: number, machine: string): Promise<void> {
  const scale = quick ? SMALL : LARGE;
  const label = quick ? '1k bevindingen' : '100k bevindingen';
  const [sqliteRows, postgresRows] = await withDatabase(async (core, databasePath) => {
    await benchFoundation(core, { quick: true });
    seedFindings(core, scale);
    const onSqlite = await benchFindings(core, `SQLite, ${label}`, iterations);
    await core.close();
    return [onSqlite, await benchPostgresFindings(databasePath, `PostgreSQL, ${label}`, iterations)] as const;
  });
  const table = formatTable([...sqliteRows, ...postgresRows]);
  const sideBySide = formatStoresTable(sqliteRows, postgresRows);
  console.log(`${table}\n\n${sideBySide}`);
  writeMeasurements(
    'docs/performance.md',
    `Gemeten met \`npm run bench -- --store postgres${quick ? ' --quick' : ''}\` op ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
      `Dezelfde gegevens (${label}) eerst op SQLite, dan met \`move\` naar PostgreSQL (een wegwerpcluster, fsync uit); elke aanroep via de echte handler, om en om ` +
      `met zijn vloer: op SQLite een prepared statement van better-sqlite3, op PostgreSQL een benoemde (eenmaal voorbereide) query van \`pg\`. ` +
      `Doel op PostgreSQL: ≤ max(1,5× vloer, vloer + ${POSTGRES_SLACK_MS} ms).\n\n${sideBySide}\n\n${table}`,
    POSTGRES_START,
    POSTGRES_END,
  );
}

/**
 * `--move` (issue 13): only `move` of the 100k-findings database (seeded as for `--store postgres`),
 * both ways; the full bench measures it too, this runs it alone in a few minutes.
 */
async function moveRun(machine: string): Promise<void> {
  const rows = await withDatabase(async (core, databasePath) => {
    await benchFoundation(core, { quick: true });
    seedFindings(core, LARGE);
    await core.close();
    return benchMove(databasePath);
  });
  const table = formatTable(rows);
  console.log(table);
  writeMeasurements(
    'docs/performance.md',
    `Gemeten met \`npm run bench -- --move\` op ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
      `De 100k-database (100k bevindingen) met \`move\` naar een lege database op een wegwerpcluster (fsync uit) en terug naar een nieuw SQLite-bestand; ` +
      `elke richting één transactie, inclusief de controle (aantallen en hashes per tabel). Eén meting per richting, dus afhankelijk van de belasting van de machine.\n\n${table}`,
    MOVE_START,
    MOVE_END,
  );
}

/** `--load` (issue 14): the council server under load; the figures go into a section of their own. */
async function loadRun(quick: boolean, machine: string): Promise<void> {
  const report = await benchLoad(quick, machine);
  if ('skipped' in report) {
    console.log(`lastmeting overgeslagen: ${report.skipped}`);
    return;
  }
  console.log(report.markdown);
  writeMeasurements('docs/performance.md', report.markdown, LOAD_START, LOAD_END);
}

/**
 * `--instructions` (issue 18): instructions per call under callgrind, two runs in fresh processes so
 * the doc shows they agree. Counting is slow (valgrind runs Node ~50× slower): `--quick` counts fewer
 * calls per case, enough to compare with a previous quick run but with more of the GC's lumps in it.
 */
async function instructionCounts(quick: boolean, machine: string): Promise<void> {
  const iterations = quick ? 20 : INSTRUCTION_ITERATIONS;
  const warmup = 30;
  const rows = await benchInstructions({ iterations, warmup, runs: 2 });
  const previousBlock = existsSync('docs/performance.md') ? readFileSync('docs/performance.md', 'utf8') : '';
  const inBlock = previousBlock.includes(INSTRUCTIONS_START) ? previousBlock.slice(previousBlock.indexOf(INSTRUCTIONS_START), previousBlock.indexOf(INSTRUCTIONS_END)) : '';
  const previousHeading = inBlock.split('\n').find((line) => line.startsWith('Geteld met')) ?? null;
  const table = formatInstructionTable(rows, readPreviousInstructions(inBlock));
  const runs = formatRunsTable(rows);
  console.log(`${table}\n\n${runs}`);
  writeMeasurements(
    'docs/performance.md',
    `Geteld met \`npm run bench -- --instructions${quick ? ' --quick' : ''}\` op ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
      `Instructies per aanroep (callgrind, alle threads; Node met \`--single-threaded\`), ${iterations} aanroepen per geval na ${warmup} keer opwarmen, ` +
      `twee runs in elk een eigen proces; de tabel geeft hun gemiddelde, de tweede tabel elke run apart.\n` +
      `Vorige telling (kolommen "vorige"): ${previousHeading?.replace(/^Geteld met /, '').replace(/\.$/, '') ?? 'geen'}.\n\n${table}\n\n${runs}`,
    INSTRUCTIONS_START,
    INSTRUCTIONS_END,
  );
}

/** Per case: SQLite and PostgreSQL beside each other, each as median, floor and ratio. */
function formatStoresTable(sqliteRows: BenchRow[], postgresRows: BenchRow[]): string {
  const ratio = (row: BenchRow | undefined) => (row?.floorMedianMs ? (row.medianMs / row.floorMedianMs).toFixed(2) : '');
  const lines = sqliteRows.map((onSqlite, index) => {
    const onPostgres = postgresRows[index];
    const name = onSqlite.name.replace(/^SQLite, [^:]*: /, '');
    const met = onPostgres?.met === undefined ? (onPostgres?.note ?? '') : onPostgres.met ? 'ja' : 'NEE';
    return (
      `| ${name} | ${onSqlite.medianMs.toFixed(3)} | ${onSqlite.floorMedianMs?.toFixed(3) ?? ''} | ${ratio(onSqlite)} | ` +
      `${onPostgres?.medianMs.toFixed(3) ?? ''} | ${onPostgres?.floorMedianMs?.toFixed(3) ?? ''} | ${ratio(onPostgres)} | ` +
      `${onPostgres?.floorMedianMs ? (onPostgres.medianMs / onSqlite.medianMs).toFixed(2) : ''} | ${onPostgres?.goal ?? ''} | ${met} |`
    );
  });
  return [
    '| meting | SQLite ms | SQLite vloer ms | SQLite verhouding | PostgreSQL ms | PostgreSQL vloer ms | PostgreSQL verhouding | PostgreSQL / SQLite | doel PostgreSQL | gehaald |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...lines,
  ].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const POSTGRES_START = '<!-- bench-postgres:start -->';
const POSTGRES_END = '<!-- bench-postgres:end -->';
const LOAD_START = '<!-- bench-load:start -->';
const MOVE_START = '<!-- bench-move:start -->';
const MOVE_END = '<!-- bench-move:end -->';
const LOAD_END = '<!-- bench-load:end -->';
const INSTRUCTIONS_START = '<!-- bench-instructions:start -->';
const INSTRUCTIONS_END = '<!-- bench-instructions:end -->';
const INSTRUCTION_ITERATIONS = 100;

/** The measured part of the document as the previous run wrote it (empty when there is none). */
function measuredBlock(file: string): string {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return current.includes(START) && current.includes(END) ? current.slice(current.indexOf(START), current.indexOf(END)) : '';
}

/** Replaces the measured part of the document; what people wrote around it (findings, fixes) stays. */
function writeMeasurements(file: string, measured: string, start = START, end = END): void {
  const block = `${start}\n${measured}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Prestaties\n\n${start}\n${end}\n`;
  const next = current.includes(start) && current.includes(end)
    ? current.slice(0, current.indexOf(start)) + block + current.slice(current.indexOf(end) + end.length)
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
