import { describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import type { ApiError } from '../../../shared/result';
import { CoreConnection, RestartBudget } from '../../../electron/main/core-connection';
import type { MainToCoreMessage } from '../../../electron/core-process/protocol';

const STOPPED = 'De achtergrondverwerking stopte.';
const status: JobStatus = { id: 'j1', kind: 'backup', state: 'done', done: 3, total: 3, message: 'Klaar.', startedAt: '2025-01-01T00:00:00.000Z' };

function setup(postMessage?: (message: MainToCoreMessage) => void) {
  const sent: MainToCoreMessage[] = [];
  const jobEvents: JobStatus[] = [];
  const failures: ApiError[] = [];
  let readyCount = 0;
  const connection = new CoreConnection(
    { postMessage: postMessage ?? ((message) => sent.push(message)) },
    { onJobEvent: (s) => jobEvents.push(s), onReady: () => readyCount++, onFailed: (e) => failures.push(e) },
    STOPPED,
  );
  return { connection, sent, jobEvents, failures, readyCount: () => readyCount };
}

function requestIds(sent: MainToCoreMessage[]): number[] {
  return sent.flatMap((message) => (message.type === 'request' ? [message.id] : []));
}

describe('CoreConnection', () => {
  it('sends each request with a fresh id, method and input', () => {
    const { connection, sent } = setup();
    void connection.request('system.info', {});
    void connection.request('wijken.list', { search: 'Oost' });
    expect(sent).toEqual([
      { type: 'request', id: 1, method: 'system.info', input: {} },
      { type: 'request', id: 2, method: 'wijken.list', input: { search: 'Oost' } },
    ]);
  });

  it('matches answers to callers by id, in whatever order they arrive', async () => {
    const { connection, sent } = setup();
    const first = connection.request('a', {});
    const second = connection.request('b', {});
    const [idA, idB] = requestIds(sent);
    connection.handleMessage({ type: 'response', id: idB, result: { ok: true, value: 'B' } });
    connection.handleMessage({ type: 'response', id: idA, result: { ok: false, error: { code: 'NOT_FOUND', message: 'weg' } } });
    await expect(second).resolves.toEqual({ ok: true, value: 'B' });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'weg' } });
    expect(connection.pendingCount).toBe(0);
  });

  it('ignores answers to unknown or already answered ids, and malformed messages', async () => {
    const { connection, sent } = setup();
    const pending = connection.request('a', {});
    const [id] = requestIds(sent);
    connection.handleMessage({ type: 'response', id: 999, result: { ok: true, value: 'wrong' } });
    connection.handleMessage({ type: 'response', id, result: 'not an envelope' });
    connection.handleMessage({ type: 'surprise' });
    connection.handleMessage(null);
    expect(connection.pendingCount).toBe(1);
    connection.handleMessage({ type: 'response', id, result: { ok: true, value: 'right' } });
    connection.handleMessage({ type: 'response', id, result: { ok: true, value: 'again' } });
    await expect(pending).resolves.toEqual({ ok: true, value: 'right' });
  });

  it('forwards job events and reports ready or failed', () => {
    const { connection, jobEvents, readyCount } = setup();
    connection.handleMessage({ type: 'ready' });
    connection.handleMessage({ type: 'job-event', status });
    expect(connection.state).toBe('ready');
    expect(readyCount()).toBe(1);
    expect(jobEvents).toEqual([status]);

    const other = setup();
    other.connection.handleMessage({ type: 'failed', error: { code: 'IO', message: 'Database vergrendeld' } });
    expect(other.connection.state).toBe('failed');
    expect(other.failures).toEqual([{ code: 'IO', message: 'Database vergrendeld' }]);
  });

  it('settles every open request when the process exits, and fails later ones at once', async () => {
    const { connection, sent } = setup();
    const open = [connection.request('a', {}), connection.request('b', {})];
    connection.handleExit();
    for (const result of await Promise.all(open)) expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: STOPPED } });
    const sentBefore = sent.length;
    await expect(connection.request('c', {})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: STOPPED } });
    expect(sent).toHaveLength(sentBefore);
  });

  it('turns a failing postMessage into an error envelope', async () => {
    const { connection } = setup(() => {
      throw new Error('could not be cloned');
    });
    const result = await connection.request('a', { fn: () => 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('could not be cloned');
    expect(connection.pendingCount).toBe(0);
  });

  it('shuts down cleanly when the core answers closed', async () => {
    const { connection, sent } = setup();
    const open = connection.request('a', {});
    const closing = connection.shutdown(1000);
    expect(sent.at(-1)).toEqual({ type: 'shutdown' });
    await expect(connection.request('late', {})).resolves.toMatchObject({ ok: false });
    connection.handleMessage({ type: 'closed' });
    await expect(closing).resolves.toBe(true);
    await expect(open).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('gives up on shutdown after the timeout', async () => {
    vi.useFakeTimers();
    try {
      const { connection } = setup();
      const closing = connection.shutdown(5000);
      vi.advanceTimersByTime(5001);
      await expect(closing).resolves.toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats exit during shutdown as closed', async () => {
    const { connection } = setup();
    const closing = connection.shutdown(1000);
    connection.handleExit();
    await expect(closing).resolves.toBe(true);
  });
});

describe('RestartBudget', () => {
  it('allows a few restarts, then stops a crash loop', () => {
    const budget = new RestartBudget(3, 60_000);
    expect([0, 1000, 2000].map((t) => budget.allowRestart(t))).toEqual([true, true, true]);
    expect(budget.allowRestart(3000)).toBe(false);
  });

  it('forgets crashes older than its window', () => {
    const budget = new RestartBudget(2, 10_000);
    expect(budget.allowRestart(0)).toBe(true);
    expect(budget.allowRestart(1000)).toBe(true);
    expect(budget.allowRestart(20_000)).toBe(true);
    expect(budget.allowRestart(21_000)).toBe(true);
    expect(budget.allowRestart(22_000)).toBe(false);
  });
});
