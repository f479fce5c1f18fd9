import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshJobWorker } from './job-worker';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Starts browser mode (electron/host/main.ts) as its own process and waits for the URL it prints. A
 * given `port` restarts a stopped host at the same address (same origin: the page's IndexedDB and cookie).
 */
export async function startHostProcess(databasePath: string, token: string, port = 0): Promise<{ child: ChildProcess; url: string }> {
  const { jobWorkerPath } = freshJobWorker();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'electron', 'host', 'main.ts'),
      ...['--port', String(port), '--token', token, '--db', databasePath],
      ...(jobWorkerPath ? ['--job-worker', jobWorkerPath] : []),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /draait op (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

/**
 * Starts the council server (electron/server/main.ts) on a new, empty database as its own process;
 * waits for its address and the one-time setup code it prints.
 */
export async function startCouncilServerProcess(databasePath: string): Promise<{ child: ChildProcess; url: string; setupCode: string }> {
  const { jobWorkerPath } = freshJobWorker();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'electron', 'server', 'main.ts'),
      ...['--port', '0', '--db', databasePath],
      ...(jobWorkerPath ? ['--job-worker', jobWorkerPath] : []),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`council server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /draait op (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      const setupCode = /instelcode: ([A-Z2-9-]{19})/.exec(output)?.[1];
      if (url && setupCode) {
        clearTimeout(timer);
        resolve({ child, url, setupCode });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`council server exited with ${code}:\n${output}`)));
  });
}
