import http, { type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANGE_BUFFER_SIZE } from '../../electron/core/api/change-feed';
import { startHost, type RunningHost } from '../../electron/host/server';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { HttpMember } from '../helpers/http-member';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 14, live updates over real HTTP: `GET /api/events` streams every member's successful writes to
 * the others as server-sent events (topic and method only), catches a reconnecting client up from its
 * Last-Event-ID or tells it to start again, follows the roles matrix, and never outlives its client or
 * holds up a shutdown.
 */

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** An EventSource as a test sees it: the raw stream of one GET, parsed into events and comments. */
class EventStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: IncomingHttpHeaders = {};
  ended = false;
  body = '';
  private buffer = '';
  private waiters: (() => void)[] = [];
  private request?: http.ClientRequest;

  static open(port: number, headers: Record<string, string>): Promise<EventStream> {
    const stream = new EventStream();
    return new Promise((resolve, reject) => {
      stream.request = http.get({ host: '127.0.0.1', port, path: '/api/events', headers, agent: false }, (res) => {
        stream.status = res.statusCode ?? 0;
        stream.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => stream.receive(chunk));
        res.on('end', () => stream.finish());
        res.on('close', () => stream.finish());
        res.on('error', () => stream.finish());
        resolve(stream);
      });
      stream.request.on('error', reject);
    });
  }

  private receive(chunk: string): void {
    this.body += chunk;
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: SseEvent = { event: 'message', data: '' };
      let isEvent = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else {
          isEvent = true;
          const colon = line.indexOf(':');
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') event.data += value;
        }
      }
      if (isEvent) this.events.push(event);
    }
    this.wake();
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Resolves once the condition holds (checked on every chunk); the test's own timeout bounds the wait. */
  async until(condition: (stream: this) => boolean): Promise<void> {
    while (!condition(this)) {
      if (this.ended) throw new Error(`stream ended first; received:\n${this.body}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async next(event: string, after = 0): Promise<SseEvent> {
    await this.until((stream) => stream.events.slice(after).some((e) => e.event === event));
    return this.events.slice(after).find((e) => e.event === event)!;
  }

  /** The change events received so far, as `{ topic, method }`. */
  changes(): { topic: string; method: string }[] {
    return this.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as { topic: string; method: string });
  }

  async endedByServer(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.request?.destroy();
  }
}

/** One member's browser on the council server: their session cookie and our own Origin. */
class Member extends HttpMember {
  async login(login: string, password: string): Promise<void> {
    const reply = await this.auth('login', { login, password });
    expect(reply.status).toBe(200);
  }
  async value(method: string, input: unknown = {}): Promise<any> {
    const reply = await this.call(method, input);
    expect(reply.json?.error?.message ?? 'ok', method).toBe('ok');
    return reply.json?.value;
  }
  events(extra: Record<string, string> = {}): Promise<EventStream> {
    // An EventSource sends the page's cookies and nothing it could set itself (no Authorization).
    return EventStream.open(this.port, { ...this.headers(), Accept: 'text/event-stream', ...extra });
  }
}

let core: TestCore;
let server: RunningHost;
const open: EventStream[] = [];
const anna = { login: 'anna', password: 'beheerder-wachtwoord-1', role: 'beheerder' as const, name: 'Anna de Vries' };
const bert = { login: 'bert', password: 'lid-wachtwoord-12345', role: 'lid' as const, name: 'Bert Jansen' };
const carla = { login: 'carla', password: 'secretaris-wachtwoord', role: 'secretaris' as const, name: 'Carla Smit' };
let A: Member;
let B: Member;
let C: Member;

async function track(stream: Promise<EventStream>): Promise<EventStream> {
  const opened = await stream;
  open.push(opened);
  return opened;
}

beforeAll(async () => {
  core = await createTestCore();
  server = await startHost({ core, port: 0, council: { log: () => {} }, eventsHeartbeatMs: 100 });
  for (const account of [anna, bert, carla]) await core.accounts.createAccount({ ...account, by: 'test' });
  A = new Member(server.port);
  B = new Member(server.port);
  C = new Member(server.port);
  await A.login(anna.login, anna.password);
  await B.login(bert.login, bert.password);
  await C.login(carla.login, carla.password);
});
afterAll(async () => {
  for (const stream of open) stream.close();
  await server.close();
  await core.dispose();
});

describe('GET /api/events on the council server', () => {
  it('a finding member B logs arrives at secretary C as a change event: topic, method and id, nothing of what was written', async () => {
    const carlaStream = await track(C.events());
    expect(carlaStream.status).toBe(200);
    expect(carlaStream.headers['content-type']).toBe('text/event-stream');
    expect(carlaStream.headers['cache-control']).toBe('no-store');
    const ready = await carlaStream.next('ready');
    expect(ready.id).toBe(core.changes.lastId);

    const finding = await B.value('findings.create', { text: 'De buurtbus rijdt niet meer op zondag' });
    const change = await carlaStream.next('change');
    expect(JSON.parse(change.data)).toEqual({ topic: 'findings', method: 'findings.create' });
    expect(change.id).toBe(core.changes.lastId);
    expect(change.id).toMatch(new RegExp(`^${core.changes.run}\\.\\d+$`));
    // Never what was written, nor by whom.
    expect(carlaStream.body).not.toContain('buurtbus');
    expect(carlaStream.body).not.toContain(finding.id);
    expect(carlaStream.body).not.toContain('Bert');
  });

  it('reads publish nothing, and a role gets no events on a topic it may not read', async () => {
    const bertStream = await track(B.events());
    const annaStream = await track(A.events());
    await bertStream.next('ready');
    await annaStream.next('ready');
    await C.value('findings.search', {});
    // Only the beheerder may read accounts: the lid does not learn that an invitation was made.
    await A.value('accounts.invite', { name: 'Dirk Visser', login: 'dirk', role: 'lid' });
    await B.value('findings.create', { text: 'Wachttijd huishoudelijke hulp' });
    await annaStream.until((stream) => stream.changes().length === 2);
    await bertStream.until((stream) => stream.changes().length === 1);
    expect(annaStream.changes().map((change) => change.method)).toEqual(['accounts.invite', 'findings.create']);
    expect(bertStream.changes().map((change) => change.method)).toEqual(['findings.create']);
  });

  it('a reconnecting client sends Last-Event-ID and first gets what it missed, then where it is', async () => {
    const first = await track(C.events());
    const ready = await first.next('ready');
    first.close();
    await B.value('findings.create', { text: 'Geen pinautomaat meer in de wijk' });
    await C.value('adviceRequests.create', { receivedOn: '2026-11-02', subject: 'Beleidsplan Wmo 2027', deadline: '2026-12-14' });

    const again = await track(C.events({ 'Last-Event-ID': ready.id! }));
    await again.next('ready');
    expect(again.changes()).toEqual([
      { topic: 'findings', method: 'findings.create' },
      { topic: 'adviceRequests', method: 'adviceRequests.create' },
    ]);
    const ids = again.events.map((event) => event.id);
    expect(ids.at(-1)).toBe(core.changes.lastId);
    expect(again.events.some((event) => event.event === 'reset')).toBe(false);
  });

  it('says reset when the id is older than the feed holds, from before a restart, or not an id', async () => {
    const stale = core.changes.lastId;
    // More changes than the feed keeps (the same feed every write publishes on; the catch-up logic is the real one).
    for (let i = 0; i <= CHANGE_BUFFER_SIZE; i++) core.changes.published('findings.update', null);
    for (const lastEventId of [stale, `andere-run.1`, 'onzin']) {
      const stream = await track(C.events({ 'Last-Event-ID': lastEventId }));
      const reset = await stream.next('reset');
      // The id to go on from: the next reconnect catches up normally.
      expect(reset.id).toBe(core.changes.lastId);
      expect(stream.changes()).toEqual([]);
      stream.close();
    }
  });

  it('sends a heartbeat comment, and ends the stream of a member whose session ends', async () => {
    const dirk = { login: 'dirk2', password: 'nog-een-lang-wachtwoord', role: 'lid' as const, name: 'Dirk Visser' };
    const account = await core.accounts.createAccount({ ...dirk, by: 'test' });
    const D = new Member(server.port);
    await D.login(dirk.login, dirk.password);
    const stream = await track(D.events());
    await stream.until((s) => s.comments.includes('hartslag'));
    await A.value('accounts.disable', { id: account.id });
    await stream.endedByServer();
  });

  it('refuses a request without a session: 401, no stream, nothing subscribed', async () => {
    const listeners = core.changes.listenerCount;
    const streams = server.openEventStreams;
    const anonymous = await EventStream.open(server.port, { Origin: `http://127.0.0.1:${server.port}` });
    await anonymous.endedByServer();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(anonymous.body).error).toEqual({ code: 'UNAUTHENTICATED', message: t('accounts.notSignedIn') });
    const forged = await EventStream.open(server.port, { Origin: `http://127.0.0.1:${server.port}`, Cookie: `advieswerk_sessie_${server.port}=verzonnen` });
    await forged.endedByServer();
    expect(forged.status).toBe(401);
    expect(core.changes.listenerCount).toBe(listeners);
    expect(server.openEventStreams).toBe(streams);
  });

  it('leaves no listener behind once clients go away', async () => {
    for (const stream of open.splice(0)) stream.close();
    await vi.waitFor(() => expect(server.openEventStreams).toBe(0));
    const baseline = core.changes.listenerCount;
    const streams = await Promise.all([B.events(), C.events(), A.events()]);
    await Promise.all(streams.map((stream) => stream.next('ready')));
    expect(server.openEventStreams).toBe(3);
    expect(core.changes.listenerCount).toBe(baseline + 3);
    for (const stream of streams) stream.close();
    await vi.waitFor(() => expect(server.openEventStreams).toBe(0));
    expect(core.changes.listenerCount).toBe(baseline);
    // A write after they left goes nowhere and breaks nothing.
    await B.value('findings.create', { text: 'Na het vertrek' });
  });
});

describe('presence: who else has an advice open', () => {
  it('each member sees the others, a change in who is there is announced (topic only), leaving is seen at once', async () => {
    const advice = await C.value('advices.create', { kind: 'ongevraagd', betreft: 'Samen open' });
    const bertStream = await track(B.events());
    await bertStream.next('ready');
    const seen = bertStream.events.length;
    const stored = await storeFingerprint(core);
    expect(await C.value('presence.enter', { adviceId: advice.id })).toEqual({ viewers: [] });
    const arrived = await bertStream.next('change', seen);
    expect(JSON.parse(arrived.data)).toEqual({ topic: 'presence', method: 'presence.enter' });
    expect(bertStream.body).not.toContain('Carla');
    expect(await B.value('presence.enter', { adviceId: advice.id })).toEqual({ viewers: [{ accountId: expect.any(String), name: carla.name }] });
    expect(await C.value('presence.list', { adviceId: advice.id })).toEqual({ viewers: [{ accountId: expect.any(String), name: bert.name }] });
    // A renewal announces nothing: the next event Bert's stream gets is Carla leaving.
    const before = bertStream.events.length;
    await C.value('presence.enter', { adviceId: advice.id });
    expect(await C.value('presence.leave', { adviceId: advice.id })).toEqual({ left: true });
    const left = await bertStream.next('change', before);
    expect(JSON.parse(left.data)).toEqual({ topic: 'presence', method: 'presence.leave' });
    expect(await B.value('presence.list', { adviceId: advice.id })).toEqual({ viewers: [] });
    // Nothing of it in the database: presence is memory only.
    expect(await storeFingerprint(core)).toEqual(stored);
  });

  it('refuses an advice that does not exist, and is empty on one computer', async () => {
    const reply = await B.call('presence.enter', { adviceId: '01900000-0000-7000-8000-000000000999' });
    expect(reply.status).toBe(404);
    const advice = await C.value('advices.create', { kind: 'ongevraagd', betreft: 'Alleen hier' });
    await C.value('presence.enter', { adviceId: advice.id });
    // Browser mode (no accounts) on the same core: nobody else can have it open there.
    expect(await core.value('presence.list', { adviceId: advice.id })).toEqual({ viewers: [] });
    expect(await core.value('presence.enter', { adviceId: advice.id })).toEqual({ viewers: [] });
  });
});

describe('GET /api/events in browser mode', () => {
  const TOKEN = 'live-test-token-0123456789abcdef';
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost({ core, token: TOKEN, port: 0 });
  });
  afterAll(() => host.close());

  it('is authenticated like every call: the launch-token cookie or bearer token, else 401', async () => {
    const refused = await EventStream.open(host.port, {});
    await refused.endedByServer();
    expect(refused.status).toBe(401);
    const byCookie = await track(EventStream.open(host.port, { Cookie: `advieswerk_token_${host.port}=${TOKEN}` }));
    await byCookie.next('ready');
    const byBearer = await track(EventStream.open(host.port, { Authorization: `Bearer ${TOKEN}` }));
    await byBearer.next('ready');
    // One core, one feed: a write through the council server reaches browser mode's streams too.
    await B.value('findings.create', { text: 'Nog een' });
    expect((await byCookie.next('change')).data).toBe(JSON.stringify({ topic: 'findings', method: 'findings.create' }));
    await byBearer.next('change');
  });
});

describe('shutdown', () => {
  it('drain ends every open stream at once, so it never waits for them', async () => {
    const host = await startHost({ core, port: 0, council: { log: () => {} } });
    const member = new Member(host.port);
    await member.login(carla.login, carla.password);
    const streams = await Promise.all([member.events(), member.events()]);
    await Promise.all(streams.map((stream) => stream.next('ready')));
    const listeners = core.changes.listenerCount;
    await host.drain();
    await Promise.all(streams.map((stream) => stream.endedByServer()));
    expect(host.openEventStreams).toBe(0);
    expect(core.changes.listenerCount).toBe(listeners - 2);
  });

  it('close ends them too', async () => {
    const host = await startHost({ core, token: 'nog-een-token-0123456789', port: 0 });
    const stream = await EventStream.open(host.port, { Authorization: 'Bearer nog-een-token-0123456789' });
    await stream.next('ready');
    await host.close();
    await stream.endedByServer();
    expect(host.openEventStreams).toBe(0);
  });
});
