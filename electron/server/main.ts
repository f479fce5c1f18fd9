import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/result';
import { openCore } from '../core/core';
import { redactUrl } from '../core/db/postgres';
import { resolveDatabasePath } from '../core/paths';
import { startHost } from '../host/server';

/**
 * `npm run server -- --db postgres://… [--port N] [--host ADDR] [--public-url https://…] [--trust-proxy ADDR]`:
 * the council server (issue 14). The same core, UI and API as browser mode, for every member of the council,
 * each signed in with an account. Listens on loopback unless --host says otherwise; members reach it through a
 * TLS reverse proxy (docs/server.md). A file path for --db serves SQLite, for a trial.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Jobs still running at shutdown get this long to finish before the process ends. */
const SHUTDOWN_JOB_GRACE_MS = 60_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'string', multiple: true },
      'job-worker': { type: 'string' },
    },
    allowPositionals: false,
  });
  const port = values.port ? Number(values.port) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION', `Ongeldige poort: ${values.port}`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(publicUrl);
    } catch {
      throw new AppError('VALIDATION', `--public-url is geen adres: ${publicUrl}`);
    }
    if (parsed.protocol !== 'https:' && !['127.0.0.1', 'localhost'].includes(parsed.hostname)) {
      throw new AppError('VALIDATION', '--public-url moet met https:// beginnen: leden bereiken de raadsserver alleen versleuteld.');
    }
  }
  const databasePath = resolveDatabasePath(values.db);
  const jobWorkerPath = values['job-worker'];
  const core = await openCore({ databasePath, mode: 'server', ...(jobWorkerPath ? { jobWorkerPath } : {}) });
  // The last resort: each request has its own guard; anything that escapes one is logged, and serving goes on.
  process.on('uncaughtException', (error) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: String(error) })));
  process.on('unhandledRejection', (reason) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: String(reason) })));

  const host = await startHost({
    core,
    port,
    ...(values.host ? { listenHost: values.host } : {}),
    council: { ...(publicUrl ? { publicUrl } : {}), ...(values['trust-proxy'] ? { trustedProxies: values['trust-proxy'] } : {}) },
    staticDir: path.join(repoRoot, 'build', 'renderer'),
  });
  console.log(`Advieswerk raadsserver draait op http://${values.host ?? '127.0.0.1'}:${host.port}/${publicUrl ? ` (voor leden: ${publicUrl})` : ''}`);
  console.log(`Database: ${redactUrl(databasePath)}`);
  const setupCode = await core.accounts.setupCodeIfNeeded();
  if (setupCode) {
    console.log(`Nog geen accounts. Open de raadsserver in een browser en maak de beheerder aan met deze eenmalige instelcode: ${setupCode}`);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Raadsserver stopt: lopende aanvragen en taken worden afgemaakt.');
    await host.drain();
    await core.jobs.finishRunning(SHUTDOWN_JOB_GRACE_MS);
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
