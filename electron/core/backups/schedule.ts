import type { JobRunner } from '../jobs/runner';
import { listBackups } from './files';

export interface AutomaticBackupOptions {
  /** After start, so opening the app never waits for a backup. */
  firstDelayMs: number;
  /** How often to check whether today's backup exists yet. */
  checkIntervalMs: number;
}

export const DEFAULT_AUTOMATIC_BACKUPS: AutomaticBackupOptions = { firstDelayMs: 20_000, checkIntervalMs: 3_600_000 };

function hasRegularBackupOn(backupDir: string, prefix: string, day: string, nativeBinding?: string): boolean {
  return listBackups(backupDir, prefix, nativeBinding).some(
    (backup) => backup.readable && backup.takenAt.startsWith(day) && (backup.reason === 'automatisch' || backup.reason === 'handmatig'),
  );
}

/**
 * A backup soon after start and then one a day while the app runs: a backup job (in its worker
 * thread, off the request path) whenever today has none yet. Returns a function that stops it.
 */
export function scheduleAutomaticBackups(
  jobs: JobRunner,
  backupDir: string,
  /** The database's backup name prefix (`backupPrefixFor`): only its own backups count. */
  prefix: string,
  options: AutomaticBackupOptions,
  nativeBinding?: string,
  /** False while the database is being swapped (a restore): the check is simply retried later. */
  mayStart: () => boolean = () => true,
): () => void {
  let interval: NodeJS.Timeout | undefined;
  const check = () => {
    try {
      const today = new Date().toISOString().slice(0, 10);
      const running = jobs.list().some((job) => job.kind === 'backup' && (job.state === 'running' || job.state === 'queued'));
      if (!mayStart()) return;
      if (!running && !hasRegularBackupOn(backupDir, prefix, today, nativeBinding)) jobs.start('backup', { reason: 'automatisch' });
    } catch (error) {
      // A failed check is retried at the next interval; it must never take the app down.
      console.error('[advieswerk] automatic backup check failed:', error);
    }
  };
  const first = setTimeout(() => {
    check();
    interval = setInterval(check, options.checkIntervalMs);
    interval.unref();
  }, options.firstDelayMs);
  first.unref();
  return () => {
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}
