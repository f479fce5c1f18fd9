import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/result';
import { apiChannel } from '../preload/channels';
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
