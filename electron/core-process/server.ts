import type { JobStatus } from '../../shared/api/jobs';
import { t } from '../../shared/i18n';
import { AppError, fail, type ApiError, type Result } from '../../shared/result';
import { isMainToCoreMessage, type CoreToMainMessage } from './protocol';

/** The part of `Core` the process serves; narrow so tests can stand in for it. */
export interface ServedCore {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onJobEvent(listener: (status: JobStatus) => void): () => void;
  close(): Promise<void>;
}

export interface CoreProcessServerOptions {
  openCore(): Promise<ServedCore>;
  post(message: CoreToMainMessage): void;
  exit(code: number): void;
  log?(message: string, error?: unknown): void;
}

export interface CoreProcessServer {
  /** Opens the core and reports `ready` or `failed`; resolves when that is sent. */
  start(): Promise<void>;
  /** Handles one message from the main process; resolves when it has been answered. */
  handle(message: unknown): Promise<void>;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const details = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `${t('errors.internal')} (${details})` };
}

/**
 * The core process's side of the wire. Requests that arrive while the core is still opening
 * wait for it; if opening failed, each is answered with that failure so the renderer can show
 * why instead of hanging.
 */
export function createCoreProcessServer(options: CoreProcessServerOptions): CoreProcessServer {
  const log = options.log ?? ((message, error) => console.error(`[advieswerk core] ${message}`, error ?? ''));
  let opening: Promise<{ ok: true; core: ServedCore } | { ok: false; error: ApiError }> | null = null;
  let unsubscribe: (() => void) | null = null;
  let shuttingDown = false;

  function open() {
    opening ??= options.openCore().then(
      (core) => {
        unsubscribe = core.onJobEvent((status) => options.post({ type: 'job-event', status }));
        return { ok: true as const, core };
      },
      (error: unknown) => {
        log('opening the core failed', error);
        return { ok: false as const, error: toApiError(error) };
      },
    );
    return opening;
  }

  async function answer(id: number, method: string, input: unknown): Promise<void> {
    const opened = await open();
    let result: Result<unknown>;
    if (!opened.ok) result = { ok: false, error: opened.error };
    else if (shuttingDown) result = fail('INTERNAL', t('errors.internal'));
    else {
      try {
        result = await opened.core.call(method, input);
      } catch (error) {
        // dispatch() never throws; this guards the wire should that ever change.
        log(`${method} threw`, error);
        result = fail('INTERNAL', t('errors.internal'));
      }
    }
    options.post({ type: 'response', id, result });
  }

  async function shutdown(): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    const opened = await open();
    if (opened.ok) {
      unsubscribe?.();
      try {
        await opened.core.close();
      } catch (error) {
        log('closing the core failed', error);
      }
    }
    options.post({ type: 'closed' });
    options.exit(0);
  }

  return {
    async start() {
      const opened = await open();
      options.post(opened.ok ? { type: 'ready' } : { type: 'failed', error: opened.error });
    },
    async handle(message) {
      if (!isMainToCoreMessage(message)) {
        log('ignored a malformed message');
        return;
      }
      if (message.type === 'shutdown') await shutdown();
      else await answer(message.id, message.method, message.input);
    },
  };
}
