// `npm start`: the desktop app when Electron is installed, otherwise browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const passThrough = process.argv.slice(2);

/** The Electron executable, or null when its download failed or was skipped. */
function electronExecutable() {
  try {
    const executable = require('electron');
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

function runStep(script, args = []) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a long-lived child, passes Ctrl+C on, and exits with its code. */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronExecutable();
if (electron) {
  runStep(path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), ['build', '--logLevel', 'warn']);
  runStep('scripts/build-electron.mjs');
  runStep('scripts/electron-native.mjs', ['--if-needed']);
  const env = { ...process.env };
  // Set by some tool chains; it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(electron, ['.', ...passThrough], env);
} else {
  console.log('Electron is niet geïnstalleerd op deze computer (de download ervan lukte niet); Advieswerk start in browsermodus.');
  runForeground(process.execPath, ['scripts/serve.mjs', '--open', ...passThrough]);
}
