import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { createClient } from '../../../shared/api/client';
import { createPreloadBridge, type BridgeIpc } from '../../../electron/preload/bridge';
import { JOB_EVENT_CHANNEL } from '../../../electron/preload/channels';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records what the bridge asks of ipcRenderer. */
function fakeIpc() {
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Listener[]>();
  const ipc = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return { ok: true, value: { channel } };
    },
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipc;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((candidate) => candidate !== listener));
      return ipc;
    },
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'raw ipcRenderer' }, ...args);
  };
  return { ipc: ipc as unknown as BridgeIpc, invoked, listeners, emit };
}

const status: JobStatus = { id: 'j1', kind: 'backup', state: 'running', done: 1, total: 4, message: '25%', startedAt: '2025-01-01T00:00:00.000Z' };

describe('createPreloadBridge', () => {
  it('exposes exactly request and onJobEvent', () => {
    const bridge = createPreloadBridge(fakeIpc().ipc, METHOD_NAMES);
    expect(Object.keys(bridge).sort()).toEqual(['onJobEvent', 'request']);
  });

  it('forwards every contract method to its own api: channel with the input', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createPreloadBridge(ipc, METHOD_NAMES);
    for (const method of METHOD_NAMES) {
      const result = await bridge.request(method, { probe: method });
      expect(result).toEqual({ ok: true, value: { channel: `api:${method}` } });
    }
    expect(invoked.map((call) => call.channel)).toEqual(METHOD_NAMES.map((method) => `api:${method}`));
    expect(invoked[0]!.args).toEqual([{ probe: METHOD_NAMES[0] }]);
  });

  it.each(['jobs:event', 'constructor', '__proto__', 'toString', 'system.info ', '../system.info', 'api:system.info', ''])(
    'answers NOT_FOUND for %j without touching IPC',
    async (method) => {
      const { ipc, invoked } = fakeIpc();
      const result = await createPreloadBridge(ipc, METHOD_NAMES).request(method, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
      expect(invoked).toEqual([]);
    },
  );

  it('refuses a non-string method name', async () => {
    const { ipc, invoked } = fakeIpc();
    const result = await createPreloadBridge(ipc, METHOD_NAMES).request({ toString: () => 'system.info' } as unknown as string, {});
    expect(result.ok).toBe(false);
    expect(invoked).toEqual([]);
  });

  it('delivers job events without the IPC event, and stops after unsubscribe', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createPreloadBridge(ipc, METHOD_NAMES);
    const received: unknown[][] = [];
    const unsubscribe = bridge.onJobEvent((...args: unknown[]) => received.push(args));
    emit(JOB_EVENT_CHANNEL, status);
    expect(received).toEqual([[status]]);

    unsubscribe();
    emit(JOB_EVENT_CHANNEL, status);
    expect(received).toHaveLength(1);
    expect(listeners.get(JOB_EVENT_CHANNEL)).toEqual([]);
  });

  it('keeps subscriptions independent', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createPreloadBridge(ipc, METHOD_NAMES);
    const first: JobStatus[] = [];
    const second: JobStatus[] = [];
    const offFirst = bridge.onJobEvent((s) => first.push(s));
    bridge.onJobEvent((s) => second.push(s));
    offFirst();
    emit(JOB_EVENT_CHANNEL, status);
    expect(first).toEqual([]);
    expect(second).toEqual([status]);
  });

  it('serves as the Transport of the shared API client', async () => {
    const { ipc, invoked } = fakeIpc();
    const client = createClient(createPreloadBridge(ipc, METHOD_NAMES));
    await client.request('system.info');
    expect(invoked).toEqual([{ channel: 'api:system.info', args: [{}] }]);
  });
});
