import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0005 from './0005_reliability';

/**
 * Every migration, listed in code so bundling cannot lose one. Names sort in order of application.
 * Append only: a released migration is never edited or removed.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0005_reliability': m0005,
};
