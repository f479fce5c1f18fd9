import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { ok, type Result } from '../../../shared/result';
import { registerApiHandlers, registerConnectionHandlers, type ForwardToCore } from '../../../electron/main/ipc';
import { CONNECTION_CHOOSE_CHANNEL, CONNECTION_GET_CHANNEL } from '../../../electron/preload/channels';
import { fail } from '../../../shared/result';
import type { ConnectionChoice } from '../../../shared/desktop-connection';
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

describe('registerConnectionHandlers (the first-start choice)', () => {
  function connectionSetup(answer: (sent: unknown) => Result<ConnectionChoice>) {
    const { ipcMain, handlers } = fakeIpcMain();
    const chosen: ConnectionChoice[] = [];
    const sentToChoose: unknown[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    registerConnectionHandlers(ipcMain as never, {
      state: () => ({ chosen: false }),
      choose: async (sent) => {
        sentToChoose.push(sent);
        await gate;
        return answer(sent);
      },
      chosen: (choice) => void chosen.push(choice),
    });
    return { handlers, chosen, sentToChoose, release };
  }

  it('answers only the app frame', async () => {
    const { handlers, sentToChoose, release } = connectionSetup(() => ok({ mode: 'local' }));
    release();
    expect(await handlers.get(CONNECTION_GET_CHANNEL)!(eventFrom(APP_ENTRY_URL))).toEqual({ chosen: false });
    for (const url of ['https://raad.voorbeeldstad.nl/', null]) {
      await expect(handlers.get(CONNECTION_GET_CHANNEL)!(eventFrom(url))).rejects.toThrow(/Geweigerd/);
      await expect(handlers.get(CONNECTION_CHOOSE_CHANNEL)!(eventFrom(url), { mode: 'local' })).rejects.toThrow(/Geweigerd/);
    }
    expect(sentToChoose).toEqual([]);
  });

  it('a double click checks and acts once; a refused choice changes nothing', async () => {
    const { handlers, chosen, sentToChoose, release } = connectionSetup((sent) =>
      (sent as { mode: string }).mode === 'server' ? ok({ mode: 'server', address: 'https://raad.nl/' }) : fail('VALIDATION', 'Kies een van de twee mogelijkheden.'),
    );
    const first = handlers.get(CONNECTION_CHOOSE_CHANNEL)!(eventFrom(APP_ENTRY_URL), { mode: 'server', address: 'raad.nl' });
    const second = handlers.get(CONNECTION_CHOOSE_CHANNEL)!(eventFrom(APP_ENTRY_URL), { mode: 'server', address: 'raad.nl' });
    release();
    expect(await first).toEqual(ok({ mode: 'server', address: 'https://raad.nl/' }));
    expect(await second).toEqual(await first);
    expect(sentToChoose).toHaveLength(1);
    expect(chosen).toEqual([{ mode: 'server', address: 'https://raad.nl/' }]);

    const refused = await handlers.get(CONNECTION_CHOOSE_CHANNEL)!(eventFrom(APP_ENTRY_URL), { mode: 'elders' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(chosen).toHaveLength(1);
  });
});
