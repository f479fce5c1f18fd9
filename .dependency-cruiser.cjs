/**
 * The layering of Advieswerk as rules (see docs/architecture.md, "Rules"). Run by `npm run lint`.
 * Each rule says in its comment what it protects; a violation names the rule and the import.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Import cycles make load order matter (a worker or a test loads half-initialised modules). Move the shared part to its own module. ' +
        'Type-only imports are erased at compile time and load nothing, so a cycle made only of them (a method returning JobStatus, whose kinds name that method\'s params) is no load-order hazard.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-and-shared-without-electron',
      severity: 'error',
      comment: 'electron/core and shared run under plain Node (tests, CLI, browser mode) and in the renderer: never Electron.',
      from: { path: '^(electron/core|shared)/' },
      to: { path: '^electron$|^electron/(main|preload|host|cli|core-process)/|(^|/)node_modules/electron/' },
    },
    {
      name: 'core-and-shared-without-renderer',
      severity: 'error',
      comment: 'The renderer depends on the core through the contract, never the other way round.',
      from: { path: '^(electron/core|shared)/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'shared-without-node',
      severity: 'error',
      comment: 'shared/ runs in the renderer too: no Node built-ins and no database libraries.',
      from: { path: '^shared/' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'shared-without-database-libraries',
      severity: 'error',
      comment: 'shared/ runs in the renderer too: no database libraries.',
      from: { path: '^shared/' },
      to: { path: '(^|/)node_modules/(better-sqlite3|kysely)/' },
    },
    {
      name: 'renderer-only-shared-and-itself',
      severity: 'error',
      comment: 'The renderer talks to the core only through the API contract in shared/.',
      from: { path: '^renderer/' },
      to: { path: '^(electron|scripts|tests)/' },
    },
    {
      name: 'handlers-not-from-handlers',
      severity: 'error',
      comment:
        'A handler module is an entry point, not a library: shared lookups belong in a repository or service module. (api/handlers.ts is the registry that joins them all.)',
      from: { path: '(^|/)handlers\\.ts$', pathNot: '^electron/core/api/handlers\\.ts$' },
      to: { path: '(^|/)handlers\\.ts$' },
    },
    {
      name: 'migrations-import-nothing-of-the-app',
      severity: 'error',
      comment: 'A migration is frozen in time: it takes Kysely<any> and imports no app code, so later changes cannot change it.',
      from: { path: '^electron/core/db/migrations/', pathNot: '^electron/core/db/migrations/index\\.ts$' },
      to: { path: '^(electron|shared|renderer)/' },
    },
    {
      name: 'jobs-without-handlers',
      severity: 'error',
      comment: 'Job modules run in a worker thread: they must not load handler modules (entry points with their own imports).',
      from: { path: '^electron/core/(jobs/|[^/]+/jobs\\.ts$)' },
      to: { path: '(^|/)handlers\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|release|test-results|playwright-report|\\.native)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
