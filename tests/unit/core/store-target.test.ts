import { describe, expect, it } from 'vitest';
import { parseStoreTarget, redactUrl } from '../../../electron/core/db/postgres';
import { resolveDatabasePath } from '../../../electron/core/paths';
import { resolveRuntimePaths } from '../../../electron/main/runtime-paths';

describe('the store chosen by configuration', () => {
  it('reads postgres:// and postgresql:// as PostgreSQL, naming server and database', () => {
    expect(parseStoreTarget('postgres://raad:geheim@db.local:6543/advieswerk')).toEqual({
      kind: 'postgres',
      url: 'postgres://raad:geheim@db.local:6543/advieswerk',
      server: 'db.local:6543',
      database: 'advieswerk',
    });
    expect(parseStoreTarget('postgresql://db.local/raad')).toMatchObject({ kind: 'postgres', server: 'db.local:5432', database: 'raad' });
  });

  it('keeps a file path meaning SQLite', () => {
    expect(parseStoreTarget('/data/advieswerk.sqlite')).toEqual({ kind: 'sqlite', path: '/data/advieswerk.sqlite' });
    expect(parseStoreTarget('postgres.sqlite')).toEqual({ kind: 'sqlite', path: 'postgres.sqlite' });
  });

  it('refuses a URL without a database, in Dutch, without the password', () => {
    expect(() => parseStoreTarget('postgres://raad:geheim@db.local:5432/')).toThrow(/databaseadres "postgres:\/\/raad:\*\*\*@db\.local:5432\/" is ongeldig/);
  });

  it('passes a URL from --db or ADVIESWERK_DB on unchanged, and never prints its password', () => {
    const url = 'postgres://raad:geheim@db.local:5432/advieswerk';
    expect(resolveDatabasePath(url, {})).toBe(url);
    expect(resolveDatabasePath(undefined, { ADVIESWERK_DB: url })).toBe(url);
    expect(redactUrl(url)).toBe('postgres://raad:***@db.local:5432/advieswerk');
    const paths = resolveRuntimePaths({ isPackaged: false, mainDir: '/x/build/electron', resourcesPath: '/r', userDataDir: '/u', databaseOverride: url });
    expect(paths.databasePath).toBe(url);
  });
});
