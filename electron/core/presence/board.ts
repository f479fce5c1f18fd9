import type { MethodName } from '../../../shared/api/contract';
import { PRESENCE_TTL_MS, type Viewer } from '../../../shared/api/presence';

/** One member may have this many advices open at once; a further one pushes out the oldest (a bound on memory). */
export const MAX_OPEN_PER_ACCOUNT = 20;

interface Entry {
  name: string;
  until: number;
}

/**
 * Who has which advice open (issue 14, presence): in memory, per core, so per council. An entry lasts
 * `PRESENCE_TTL_MS` after the editor last said so; one that is not renewed (a closed laptop) simply
 * expires. `changed` is told when the set of members with an advice open changes, not on renewals:
 * the core announces that on its change feed (topic `presence`), and the editors refetch.
 */
export class PresenceBoard {
  /** adviceId → accountId → entry, in the order they came. */
  private readonly open = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly changed: (accountId: string, method: Extract<MethodName, `presence.${string}`>) => void,
    private readonly now: () => number = Date.now,
  ) {}

  enter(adviceId: string, account: { accountId: string; name: string }): Viewer[] {
    this.prune();
    const viewers = this.open.get(adviceId) ?? new Map<string, Entry>();
    const isNew = !viewers.has(account.accountId);
    viewers.set(account.accountId, { name: account.name, until: this.now() + PRESENCE_TTL_MS });
    this.open.set(adviceId, viewers);
    if (isNew) {
      this.limit(account.accountId);
      this.changed(account.accountId, 'presence.enter');
    }
    return this.others(adviceId, account.accountId);
  }

  leave(adviceId: string, accountId: string): boolean {
    const viewers = this.open.get(adviceId);
    const left = viewers?.delete(accountId) ?? false;
    if (viewers?.size === 0) this.open.delete(adviceId);
    if (left) this.changed(accountId, 'presence.leave');
    return left;
  }

  list(adviceId: string, accountId: string): Viewer[] {
    this.prune();
    return this.others(adviceId, accountId);
  }

  /** How many entries are held (tests). */
  get size(): number {
    let size = 0;
    for (const viewers of this.open.values()) size += viewers.size;
    return size;
  }

  private others(adviceId: string, accountId: string): Viewer[] {
    return [...(this.open.get(adviceId) ?? new Map<string, Entry>())]
      .filter(([id]) => id !== accountId)
      .map(([id, entry]) => ({ accountId: id, name: entry.name }));
  }

  private prune(): void {
    const now = this.now();
    for (const [adviceId, viewers] of this.open) {
      for (const [accountId, entry] of viewers) if (entry.until <= now) viewers.delete(accountId);
      if (viewers.size === 0) this.open.delete(adviceId);
    }
  }

  /** Keeps one account's entries within MAX_OPEN_PER_ACCOUNT, dropping those renewed longest ago. */
  private limit(accountId: string): void {
    const mine: { adviceId: string; until: number }[] = [];
    for (const [adviceId, viewers] of this.open) {
      const entry = viewers.get(accountId);
      if (entry) mine.push({ adviceId, until: entry.until });
    }
    mine.sort((a, b) => a.until - b.until);
    for (const { adviceId } of mine.slice(0, Math.max(0, mine.length - MAX_OPEN_PER_ACCOUNT))) {
      const viewers = this.open.get(adviceId)!;
      viewers.delete(accountId);
      if (viewers.size === 0) this.open.delete(adviceId);
    }
  }
}
