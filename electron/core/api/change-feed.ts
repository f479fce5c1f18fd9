import { randomUUID } from 'node:crypto';
import type { MethodName } from '../../../shared/api/contract';
import { domainOf, isWriteMethod, type ChangeEvent } from '../../../shared/api/live';

/** How many changes a reconnecting client can catch up on; one further back gets a reset. */
export const CHANGE_BUFFER_SIZE = 1000;

/** Catching up from an event id: the changes since then, or `reset` when they are no longer all known. */
export type CatchUp = { changes: ChangeEvent[] } | 'reset';

/**
 * The core's change feed (issue 14, live updates): every successful write publishes one event with the
 * next sequence number; listeners (the HTTP host's event streams) get it at once, and the last
 * `capacity` events are kept so a client that reconnects can catch up. One feed per core, so per
 * database: a council's members never see another council's changes. Events say which method ran on
 * which topic, never what was written.
 *
 * An event's id on the wire is `<run>.<seq>`: `run` is new each time the core starts, so an id from
 * before a restart is recognised as unknown (reset) instead of being mistaken for a recent one.
 */
export class ChangeFeed {
  readonly run = randomUUID();
  private seq = 0;
  private readonly buffer: ChangeEvent[] = [];
  private readonly listeners = new Set<(change: ChangeEvent) => void>();

  constructor(private readonly capacity = CHANGE_BUFFER_SIZE) {}

  /** Publishes a successful call if it was a write; reads publish nothing. */
  published(method: MethodName, actorId: string | null): ChangeEvent | null {
    if (!isWriteMethod(method)) return null;
    return this.announce(method, actorId);
  }

  /**
   * Publishes a change that is no write of council data (who has an advice open): numbered, kept and
   * sent like any other. Only the core calls it, for what it knows changed.
   */
  announce(method: MethodName, actorId: string | null): ChangeEvent {
    const change: ChangeEvent = { seq: ++this.seq, topic: domainOf(method), method, actorId };
    this.buffer.push(change);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const listener of this.listeners) {
      // A listener that throws (a stream gone bad) must not stop the others or the write's answer.
      try {
        listener(change);
      } catch (error) {
        console.error('[advieswerk] change listener failed:', error);
      }
    }
    return change;
  }

  subscribe(listener: (change: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** The id of the newest event (`<run>.<seq>`, seq 0 before any), for a client to start from. */
  get lastId(): string {
    return this.idOf(this.seq);
  }

  idOf(seq: number): string {
    return `${this.run}.${seq}`;
  }

  /**
   * The changes after the event with this id. A reset when the id is from another run of the core, not
   * an id at all, or older than the buffer: the client then refetches everything.
   */
  since(lastEventId: string): CatchUp {
    const dot = lastEventId.lastIndexOf('.');
    const seqText = lastEventId.slice(dot + 1);
    if (dot < 0 || lastEventId.slice(0, dot) !== this.run || !/^\d{1,15}$/.test(seqText)) return 'reset';
    const seq = Number(seqText);
    if (seq > this.seq) return 'reset';
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    // Events seq+1 … this.seq are all still known only if seq+1 is not older than the oldest kept.
    if (seq + 1 < oldest) return 'reset';
    return { changes: this.buffer.filter((change) => change.seq > seq) };
  }
}
