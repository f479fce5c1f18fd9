#!/usr/bin/env node
// Browser mode: builds the renderer and the job worker when their sources changed, then starts the loopback host.
// Usage: npm run serve -- [--port N] [--token T] [--db PATH] [--open]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

const jobWorker = buildIfStale();
const host = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'host', 'main.ts'), '--job-worker', jobWorker, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
