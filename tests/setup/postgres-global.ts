import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startPostgresCluster } from '../helpers/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL of the throw-away cluster (database `postgres`); each core gets a fresh database on it. */
    postgresUrl: string;
  }
}

/** Vitest global setup of the `postgres` project: one throw-away cluster for the run, stopped at the end. */
export default async function setup(project: TestProject): Promise<() => void> {
  const found = findPostgresBinaries();
  if ('missing' in found) throw new Error(`PostgreSQL ontbreekt: ${found.missing}`);
  const cluster = await startPostgresCluster(found.bin);
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
