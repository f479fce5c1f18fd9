import { useCallback, useEffect, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { fail, ok, ApiCallError, type Result } from '../../../shared/result';
import { api } from '../api';
import { broadcastChannel, browserLock, createOutbox, openIndexedDbStore, type FindingCreateInput, type Outbox, type OutboxEntry } from './outbox-queue';
import { invalidateAfterWrite } from './queries';

/**
 * The page's one outbox for live capture (outbox-queue.ts says what it guarantees), opened on first use.
 * Sending goes through the typed client; an acknowledged point's list is refetched BEFORE it leaves the
 * outbox, so it moves from "nog niet verzonden" to a normal entry without disappearing in between.
 */
let opening: Promise<Outbox> | null = null;

export function getOutbox(): Promise<Outbox> {
  opening ??= openIndexedDbStore().then((store) => {
    const outbox = createOutbox({
      store,
      lock: browserLock('advieswerk-outbox'),
      broadcast: broadcastChannel('advieswerk-outbox'),
      async send(input): Promise<Result<unknown>> {
        try {
          const finding = await api.call('findings.create', input);
          await invalidateAfterWrite('findings.create');
          return ok(finding);
        } catch (error) {
          if (error instanceof ApiCallError) return { ok: false, error: error.error };
          // Not an answer from the server (a bug on this side): keep the point and try again later.
          return fail('INTERNAL', error instanceof Error ? error.message : String(error));
        }
      },
    });
    // Sent again when the browser is back online, and when the live stream finds the server again
    // (a `reset` follows every reconnect to a restarted server); otherwise the backoff timer does it.
    window.addEventListener('online', () => outbox.flush());
    api.onLiveEvent((event) => {
      if (event.kind === 'reset') outbox.flush();
    });
    // Whatever an earlier visit left unsent (the browser closed while offline).
    outbox.flush();
    return outbox;
  });
  return opening;
}

export interface MeetingOutbox {
  /** Not yet sent, oldest first. */
  pending: OutboxEntry[];
  /** The last try met no server: the points wait on this computer. */
  unreachable: boolean;
  /** Refused by the server, with its message, until dismissed. */
  refused: OutboxEntry[];
  /** Stores the point (with a new UUIDv7) and starts sending it; resolves with its id once stored. */
  add(input: Omit<FindingCreateInput, 'id' | 'meetingId'>): Promise<string>;
  /** Undo of a point not yet sent: true if it was taken back before sending. */
  withdraw(id: string): Promise<boolean>;
  dismiss(id: string): Promise<void>;
}

/**
 * Live capture's view of the outbox for one meeting; `onEvent` hears this tab's points being
 * acknowledged or refused (to say so in the status line).
 */
export function useMeetingOutbox(meetingId: string, onEvent?: (event: { kind: 'sent' | 'refused'; entry: OutboxEntry }) => void): MeetingOutbox {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [unreachable, setUnreachable] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const offs: (() => void)[] = [];
    void getOutbox().then((outbox) => {
      if (cancelled) return;
      const read = () => {
        setUnreachable(outbox.unreachable());
        void outbox.entries().then((all) => {
          if (!cancelled) setEntries(all.filter((entry) => entry.meetingId === meetingId).sort((a, b) => (a.id < b.id ? -1 : 1)));
        });
      };
      offs.push(outbox.subscribe(read));
      read();
    });
    return () => {
      cancelled = true;
      for (const off of offs) off();
    };
  }, [meetingId]);

  useEffect(() => {
    if (!onEvent) return;
    let off: (() => void) | null = null;
    let cancelled = false;
    void getOutbox().then((outbox) => {
      if (!cancelled) off = outbox.onEvent((event) => event.entry.meetingId === meetingId && onEvent(event));
    });
    return () => {
      cancelled = true;
      off?.();
    };
  }, [meetingId, onEvent]);

  const add = useCallback(
    async (input: Omit<FindingCreateInput, 'id' | 'meetingId'>) => {
      const id = uuidv7();
      const outbox = await getOutbox();
      await outbox.add({ id, meetingId, input: { ...input, id, meetingId }, queuedAt: new Date().toISOString(), state: 'pending' });
      return id;
    },
    [meetingId],
  );
  const withdraw = useCallback(async (id: string) => (await getOutbox()).withdraw(id), []);
  const dismiss = useCallback(async (id: string) => (await getOutbox()).dismiss(id), []);

  return {
    pending: entries.filter((entry) => entry.state === 'pending'),
    refused: entries.filter((entry) => entry.state === 'refused'),
    unreachable,
    add,
    withdraw,
    dismiss,
  };
}
