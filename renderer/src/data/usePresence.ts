import { useEffect } from 'react';
import { PRESENCE_RENEW_MS, PRESENCE_TTL_MS, type Viewer } from '../../../shared/api/presence';
import { api } from '../api';
import { NO_ROWS, queryKeyFor, queryClient, useApiQuery } from './queries';

/**
 * Presence (issue 14): while `adviceId` is open here, the server knows (renewed every 20 s, forgotten
 * 60 s after the last renewal, told at once on leaving), and this returns the other members who have
 * it open. A change in who has it open arrives as a live event (topic `presence`) and refetches; one
 * that simply expired shows within a minute. `enabled` only on the council server: on one computer
 * nobody else can have it open.
 */
export function usePresence(adviceId: string, enabled: boolean): Viewer[] {
  useEffect(() => {
    if (!enabled) return;
    const input = { adviceId };
    const enter = () =>
      api.call('presence.enter', input).then(
        (presence) => queryClient.setQueryData(queryKeyFor('presence.list', input), presence),
        // Not knowing who else has it open is no reason to interrupt the editor.
        () => undefined,
      );
    void enter();
    const renew = setInterval(() => void enter(), PRESENCE_RENEW_MS);
    return () => {
      clearInterval(renew);
      void api.request('presence.leave', input);
    };
  }, [adviceId, enabled]);
  const list = useApiQuery('presence.list', { adviceId }, { enabled, refetchInterval: PRESENCE_TTL_MS / 2 });
  return list.data?.viewers ?? NO_ROWS;
}
