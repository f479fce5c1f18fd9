// Runs @doyensec/electronegativity on the compiled Electron shell (bundled here with esbuild,
// because the tool cannot parse current TypeScript) and fails on any finding that is not
// justified below. Usage: `node scripts/electronegativity.mjs`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

/**
 * Findings that are false positives for this code, each with the reason. Keyed by check id and
 * the compiled file it is reported in.
 */
const JUSTIFIED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.js',
    reason:
      'shell.openExternal is only reached for URLs that isSafeExternalUrl accepts (https, a host, no credentials): ' +
      'electron/main/index.ts guardNavigation and setWindowOpenHandler; tested in tests/unit/electron/security.test.ts.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'The CSP is sent as a response header on every app:// response (electron/main/index.ts, protocol handler), built from ' +
      'CONTENT_SECURITY_POLICY in electron/main/security.ts; the tool only recognises CSP literals and <meta> tags. ' +
      'Strictness is tested in tests/unit/electron/security.test.ts and app-protocol.test.ts.',
  },
];

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = (pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? '40.0.0').replace(/^[^\d]*/, '');

const CLASS_FEATURES = ['class-field', 'class-private-field', 'class-private-method', 'class-private-accessor', 'class-static-field', 'class-private-static-field', 'class-private-static-method', 'class-private-static-accessor', 'class-private-brand-check', 'class-static-blocks'];

/**
 * The same entry points, platforms and formats as scripts/build-electron.mjs, bundled here so the
 * scan does not depend on the packaging checks of that script. Written as .js (the tool reads only
 * .js/.jsx/.ts/.tsx/.html) with class fields lowered (its parser does not know private fields).
 */
const input = path.join(root, 'build', 'electronegativity');
rmSync(input, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
const NATIVE = ['better-sqlite3', '@resvg/resvg-js'];
const bundles = [
  { name: 'main.js', entry: 'electron/main/index.ts', platform: 'node', format: 'cjs', external: ['electron', ...NATIVE] },
  { name: 'preload.js', entry: 'electron/preload/index.ts', platform: 'browser', format: 'cjs', external: ['electron'] },
  { name: 'core-process.js', entry: 'electron/core-process/index.ts', platform: 'node', format: 'cjs', external: ['electron', ...NATIVE] },
  { name: 'worker.js', entry: 'electron/core/jobs/worker.ts', platform: 'node', format: 'esm', external: NATIVE },
];
for (const bundle of bundles) {
  await esbuild.build({
    entryPoints: [path.join(root, bundle.entry)],
    outfile: path.join(input, bundle.name),
    bundle: true,
    platform: bundle.platform,
    format: bundle.format,
    external: bundle.external,
    target: 'es2022',
    supported: Object.fromEntries(CLASS_FEATURES.map((feature) => [feature, false])),
    ...(bundle.format === 'cjs' ? { define: { 'import.meta.url': '__importMetaUrl' } } : {}),
    logLevel: 'silent',
  });
}
writeFileSync(path.join(input, 'package.json'), JSON.stringify({ name: pkg.name, main: 'main.js', devDependencies: { electron: electronVersion } }));
const result = await run({ input, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] }, false);

const unjustified = [];
for (const issue of result.issues) {
  const justification = JUSTIFIED.find((entry) => entry.id === issue.id && issue.file.endsWith(entry.file));
  const where = `${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column} (${issue.severity.name}, ${issue.confidence.name})`;
  if (justification) console.log(`ok (gerechtvaardigd): ${where}: ${justification.reason}`);
  else unjustified.push(`${where}\n    ${issue.description}`);
}
console.log(`electronegativity: ${result.atomicChecks} + ${result.globalChecks} checks, ${result.issues.length} findings, ${unjustified.length} unjustified, ${result.errors.length} parse errors`);
for (const error of result.errors) console.log(`parse error: ${error.file}: ${error.message ?? error.error ?? ''}`);
for (const line of unjustified) console.log(line);
process.exit(unjustified.length > 0 || result.errors.length > 0 ? 1 : 0);
