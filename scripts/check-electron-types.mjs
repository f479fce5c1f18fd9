#!/usr/bin/env node
// Run before `tsc` by `npm run typecheck`. The main process and preload are checked against the types in
// Electron's npm package, and Electron is an optional dependency: where its binary download fails, npm
// drops the whole package, types included, and tsc would report dozens of unrelated-looking errors.
// This says in one line what is missing and how to get it instead.
// Usage: node scripts/check-electron-types.mjs [projectRoot]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const types = path.join(root, 'node_modules', 'electron', 'electron.d.ts');

if (!existsSync(types)) {
  console.error(
    [
      `typecheck: Electron's types are missing (${path.relative(root, types)}).`,
      "Electron is an optional dependency; where its binary download failed, npm left out the whole package.",
      'Install it without the binary: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci   (see README, "Electron, and installing where its download cannot work").',
    ].join('\n'),
  );
  process.exit(1);
}
