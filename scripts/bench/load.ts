import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openCore, type Core } from '../../electron/core/core';
import type { AdviceDetail } from '../../shared/api/advices';
import { HttpMember, HttpRequestError, type ApiEnvelope, type HttpReply } from '../../tests/helpers/http-member';
import { databaseUrl, findPostgresBinaries, freePort, startPostgresCluster } from '../../tests/helpers/postgres-cluster';
import { checkWrites, verdictHolds, type LoadVerdict, type SentFinding, type SentItemSave } from './load-check';

/**
 * `npm run bench -- --load [--quick]` (issue 14, "Load and reliability"): the real council server
 * (electron/server/main.ts, as `npm run server` starts it) on a throw-away PostgreSQL cluster, with
 * simulated members over loopback, each signed in with their own account and cookie, as a browser is:
 *
 * - phase 1, steady: a realistic mix for 60 s (live capture with client UUIDs, searches, advice autosaves
 *   with the version last seen, dashboards, an SSE listener per member); p50/p95/p99 per call kind,
 *   throughput, errors. The goal p95 ≤ 50 ms is reported, never asserted.
 * - phase 2, crash: the same load; the server is killed with SIGKILL and started again on the same database
 *   and port. Members keep capturing into their outbox, resend what was not acknowledged (same ids, same
 *   versions), and reconnect their event streams.
 *
 * Afterwards the database is read directly and every acknowledged write checked (load-check.ts).
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMPILED_JOB_WORKER = path.join(repoRoot, 'build', 'electron', 'worker.mjs');
const PASSWORD = 'lastmeting-wachtwoord-1';
export const LOAD_GOAL_P95_MS = 50;

/** Words the seeded findings are made of, so searches find something (the vocabulary of a Wmo-raad). */
const WORDS = ['regiotaxi', 'wachttijd', 'mantelzorg', 'scootmobiel', 'traplift', 'huishoudelijke', 'hulp', 'buurtbus', 'eenzaamheid', 'dagbesteding', 'wijkteam', 'indicatie', 'keukentafelgesprek', 'rolstoel', 'woningaanpassing', 'respijtzorg'];

export interface LoadOptions {
  members: number;
  editors: number;
  steadyMs: number;
  crashPhaseMs: number;
  /** After the start of phase 2. */
  killAfterMs: number;
  seedFindings: number;
  thinkMinMs: number;
  thinkMaxMs: number;
}

export const FULL: LoadOptions = { members: 25, editors: 6, steadyMs: 60_000, crashPhaseMs: 25_000, killAfterMs: 5_000, seedFindings: 2_000, thinkMinMs: 300, thinkMaxMs: 900 };
export const QUICK: LoadOptions = { members: 10, editors: 3, steadyMs: 15_000, crashPhaseMs: 15_000, killAfterMs: 4_000, seedFindings: 300, thinkMinMs: 300, thinkMaxMs: 900 };

type Phase = 'steady' | 'crash';

interface Reply {
  status: number;
  json: ApiEnvelope;
}

/** No answer at all (refused, reset, timed out): what a killed server gives; the request may or may not have run. */
class NetworkFailure extends Error {}
/** A kept-alive connection reset as it was reused: nothing was read on it. */
class StaleConnection extends NetworkFailure {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** Figures per call kind and phase. */
class Stats {
  readonly samples = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  readonly errorExamples: string[] = [];
  /** Requests that got no answer (connection refused or cut). */
  networkFailures = 0;
  /** Stale saves refused with CONFLICT (someone else's edit); none expected, each editor has an item of their own. */
  conflicts = 0;
  /** A save refused with CONFLICT whose text the server already held: it had arrived before the kill. */
  savesArrivedUnanswered = 0;
  /** Captures sent more than once before an answer came. */
  resends = 0;
  record(kind: string, ms: number): void {
    const list = this.samples.get(kind) ?? [];
    list.push(ms);
    this.samples.set(kind, list);
  }
  error(kind: string, detail: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    if (this.errorExamples.length < 5) this.errorExamples.push(`${kind}: ${detail}`);
  }
  get calls(): number {
    return [...this.samples.values()].reduce((sum, list) => sum + list.length, 0);
  }
  get errorCount(): number {
    return [...this.errors.values()].reduce((sum, count) => sum + count, 0);
  }
}

interface Server {
  child: ChildProcess;
  output: string[];
}

/** The council server as `npm run server` starts it (scripts/server.mjs), its own process; resolves once it listens. */
function startServer(databaseUrlText: string, port: number, home: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'server', 'main.ts'), '--port', String(port), '--db', databaseUrlText, '--job-worker', COMPILED_JOB_WORKER], {
    cwd: repoRoot,
    // Its local files (the anchor folder beside a PostgreSQL database, automatic back-ups) in the run's folder.
    env: { ...process.env, XDG_CONFIG_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`raadsserver startte niet:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      // The request log is one JSON line per call; only what is not a request line is kept (start-up, errors).
      for (const line of text.split('\n')) if (line && !line.startsWith('{"time"')) output.push(`${line}\n`);
      if (/draait op http:\/\/127\.0\.0\.1:\d+\//.test(output.join(''))) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`raadsserver stopte (${code ?? signal}):\n${output.join('')}`));
    });
  });
}

/** One member's browser: a keep-alive connection pool, the session cookie, our own Origin. */
class Browser {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  private readonly member: HttpMember;
  constructor(port: number) {
    this.member = new HttpMember(port, { agent: this.agent, timeoutMs: 15_000 });
  }

  get cookie(): string {
    return this.member.cookie;
  }

  /** Requests sent again because a kept-alive connection was closed by the server just as it was reused. */
  staleConnectionRetries = 0;

  async request(pathname: string, body: unknown): Promise<Reply> {
    try {
      return await this.send(pathname, body);
    } catch (error) {
      // The server closes idle keep-alive connections (after 5 s); one reused at that moment is reset before
      // the request was read. Browsers send it again on a fresh connection, and so does this member (Node's
      // documented pattern, `request.reusedSocket`). A server that is really gone fails the second send too.
      if (!(error instanceof StaleConnection)) throw error;
      this.staleConnectionRetries += 1;
      return this.send(pathname, body);
    }
  }

  private async send(pathname: string, body: unknown): Promise<Reply> {
    let reply: HttpReply;
    try {
      reply = await this.member.request({ path: pathname, body: JSON.stringify(body) });
    } catch (error) {
      if (error instanceof HttpRequestError && error.reusedSocket && error.code === 'ECONNRESET') throw new StaleConnection(error.message);
      throw new NetworkFailure(error instanceof Error ? error.message : String(error));
    }
    return { status: reply.status, json: reply.json ?? { ok: false, error: { code: 'HTTP', message: reply.text.slice(0, 200) } } };
  }

  destroy(): void {
    this.agent.destroy();
  }
}

/** The live stream a member's open app listens to; reconnects with Last-Event-ID, as EventSource does. */
class EventListener {
  events = 0;
  resets = 0;
  connects = 0;
  private lastId = '';
  private req: http.ClientRequest | undefined;
  private stopped = false;
  constructor(private readonly port: number, private readonly browser: Browser) {}

  start(): void {
    if (this.stopped) return;
    // A killed server cuts the stream without an end: whichever of close, end or error comes first reconnects, once.
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      this.retry();
    };
    const req = http.get(
      {
        host: '127.0.0.1',
        port: this.port,
        path: '/api/events',
        agent: false,
        headers: { Accept: 'text/event-stream', Cookie: this.browser.cookie, ...(this.lastId ? { 'Last-Event-ID': this.lastId } : {}) },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          retry();
          return;
        }
        this.connects += 1;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of message.split('\n')) {
              if (line.startsWith('id: ')) this.lastId = line.slice(4);
              if (line === 'event: change') this.events += 1;
              if (line === 'event: reset') this.resets += 1;
            }
          }
        });
        res.on('end', retry);
        res.on('close', retry);
        res.on('error', retry);
      },
    );
    req.on('error', retry);
    this.req = req;
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => this.start(), 250);
  }

  stop(): void {
    this.stopped = true;
    this.req?.destroy();
  }
}

interface Clock {
  phase: Phase;
  stats: Record<Phase, Stats>;
  running: boolean;
}

/** A simulated member: signs in, then works until the run ends; captures go through an outbox. */
class Member {
  readonly browser: Browser;
  readonly events: EventListener;
  readonly sentFindings: SentFinding[] = [];
  readonly itemSaves: SentItemSave[] = [];
  private outbox: SentFinding[] = [];
  private flushing: Promise<void> | undefined;
  private entry = 0;
  private itemVersion = '';
  private saves = 0;

  constructor(
    readonly index: number,
    readonly login: string,
    port: number,
    private readonly clock: Clock,
    private readonly options: LoadOptions,
    private readonly marker: string,
    private readonly meetingId: string,
    private readonly item: { adviceId: string; itemId: string; updatedAt: string } | undefined,
  ) {
    this.browser = new Browser(port);
    this.events = new EventListener(port, this.browser);
    if (item) this.itemVersion = item.updatedAt;
  }

  async signIn(): Promise<void> {
    const reply = await this.browser.request('/auth/login', { login: this.login, password: PASSWORD });
    if (reply.status !== 200) throw new Error(`aanmelden van ${this.login} mislukt: ${reply.json.error?.message}`);
    this.events.start();
  }

  private get stats(): Stats {
    return this.clock.stats[this.clock.phase];
  }

  /** One API call, timed when it is answered; a network failure is thrown for the caller to decide. */
  private async call(method: string, input: unknown): Promise<Reply> {
    const stats = this.stats;
    const start = performance.now();
    try {
      const reply = await this.browser.request(`/api/${method}`, input);
      stats.record(method, performance.now() - start);
      return reply;
    } catch (error) {
      if (error instanceof NetworkFailure) stats.networkFailures += 1;
      throw error;
    }
  }

  /** A read: a failure is counted, never retried (the screen shows what it had and asks again later). */
  private async read(method: string, input: unknown): Promise<void> {
    try {
      const reply = await this.call(method, input);
      if (!reply.json.ok) this.stats.error(method, `${reply.status} ${reply.json.error?.code} ${reply.json.error?.message}`);
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error;
    }
  }

  /** Live capture: into the outbox at once (shown as "nog niet verzonden"), sent in order, each until answered. */
  private capture(): void {
    this.entry += 1;
    const words = Array.from({ length: 5 }, () => pick(WORDS)).join(' ');
    const write: SentFinding = { id: uuidv7(), text: `${this.marker} lid ${this.index} invoer ${this.entry}: ${words}`, acknowledged: false };
    this.sentFindings.push(write);
    this.outbox.push(write);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
    });
  }

  private async flush(): Promise<void> {
    while (this.outbox.length > 0) {
      const write = this.outbox[0]!;
      let sends = 0;
      for (;;) {
        sends += 1;
        if (sends === 2) this.stats.resends += 1;
        try {
          const reply = await this.call('findings.create', { id: write.id, meetingId: this.meetingId, text: write.text });
          if (reply.json.ok) write.acknowledged = true;
          else this.stats.error('findings.create', `${reply.status} ${reply.json.error?.code} ${reply.json.error?.message}`);
          break;
        } catch (error) {
          if (!(error instanceof NetworkFailure)) throw error;
          // The server is gone: wait and send the same entry again, with the same id.
          await sleep(200);
        }
      }
      this.outbox.shift();
    }
  }

  /** Whatever is still in the outbox sent (the run is over, the connection is back). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Autosave of the editor's own advice item, carrying the version last seen; resent as it was until answered. */
  private async autosave(): Promise<void> {
    const item = this.item!;
    this.saves += 1;
    const save: SentItemSave = { itemId: item.itemId, text: `${this.marker} redacteur ${this.index} versie ${this.saves}`, acknowledged: false };
    this.itemSaves.push(save);
    const input = { id: item.itemId, expectedUpdatedAt: this.itemVersion, text: save.text };
    for (;;) {
      let reply: Reply;
      try {
        reply = await this.call('advices.updateItem', input);
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error;
        await sleep(200);
        continue;
      }
      if (reply.json.ok) {
        save.acknowledged = true;
        this.itemVersion = findItem(reply.json.value as AdviceDetail, item.itemId)?.updatedAt ?? this.itemVersion;
        return;
      }
      if (reply.json.error?.code === 'CONFLICT') {
        // Refused as stale: either our own save arrived before the server died (its text is there; take
        // that version), or someone else changed the item (take theirs, as the editor offers).
        const current = await this.currentItem();
        if (current?.text === save.text) {
          this.stats.savesArrivedUnanswered += 1;
          save.acknowledged = true;
        } else this.stats.conflicts += 1;
        if (current) this.itemVersion = current.updatedAt;
        return;
      }
      this.stats.error('advices.updateItem', `${reply.status} ${reply.json.error?.code} ${reply.json.error?.message}`);
      return;
    }
  }

  private async currentItem(): Promise<{ text: string; updatedAt: string } | undefined> {
    for (;;) {
      try {
        const reply = await this.call('advices.get', { id: this.item!.adviceId });
        if (!reply.json.ok) return undefined;
        return findItem(reply.json.value as AdviceDetail, this.item!.itemId);
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error;
        await sleep(200);
      }
    }
  }

  /** The member's working day: think, then one action; a lid mostly captures, an editor mostly autosaves. */
  async work(): Promise<void> {
    const { thinkMinMs, thinkMaxMs } = this.options;
    while (this.clock.running) {
      await sleep(thinkMinMs + Math.random() * (thinkMaxMs - thinkMinMs));
      if (!this.clock.running) break;
      const roll = Math.random();
      if (this.item) {
        if (roll < 0.5) await this.autosave();
        else if (roll < 0.65) await this.read('advices.get', { id: this.item.adviceId });
        else if (roll < 0.85) await this.read('findings.search', { query: pick(WORDS).slice(0, 6), limit: 50 });
        else await this.read('dashboard.get', {});
      } else if (roll < 0.5) this.capture();
      else if (roll < 0.75) await this.read('findings.search', { query: `${pick(WORDS)} ${pick(WORDS)}`.slice(0, 40), limit: 50 });
      else if (roll < 0.9) await this.read('findings.listForMeeting', { meetingId: this.meetingId });
      else await this.read('start.overview', {});
    }
  }

  stop(): void {
    this.events.stop();
    this.browser.destroy();
  }
}

function findItem(advice: AdviceDetail, itemId: string): { text: string; updatedAt: string } | undefined {
  for (const section of advice.sections) for (const item of section.items) if (item.id === itemId) return { text: item.text, updatedAt: item.updatedAt };
  return undefined;
}

async function value<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** Accounts, a meeting with findings to search, and an advice with an item per editor; written through the core before the server starts. */
async function seed(url: string, dataDir: string, options: LoadOptions): Promise<{ meetingId: string; items: { adviceId: string; itemId: string; updatedAt: string }[] }> {
  const core = await openCore({ databasePath: url, dataDir, mode: 'cli', jobWorkerPath: COMPILED_JOB_WORKER });
  try {
    await core.accounts.createAccount({ name: 'Beheerder Lastmeting', login: 'beheerder', role: 'beheerder', password: PASSWORD, by: 'lastmeting' });
    for (let index = 0; index < options.members; index += 1) {
      const role = index < options.editors ? 'secretaris' : 'lid';
      await core.accounts.createAccount({ name: `Lid ${index}`, login: `lid${index}`, role, password: PASSWORD, by: 'lastmeting' });
    }
    const meeting = await value<{ id: string }>(core, 'meetings.create', { title: 'Wijkbijeenkomst lastmeting', date: new Date().toISOString().slice(0, 10) });
    const older = await value<{ id: string }>(core, 'meetings.create', { title: 'Eerdere bijeenkomst', date: '2026-01-15' });
    for (let index = 0; index < options.seedFindings; index += 1) {
      const text = Array.from({ length: 8 }, () => pick(WORDS)).join(' ');
      await value(core, 'findings.create', { meetingId: index % 10 === 0 ? meeting.id : older.id, text });
    }
    const items: { adviceId: string; itemId: string; updatedAt: string }[] = [];
    for (let index = 0; index < options.editors; index += 1) {
      const advice = await value<AdviceDetail>(core, 'advices.create', { kind: 'ongevraagd', betreft: `Advies ${index} over vervoer`, withDefaultSections: true });
      const added = await value<AdviceDetail>(core, 'advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'bevinding', text: 'Eerste tekst' });
      const item = added.sections[0]!.items[0]!;
      items.push({ adviceId: advice.id, itemId: item.id, updatedAt: item.updatedAt });
    }
    return { meetingId: meeting.id, items };
  } finally {
    await core.close();
  }
}

export interface LoadReport {
  machine: string;
  loadAtEnd: string;
  options: LoadOptions;
  steady: { stats: Stats; seconds: number };
  crash: { stats: Stats; seconds: number; downtimeMs: number; restartMs: number };
  events: { received: number; resets: number; reconnectedAfterKill: number; members: number };
  /** Over the whole run: requests sent again on a fresh connection after a kept-alive one was reset as it was reused. */
  staleConnectionRetries: number;
  verdict: LoadVerdict;
  markdown: string;
}

/** Runs the whole load benchmark; `null` with the reason when PostgreSQL is not on this machine. */
export async function benchLoad(quick: boolean, machine: string): Promise<LoadReport | { skipped: string }> {
  const found = findPostgresBinaries();
  if ('missing' in found) return { skipped: found.missing };
  const options = quick ? QUICK : FULL;
  const cluster = await startPostgresCluster(found.bin);
  const home = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-load-'));
  let server: Server | undefined;
  const members: Member[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database advieswerk_load');
    await admin.end();
    const url = databaseUrl(cluster.url, 'advieswerk_load');
    const seeded = await seed(url, path.join(home, 'seed'), options);
    console.error(`lastmeting: ${options.members} leden, ${options.seedFindings} bevindingen, ${options.editors} adviezen aangemaakt`);

    const port = await freePort();
    server = await startServer(url, port, home);
    const marker = `Lastmeting ${Date.now().toString(36)}`;
    const clock: Clock = { phase: 'steady', stats: { steady: new Stats(), crash: new Stats() }, running: true };
    for (let index = 0; index < options.members; index += 1) {
      members.push(new Member(index, `lid${index}`, port, clock, options, marker, seeded.meetingId, seeded.items[index]));
    }
    for (const member of members) await member.signIn();

    // Phase 1: steady load.
    const working = members.map((member) => member.work());
    const steadyStart = performance.now();
    await sleep(options.steadyMs);
    const steadySeconds = (performance.now() - steadyStart) / 1000;
    console.error(`lastmeting: fase 1 klaar (${clock.stats.steady.calls} aanroepen)`);

    // Phase 2: the same load, with the server killed and started again on the same database and port.
    clock.phase = 'crash';
    const crashStart = performance.now();
    await sleep(options.killAfterMs);
    const connectsBefore = members.map((member) => member.events.connects);
    const killedAt = performance.now();
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server!.child.once('exit', resolve));
    const restartAt = performance.now();
    server = await startServer(url, port, home);
    const readyAt = performance.now();
    console.error(`lastmeting: server met SIGKILL gestopt en na ${((readyAt - killedAt) / 1000).toFixed(1)} s weer gestart`);
    await sleep(Math.max(0, options.crashPhaseMs - (performance.now() - crashStart)));
    clock.running = false;
    await Promise.all(working);
    for (const member of members) await member.drain();
    const crashSeconds = (performance.now() - crashStart) / 1000;
    // Every stream has had time to come back (they retry every 250 ms).
    await sleep(1_000);
    const reconnected = members.filter((member, index) => member.events.connects > connectsBefore[index]!).length;
    for (const member of members) member.stop();

    // What the database holds, read past the server.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let verdict: LoadVerdict;
    try {
      const findings = (await client.query<{ id: string; text: string }>('select id::text as id, text from findings where text like $1', [`${marker} %`])).rows;
      const items = (await client.query<{ id: string; text: string }>('select id::text as id, text from advice_items where id::text = any($1)', [seeded.items.map((item) => item.itemId)])).rows;
      verdict = checkWrites({ findings: members.flatMap((member) => member.sentFindings), itemSaves: members.flatMap((member) => member.itemSaves) }, { findings, items });
    } finally {
      await client.end();
    }
    const loadAtEnd = os.loadavg().map((load) => load.toFixed(2)).join(' / ');
    const report = {
      machine,
      loadAtEnd,
      options,
      steady: { stats: clock.stats.steady, seconds: steadySeconds },
      crash: { stats: clock.stats.crash, seconds: crashSeconds, downtimeMs: readyAt - killedAt, restartMs: readyAt - restartAt },
      events: {
        received: members.reduce((sum, member) => sum + member.events.events, 0),
        resets: members.reduce((sum, member) => sum + member.events.resets, 0),
        reconnectedAfterKill: reconnected,
        members: members.length,
      },
      staleConnectionRetries: members.reduce((sum, member) => sum + member.browser.staleConnectionRetries, 0),
      verdict,
    };
    return { ...report, markdown: loadMarkdown(report, quick) };
  } finally {
    for (const member of members) member.stop();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      // Graceful, as an administrator stops it: running requests finish.
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    }
    cluster.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

function statsTable(stats: Stats, seconds: number, withGoal: boolean): string {
  const lines = [...stats.samples.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, samples]) => {
      const sorted = [...samples].sort((a, b) => a - b);
      const p95 = percentile(sorted, 0.95);
      const goal = withGoal ? (p95 <= LOAD_GOAL_P95_MS ? 'ja' : 'NEE') : '';
      return `| ${kind} | ${samples.length} | ${(samples.length / seconds).toFixed(1)} | ${percentile(sorted, 0.5).toFixed(1)} | ${p95.toFixed(1)} | ${percentile(sorted, 0.99).toFixed(1)} | ${stats.errors.get(kind) ?? 0} | ${goal} |`;
    });
  const all = [...stats.samples.values()].flat().sort((a, b) => a - b);
  const allP95 = percentile(all, 0.95);
  lines.push(
    `| **alle aanroepen** | ${all.length} | ${(all.length / seconds).toFixed(1)} | ${percentile(all, 0.5).toFixed(1)} | ${allP95.toFixed(1)} | ${percentile(all, 0.99).toFixed(1)} | ${stats.errorCount} | ${withGoal ? (allP95 <= LOAD_GOAL_P95_MS ? 'ja' : 'NEE') : ''} |`,
  );
  return [
    `| aanroep | aantal | per s | p50 ms | p95 ms | p99 ms | fouten | p95 ≤ ${LOAD_GOAL_P95_MS} ms |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...lines,
  ].join('\n');
}

function loadMarkdown(report: Omit<LoadReport, 'markdown'>, quick: boolean): string {
  const { options, steady, crash, events, verdict } = report;
  const goalMet = [...steady.stats.samples.values()].every((samples) => percentile([...samples].sort((a, b) => a - b), 0.95) <= LOAD_GOAL_P95_MS);
  const holds = verdictHolds(verdict);
  const examples = [...steady.stats.errorExamples, ...crash.stats.errorExamples];
  return [
    `Gemeten met \`npm run bench -- --load${quick ? ' --quick' : ''}\` op ${new Date().toISOString().slice(0, 10)} (${report.machine}; belasting aan het eind ${report.loadAtEnd}).`,
    `De echte raadsserver (\`electron/server/main.ts\`, eigen proces) op een wegwerpcluster van PostgreSQL (fsync uit), ${options.members} gesimuleerde leden over loopback, ` +
      `elk met een eigen account en sessiecookie (${options.editors} secretarissen, ${options.members - options.editors} leden), elk met een eigen SSE-stroom op \`/api/events\`. ` +
      `Tussen twee handelingen ${options.thinkMinMs}–${options.thinkMaxMs} ms bedenktijd. Een lid legt vooral live vast (\`findings.create\` met een UUIDv7 van de client, via een outbox), ` +
      `zoekt, opent de lijst van de bijeenkomst en het startoverzicht; een secretaris bewaart automatisch een eigen adviespunt (\`advices.updateItem\` met de laatst geziene versie), ` +
      `opent het advies, zoekt en kijkt op het dashboard. Tijden aan de kant van de client, van verzoek tot volledig antwoord. ` +
      `Het doel (p95 ≤ ${LOAD_GOAL_P95_MS} ms per aanroep) wordt gerapporteerd, niet afgedwongen. Zoals bij elke start plant de server 20 s na het opstarten zijn eerste automatische back-up (pg_dump); die valt binnen fase 1.`,
    '',
    `**Fase 1, gelijkmatige last (${steady.seconds.toFixed(0)} s):** ${steady.stats.calls} aanroepen, ${(steady.stats.calls / steady.seconds).toFixed(1)} per seconde, ` +
      `${steady.stats.errorCount} fouten, ${steady.stats.networkFailures} zonder antwoord, ${steady.stats.conflicts} versieconflicten. Doel p95 ≤ ${LOAD_GOAL_P95_MS} ms voor elke soort aanroep: **${goalMet ? 'gehaald' : 'niet gehaald'}**.`,
    '',
    statsTable(steady.stats, steady.seconds, true),
    '',
    `**Fase 2, \`kill -9\` onder last (${crash.seconds.toFixed(0)} s):** na ${(options.killAfterMs / 1000).toFixed(0)} s de server met SIGKILL gestopt en op dezelfde database en poort opnieuw gestart; ` +
      `onbereikbaar ${(crash.downtimeMs / 1000).toFixed(1)} s (waarvan opstarten ${(crash.restartMs / 1000).toFixed(1)} s). ${crash.stats.networkFailures} pogingen zonder antwoord (elke 200 ms opnieuw), ` +
      `${crash.stats.resends} invoeren opnieuw verzonden (zelfde id), ${crash.stats.savesArrivedUnanswered} autosaves die vóór de kill al waren aangekomen (herkend aan de tekst na CONFLICT), ` +
      `${crash.stats.errorCount} fouten met antwoord. SSE: ${events.reconnectedAfterKill} van ${events.members} stromen weer verbonden, ${events.received} wijzigingen ontvangen over de hele meting, ${events.resets} keer "reset" (de wijzigingsfeed van een nieuw serverproces kent de oude ids niet: alles opnieuw ophalen).`,
    '',
    statsTable(crash.stats, crash.seconds, false),
    '',
    `**Controle achteraf** (rechtstreeks in PostgreSQL, \`scripts/bench/load-check.ts\`): ${verdict.acknowledged} bevestigde schrijfacties (invoer en autosaves), ` +
      `${verdict.unacknowledged} nooit bevestigd; **${verdict.lost.length} verloren, ${verdict.duplicated.length} dubbel**, ${verdict.unexpected.length} onbekend, ${verdict.lostEdits.length} verloren bewerkingen: **${holds ? 'in orde' : 'NIET in orde'}**.` +
      ` Over de hele meting ${report.staleConnectionRetries} verzoek(en) opnieuw verstuurd op een verse verbinding omdat de server een keep-alive-verbinding net sloot (zoals een browser dat doet).` +
      (examples.length > 0 ? `\n\nVoorbeelden van fouten: ${examples.map((example) => `\`${example.replaceAll('`', "'")}\``).join('; ')}.` : ''),
  ].join('\n');
}
