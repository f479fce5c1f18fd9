import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away PostgreSQL cluster for the tests: `initdb` into a temporary folder, `pg_ctl` on a free
 * loopback port (never 5432, never the system service), stopped and removed at the end. As root the
 * binaries run as the `postgres` user (initdb refuses root); otherwise as the current user.
 */
export interface PostgresCluster {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  password: string;
  /**
   * Stops the server (`-m fast`: every connection is cut, as by a crash or a network failure, but the
   * commits are flushed first, which this cluster's `synchronous_commit=off` would otherwise lose), keeping
   * its data, until `resume`.
   */
  pause(): void;
  /** Starts the paused server again on the same port with the same data. */
  resume(): void;
  stop(): void;
}

export const CLUSTER_USER = 'postgres';
const PASSWORD = 'advieswerk-test';

/** The newest PostgreSQL ≥ 15 binaries on this machine (PG_BIN overrides), or why there are none. */
export function findPostgresBinaries(): { bin: string } | { missing: string } {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return existsSync(path.join(fromEnv, 'initdb')) ? { bin: fromEnv } : { missing: `PG_BIN=${fromEnv} bevat geen initdb` };
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((version) => version >= 15 && existsSync(path.join(root, String(version), 'bin', 'initdb')))
        .sort((a, b) => b - a)
    : [];
  if (versions.length === 0) return { missing: 'geen PostgreSQL ≥ 15 gevonden in /usr/lib/postgresql (apt-get install postgresql)' };
  return { bin: path.join(root, String(versions[0]), 'bin') };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(bin: string, program: string, args: string[]): void {
  const command = isRoot() ? ['runuser', ['-u', CLUSTER_USER, '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];
  const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', cwd: os.tmpdir() });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

/** A loopback port nothing listens on right now (asked of the OS), never 5432. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port !== 5432 && port !== 0) return port;
  }
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-pg-'));
  const dataDir = path.join(dir, 'data');
  const passwordFile = path.join(dir, 'password');
  writeFileSync(passwordFile, PASSWORD);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', CLUSTER_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', CLUSTER_USER], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  chmodSync(dir, 0o700);
  run(bin, 'initdb', ['-D', dataDir, '-U', CLUSTER_USER, '--pwfile', passwordFile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  // A throw-away cluster: no fsync (a test never survives a power cut), sockets in its own folder.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run(bin, 'pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  start();
  let stopped = false;
  return {
    url: `postgres://${CLUSTER_USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    password: PASSWORD,
    pause() {
      run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
    resume: start,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        // Not running (a test that paused it failed before resuming): nothing to stop, only to remove.
        if (existsSync(path.join(dataDir, 'postmaster.pid'))) run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The URL of database `name` on the cluster whose server URL is given. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
