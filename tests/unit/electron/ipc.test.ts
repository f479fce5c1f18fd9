import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { ok, type Result } from '../../../shared/result';
import { registerApiHandlers, type ForwardToCore } from '../../../electron/main/ipc';
import { APP_ENTRY_URL } from '../../../electron/main/security';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    ipcMain: {
      handle(channel: string, handler: Handler) {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        handlers.delete(channel);
      },
    },
  };
}

function eventFrom(url: string | null) {
  return { senderFrame: url === null ? null : { url } };
}

function setup() {
  const calls: Array<{ method: string; input: unknown }> = [];
  const forward: ForwardToCore = async (method, input) => {
    calls.push({ method, input });
    return ok({ answeredBy: method }) as Result<unknown>;
  };
  const { ipcMain, handlers } = fakeIpcMain();
  const unregister = registerApiHandlers(ipcMain as never, METHOD_NAMES, forward);
  return { calls, handlers, unregister };
}

describe('registerApiHandlers', () => {
  it('registers one api: handler per contract method and nothing else', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map((method) => `api:${method}`).sort());
  });

  it('forwards calls from the app frame and returns the core envelope unchanged', async () => {
    const { handlers, calls } = setup();
    const result = await handlers.get('api:wijken.list')!(eventFrom(`${APP_ENTRY_URL}#/wijken`), { search: 'Noord' });
    expect(result).toEqual({ ok: true, value: { answeredBy: 'wijken.list' } });
    expect(calls).toEqual([{ method: 'wijken.list', input: { search: 'Noord' } }]);
  });

  it.each([['https://evil.example/'], ['file:///tmp/x.html'], ['about:blank'], [null]])(
    'rejects calls from frame %s without reaching the core',
    async (url) => {
      const { handlers, calls } = setup();
      await expect(handlers.get('api:system.info')!(eventFrom(url), {})).rejects.toThrow(/Geweigerd/);
      expect(calls).toEqual([]);
    },
  );

  it('treats a frame that throws on access as untrusted', async () => {
    const { handlers, calls } = setup();
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    await expect(handlers.get('api:system.info')!(disposed, {})).rejects.toThrow(/Geweigerd/);
    expect(calls).toEqual([]);
  });

  it('removes its handlers again', () => {
    const { handlers, unregister } = setup();
    unregister();
    expect(handlers.size).toBe(0);
  });
});
