import type { Result } from '../../shared/result';
import type { Core } from '../core/core';

export interface CliCommand {
  /** One Dutch line for the usage text. */
  summary: string;
  /** Returns the process exit code. */
  run(core: Core, args: string[]): Promise<number>;
}

export function printResult(result: Result<unknown>): number {
  if (result.ok) {
    console.log(JSON.stringify(result.value, null, 2));
    return 0;
  }
  console.error(`${result.error.code}: ${result.error.message}`);
  return 1;
}

export const coreCommands: Record<string, CliCommand> = {
  call: {
    summary: '<methode> [json]  roept een API-methode aan, bijvoorbeeld: call wijken.list',
    async run(core, [method, json]) {
      if (!method) {
        console.error('Geef een methode, bijvoorbeeld: call wijken.list');
        return 2;
      }
      let input: unknown = {};
      try {
        input = json ? JSON.parse(json) : {};
      } catch {
        console.error('Het tweede argument is geen geldige JSON.');
        return 2;
      }
      return printResult(await core.call(method, input));
    },
  },
  backup: {
    summary: 'maakt een back-up van de database (SQLite: online back-up; PostgreSQL: pg_dump), veilig tijdens gebruik',
    async run(core) {
      const started = await core.call('jobs.start', { kind: 'backup' });
      if (!started.ok) return printResult(started);
      const id = (started.value as { id: string }).id;
      const off = core.onJobEvent((status) => {
        if (status.id === id && status.total > 0) process.stderr.write(`\r${status.message} ${status.done}/${status.total}`);
      });
      const finished = await core.jobs.wait(id);
      off();
      process.stderr.write('\n');
      if (finished.state !== 'done') {
        console.error(finished.message);
        return 1;
      }
      console.log(String(finished.result?.path ?? ''));
      return 0;
    },
  },
};
