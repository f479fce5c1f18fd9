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
    summary: '<bestand>  zet een back-up terug (eerst wordt een veiligheidsback-up gemaakt)',
    async run(core, [file]) {
      if (!file) {
        console.error('Geef het bestand van de back-up, bijvoorbeeld: restore advieswerk-handmatig-2026-11-25T09-00-00-000Z.sqlite');
        return 2;
      }
      return printResult(await core.call('backups.restore', { file }));
    },
  },
};
