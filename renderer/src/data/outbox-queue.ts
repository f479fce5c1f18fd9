import { openDB, type IDBPDatabase } from 'idb';
import type { MethodInput } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/result';

/**
 * The outbox of live capture (issue 14, "Offline during a meeting"). A point typed during a meeting gets
 * its UUIDv7 at once and is written here FIRST; only then is it sent with `findings.create({ id, … })`.
 * It leaves the outbox only on an answer: acknowledged (the finding exists), or refused for good (a
 * validation error, the meeting deleted meanwhile), and a refused point is kept, marked with the Dutch
 * reason, until the member has seen it. A lost connection, a stopped host or a server that cannot
 * reach its database is no answer: the point stays and is sent again later (backoff, the browser's
 * `online` event, the live stream reconnecting). Sending twice is harmless (the server finds the
 * first by its id), but one sender per browser at a time avoids needless duplicates between tabs.
 *
 * No React here: the decisions (`classifyFailure`, `retryDelay`, `runRound`) are pure and tested on
 * their own; storage and the cross-tab lock are small adapters (IndexedDB via `idb`, `navigator.locks`).
 */

export type FindingCreateInput = MethodInput<'findings.create'>;

export interface OutboxEntry {
  /** The finding's id (UUIDv7, made when the point was typed): also the idempotency key. */
  id: string;
  meetingId: string;
  input: FindingCreateInput & { id: string };
  /** ISO time the point was typed. */
  queuedAt: string;
  state: 'pending' | 'refused';
  /** Set once refused: the server's Dutch message. */
  refusal?: string;
}

/** Where entries are kept; in the browser IndexedDB (`openIndexedDbStore`), in tests a map. */
export interface OutboxStore {
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * A failure that is an answer (the server looked at the point and said no) versus one that is not
 * (it never got there, or could not do its work now). IO is the host unreachable (the transport's own
 * failure), a 503 while it stops, or the database lost; INTERNAL is a 5xx. UNAUTHENTICATED keeps the point
 * too: after signing in again it can still be sent.
 */
export function classifyFailure(error: Pick<ApiError, 'code'>): 'retry' | 'refused' {
  switch (error.code) {
    case 'IO':
    case 'INTERNAL':
    case 'UNAUTHENTICATED':
      return 'retry';
    default:
      return 'refused';
  }
}

export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

/** Wait before the `failures`-th retry in a row (1-based): doubling from 1 s, at most 30 s. */
export function retryDelay(failures: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

/** Oldest first: UUIDv7 ids sort by the moment they were made. */
export function pendingInOrder(entries: OutboxEntry[]): OutboxEntry[] {
  return entries.filter((entry) => entry.state === 'pending').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type RoundOutcome = { kind: 'done' } | { kind: 'unreachable'; error: ApiError };

export interface RoundEvents {
  sent(entry: OutboxEntry): void;
  refused(entry: OutboxEntry): void;
}

/**
 * One sending round: every pending entry in order, until the first failure that is no answer (then the
 * rest waits too: the next would meet the same lost connection). Acknowledged → deleted; refused →
 * kept as `refused` with its message. Runs under the per-browser lock, so the store is read fresh.
 */
export async function runRound(store: OutboxStore, send: (input: OutboxEntry['input']) => Promise<Result<unknown>>, events: RoundEvents): Promise<RoundOutcome> {
  for (const entry of pendingInOrder(await store.all())) {
    const result = await send(entry.input);
    if (result.ok) {
      await store.delete(entry.id);
      events.sent(entry);
      continue;
    }
    if (classifyFailure(result.error) === 'retry') return { kind: 'unreachable', error: result.error };
    const refused: OutboxEntry = { ...entry, state: 'refused', refusal: result.error.message };
    await store.put(refused);
    events.refused(refused);
  }
  return { kind: 'done' };
}

export interface Outbox {
  /** Writes the entry to the store first, then starts sending. Rejects if it could not be stored. */
  add(entry: OutboxEntry): Promise<void>;
  /** Sends what is pending now (a no-op when a round is already running in this tab; it re-reads). */
  flush(): void;
  /**
   * Takes a pending entry back before it is sent (undo): true if it was still pending and is now gone,
   * false if it was sent (or refused) already. Holds the sending lock, so it cannot race a send.
   */
  withdraw(id: string): Promise<boolean>;
  /** Resolves when no round is running in this tab (a retry may still be scheduled). */
  settled(): Promise<void>;
  /** Forgets a refused entry once the member has seen it. */
  dismiss(id: string): Promise<void>;
  entries(): Promise<OutboxEntry[]>;
  /** True since the last round met no server (until one is acknowledged again): "no connection" on screen. */
  unreachable(): boolean;
  /** Called after every change to the store, from this tab or another. */
  subscribe(listener: () => void): () => void;
  onEvent(listener: (event: { kind: 'sent' | 'refused'; entry: OutboxEntry }) => void): () => void;
  close(): void;
}

/** Runs `task` holding the browser-wide lock (all tabs of this origin), one holder at a time. */
export type LockRunner = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * `navigator.locks` where the browser has it (every current one, in a secure context such as loopback
 * or HTTPS); otherwise a lock within this tab only, and idempotency covers the rare second tab.
 */
export function browserLock(name: string): LockRunner {
  // Read off globalThis: this module is also compiled without the DOM library (the Node-side tests).
  const locks = (globalThis as { navigator?: { locks?: { request<T>(name: string, task: () => Promise<T>): Promise<T> } } }).navigator?.locks;
  // The lock is held until the task's promise settles.
  if (locks) return <T>(task: () => Promise<T>) => locks.request(name, task);
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export interface OutboxOptions {
  store: OutboxStore;
  send: (input: OutboxEntry['input']) => Promise<Result<unknown>>;
  lock: LockRunner;
  /** Tells other tabs the store changed (BroadcastChannel); `listen` hears theirs. */
  broadcast?: { post(): void; listen(listener: () => void): () => void };
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, send, lock } = options;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: { kind: 'sent' | 'refused'; entry: OutboxEntry }) => void>();
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let timer: unknown = null;
  let closed = false;

  const changed = (fromHere: boolean) => {
    for (const listener of listeners) listener();
    if (fromHere) options.broadcast?.post();
  };
  const offBroadcast = options.broadcast?.listen(() => changed(false));

  const events: RoundEvents = {
    sent(entry) {
      changed(true);
      for (const listener of eventListeners) listener({ kind: 'sent', entry });
    },
    refused(entry) {
      changed(true);
      for (const listener of eventListeners) listener({ kind: 'refused', entry });
    },
  };

  async function loop(): Promise<void> {
    do {
      again = false;
      const outcome = await lock(() => runRound(store, send, events));
      if (outcome.kind === 'unreachable') {
        failures += 1;
        if (failures === 1) changed(false);
        if (!closed) {
          timer = setTimer(() => {
            timer = null;
            flush();
          }, retryDelay(failures));
        }
        return;
      }
      if (failures > 0) {
        failures = 0;
        changed(false);
      }
    } while (again && !closed);
  }

  function flush(): void {
    if (closed) return;
    // A round already running re-reads the store once more when it ends, so nothing added meanwhile waits.
    if (running) {
      again = true;
      return;
    }
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    running = loop()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
  }

  return {
    async add(entry) {
      await store.put(entry);
      changed(true);
      flush();
    },
    flush,
    withdraw: (id) =>
      lock(async () => {
        const entry = (await store.all()).find((candidate) => candidate.id === id);
        if (!entry || entry.state !== 'pending') return false;
        await store.delete(id);
        changed(true);
        return true;
      }),
    async settled() {
      while (running) await running;
    },
    async dismiss(id) {
      await store.delete(id);
      changed(true);
    },
    entries: () => store.all(),
    unreachable: () => failures > 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer !== null) clearTimer(timer);
      offBroadcast?.();
    },
  };
}

const DB_NAME = 'advieswerk-outbox';
const STORE = 'entries';

/** The outbox in IndexedDB: it survives a reload, closing the browser and a crash. */
export async function openIndexedDbStore(): Promise<OutboxStore> {
  const db: IDBPDatabase = await openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE, { keyPath: 'id' });
    },
  });
  return {
    all: () => db.getAll(STORE) as Promise<OutboxEntry[]>,
    put: async (entry) => {
      await db.put(STORE, entry);
    },
    delete: (id) => db.delete(STORE, id),
  };
}

/** Other tabs of the same browser hear that the outbox changed (no-op where BroadcastChannel is missing). */
export function broadcastChannel(name: string): NonNullable<OutboxOptions['broadcast']> {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, listen: () => () => undefined };
  const channel = new BroadcastChannel(name);
  return {
    post: () => channel.postMessage('changed'),
    listen(listener) {
      channel.addEventListener('message', listener);
      return () => {
        channel.removeEventListener('message', listener);
        channel.close();
      };
    },
  };
}
