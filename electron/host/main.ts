import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/result';
import { redactUrl } from '../core/db/postgres';
import { openCore } from '../core/core';
import { resolveDatabasePath } from '../core/paths';
import { startHost } from './server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop here: the printed URL is enough.
  }
}

/**
 * The last resort: each request has its own guard (server.ts), so anything that reaches here
 * escaped one (a callback outside a request). Log it and keep serving the other requests.
 */
function keepServingAfterStrayErrors(): void {
  process.on('uncaughtException', (error) => console.error('[advieswerk] onverwachte fout (host draait door):', error));
  process.on('unhandledRejection', (reason) => console.error('[advieswerk] onverwachte fout (host draait door):', reason));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      db: { type: 'string' },
      open: { type: 'boolean', default: false },
      'job-worker': { type: 'string' },
    },
    allowPositionals: false,
  });
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Ongeldige poort: ${values.port}`);
  const token = values.token ?? randomBytes(24).toString('base64url');
  const databasePath = resolveDatabasePath(values.db);

  const jobWorkerPath = values['job-worker'];
  const core = await openCore({ databasePath, mode: 'browser', ...(jobWorkerPath ? { jobWorkerPath } : {}) });
  keepServingAfterStrayErrors();
  const host = await startHost({ core, token, port, staticDir: path.join(repoRoot, 'build', 'renderer') });
  console.log(`Advieswerk (browsermodus) draait op ${host.url}`);
  // Never the password of a postgres:// URL in the terminal.
  console.log(`Database: ${redactUrl(databasePath)}`);
  if (values.open) openInBrowser(host.url);

  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
});
