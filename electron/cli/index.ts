import { parseArgs } from 'node:util';
import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { openCore, type Core } from '../core/core';
import { resolveDatabasePath } from '../core/paths';
import { adviceCommands } from './advices';
import { backupCommands } from './backups';
import { coreCommands, type CliCommand } from './commands';
import { moveSummary, runMove } from './move';
import { publicationCommands } from './publication';

/**
 * The command line over the same handlers as the app: `npm run cli -- <command> [args] [--db PATH]`.
 * Each feature adds its commands to the registry in ./commands.ts.
 */
const commands: Record<string, CliCommand> = { ...coreCommands, ...adviceCommands, ...backupCommands, ...publicationCommands };

function usage(): string {
  const lines = [...Object.entries(commands).map(([name, command]) => [name, command.summary]), ['move', moveSummary()]].map(([name, summary]) => `  ${name?.padEnd(14)} ${summary}`);
  return [t('cli.usage'), '', t('cli.commands'), ...lines, '', t('cli.options'), `  --db PAD|URL    ${t('cli.optionDb')}`, `  -h, --help      ${t('cli.optionHelp')}`].join('\n');
}

/** Node's parseArgs errors that are the user's typing: an unknown option, or one without its value. */
function isArgumentError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function parseCommandLine(argv: string[]) {
  return parseArgs({ args: argv, options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'from-data-dir': { type: 'string' }, 'to-data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!isArgumentError(error)) throw error;
    // Node names the option in quotes, e.g. "Unknown option '--bogus'" or "Option '--db <value>' argument missing".
    const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? '';
    console.error(error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? t('cli.unknownOption', { option }) : t('cli.invalidArguments', { option }));
    console.error(usage());
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const [name, ...args] = positionals;
  // Between two databases, so no core of its own: the source is only read, the target written by the move.
  if (name === 'move') return runMove({ from: values.from, to: values.to, fromDataDir: values['from-data-dir'], toDataDir: values['to-data-dir'] });
  // Own keys only: "constructor" or "toString" is not a command.
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    if (name) console.error(t('cli.unknownCommand', { command: name }));
    (name ? console.error : console.log)(usage());
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
    // A Dutch message, never a stack trace; the AppErrors are the expected ones (a refused database).
    console.error(error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
