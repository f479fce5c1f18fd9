import path from 'node:path';
import { printResult, type CliCommand } from './commands';

/** `backups` and `restore <file>`: thin adapters over backups.list and backups.restore. */
export const backupCommands: Record<string, CliCommand> = {
  backups: {
    summary: 'toont de back-ups met wat erin staat (JSON)',
    async run(core) {
      return printResult(await core.call('backups.list', {}));
    },
  },
  restore: {
    summary: '<bestand of pad>  zet een back-up terug (eerst wordt een veiligheidsback-up gemaakt)',
    async run(core, [file]) {
      if (!file) {
        console.error('Geef het bestand van de back-up, bijvoorbeeld: restore advieswerk-handmatig-2026-11-25T09-00-00-000Z.sqlite');
        return 2;
      }
      // A name is one of this database's backups; a path (only here, in the user's own shell) any database file.
      if (file !== path.basename(file)) return printResult(await core.restoreBackupFile(file));
      return printResult(await core.call('backups.restore', { file }));
    },
  },
};
