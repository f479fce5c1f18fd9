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

/** Fired when a call finds the session ended (signed out elsewhere, account disabled): the sign-in page returns. */
export const SIGNED_OUT_EVENT = 'advieswerk:afgemeld';

/** In characters: at most 3 UTF-8 bytes each, so well within the browser's 64 KiB for keepalive requests. */
const KEEPALIVE_LIMIT = 16 * 1024;

/** Browser mode: the loopback host, authenticated by the HttpOnly cookie it set on first visit. */
function httpTransport(): Transport {
  return {
    async request(method, input): Promise<Result<unknown>> {
      try {
        const body = JSON.stringify(input ?? {});
        const response = await fetch(`api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body,
          // A save started as the page is left or reloaded (autosave on pagehide) must still arrive;
          // the browser allows that only for small requests (64 KiB in all), so not for uploads.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
        const result = (await response.json()) as Result<unknown>;
        // The council server ended this session (signed out elsewhere, account disabled): back to signing in.
        if (!result.ok && result.error.code === 'UNAUTHENTICATED') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
        return result;
      } catch {
        // The request never got an answer (host stopped, connection lost) or the answer was not ours:
        // the browser's own wording ("Failed to fetch") means nothing to a user.
        return fail('IO', t('errors.hostUnreachable'));
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
