import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';

/**
 * Lets one piece of work (a restore) have the database to itself: calls arriving meanwhile wait
 * until it is done, and it starts only when the calls already in flight have finished. The work
 * itself runs inside a call, so "alone" means one call in flight.
 */
export class MaintenanceGate {
  private inFlight = 0;
  private closed: Promise<void> | null = null;

  /** True while exclusive work runs: background work (the backup schedule) should wait its turn. */
  get busy(): boolean {
    return this.closed !== null;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    this.inFlight += 1;
    try {
      return await call();
    } finally {
      this.inFlight -= 1;
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('CONFLICT', t('backups.busy'));
    let open!: () => void;
    this.closed = new Promise<void>((resolve) => (open = resolve));
    try {
      while (this.inFlight > 1) await new Promise((resolve) => setTimeout(resolve, 5));
      return await work();
    } finally {
      this.closed = null;
      open();
    }
  }
}
