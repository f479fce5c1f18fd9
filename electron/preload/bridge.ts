import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { JobStatus } from '../../shared/api/jobs';
import { t } from '../../shared/i18n';
import { fail, type Result } from '../../shared/result';
import type { DesktopBridge, PreloadBridge } from './bridge-types';
import { apiChannel, CONNECTION_CHOOSE_CHANNEL, CONNECTION_GET_CHANNEL, JOB_EVENT_CHANNEL } from './channels';

/** The slice of `ipcRenderer` the bridge uses; the page never sees any of it. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds the object exposed to the page. Only methods of the contract are forwarded, so a
 * compromised page cannot use the bridge to reach any other IPC channel. The IPC event is never
 * passed to page code: it carries `sender`, which is the raw `ipcRenderer`.
 */
export function createPreloadBridge(ipc: BridgeIpc, methodNames: readonly string[]): PreloadBridge {
  const allowed = new Set(methodNames);
  return {
    request(method: string, input: unknown): Promise<Result<unknown>> {
      if (typeof method !== 'string' || !allowed.has(method)) {
        const shown = typeof method === 'string' ? method.slice(0, 100) : typeof method;
        return Promise.resolve(fail('NOT_FOUND', t('errors.unknownMethod', { method: shown })));
      }
      return ipc.invoke(apiChannel(method), input) as Promise<Result<unknown>>;
    },
    onJobEvent(listener: (status: JobStatus) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onJobEvent verwacht een functie');
      const forward = (_event: IpcRendererEvent, status: JobStatus) => listener(status);
      ipc.on(JOB_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(JOB_EVENT_CHANNEL, forward);
      };
    },
  };
}

/** The first-start choice's two calls; the page's value goes to the main process as it is, to be checked there. */
export function createDesktopBridge(ipc: Pick<BridgeIpc, 'invoke'>): DesktopBridge {
  return {
    getConnection: () => ipc.invoke(CONNECTION_GET_CHANNEL) as ReturnType<DesktopBridge['getConnection']>,
    chooseConnection: (choice: unknown) => ipc.invoke(CONNECTION_CHOOSE_CHANNEL, choice) as ReturnType<DesktopBridge['chooseConnection']>,
  };
}
