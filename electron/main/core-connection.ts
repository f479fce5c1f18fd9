import type { JobStatus } from '../../shared/api/jobs';
import { fail, type ApiError, type Result } from '../../shared/result';
import { isCoreToMainMessage, type MainToCoreMessage } from '../core-process/protocol';

/** How the connection reaches the core process (a `UtilityProcess` in the app, a fake in tests). */
export interface CoreChannel {
  postMessage(message: MainToCoreMessage): void;
}

export interface CoreConnectionEvents {
  onJobEvent(status: JobStatus): void;
  onReady?(): void;
  onFailed?(error: ApiError): void;
}

export type CoreConnectionState = 'starting' | 'ready' | 'failed' | 'closing' | 'exited';

/**
 * The main process's end of the wire to the core process: numbers each request, matches
 * answers to waiting callers, forwards job events, and settles every open request when the
 * process dies, so the renderer always gets an envelope back and never waits forever.
 */
export class CoreConnection {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private currentState: CoreConnectionState = 'starting';
  private readonly closedWaiters: Array<() => void> = [];

  constructor(
    private readonly channel: CoreChannel,
    private readonly events: CoreConnectionEvents,
    /** Dutch message given to callers whose request was lost with the process. */
    private readonly stoppedMessage: string,
  ) {}

  get state(): CoreConnectionState {
    return this.currentState;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  request(method: string, input: unknown): Promise<Result<unknown>> {
    if (this.currentState === 'exited' || this.currentState === 'closing') {
      return Promise.resolve(fail('INTERNAL', this.stoppedMessage));
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.channel.postMessage({ type: 'request', id, method, input });
      } catch (error) {
        // postMessage throws when the input cannot be cloned or the process is gone.
        this.pending.delete(id);
        const details = error instanceof Error ? error.message : String(error);
        resolve(fail('INTERNAL', `${this.stoppedMessage} (${details})`));
      }
    });
  }

  /** Feed every message from the core process in here. Malformed messages are dropped. */
  handleMessage(message: unknown): void {
    if (!isCoreToMainMessage(message)) return;
    switch (message.type) {
      case 'ready':
        if (this.currentState === 'starting') this.currentState = 'ready';
        this.events.onReady?.();
        break;
      case 'failed':
        if (this.currentState === 'starting') this.currentState = 'failed';
        this.events.onFailed?.(message.error);
        break;
      case 'response': {
        const resolve = this.pending.get(message.id);
        if (!resolve) return;
        this.pending.delete(message.id);
        resolve(message.result);
        break;
      }
      case 'job-event':
        this.events.onJobEvent(message.status);
        break;
      case 'closed':
        this.settleAll();
        break;
    }
  }

  /** Call when the process has exited, expectedly or not. */
  handleExit(): void {
    this.currentState = 'exited';
    this.settleAll();
  }

  /**
   * Asks the core to close the database and waits for it to say so or to exit, at most
   * `timeoutMs`; returns whether it closed cleanly.
   */
  shutdown(timeoutMs: number): Promise<boolean> {
    if (this.currentState === 'exited') return Promise.resolve(true);
    this.currentState = 'closing';
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.closedWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      try {
        this.channel.postMessage({ type: 'shutdown' });
      } catch {
        this.handleExit();
      }
    });
  }

  private settleAll(): void {
    for (const resolve of this.pending.values()) resolve(fail('INTERNAL', this.stoppedMessage));
    this.pending.clear();
    for (const waiter of this.closedWaiters.splice(0)) waiter();
  }
}

/**
 * Limits automatic restarts of a crashing core process: a crash loop (say, a corrupt database
 * that kills the process on open) must end in an error message, not a spinning CPU.
 */
export class RestartBudget {
  private readonly crashes: number[] = [];

  constructor(
    private readonly maxRestarts: number,
    private readonly windowMs: number,
  ) {}

  /** Records a crash at `now`; returns whether another restart is allowed. */
  allowRestart(now: number): boolean {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.maxRestarts;
  }
}
