#!/usr/bin/env node
// The council server: builds what is stale, then serves the whole council (electron/server/main.ts).
// Usage: npm run server -- --db postgres://… [--port N] [--host ADDR] [--public-url https://…] [--trust-proxy ADDR]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

const jobWorker = buildIfStale();
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'server', 'main.ts'), '--job-worker', jobWorker, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// SIGTERM reaches the server, which finishes running requests and jobs before it exits.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
