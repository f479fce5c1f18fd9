import { beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The shell's pure security decisions are tested in security.test.ts; this checks that the main
 * process actually wires them: every web contents Electron creates gets the navigation guard, the
 * window.open denial and the webview block, and the sandbox is enabled app-wide. Electron itself is
 * replaced by a recording fake, so index.ts runs its top level here without a display.
 */
const recorded = vi.hoisted(() => ({
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  openedExternally: [] as string[],
  switches: new Map<string, string>(),
  /** The button the user picks in the next message box, and the boxes shown. */
  messageBoxChoice: 0,
  messageBoxes: [] as Array<{ buttons: string[]; defaultId: number; cancelId: number }>,
}));

vi.mock('electron', () => {
  const app = {
    enableSandbox: () => {
      recorded.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    commandLine: {
      appendSwitch: (name: string, value: string) => recorded.switches.set(name, value),
    },
    on: (name: string, handler: (...args: unknown[]) => void) => {
      recorded.appHandlers.set(name, handler);
      return app;
    },
    // Never ready: onReady (paths, native module, windows) is not what this test is about.
    whenReady: () => new Promise(() => {}),
    quit: () => {},
    getName: () => 'Advieswerk',
  };
  return {
    app,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes), handle: () => {} },
    shell: { openExternal: async (url: string) => void recorded.openedExternally.push(url), openPath: async () => '' },
    session: { defaultSession: {} },
    BrowserWindow: class {
      static fromWebContents() {
        return null;
      }
    },
    dialog: {
      showErrorBox: () => {},
      showMessageBoxSync: (options: { buttons: string[]; defaultId: number; cancelId: number }) => {
        recorded.messageBoxes.push(options);
        return recorded.messageBoxChoice;
      },
    },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: () => {} },
    utilityProcess: { fork: () => ({}) },
    net: { fetch: async () => new Response('') },
  };
});

type Listener = (...args: unknown[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    listeners,
    openWindow: (url: string) => windowOpenHandler!({ url }),
    contents: {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: typeof windowOpenHandler) => {
        windowOpenHandler = handler;
      },
    },
  };
}

function fire(listener: Listener | undefined, ...args: unknown[]): boolean {
  let prevented = false;
  listener!({ preventDefault: () => (prevented = true), ...(args[1] as object | undefined) }, ...args.slice(0, 1));
  return prevented;
}

beforeAll(async () => {
  await import('../../../electron/main/index');
});

describe('main process wiring of the security guards', () => {
  it('enables the sandbox for every renderer and registers app:// as a secure standard scheme', () => {
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('runs Chromium in Dutch, so native controls such as date fields read dd-mm-jjjj', () => {
    expect(recorded.switches.get('lang')).toBe('nl');
  });

  it('hardens every web contents Electron creates: navigation, redirects, webviews, window.open', () => {
    const created = recorded.appHandlers.get('web-contents-created');
    expect(created).toBeTypeOf('function');
    const fake = fakeWebContents();
    created!({}, fake.contents);

    expect(fire(fake.listeners.get('will-navigate'), 'app://advieswerk/index.html#/instellingen')).toBe(false);
    expect(fire(fake.listeners.get('will-navigate'), 'http://evil.example/')).toBe(true);
    expect(fire(fake.listeners.get('will-navigate'), 'file:///etc/passwd')).toBe(true);
    expect(fire(fake.listeners.get('will-redirect'), 'https://evil.example/')).toBe(true);
    expect(fire(fake.listeners.get('will-attach-webview'))).toBe(true);

    expect(fake.openWindow('app://advieswerk/index.html')).toEqual({ action: 'deny' });
    expect(fake.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(fake.openWindow('https://www.rijksoverheid.nl/')).toEqual({ action: 'deny' });
    // Only the https link went to the system browser, never into a window of the app.
    expect(recorded.openedExternally).toEqual(['https://www.rijksoverheid.nl/']);
  });

  it('asks before a page with unsaved changes is closed or reloaded, with "Blijven" as the safe default', () => {
    const fake = fakeWebContents();
    recorded.appHandlers.get('web-contents-created')!({}, fake.contents);
    const unload = fake.listeners.get('will-prevent-unload');

    recorded.messageBoxChoice = 1;
    expect(fire(unload), 'staying keeps the page').toBe(false);
    recorded.messageBoxChoice = 0;
    expect(fire(unload), 'leaving lets it unload').toBe(true);

    expect(recorded.messageBoxes).toHaveLength(2);
    const box = recorded.messageBoxes[0]!;
    expect(box.buttons).toEqual(['Doorgaan zonder opslaan', 'Blijven']);
    expect(box.defaultId).toBe(1);
    expect(box.cancelId).toBe(1);
  });
});
