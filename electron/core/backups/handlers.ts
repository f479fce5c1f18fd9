import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { defineHandlers } from '../api/handler';
import { listBackups } from './files';
import { restoreBackup } from './restore';

export const backupsHandlers = defineHandlers({
  'backups.list': async (_input, { maintenance }) => (maintenance.backupDir ? listBackups(maintenance.backupDir, maintenance.nativeBinding) : []),
  'backups.create': async (_input, { jobs, maintenance }) => {
    if (!maintenance.backupDir) throw new AppError('CONFLICT', t('backups.noBackupFolder'));
    return jobs.start('backup', { reason: 'handmatig' });
  },
  'backups.restore': async ({ file }, ctx) => restoreBackup(file, ctx),
});
