import { useEffect } from 'react';
import type { LiveEvent } from '../../../shared/api/client';
import type { MethodName } from '../../../shared/api/contract';
import { api } from '../api';
import { invalidateAfterWrites, queryClient } from './queries';

/**
 * Live updates (issue 14): what other members change appears on every open screen without a reload.
 * The server announces each write as a server-sent event (`GET /api/events`, docs/server.md "Live");
 * this refetches the queries it touches, through the same mapping as one's own writes
 * (`invalidateAfterWrites` in queries.ts), and everything after a `reset` (a gap the server could not
 * fill). Events that arrive together (a catch-up after reconnecting) are refetched once.
 *
 * Only over HTTP (browser mode, the council server): in the Electron app the transport has no live
 * events, and nothing happens. A refetch replaces cached data only; forms keep what is typed (their
 * values are their own once the form is open, and an autosaving field keeps its unsaved draft).
 */
export function subscribeToLiveUpdates(): () => void {
  const pending = new Set<MethodName>();
  let everything = false;
  let flush: ReturnType<typeof setTimeout> | null = null;

  const refetch = () => {
    flush = null;
    if (everything) void queryClient.invalidateQueries();
    else void invalidateAfterWrites(pending);
    everything = false;
    pending.clear();
  };
  const off = api.onLiveEvent((event: LiveEvent) => {
    if (event.kind === 'reset') everything = true;
    else pending.add(event.method);
    flush ??= setTimeout(refetch, 0);
  });
  return () => {
    off();
    if (flush) clearTimeout(flush);
  };
}

/** Mounted once, in the app shell: keeps what the screens show in step with the other members. */
export function useLiveUpdates(): void {
  useEffect(() => subscribeToLiveUpdates(), []);
}
