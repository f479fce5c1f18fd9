import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { defineHandlers } from '../api/handler';
import { backupPrefixFor, listBackups } from './files';
import { restoreBackup } from './restore';

export const backupsHandlers = defineHandlers({
  // Only this database's backups, even when another database shares the folder.
  'backups.list': async (_input, { maintenance, info }) =>
    maintenance.backupDir ? listBackups(maintenance.backupDir, backupPrefixFor(info.databasePath), maintenance.nativeBinding) : [],
  'backups.create': async (_input, { jobs, maintenance }) => {
    if (!maintenance.backupDir) throw new AppError('CONFLICT', t('backups.noBackupFolder'));
    return jobs.start('backup', { reason: 'handmatig' });
  },
  'backups.restore': async ({ file }, ctx) => restoreBackup(file, ctx),
});
