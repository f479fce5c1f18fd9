import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';

/** Failed sign-ins counted in a quarter of an hour: five per account, twenty per address. */
const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 20;

/**
 * Slows down guessing: after too many failures for one login name (from anywhere) or from one address
 * (for any name), further attempts are refused until the oldest failure leaves the window. Kept in memory:
 * a restart forgets, which costs an attacker a restart of our server they cannot cause.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  /** Throws when this name or this address is blocked for now. */
  check(login: string, address: string): void {
    const wait = Math.max(this.waitMs(`login:${login}`, PER_ACCOUNT), this.waitMs(`address:${address}`, PER_ADDRESS));
    if (wait > 0) throw new AppError('UNAUTHENTICATED', t('accounts.tooManyAttempts', { minutes: Math.ceil(wait / 60_000) }));
  }

  failed(login: string, address: string): void {
    for (const key of [`login:${login}`, `address:${address}`]) this.failures.set(key, [...this.recent(key), this.now().getTime()]);
  }

  succeeded(login: string): void {
    this.failures.delete(`login:${login}`);
  }

  private recent(key: string): number[] {
    const since = this.now().getTime() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private waitMs(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + WINDOW_MS - this.now().getTime();
  }
}
