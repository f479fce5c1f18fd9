// Builds better-sqlite3 for the installed Electron into .native/electron/better_sqlite3.node.
//
// node_modules/better-sqlite3/build keeps its Node build, which tests, the CLI and browser mode
// need; Electron gets its own copy, passed to the core as `nativeBinding`. The package source is
// copied to a temporary folder and compiled there against Electron's headers (downloaded by
// node-gyp from electronjs.org, so this needs internet once per Electron version).
//
// Usage: node scripts/electron-native.mjs [--if-needed] [--arch=x64|arm64|ia32]
//   --if-needed  skip the build when the existing file was made for the same Electron,
//                better-sqlite3, platform and architecture (used by `npm start`).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, '.native', 'electron');
const outFile = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'build-info.json');

const args = process.argv.slice(2);
const ifNeeded = args.includes('--if-needed');
const arch = args.find((arg) => arg.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;

const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(path.join(sqliteDir, 'package.json'), 'utf8')).version;
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch };

function isUpToDate() {
  if (!existsSync(outFile) || !existsSync(stampFile)) return false;
  try {
    const built = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(wanted).every(([key, value]) => built[key] === value);
  } catch {
    return false;
  }
}

if (ifNeeded && isUpToDate()) process.exit(0);

console.log(`better-sqlite3 ${sqliteVersion} bouwen voor Electron ${electronVersion} (${process.platform}-${arch})…`);
const workDir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-native-'));
try {
  // Everything but the Node build output, so node-gyp starts clean and node_modules stays untouched.
  cpSync(sqliteDir, workDir, {
    recursive: true,
    filter: (source) => path.relative(sqliteDir, source).split(path.sep)[0] !== 'build',
  });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
    ],
    { cwd: workDir, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion } },
  );
  if (result.status !== 0) {
    console.error('Het bouwen van better-sqlite3 voor Electron is mislukt (zie de meldingen hierboven).');
    process.exit(result.status ?? 1);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(path.join(workDir, 'build', 'Release', 'better_sqlite3.node'), outFile);
  writeFileSync(stampFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`Klaar: ${path.relative(root, outFile)}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
