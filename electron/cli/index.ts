import { parseArgs } from 'node:util';
import { AppError } from '../../shared/result';
import { openCore, type Core } from '../core/core';
import { resolveDatabasePath } from '../core/paths';
import { adviceCommands } from './advices';
import { backupCommands } from './backups';
import { coreCommands, type CliCommand } from './commands';

/**
 * The command line over the same handlers as the app: `npm run cli -- <command> [args] [--db PATH]`.
 * Each feature adds its commands to the registry in ./commands.ts.
 */
const commands: Record<string, CliCommand> = { ...coreCommands, ...adviceCommands, ...backupCommands };

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(14)} ${command.summary}`);
  return ['Gebruik: npm run cli -- <opdracht> [argumenten] [--db PAD]', '', 'Opdrachten:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { db: { type: 'string' } }, allowPositionals: true });
  const [name, ...args] = positionals;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log(usage());
    return name ? 2 : 0;
  }
  let core: Core | undefined;
  try {
    core = await openCore({ databasePath: resolveDatabasePath(values.db), mode: 'cli' });
    return await command.run(core, args);
  } finally {
    await core?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AppError ? error.message : error);
    process.exit(1);
  },
);
