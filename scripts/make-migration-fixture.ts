/**
 * `npx tsx scripts/make-migration-fixture.ts <migration name>`: writes the fixture database of one
 * schema version, tests/fixtures/migrations/<migration name>.sqlite.
 *
 * A new SQLite file is opened with the app's own connection setup and brought to exactly that
 * migration (Kysely's Migrator.migrateTo, the migrations as listed in the app) one version at a
 * time: migrate to version 1, run its seed (tests/fixtures/migrations/<name>.sql), migrate to
 * version 2, run its seed, and so on up to and including the target.
 * The result must pass integrity_check, foreign_key_check and the full-text index's own check, and
 * every table must hold at least one row. It is then written as one self-contained file (rollback
 * journal, vacuumed). An existing fixture is never overwritten: fixtures are made once, by the code
 * of their time, and tests/integration/migration-fixtures.test.ts only reads them.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator } from 'kysely';
import { createKysely, openSqlite, type Sqlite } from '../electron/core/db/connection';
import { migrations } from '../electron/core/db/migrations';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/migrations');

/** Tables that are bookkeeping, not data: Kysely's migration tables and SQLite's own. */
export function isBookkeepingTable(name: string): boolean {
  return name.startsWith('kysely_') || name.startsWith('sqlite_');
}

/** Data tables: ordinary tables, without bookkeeping and without the shadow tables of virtual tables (FTS5). */
export function dataTables(sqlite: Sqlite): string[] {
  const rows = sqlite.prepare(`select name, sql from sqlite_master where type = 'table' order by name`).all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((row) => /^create virtual table/i.test(row.sql ?? '')).map((row) => row.name);
  return rows
    .map((row) => row.name)
    .filter((name) => !isBookkeepingTable(name))
    .filter((name) => !virtual.includes(name) && !virtual.some((vtab) => name.startsWith(`${vtab}_`)));
}

/** Every problem a fixture must not have; an empty list means sound. */
export function fixtureProblems(sqlite: Sqlite): string[] {
  const problems: string[] = [];
  const integrity = sqlite.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys)}`);
  const hasFts = sqlite.prepare(`select count(*) from sqlite_master where name = 'findings_fts'`).pluck().get() === 1;
  if (hasFts) {
    try {
      // FTS5's own check: the index matches the content table (findings) exactly.
      sqlite.exec(`insert into findings_fts(findings_fts, rank) values ('integrity-check', 1)`);
    } catch (error) {
      problems.push(`findings_fts integrity-check: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}

export async function makeMigrationFixture(target: string, options: { outDir?: string } = {}): Promise<{ file: string; rows: Record<string, number> }> {
  const names = migrationNames();
  if (!names.includes(target)) throw new Error(`Onbekende migratie "${target}". Bekend: ${names.join(', ')}`);
  const outDir = options.outDir ?? FIXTURE_DIR;
  const outFile = path.join(outDir, `${target}.sqlite`);
  if (existsSync(outFile)) throw new Error(`${outFile} bestaat al. Fixtures worden nooit opnieuw gemaakt; verwijder het bestand alleen als het nog niet gecommit is.`);
  const seeds = names.slice(0, names.indexOf(target) + 1).map((name) => path.join(FIXTURE_DIR, `${name}.sql`));
  const missing = seeds.filter((seed) => !existsSync(seed));
  if (missing.length > 0) throw new Error(`Seed ontbreekt: ${missing.join(', ')}. Schrijf eerst de INSERTs voor die versie.`);

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-fixture-'));
  try {
    const file = path.join(workDir, `${target}.sqlite`);
    const sqlite = openSqlite({ path: file });
    const db = createKysely(sqlite);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'kysely_migration' });
      // Step by step: each seed runs on the schema of its own version (as it was written), and the
      // later migrations then carry its rows forward, as they would in a council's real database.
      // A later migration that renames a column or adds a NOT NULL one can so never break an old seed.
      const versions = names.slice(0, names.indexOf(target) + 1);
      for (const [index, version] of versions.entries()) {
        const { error, results } = await migrator.migrateTo(version);
        if (error) throw error instanceof Error ? error : new Error(String(error));
        const applied = (results ?? []).map((result) => result.migrationName);
        if (applied.join() !== version) throw new Error(`Verwacht toegepast: ${version}; werkelijk: ${applied.join(', ') || 'niets'}`);
        // One transaction per seed: a seed that fails halfway leaves nothing behind.
        sqlite.transaction(() => sqlite.exec(readFileSync(seeds[index]!, 'utf8')))();
      }
      const bookkeeping = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
      if (bookkeeping.join() !== versions.join()) throw new Error(`Verwacht versie ${target}; de database zegt: ${bookkeeping.join(', ')}`);
      const problems = fixtureProblems(sqlite);
      const rows = Object.fromEntries(
        dataTables(sqlite).map((table) => [table, sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number]),
      );
      const empty = Object.entries(rows).filter(([, count]) => count === 0).map(([table]) => table);
      if (empty.length > 0) problems.push(`tabellen zonder rijen (elke seed vult elke tabel van zijn versie): ${empty.join(', ')}`);
      if (problems.length > 0) throw new Error(`Fixture ${target} is niet in orde:\n${problems.join('\n')}`);

      // One self-contained file: no -wal/-shm beside it, no free pages.
      sqlite.pragma('journal_mode = delete');
      sqlite.exec('vacuum');
      await db.destroy();
      copyFileSync(file, outFile);
      return { file: outFile, rows };
    } finally {
      if (sqlite.open) await db.destroy();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error('Gebruik: npx tsx scripts/make-migration-fixture.ts <migratienaam>, bijv. 0006_responses');
    process.exit(2);
  }
  makeMigrationFixture(target).then(
    ({ file, rows }) => {
      const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
      console.log(`${file}: ${Object.keys(rows).length} tabellen, ${total} rijen`);
      for (const [table, count] of Object.entries(rows)) console.log(`  ${table}: ${count}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
