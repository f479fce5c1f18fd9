import { createClient, type ApiClient, type LiveEvent, type Transport } from '../../shared/api/client';
import { isMethodName } from '../../shared/api/contract';
import type { JobStatus } from '../../shared/api/jobs';
import { domainOf } from '../../shared/api/live';
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

/** After the host refused a stream (a proxy's 502 while the server restarts): the first wait before asking again, then the longest. */
const REOPEN_FIRST_MS = 2_000;
const REOPEN_MAX_MS = 30_000;

/**
 * The page's one `GET /api/events` stream, shared by job progress and live updates, open while anyone
 * listens. The EventSource reconnects by itself after a dropped connection and sends the last event id,
 * so the host catches it up (or says `reset`). It gives up for good on an answer that is not a stream
 * (a proxy's 502 during a restart, 401): `gaveUp` runs (it asks whether the session still holds, so an
 * ended one returns to the sign-in page), then a new one is opened after a pause, and since it cannot
 * catch up, live listeners get a `reset`.
 */
function serverEvents(gaveUp: () => void) {
  const listeners = { job: new Set<(status: JobStatus) => void>(), live: new Set<(event: LiveEvent) => void>() };
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  let reopenDelay = REOPEN_FIRST_MS;

  const emitLive = (event: LiveEvent) => {
    for (const listener of listeners.live) listener(event);
  };

  function open(replacing: boolean): void {
    let missedSome = replacing;
    const next = new EventSource('api/events');
    source = next;
    next.addEventListener('job', (event: MessageEvent<string>) => {
      const status = JSON.parse(event.data) as JobStatus;
      for (const listener of listeners.job) listener(status);
    });
    next.addEventListener('change', (event: MessageEvent<string>) => {
      const { method } = JSON.parse(event.data) as { method?: unknown };
      // The topic is the method's, computed here: one rule on both sides.
      if (typeof method === 'string' && isMethodName(method)) emitLive({ kind: 'change', topic: domainOf(method), method });
    });
    next.addEventListener('reset', () => emitLive({ kind: 'reset' }));
    next.addEventListener('ready', () => {
      reopenDelay = REOPEN_FIRST_MS;
      // A new stream after one that gave up knows nothing of what happened in between.
      if (missedSome) emitLive({ kind: 'reset' });
      missedSome = false;
    });
    next.addEventListener('error', () => {
      if (next.readyState !== EventSource.CLOSED || source !== next) return;
      source = null;
      gaveUp();
      reopenTimer = setTimeout(() => {
        reopenTimer = null;
        if (listeners.job.size + listeners.live.size > 0) open(true);
      }, reopenDelay);
      reopenDelay = Math.min(reopenDelay * 2, REOPEN_MAX_MS);
    });
  }

  function subscribe<L>(set: Set<L>, listener: L): () => void {
    set.add(listener);
    if (!source && !reopenTimer) open(false);
    return () => {
      set.delete(listener);
      if (listeners.job.size + listeners.live.size > 0) return;
      source?.close();
      source = null;
      if (reopenTimer) clearTimeout(reopenTimer);
      reopenTimer = null;
    };
  }

  return {
    onJob: (listener: (status: JobStatus) => void) => subscribe(listeners.job, listener),
    onLive: (listener: (event: LiveEvent) => void) => subscribe(listeners.live, listener),
  };
}

/** Browser mode: the loopback host, authenticated by the HttpOnly cookie it set on first visit. */
function httpTransport(): Transport {
  async function request(method: string, input: unknown): Promise<Result<unknown>> {
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
  }
  // A stream refused: if it is because the session ended, this call's answer says so (SIGNED_OUT_EVENT).
  const events = serverEvents(() => void request('session.current', {}));
  return {
    request,
    onJobEvent: events.onJob,
    onLiveEvent: events.onLive,
  };
}

export const api: ApiClient = createClient(window.advieswerk ?? httpTransport());
