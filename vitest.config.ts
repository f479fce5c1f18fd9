import { defineConfig } from 'vitest/config';
import { findPostgresBinaries } from './tests/helpers/postgres-cluster';

/**
 * Integration test files that also run against PostgreSQL (project `postgres`): each core gets a fresh
 * database on a throw-away cluster (tests/setup/postgres-global.ts). Add a file here once it passes.
 */
export const POSTGRES_FILES = [
  'tests/integration/postgres-store.test.ts',
  'tests/integration/wijken.test.ts',
  'tests/integration/meetings.test.ts',
  'tests/integration/council-own.test.ts',
  'tests/integration/responses.test.ts',
  'tests/integration/signals.test.ts',
  'tests/integration/advices-search.test.ts',
  'tests/integration/security-gates.test.ts',
  'tests/integration/exchange-schema.test.ts',
  'tests/integration/council-server.test.ts',
  'tests/integration/roles.test.ts',
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
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/postgres-store.test.ts'],
        },
      },
      ...('bin' in postgres
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: POSTGRES_FILES,
                globalSetup: ['tests/setup/postgres-global.ts'],
                env: { ADVIESWERK_TEST_STORE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
