import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { makeTempDir } from '../helpers/core';

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI as its own process, the way `npm run cli -- …` does, and never rejects. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args], {
    cwd: process.cwd(),
    timeout: 60_000,
    env: { ...process.env, ADVIESWERK_DB: path.join(dir, 'advieswerk.sqlite') },
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const NO_STACK_TRACE = /\n\s+at |ERR_PARSE_ARGS|TypeError|Error:/;

describe('the CLI usage', () => {
  it.each([['--help'], ['-h'], ['call', '--help']])('%s prints the usage and exits 0', async (...args) => {
    const result = await cli(...args);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(t('cli.usage'));
    expect(result.stdout).toContain('export-docx');
    expect(result.stdout).toContain('--help');
    expect(result.stderr).not.toMatch(NO_STACK_TRACE);
  }, 90_000);

  it.each([['--bogus'], ['-x'], ['call', 'wijken.list', '--verbose'], ['--db']])('%s: a Dutch line and the usage, exit code 2, no stack trace', async (...args) => {
    const result = await cli(...args);

    expect(result.code).toBe(2);
    const [firstLine] = result.stderr.split('\n');
    expect(firstLine).toMatch(/^(Onbekende optie "-{1,2}\w+"\.|De optie "--db" is verkeerd gebruikt)/);
    expect(result.stderr).toContain(t('cli.usage'));
    expect(result.stderr).not.toMatch(NO_STACK_TRACE);
  }, 90_000);

  it.each(['bestaat-niet', 'constructor', 'toString'])('the unknown command %s: a Dutch line and the usage, exit code 2', async (name) => {
    const result = await cli(name);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(t('cli.unknownCommand', { command: name }));
    expect(result.stderr).toContain(t('cli.usage'));
    expect(result.stderr).not.toMatch(NO_STACK_TRACE);
  }, 90_000);
});
