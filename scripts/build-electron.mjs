// Bundles the Electron shell with esbuild into build/electron:
//   main.cjs          main process (electron and better-sqlite3 stay external)
//   preload.cjs       sandboxed preload: one self-contained file, only `electron` external
//   core-process.cjs  utility process that runs the core
//   worker.mjs        job worker thread; ESM because worker.ts uses top-level await
// The renderer is built separately by `vite build` into build/renderer.
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'build', 'electron');
const contractSource = path.join(root, 'shared', 'api', 'contract.ts');

// Native addons cannot be bundled; better-sqlite3 loads the .node file given as nativeBinding.
const NATIVE_PACKAGES = ['better-sqlite3', '@resvg/resvg-js'];
// What an installed app can actually load at run time: electron-builder.yml ships better-sqlite3's
// JavaScript and nothing else from node_modules. Another native package needs an entry there too.
const SHIPPED_PACKAGES = new Set(['electron', 'better-sqlite3', '@resvg/resvg-js']);
// Left external by esbuild but never loaded: pg requires pg-native inside a try/catch, and only for
// `pg.native`, which Advieswerk does not use (the PostgreSQL store runs on pg's JavaScript client).
const NEVER_LOADED_PACKAGES = new Set(['pg-native']);

/** Evaluates the contract once to get its method names, without shipping zod to main or preload. */
async function loadMethodNames() {
  const result = await esbuild.build({
    entryPoints: [contractSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  if (!Array.isArray(module.METHOD_NAMES) || module.METHOD_NAMES.length === 0) throw new Error('METHOD_NAMES not found in the contract');
  return module.METHOD_NAMES;
}

/** Replaces shared/api/contract with `export const METHOD_NAMES = [...]` for bundles that only need the names. */
function methodNamesOnly(methodNames) {
  return {
    name: 'method-names-only',
    setup(build) {
      build.onResolve({ filter: /[\\/]api[\\/]contract$|^\.\/contract$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, `${args.path}.ts`);
        return resolved === contractSource ? { path: resolved, namespace: 'method-names' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'method-names' }, () => ({
        contents: `export const METHOD_NAMES = ${JSON.stringify(methodNames)};`,
        loader: 'js',
      }));
    },
  };
}

// Core code uses import.meta.url (to find its worker in development); CJS has no import.meta,
// so it is defined from __filename.
const importMetaUrlShim = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const common = {
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

const nodeTarget = { platform: 'node', target: 'node22' };

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const methodNames = await loadMethodNames();

  const builds = [
    {
      ...common,
      ...nodeTarget,
      ...importMetaUrlShim,
      entryPoints: [path.join(root, 'electron/main/index.ts')],
      outfile: path.join(outDir, 'main.cjs'),
      format: 'cjs',
      external: ['electron', ...NATIVE_PACKAGES],
      plugins: [methodNamesOnly(methodNames)],
    },
    {
      ...common,
      // A sandboxed preload gets a browser-like environment whose `require` knows only a few
      // Electron modules, so everything else must be inside this one file.
      platform: 'browser',
      target: 'chrome130',
      entryPoints: [path.join(root, 'electron/preload/index.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      format: 'cjs',
      external: ['electron'],
      plugins: [methodNamesOnly(methodNames)],
    },
    {
      ...common,
      ...nodeTarget,
      ...importMetaUrlShim,
      entryPoints: [path.join(root, 'electron/core-process/index.ts')],
      outfile: path.join(outDir, 'core-process.cjs'),
      format: 'cjs',
      external: ['electron', ...NATIVE_PACKAGES],
    },
    {
      ...common,
      ...nodeTarget,
      entryPoints: [path.join(root, 'electron/core/jobs/worker.ts')],
      outfile: path.join(outDir, 'worker.mjs'),
      format: 'esm',
      external: NATIVE_PACKAGES,
      // Bundled CommonJS dependencies may still call require() for Node built-ins.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    },
  ];

  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [outfile, output] of Object.entries(result.metafile.outputs)) {
      for (const imported of output.imports) {
        if (!imported.external || imported.path.startsWith('node:') || isBuiltin(imported.path)) continue;
        const packageName = imported.path.startsWith('@') ? imported.path.split('/').slice(0, 2).join('/') : imported.path.split('/')[0];
        if (!SHIPPED_PACKAGES.has(packageName) && !NEVER_LOADED_PACKAGES.has(packageName)) {
          throw new Error(`${outfile} needs ${imported.path} at run time, but electron-builder.yml does not ship it (add it to files and asarUnpack).`);
        }
      }
    }
  }
  for (const { outfile } of builds) {
    const kib = (statSync(outfile).size / 1024).toFixed(1);
    console.log(`  ${path.relative(root, outfile)}  ${kib} KiB`);
  }

  // The preload is parsed in every page load and must stay free of the contract's schemas (zod,
  // ~600 KiB). It does carry the message catalogue (its one refusal is in Dutch like every other),
  // which grows with the features: the size budget leaves room for that, the zod check is exact.
  const preload = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
  if (/node_modules[\\/]zod[\\/]|\bZodError\b/.test(preload)) throw new Error('preload.cjs contains zod: the contract leaked into it');
  if (preload.length > 160 * 1024) throw new Error(`preload.cjs is ${preload.length} bytes (budget 160 KiB); what got bundled into it?`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
