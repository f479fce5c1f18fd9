import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/core/api/handler';
import { openCore, type Core } from '../../electron/core/core';
import { readTableShape } from '../../electron/core/db/dialect';
import { canonicalValue, dataTables } from '../../electron/core/db/move';
import { parseStoreTarget } from '../../electron/core/db/postgres';
import { sha256Hex } from '../../electron/core/files';
import { postgresAnchor } from '../../electron/core/paths';
import { PACKAGE_DATABASE, PACKAGE_MANIFEST, SERVER_OWN_TABLES, type PackageManifest } from '../../electron/core/relocation/package';
import { attachmentsDir } from '../../electron/core/responses/attachments';
import type { JobStatus } from '../../shared/api/jobs';
import { MOVE_PART_BYTES } from '../../shared/api/relocation';
import { t } from '../../shared/i18n';
import { createTestCore, makeTempDir, onPostgres, type TestCore } from '../helpers/core';
import { freshJobWorker } from '../helpers/job-worker';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 14, "Verhuizen naar een raadsserver": a council that worked on one laptop (SQLite) makes ONE move
 * package; the council server (this project's store: SQLite here, PostgreSQL in the `postgres` project)
 * takes it over through the API, as its beheerder, in parts, as a job. Every table's rows and the letters'
 * bytes arrive; every hostile package is refused with a typed reason, changing nothing.
 */

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7), Buffer.from('\n%%EOF\n')]);
const dirs: string[] = [];
let laptop: Core & { dir: string; databasePath: string };
let packageBytes: Buffer;

afterAll(async () => {
  await laptop?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function value<T = any>(core: Core, method: string, input: unknown = {}, caller?: Caller): Promise<T> {
  const result = await core.call(method, input, caller);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A signed-in beheerder on a server core, made as the server's first start does (setup code). */
async function beheerderOf(server: Core): Promise<{ caller: Caller; secret: string }> {
  const setupCode = await server.accounts.setupCodeIfNeeded();
  const signed = await server.accounts.setup({ setupCode, name: 'Bea Beheer', login: 'bea@adviesraad.nl', password: 'een-lang-genoeg-wachtwoord' }, '127.0.0.1');
  return { caller: (await server.accounts.callerFor(signed.sessionSecret)) as Caller, secret: signed.sessionSecret };
}

/** The server core's own attachments folder (beside its SQLite file, or its PostgreSQL anchor). */
function serverAttachments(server: TestCore): string {
  const target = parseStoreTarget(server.databasePath);
  return attachmentsDir(target.kind === 'postgres' ? postgresAnchor(target.database, server.dir) : server.databasePath);
}

/** Sends a package in parts as the renderer does, then runs the take-over job; returns its final status. */
async function takeOver(server: Core, bytes: Uint8Array, caller: Caller, partBytes = MOVE_PART_BYTES): Promise<JobStatus> {
  let uploadId: string | undefined;
  for (let offset = 0; offset < Math.max(1, bytes.length); offset += partBytes) {
    const part = Buffer.from(bytes.subarray(offset, offset + partBytes));
    ({ uploadId } = await value<{ uploadId: string }>(server, 'relocation.uploadPart', { ...(uploadId ? { uploadId } : {}), offset, dataBase64: part.toString('base64') }, caller));
  }
  const started = await value<JobStatus>(server, 'jobs.start', { kind: 'moveTakeOver', params: { uploadId } }, caller);
  return server.jobs.wait(started.id);
}

/** Every row of every council table (not the server's own), canonical and sorted, per table, by the laptop's columns. */
async function councilRows(db: Kysely<any>, columnsOf: Kysely<any>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of (await dataTables(columnsOf)).sort()) {
    if ((SERVER_OWN_TABLES as readonly string[]).includes(table)) continue;
    const columns = (await readTableShape(columnsOf, table)).columns.slice().sort();
    const rows = (await db.selectFrom(table).select(columns).execute()) as Record<string, unknown>[];
    out[table] = rows.map((row) => JSON.stringify(columns.map((column) => canonicalValue(row[column])))).sort();
  }
  return out;
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A package with the given entries and a manifest that matches them (unless `manifest` says otherwise). */
function craftedPackage(entries: Record<string, Uint8Array>, manifest: Partial<PackageManifest> = {}): Uint8Array {
  const tables = manifest.tables ?? {};
  const full: PackageManifest = {
    format: 'advieswerk-verhuizing',
    version: 1,
    schemaVersion: '',
    createdAt: '2026-12-06T00:00:00.000Z',
    tables,
    files: Object.entries(entries).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256Hex(bytes) })),
    ...manifest,
  };
  return zipSync({ ...entries, [PACKAGE_MANIFEST]: Buffer.from(JSON.stringify(full)) });
}

function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

beforeAll(async () => {
  // The laptop always works on SQLite: the council that started alone.
  const dir = makeTempDir('advieswerk-laptop-');
  dirs.push(dir);
  const databasePath = path.join(dir, 'advieswerk.sqlite');
  const core = await openCore({ databasePath, mode: 'cli', ...freshJobWorker() });
  laptop = Object.assign(core, { dir, databasePath, value: (method: string, input: unknown = {}) => value(core, method, input) });
  await value(laptop, 'council.update', RESPONSE_COUNCIL);
  const meeting = await value<{ id: string }>(laptop, 'meetings.create', { title: 'Wijkavond Oost', date: '2026-03-12', wijkIds: [] });
  for (const text of ['Regiotaxi te laat', 'Cliënten vinden het loket niet', 'Bankjes in het park']) await value(laptop, 'findings.create', { meetingId: meeting.id, text });
  const advice = await sentAdvice(laptop as unknown as TestCore, 'Bereikbaarheid wijkteams', '2026-11-02', ['Open het loket ook op zaterdag.']);
  await value(laptop, 'responses.record', {
    adviceId: advice.id,
    receivedOn: '2026-11-20',
    kenmerk: 'GR-2026-4471',
    summary: 'Het college neemt het advies grotendeels over.',
    attachment: { fileName: 'antwoord college.pdf', mediaType: 'application/pdf', bytesBase64: PDF.toString('base64') },
  });

  // Made as Instellingen does: a job, then fetched in parts (here forced small, so there are several).
  const made = await laptop.jobs.wait((await value<JobStatus>(laptop, 'jobs.start', { kind: 'movePackage' })).id);
  expect(made.state, made.message).toBe('done');
  const parts: Buffer[] = [];
  for (let offset = 0; ; ) {
    const part = await value<{ size: number; bytesBase64: string; fileName: string }>(laptop, 'relocation.packagePart', { id: made.id, offset });
    expect(part.fileName).toMatch(/^Advieswerk verhuizing \d{4}-\d{2}-\d{2}\.zip$/);
    const bytes = Buffer.from(part.bytesBase64, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (offset >= part.size || bytes.length === 0) break;
  }
  packageBytes = Buffer.concat(parts);
}, 120_000);

describe('a move package from a laptop, taken over by the council server', () => {
  it('holds the database, the letter and a manifest that describes them', () => {
    const entries = unzipEntries(packageBytes);
    expect(Object.keys(entries).sort()).toEqual([PACKAGE_DATABASE, 'bijlagen/' + filesIn(attachmentsDir(laptop.databasePath))[0], PACKAGE_MANIFEST].sort());
    const manifest = JSON.parse(Buffer.from(entries[PACKAGE_MANIFEST]!).toString()) as PackageManifest;
    expect(manifest.tables.findings).toBe(3);
    expect(manifest.tables.advice_responses).toBe(1);
    expect(manifest.files.find((file) => file.name.startsWith('bijlagen/'))?.sha256).toBe(sha256Hex(PDF));
  });

  it('arrives whole: every council table row for row, the letter byte for byte, and the beheerder keeps the account and session', { timeout: 120_000 }, async () => {
    const server = await createTestCore();
    try {
      const { caller, secret } = await beheerderOf(server);
      const job = await takeOver(server, packageBytes, caller, 100_000);
      expect(job.state, job.message).toBe('done');
      expect(job.result?.files).toBe(1);

      const onLaptop = await councilRows(laptop.db as Kysely<any>, laptop.db as Kysely<any>);
      const onServer = await councilRows(server.db as Kysely<any>, laptop.db as Kysely<any>);
      expect(onServer).toEqual(onLaptop);
      expect(onLaptop.findings).toHaveLength(3);

      // The letter: the same bytes in the server's own folder and through the API.
      const folder = serverAttachments(server);
      expect(filesIn(folder)).toEqual(filesIn(attachmentsDir(laptop.databasePath)));
      expect(readFileSync(path.join(folder, filesIn(folder)[0]!)).equals(PDF)).toBe(true);
      const responseId = ((await server.db.selectFrom('advice_responses').select('id').executeTakeFirstOrThrow()) as { id: string }).id;
      const letter = await value<{ bytesBase64: string }>(server, 'responses.attachment', { id: responseId }, caller);
      expect(Buffer.from(letter.bytesBase64, 'base64').equals(PDF)).toBe(true);

      // The beheerder is still there and still signed in; the upload is gone.
      expect(await server.accounts.callerFor(secret)).toMatchObject({ accountId: caller.accountId, role: 'beheerder' });
      expect(filesIn(path.join(path.dirname(folder), 'uploads')).filter((name) => name.includes('verhuizing'))).toEqual([]);
      const findings = await value<{ rows: unknown[] }>(server, 'findings.search', { query: 'clienten' }, caller);
      expect(findings.rows).toHaveLength(1);

      // A second take-over finds council data: refused with its reason, nothing changed.
      const before = await storeFingerprint(server);
      const again = await takeOver(server, packageBytes, caller);
      expect(again.state).toBe('failed');
      expect(again.error).toEqual({ code: 'CONFLICT', reason: 'serverNotEmpty' });
      expect(await storeFingerprint(server)).toEqual(before);
    } finally {
      await server.dispose();
    }
  });
});

describe('hostile or wrong packages are refused, changing nothing', () => {
  let server: TestCore;
  let beheerder: Caller;
  beforeAll(async () => {
    server = await createTestCore();
    beheerder = (await beheerderOf(server)).caller;
  });
  afterAll(() => server.dispose());

  async function refused(bytes: Uint8Array): Promise<JobStatus> {
    const before = await storeFingerprint(server);
    const folder = serverAttachments(server);
    const job = await takeOver(server, bytes, beheerder);
    expect(job.state, job.message).toBe('failed');
    expect(await storeFingerprint(server)).toEqual(before);
    expect(filesIn(folder)).toEqual([]);
    expect(readdirSync(path.dirname(folder)).filter((name) => name === 'verhuizing' || name === 'evil.txt')).toEqual(existsSync(path.join(path.dirname(folder), 'verhuizing')) ? ['verhuizing'] : []);
    if (existsSync(path.join(path.dirname(folder), 'verhuizing'))) expect(readdirSync(path.join(path.dirname(folder), 'verhuizing'))).toEqual([]);
    return job;
  }

  const database = () => unzipEntries(packageBytes)[PACKAGE_DATABASE]!;
  const manifestOf = () => JSON.parse(Buffer.from(unzipEntries(packageBytes)[PACKAGE_MANIFEST]!).toString()) as PackageManifest;

  it('not a zip, an empty file, a zip without a manifest', { timeout: 60_000 }, async () => {
    for (const bytes of [Buffer.from('dit is geen zip'), Buffer.alloc(0), zipSync({ 'iets.txt': Buffer.from('x') }), zipSync({ [PACKAGE_DATABASE]: database() })]) {
      const job = await refused(bytes);
      expect(job.error).toEqual({ code: 'VALIDATION', reason: 'notAPackage' });
      expect(job.message).toContain(t('movePackage.notAPackage'));
    }
  });

  it('entries with .. or absolute names, never written anywhere', { timeout: 60_000 }, async () => {
    for (const name of ['../evil.txt', 'bijlagen/../../evil.txt', '/tmp/evil.txt', 'bijlagen/..', 'C:\\evil.txt']) {
      const job = await refused(craftedPackage({ [PACKAGE_DATABASE]: database(), [name]: Buffer.from('kwaad') }, { tables: manifestOf().tables, schemaVersion: manifestOf().schemaVersion }));
      expect(job.error, name).toEqual({ code: 'VALIDATION', reason: 'unsafeName' });
    }
  });

  it('a manifest that does not match: a changed byte, other row counts, a file it does not name', { timeout: 60_000 }, async () => {
    const changed = Buffer.from(database());
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    const manifest = manifestOf();
    const tampered = zipSync({ [PACKAGE_DATABASE]: changed, [PACKAGE_MANIFEST]: Buffer.from(JSON.stringify(manifest)) });
    expect((await refused(tampered)).error).toEqual({ code: 'VALIDATION', reason: 'manifestMismatch' });
    const counts = craftedPackage({ [PACKAGE_DATABASE]: database() }, { schemaVersion: manifest.schemaVersion, tables: { ...manifest.tables, findings: 4 } });
    expect((await refused(counts)).error).toEqual({ code: 'VALIDATION', reason: 'manifestMismatch' });
    const extra = zipSync({ ...unzipEntries(packageBytes), 'bijlagen/extra.pdf': PDF });
    expect((await refused(extra)).error).toEqual({ code: 'VALIDATION', reason: 'manifestMismatch' });
  });

  it('a SQLite file that is not Advieswerk\'s, and one of a newer version', { timeout: 60_000 }, async () => {
    const dir = makeTempDir('advieswerk-foreign-');
    dirs.push(dir);
    const foreign = path.join(dir, 'ander.sqlite');
    const other = new BetterSqlite3(foreign);
    other.exec('create table recepten (id integer primary key, naam text)');
    other.close();
    expect((await refused(craftedPackage({ [PACKAGE_DATABASE]: readFileSync(foreign) }))).error).toEqual({ code: 'VALIDATION', reason: 'notAdvieswerk' });

    const newer = path.join(dir, 'nieuwer.sqlite');
    writeFileSync(newer, database());
    const db = new BetterSqlite3(newer);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_uit_de_toekomst', new Date().toISOString());
    db.pragma('journal_mode = DELETE');
    const tables = Object.fromEntries(
      (db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[])
        .filter((name) => Object.hasOwn(manifestOf().tables, name))
        .map((name) => [name, (db.prepare(`select count(*) from "${name}"`).pluck().get() as number)]),
    );
    db.close();
    const job = await refused(craftedPackage({ [PACKAGE_DATABASE]: readFileSync(newer) }, { tables, schemaVersion: '9999_uit_de_toekomst' }));
    expect(job.error).toEqual({ code: 'CONFLICT', reason: 'newerVersion' });
  });

  it('a take-over cancelled at once: the job says cancelled, the store and its letters are as before', { timeout: 60_000 }, async () => {
    const before = await storeFingerprint(server);
    const { uploadId } = await value<{ uploadId: string }>(server, 'relocation.uploadPart', { offset: 0, dataBase64: packageBytes.toString('base64') }, beheerder);
    const started = await value<JobStatus>(server, 'jobs.start', { kind: 'moveTakeOver', params: { uploadId } }, beheerder);
    await value(server, 'jobs.cancel', { id: started.id }, beheerder);
    const job = await server.jobs.wait(started.id);
    expect(job.state, job.message).toBe('cancelled');
    expect(await storeFingerprint(server)).toEqual(before);
    const folder = serverAttachments(server);
    expect(filesIn(folder)).toEqual([]);
    // The upload itself: removed by the job when it stopped by itself, else (its thread ended after the
    // grace period, as on a loaded machine) swept at the next start like every job's upload.
  });

  it('parts out of order, and a caller who is not beheerder', { timeout: 60_000 }, async () => {
    const first = await value<{ uploadId: string }>(server, 'relocation.uploadPart', { offset: 0, dataBase64: Buffer.from('abc').toString('base64') }, beheerder);
    const gap = await server.call('relocation.uploadPart', { uploadId: first.uploadId, offset: 10, dataBase64: 'AAAA' }, beheerder);
    expect(!gap.ok && gap.error.code).toBe('CONFLICT');
    const secretaris: Caller = { ...beheerder, role: 'secretaris' };
    const before = await storeFingerprint(server);
    for (const [method, input] of [
      ['relocation.uploadPart', { offset: 0, dataBase64: 'AAAA' }],
      ['relocation.packagePart', { id: 'x', offset: 0 }],
      ['jobs.start', { kind: 'moveTakeOver', params: { uploadId: first.uploadId } }],
      ['jobs.start', { kind: 'movePackage' }],
    ] as const) {
      const result = await server.call(method, input, secretaris);
      expect(!result.ok && result.error.code, method).toBe('FORBIDDEN');
    }
    expect(await storeFingerprint(server)).toEqual(before);
  });
});

// On PostgreSQL the package can be made from that store too (one read snapshot, through copyStore).
describe.runIf(onPostgres())('a move package made from PostgreSQL', () => {
  it('holds the same council rows', { timeout: 120_000 }, async () => {
    const source = await createTestCore();
    const server = await createTestCore();
    try {
      const meeting = await source.value('meetings.create', { title: 'Wijkavond West', date: '2026-04-02', wijkIds: [] });
      await source.value('findings.create', { meetingId: meeting.id, text: 'Stoep te smal voor de rollator' });
      const made = await source.jobs.wait((await source.value('jobs.start', { kind: 'movePackage' })).id);
      expect(made.state, made.message).toBe('done');
      const part = await source.value('relocation.packagePart', { id: made.id, offset: 0 });
      expect(part.size).toBeLessThanOrEqual(MOVE_PART_BYTES);
      const { caller } = await beheerderOf(server);
      const job = await takeOver(server, Buffer.from(part.bytesBase64, 'base64'), caller);
      expect(job.state, job.message).toBe('done');
      expect(await councilRows(server.db as Kysely<any>, source.db as Kysely<any>)).toEqual(await councilRows(source.db as Kysely<any>, source.db as Kysely<any>));
    } finally {
      await source.dispose();
      await server.dispose();
    }
  });
});
