import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import { AppError, ok, type Result } from '../../../shared/result';
import {
  encodeCoreProcessArgs,
  isCoreToMainMessage,
  isMainToCoreMessage,
  parseCoreProcessArgs,
  type CoreToMainMessage,
} from '../../../electron/core-process/protocol';
import { createCoreProcessServer, type ServedCore } from '../../../electron/core-process/server';
import { CoreConnection } from '../../../electron/main/core-connection';

const status: JobStatus = { id: 'j1', kind: 'backup', state: 'running', done: 0, total: 0, message: '', startedAt: '2025-01-01T00:00:00.000Z' };

/** A core that echoes the method and lets the test fire job events and control timing. */
function fakeCore() {
  const listeners = new Set<(status: JobStatus) => void>();
  const state = { closed: false, calls: [] as string[] };
  const core: ServedCore = {
    async call(method, input) {
      state.calls.push(method);
      if (method === 'slow') await new Promise((resolve) => setTimeout(resolve, 20));
      if (method === 'throws') throw new Error('boom');
      return ok({ method, input }) as Result<unknown>;
    },
    onJobEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      state.closed = true;
    },
  };
  return { core, state, emitJob: (s: JobStatus) => listeners.forEach((listener) => listener(s)), listenerCount: () => listeners.size };
}

function server(openCore: () => Promise<ServedCore>) {
  const posted: CoreToMainMessage[] = [];
  const exits: number[] = [];
  const logs: string[] = [];
  const instance = createCoreProcessServer({
    openCore,
    post: (message) => posted.push(message),
    exit: (code) => exits.push(code),
    log: (message) => logs.push(message),
  });
  return { instance, posted, exits, logs };
}

describe('core process arguments', () => {
  it('round-trips the configuration, paths with spaces included', () => {
    const config = { databasePath: 'C:\\Users\\Jan de Vries\\AppData\\Roaming\\Advieswerk\\advieswerk.sqlite', nativeBinding: '/x/better_sqlite3.node', jobWorkerPath: '/x/worker.mjs' };
    expect(parseCoreProcessArgs(['/electron', '--inspect=0', ...encodeCoreProcessArgs(config)])).toEqual(config);
  });

  it('leaves out optional paths that were not given', () => {
    expect(parseCoreProcessArgs(encodeCoreProcessArgs({ databasePath: '/db.sqlite' }))).toEqual({ databasePath: '/db.sqlite' });
  });

  it('refuses a missing or malformed configuration', () => {
    expect(() => parseCoreProcessArgs(['/electron'])).toThrow(/configuration/);
    expect(() => parseCoreProcessArgs(['--advieswerk-core-config={"databasePath":""}'])).toThrow(/databasePath/);
    expect(() => parseCoreProcessArgs(['--advieswerk-core-config={"databasePath":"/d","nativeBinding":5}'])).toThrow(/nativeBinding/);
    expect(() => parseCoreProcessArgs(['--advieswerk-core-config=not json'])).toThrow();
  });
});

describe('message guards', () => {
  it('accept well-formed messages and reject the rest', () => {
    expect(isMainToCoreMessage({ type: 'request', id: 1, method: 'system.info', input: {} })).toBe(true);
    expect(isMainToCoreMessage({ type: 'shutdown' })).toBe(true);
    expect(isMainToCoreMessage({ type: 'request', id: 0, method: 'x' })).toBe(false);
    expect(isMainToCoreMessage({ type: 'request', id: 1.5, method: 'x' })).toBe(false);
    expect(isMainToCoreMessage({ type: 'request', id: 1 })).toBe(false);
    expect(isMainToCoreMessage('shutdown')).toBe(false);

    expect(isCoreToMainMessage({ type: 'response', id: 3, result: { ok: true, value: 1 } })).toBe(true);
    expect(isCoreToMainMessage({ type: 'job-event', status })).toBe(true);
    expect(isCoreToMainMessage({ type: 'failed', error: { code: 'IO', message: 'x' } })).toBe(true);
    expect(isCoreToMainMessage({ type: 'response', id: 3 })).toBe(false);
    expect(isCoreToMainMessage({ type: 'job-event', status: null })).toBe(false);
    expect(isCoreToMainMessage({ type: 'hello' })).toBe(false);
  });
});

describe('createCoreProcessServer', () => {
  it('reports ready and answers requests with the core envelope under the same id', async () => {
    const { core } = fakeCore();
    const { instance, posted } = server(async () => core);
    await instance.start();
    await instance.handle({ type: 'request', id: 7, method: 'system.info', input: { a: 1 } });
    expect(posted).toEqual([
      { type: 'ready' },
      { type: 'response', id: 7, result: { ok: true, value: { method: 'system.info', input: { a: 1 } } } },
    ]);
  });

  it('opens the core once, however many requests arrive while it opens', async () => {
    let opens = 0;
    const { core } = fakeCore();
    const { instance, posted } = server(async () => {
      opens++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return core;
    });
    await Promise.all([instance.handle({ type: 'request', id: 1, method: 'a', input: {} }), instance.start(), instance.handle({ type: 'request', id: 2, method: 'b', input: {} })]);
    expect(opens).toBe(1);
    expect(posted.filter((m) => m.type === 'response').map((m) => (m.type === 'response' ? m.id : 0)).sort()).toEqual([1, 2]);
  });

  it('answers a quick request before a slow one started earlier', async () => {
    const { core } = fakeCore();
    const { instance, posted } = server(async () => core);
    await instance.start();
    await Promise.all([
      instance.handle({ type: 'request', id: 1, method: 'slow', input: {} }),
      instance.handle({ type: 'request', id: 2, method: 'quick', input: {} }),
    ]);
    expect(posted.flatMap((m) => (m.type === 'response' ? [m.id] : []))).toEqual([2, 1]);
  });

  it('passes the reason on when the core cannot be opened, to start and to every request', async () => {
    const { instance, posted } = server(async () => {
      throw new AppError('IO', 'De database is vergrendeld.');
    });
    await instance.start();
    await instance.handle({ type: 'request', id: 1, method: 'system.info', input: {} });
    expect(posted).toEqual([
      { type: 'failed', error: { code: 'IO', message: 'De database is vergrendeld.' } },
      { type: 'response', id: 1, result: { ok: false, error: { code: 'IO', message: 'De database is vergrendeld.' } } },
    ]);
  });

  it('reports an unexpected opening error as INTERNAL with its details', async () => {
    const { instance, posted } = server(async () => {
      throw new Error('SQLITE_CORRUPT');
    });
    await instance.start();
    const [first] = posted;
    expect(first).toMatchObject({ type: 'failed', error: { code: 'INTERNAL' } });
    expect(first?.type === 'failed' ? first.error.message : '').toContain('SQLITE_CORRUPT');
  });

  it('turns a throwing handler into an INTERNAL envelope instead of a lost request', async () => {
    const { core } = fakeCore();
    const { instance, posted } = server(async () => core);
    await instance.handle({ type: 'request', id: 4, method: 'throws', input: {} });
    expect(posted.at(-1)).toMatchObject({ type: 'response', id: 4, result: { ok: false, error: { code: 'INTERNAL' } } });
  });

  it('forwards job events', async () => {
    const fake = fakeCore();
    const { instance, posted } = server(async () => fake.core);
    await instance.start();
    fake.emitJob(status);
    expect(posted.at(-1)).toEqual({ type: 'job-event', status });
  });

  it('closes the core, unsubscribes, says closed and exits on shutdown', async () => {
    const fake = fakeCore();
    const { instance, posted, exits } = server(async () => fake.core);
    await instance.start();
    await instance.handle({ type: 'shutdown' });
    expect(fake.state.closed).toBe(true);
    expect(fake.listenerCount()).toBe(0);
    expect(posted.at(-1)).toEqual({ type: 'closed' });
    expect(exits).toEqual([0]);
  });

  it('drops malformed messages', async () => {
    const fake = fakeCore();
    const { instance, posted, logs } = server(async () => fake.core);
    await instance.handle({ type: 'request', method: 'system.info' });
    await instance.handle('shutdown');
    expect(posted).toEqual([]);
    expect(fake.state.calls).toEqual([]);
    expect(logs).toHaveLength(2);
  });
});

describe('main and core process wired together', () => {
  it('routes requests and job events end to end', async () => {
    const fake = fakeCore();
    const jobEvents: JobStatus[] = [];
    let deliverToMain: (message: unknown) => void = () => {};
    // structuredClone stands in for the process boundary: only cloneable data crosses it.
    const instance = createCoreProcessServer({
      openCore: async () => fake.core,
      post: (message) => deliverToMain(structuredClone(message)),
      exit: () => {},
    });
    const connection = new CoreConnection(
      { postMessage: (message) => void instance.handle(structuredClone(message)) },
      { onJobEvent: (s) => jobEvents.push(s) },
      'gestopt',
    );
    deliverToMain = (message) => connection.handleMessage(message);

    await instance.start();
    expect(connection.state).toBe('ready');
    const [a, b] = await Promise.all([connection.request('slow', { n: 1 }), connection.request('quick', { n: 2 })]);
    expect(a).toEqual({ ok: true, value: { method: 'slow', input: { n: 1 } } });
    expect(b).toEqual({ ok: true, value: { method: 'quick', input: { n: 2 } } });
    fake.emitJob(status);
    expect(jobEvents).toEqual([status]);
    await expect(connection.shutdown(1000)).resolves.toBe(true);
    expect(fake.state.closed).toBe(true);
  });
});
