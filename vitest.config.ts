import { defineConfig } from 'vitest/config';
import { findPostgresBinaries } from './tests/helpers/postgres-cluster';

/**
 * The `postgres` project runs every integration test file again on a throw-away PostgreSQL cluster
 * (tests/setup/postgres-global.ts; each core gets a fresh database), except the files below.
 */
export const POSTGRES_EXCLUDE = [
  // About a SQLite file itself; each has its PostgreSQL counterpart named beside it.
  'tests/integration/database-open.test.ts', // opening foreign, newer, damaged files — postgres-store.test.ts
  'tests/integration/storage-failures.test.ts', // a full disk (max_page_count), an unopenable path — postgres-lost.test.ts, postgres-store.test.ts
  'tests/integration/backups.test.ts', // SQLite's online backup — postgres-backups.test.ts (pg_dump)
  'tests/integration/migrations.test.ts', // the SQLite migration runner — migration-fixtures.test.ts, postgres-store.test.ts
  // A property test that merges into many in-memory copies of one SQLite database (serialize/deserialize);
  // the same merge code runs on PostgreSQL in exchange, council-exchange and responses-exchange tests.
  'tests/integration/exchange-import.test.ts',
  // The monitoring benchmark's floors are better-sqlite3 statements (the PostgreSQL side-by-side bench covers findings).
  'tests/integration/monitoring-bench.test.ts',
  // The store plays no part: command-line parsing, Node's file errors, export paths, reading uploads in a
  // worker, the HTTP transport (the council server's own tests run on both stores), the reverse proxy.
  'tests/integration/cli.test.ts',
  'tests/integration/io-errors.test.ts',
  'tests/integration/files-hardening.test.ts',
  'tests/integration/findings-import-limits.test.ts',
  'tests/integration/host.test.ts',
  'tests/integration/council-server-tls.test.ts',
  'tests/integration/security-gates.test.ts', // electronegativity reads the compiled Electron shell
  // Documents: the store plays no part in them, LibreOffice is the slow part; once is enough.
  'tests/integration/advices-docx.test.ts',
  'tests/integration/advices-pdfa.test.ts',
  'tests/integration/meeting-report.test.ts',
  'tests/integration/docx-hostile-text.test.ts',
  'tests/integration/text-rule.test.ts',
];

const postgres = findPostgresBinaries();
if ('missing' in postgres && !process.env.VITEST_WORKER_ID) {
  // One line, so a local `npm test` without PostgreSQL says what it left out (CI installs it and always runs it).
  console.warn(`[advieswerk] PostgreSQL-helft van de tests overgeslagen: ${postgres.missing}`);
}

const shared = {
  // Native better-sqlite3 and worker threads are happiest in forked processes.
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; most test time is spent waiting on other processes
    // (LibreOffice, PostgreSQL, killed writers, the HTTP host), so two files at a time finish the suite in
    // ~15 instead of ~21 minutes on the 2-core CI machine (measured with every file passing).
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          // Between the two stores: needs the cluster, so it runs in the `postgres` project only.
          exclude: ['tests/integration/postgres-store.test.ts', 'tests/integration/postgres-lost.test.ts', 'tests/integration/store-move.test.ts', 'tests/integration/postgres-backups.test.ts'],
        },
      },
      ...('bin' in postgres
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: ['tests/integration/**/*.test.ts'],
                exclude: POSTGRES_EXCLUDE,
                globalSetup: ['tests/setup/postgres-global.ts'],
                env: { ADVIESWERK_TEST_STORE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
