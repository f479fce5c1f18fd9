import { createClient, type ApiClient, type Transport } from '../../shared/api/client';
import type { JobStatus } from '../../shared/api/jobs';
import { fail, type Result } from '../../shared/result';
import { t } from '../../shared/i18n';

declare global {
  interface Window {
    /** Present in the Electron app: the preload's bridge to the main process. */
    advieswerk?: Transport;
  }
}

/** Browser mode: the loopback host, authenticated by the HttpOnly cookie it set on first visit. */
function httpTransport(): Transport {
  return {
    async request(method, input): Promise<Result<unknown>> {
      try {
        const response = await fetch(`api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<unknown>;
      } catch (error) {
        return fail('IO', t('errors.io', { details: error instanceof Error ? error.message : String(error) }));
      }
    },
    onJobEvent(listener) {
      const source = new EventSource('api/events');
      const onJob = (event: MessageEvent<string>) => listener(JSON.parse(event.data) as JobStatus);
      source.addEventListener('job', onJob);
      return () => source.close();
    },
  };
}

export const api: ApiClient = createClient(window.advieswerk ?? httpTransport());
