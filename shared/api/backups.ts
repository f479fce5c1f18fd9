import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { noInput } from './fields';
import type { JobStatus } from './jobs';

export type BackupReason = 'automatisch' | 'handmatig' | 'voor-migratie' | 'voor-terugzetten';

/** A backup file with a preview of what it holds. */
export interface BackupInfo {
  /** File name inside the backup folder; what `backups.restore` takes. */
  file: string;
  path: string;
  reason: BackupReason;
  takenAt: string;
  sizeBytes: number;
  /** False when the file cannot be read as a database (damaged or not a backup). */
  readable: boolean;
  /** Last applied migration in the backup. */
  schemaVersion: string;
  tables: { table: string; rows: number }[];
  totalRows: number;
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** The copy of the database as it was just before the restore. */
  safetyBackup: string;
  schemaVersion: string;
}

/**
 * A backup to restore: only the NAME of a file from `backups.list`, never a path (no separators,
 * no leading dot). Restoring a file elsewhere is for the CLI, the user's own shell.
 */
const backupFile = z
  .string()
  .min(1, { error: () => t('errors.textRequired') })
  .max(255, { error: () => t('errors.textTooLong', { max: 255 }) })
  .refine((value) => !/[\u0000-\u001F\u007F]/.test(value), { error: () => t('errors.controlCharacters') })
  .refine((value) => (value.endsWith('.sqlite') || value.endsWith('.dump')) && !/[\\/:]/.test(value) && !value.startsWith('.'), { error: () => t('backups.invalidFile') });

export const backupsContract = {
  'backups.list': method<BackupInfo[]>()(noInput),
  'backups.create': method<JobStatus>()(noInput),
  'backups.restore': method<RestoreOutcome>()(z.object({ file: backupFile }).strict()),
};
