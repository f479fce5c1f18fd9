import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ConnectionChoice, ConnectionState } from '../../shared/desktop-connection';
import type { Result } from '../../shared/result';
import { apiChannel, CONNECTION_CHOOSE_CHANNEL, CONNECTION_GET_CHANNEL } from '../preload/channels';
import { isTrustedSender } from './security';

export type ForwardToCore = (method: string, input: unknown) => Promise<Result<unknown>>;

/** The sender's frame URL, or null when the frame is gone (navigated away or destroyed). */
function senderFrameUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    // Reading a disposed frame throws.
    return null;
  }
}

/**
 * One `api:<method>` handler per contract method, each forwarding to the core. Calls from any
 * frame other than the app's own are refused by rejecting the invoke: that is an attack or a
 * bug, not an API error for the page to display. Returns a function that removes the handlers.
 */
export function registerApiHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  methodNames: readonly string[],
  forward: ForwardToCore,
): () => void {
  const channels = methodNames.map((method) => {
    const channel = apiChannel(method);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = senderFrameUrl(event);
      if (!isTrustedSender(url)) {
        throw new Error(`Geweigerd: ${method} aangeroepen vanuit ${url ?? 'een onbekend frame'}`);
      }
      return forward(method, input);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

export interface ConnectionHandlers {
  state(): ConnectionState;
  /** Checks and keeps the choice (connection-choice.ts). */
  choose(sent: unknown): Promise<Result<ConnectionChoice>>;
  /** After a kept choice: the app goes on locally, or restarts connected to the server. */
  chosen(choice: ConnectionChoice): void;
}

/**
 * The first-start choice's two channels, for the app's own frame only, like the API. A second choice
 * while one is being checked waits for it, so a double click probes and restarts once.
 */
export function registerConnectionHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handlers: ConnectionHandlers): () => void {
  const refuseUntrusted = (event: IpcMainInvokeEvent, channel: string) => {
    const url = senderFrameUrl(event);
    if (!isTrustedSender(url)) throw new Error(`Geweigerd: ${channel} aangeroepen vanuit ${url ?? 'een onbekend frame'}`);
  };
  let running: Promise<Result<ConnectionChoice>> | null = null;
  ipcMain.handle(CONNECTION_GET_CHANNEL, async (event: IpcMainInvokeEvent) => {
    refuseUntrusted(event, CONNECTION_GET_CHANNEL);
    return handlers.state();
  });
  ipcMain.handle(CONNECTION_CHOOSE_CHANNEL, async (event: IpcMainInvokeEvent, sent: unknown) => {
    refuseUntrusted(event, CONNECTION_CHOOSE_CHANNEL);
    if (running) return running;
    running = handlers.choose(sent);
    try {
      const result = await running;
      if (result.ok) handlers.chosen(result.value);
      return result;
    } finally {
      running = null;
    }
  });
  return () => {
    ipcMain.removeHandler(CONNECTION_GET_CHANNEL);
    ipcMain.removeHandler(CONNECTION_CHOOSE_CHANNEL);
  };
}
