import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { unzipSync, zipSync, type UnzipFileInfo } from 'fflate';
import { MOVE_PACKAGE_FORMAT, MOVE_PACKAGE_MAX_BYTES, type MoveRefusal } from '../../../shared/api/relocation';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { writeOnlineBackup } from '../backups/files';
import { createKysely, openSqlite, type Db, type Sqlite } from '../db/connection';
import { checkDatabaseVersion, migrateToLatest, refuseForeignOrNewerDatabase } from '../db/migrate';
import { appliedSchemaVersion, copyStore, firstNonEmptyTable, tableRowCounts, throwIfAborted, type MoveOutcome, type MoveProgress } from '../db/move';
import { copyAttachmentFiles, planAttachmentCopy, removeCopiedFiles } from '../db/move-files';
import { PARTIAL_SUFFIX, sha256Hex } from '../files';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE } from '../paths';
import { attachmentsDir } from '../responses/attachments';
import { integrityOk, mergeServerAccounts, oneFileDatabase, SERVER_OWN_TABLES, serverOwnRows } from './repository';

/**
 * A move package (issue 14, "Verhuizen naar een raadsserver"): ONE .zip with a consistent copy of a
 * council's database, every attachment file and a manifest (schema version, rows per table, sha256 and
 * size per file). Made on the laptop (any store), taken over by a council server (any store) with
 * copyStore's semantics: one transaction, counts and hashes verified, all or nothing.
 */

export const PACKAGE_DATABASE = 'advieswerk.sqlite';
export const PACKAGE_MANIFEST = 'manifest.json';
const ATTACHMENTS_PREFIX = 'bijlagen/';

export { SERVER_OWN_TABLES } from './repository';

export interface PackageManifest {
  format: typeof MOVE_PACKAGE_FORMAT;
  version: 1;
  schemaVersion: string;
  createdAt: string;
  tables: Record<string, number>;
  files: { name: string; bytes: number; sha256: string }[];
}

/** A refusal of a package, with its typed reason; nothing was changed. */
export class MovePackageRefusal extends AppError {
  constructor(
    readonly reason: MoveRefusal,
    message: string,
  ) {
    super(reason === 'serverNotEmpty' || reason === 'newerVersion' ? 'CONFLICT' : 'VALIDATION', message, [{ path: 'file', message }]);
  }
}

const refuse = (reason: MoveRefusal, params: Record<string, string | number> = {}) => new MovePackageRefusal(reason, t(`movePackage.${reason}`, params));

export interface PackageOptions {
  signal?: AbortSignal;
  /** Progress in units of the step named (copied pages, rows). */
  report?: (done: number, total: number, message: string) => void;
}

function privateTempDir(anchor: string, prefix: string): string {
  // Beside the data (same disk, same private folder rules), never in a shared temp folder: it holds personal data.
  const base = ensurePrivateDir(path.join(path.dirname(anchor), 'verhuizing'));
  return mkdtempSync(path.join(base, prefix));
}

/**
 * The database as one consistent SQLite file in `dir`: SQLite's online backup (as the backups do), or
 * from PostgreSQL copyStore into a new SQLite file (one read snapshot, verified).
 */
async function snapshotInto(dir: string, db: Db, sqlite: Sqlite | null, options: PackageOptions): Promise<string> {
  if (sqlite) {
    const written = await writeOnlineBackup(sqlite, dir, 'handmatig', {
      checkCancelled: () => throwIfAborted(options.signal),
      progress: (done, total) => options.report?.(done, total, t('movePackage.making')),
    });
    // Already a private file in `dir` (written through a partial file): renamed, not read and written again.
    const file = path.join(dir, PACKAGE_DATABASE);
    renameSync(written, file);
    return file;
  }
  const file = path.join(dir, PACKAGE_DATABASE);
  const copy = openSqlite({ path: file });
  const copyDb = createKysely(copy);
  try {
    await migrateToLatest(copyDb, null, null);
    await copyStore(db, copyDb, {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (step) => options.report?.(step.done, step.total, t('movePackage.making')),
    });
    oneFileDatabase(copy);
  } finally {
    await copyDb.destroy();
  }
  return file;
}

/**
 * Makes the package of the store `db` (its local files anchored at `anchor`) and returns its bytes and
 * manifest. Nothing of the store is written.
 */
export async function makeMovePackage(db: Db, sqlite: Sqlite | null, anchor: string, options: PackageOptions = {}): Promise<{ zip: Uint8Array; manifest: PackageManifest }> {
  const dir = privateTempDir(anchor, 'maken-');
  try {
    const file = await snapshotInto(dir, db, sqlite, options);
    throwIfAborted(options.signal);
    const snapshot = openSqlite({ path: file, readonly: true });
    const snapshotDb = createKysely(snapshot);
    let tables: Record<string, number>;
    let schemaVersion: string;
    try {
      tables = Object.fromEntries((await tableRowCounts(snapshotDb as Kysely<any>)).map(({ table, rows }) => [table, rows]));
      schemaVersion = await appliedSchemaVersion(snapshotDb as Kysely<any>);
    } finally {
      await snapshotDb.destroy();
    }
    const entries: Record<string, Uint8Array> = { [PACKAGE_DATABASE]: readFileSync(file) };
    const folder = attachmentsDir(anchor);
    const names = existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile() && !entry.name.includes(PARTIAL_SUFFIX)).map((entry) => entry.name).sort() : [];
    for (const name of names) {
      throwIfAborted(options.signal);
      entries[`${ATTACHMENTS_PREFIX}${name}`] = readFileSync(path.join(folder, name));
    }
    const manifest: PackageManifest = {
      format: MOVE_PACKAGE_FORMAT,
      version: 1,
      schemaVersion,
      createdAt: new Date().toISOString(),
      tables,
      files: Object.entries(entries).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256Hex(bytes) })),
    };
    entries[PACKAGE_MANIFEST] = Buffer.from(JSON.stringify(manifest, null, 2));
    throwIfAborted(options.signal);
    // The database compresses well; letters (PDF) hardly: level 6 as the publication zip.
    return { zip: zipSync(entries, { level: 6 }), manifest };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A name that could point outside a folder when written: `..`, absolute, a drive, a backslash, control characters. */
function unsafeName(name: string): boolean {
  return name.split('/').some((part) => part === '..' || part === '.') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || /[\\\p{Cc}]/u.test(name);
}

/** An entry name the package may hold: the database, the manifest, or one plain file name under bijlagen/. */
function packageEntry(name: string): boolean {
  if (name === PACKAGE_DATABASE || name === PACKAGE_MANIFEST || name === ATTACHMENTS_PREFIX) return true;
  if (!name.startsWith(ATTACHMENTS_PREFIX)) return false;
  const file = name.slice(ATTACHMENTS_PREFIX.length);
  return file.length > 0 && file.length <= 200 && !file.includes('/') && !file.includes(':') && !file.includes(PARTIAL_SUFFIX);
}

function parseManifest(bytes: Uint8Array | undefined): PackageManifest {
  if (!bytes) throw refuse('notAPackage');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw refuse('notAPackage');
  }
  const manifest = json as Partial<PackageManifest>;
  const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
  if (
    typeof json !== 'object' || json === null || manifest.format !== MOVE_PACKAGE_FORMAT || manifest.version !== 1 ||
    typeof manifest.schemaVersion !== 'string' || typeof manifest.tables !== 'object' || manifest.tables === null || Array.isArray(manifest.tables) ||
    !Object.values(manifest.tables).every(isCount) || !Array.isArray(manifest.files) ||
    !manifest.files.every((file) => typeof file === 'object' && file !== null && typeof file.name === 'string' && isCount(file.bytes) && typeof file.sha256 === 'string')
  )
    throw refuse('notAPackage');
  return manifest as PackageManifest;
}

/**
 * Reads a package's bytes: every entry name checked before anything is inflated (no `..`, no absolute
 * names, nothing but the database, the manifest and bijlagen/<file>), sizes bounded, every file against
 * the manifest's size and sha256. Returns the entries; writes nothing.
 */
export function readMovePackage(bytes: Uint8Array): { manifest: PackageManifest; entries: Map<string, Uint8Array> } {
  let unsafe: string | undefined;
  let foreign = false;
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        if (unsafeName(file.name)) unsafe ??= file.name;
        else if (!packageEntry(file.name)) foreign = true;
        declared += file.originalSize;
        // Never inflate a refused package, nor one that says it would unpack to more than the limit (a zip bomb).
        return unsafe === undefined && !foreign && declared <= MOVE_PACKAGE_MAX_BYTES * 2;
      },
    });
  } catch {
    throw refuse('notAPackage');
  }
  if (unsafe !== undefined) throw refuse('unsafeName', { name: JSON.stringify(unsafe.slice(0, 80)) });
  if (foreign || declared > MOVE_PACKAGE_MAX_BYTES * 2) throw refuse('notAPackage');
  const manifest = parseManifest(files[PACKAGE_MANIFEST]);
  const entries = new Map(Object.entries(files).filter(([name]) => name !== PACKAGE_MANIFEST && name !== ATTACHMENTS_PREFIX));
  const listed = new Set(manifest.files.map((file) => file.name));
  if (!entries.has(PACKAGE_DATABASE) || !listed.has(PACKAGE_DATABASE)) throw refuse('notAPackage');
  for (const name of entries.keys()) if (!listed.has(name)) throw refuse('manifestMismatch', { what: name });
  for (const file of manifest.files) {
    if (unsafeName(file.name) || !packageEntry(file.name)) throw refuse('unsafeName', { name: JSON.stringify(file.name.slice(0, 80)) });
    const entry = entries.get(file.name);
    if (!entry || entry.length !== file.bytes || sha256Hex(entry) !== file.sha256) throw refuse('manifestMismatch', { what: file.name });
  }
  return { manifest, entries };
}

export interface TakeOverOptions extends PackageOptions {
  onProgress?: (progress: MoveProgress) => void;
  /** Called before the letters written are removed again: a job's thread must not be ended half-way through that. */
  undoing?: () => void;
}

export interface TakeOverOutcome extends MoveOutcome {
  files: number;
}

/**
 * Takes a package over into the store `target` (a council server's, either store; its local files
 * anchored at `anchor`). Refuses, changing nothing: a damaged or foreign package, unsafe names, a
 * manifest that does not match, a database that is not Advieswerk's or newer, a server that holds
 * council data. An older package is migrated in its temporary copy first. The attachments are written
 * first and removed again when the copy fails, as moveStore does.
 */
export async function takeOverMovePackage(target: Db, anchor: string, bytes: Uint8Array, options: TakeOverOptions = {}): Promise<TakeOverOutcome> {
  options.report?.(0, 0, t('movePackage.checking'));
  const { manifest, entries } = readMovePackage(bytes);
  throwIfAborted(options.signal);
  // Checked first against the server, so a refusal costs no unpacking to disk.
  const busy = await councilDataIn(target);
  if (busy) throw refuse('serverNotEmpty', { table: busy });

  const dir = privateTempDir(anchor, 'overnemen-');
  const sourceFiles = path.join(dir, 'bijlagen');
  const targetFiles = attachmentsDir(anchor);
  let copied: string[] = [];
  let succeeded = false;
  try {
    const file = path.join(dir, PACKAGE_DATABASE);
    writeFileSync(file, entries.get(PACKAGE_DATABASE) as Uint8Array, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    ensurePrivateDir(sourceFiles);
    for (const [name, content] of entries) {
      if (!name.startsWith(ATTACHMENTS_PREFIX)) continue;
      const out = path.join(sourceFiles, path.basename(name));
      writeFileSync(out, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      makeFilePrivate(out);
    }
    try {
      refuseForeignOrNewerDatabase(file);
    } catch (error) {
      if (error instanceof AppError && error.message === t('errors.dbNotAdvieswerk', { path: file })) throw refuse('notAdvieswerk');
      if (error instanceof AppError && error.code === 'CONFLICT') throw refuse('newerVersion');
      throw refuse('notAdvieswerk');
    }
    const copy = openSqlite({ path: file });
    const copyDb = createKysely(copy) as Kysely<any>;
    try {
      let counts: { table: string; rows: number }[];
      try {
        if (!integrityOk(copy)) throw new Error('integrity');
        counts = await tableRowCounts(copyDb);
      } catch {
        throw refuse('notAdvieswerk');
      }
      // The rows the manifest promises, per table, in the database as it was made.
      const listed = Object.entries(manifest.tables).sort(([a], [b]) => (a < b ? -1 : 1));
      const found = counts.map(({ table, rows }) => [table, rows] as const);
      if (JSON.stringify(listed) !== JSON.stringify(found)) throw refuse('manifestMismatch', { what: t('movePackage.rowCounts') });
      if ((await appliedSchemaVersion(copyDb)) !== manifest.schemaVersion) throw refuse('manifestMismatch', { what: 'schemaVersion' });
      // An older package: its temporary copy is brought to this version, as opening it in the app would.
      if ((await checkDatabaseVersion(copyDb)).pending.length > 0) await migrateToLatest(copyDb, null, null);
      throwIfAborted(options.signal);
      await mergeServerAccounts(copyDb, await serverOwnRows(target));

      copied = planAttachmentCopy(sourceFiles, targetFiles);
      copyAttachmentFiles(sourceFiles, targetFiles, copied);
      const outcome = await copyStore(copyDb, target, {
        replaceableTables: SERVER_OWN_TABLES,
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (step) => {
          options.onProgress?.(step);
          options.report?.(step.done, step.total, t(step.phase === 'copy' ? 'movePackage.copying' : 'movePackage.verifying', { table: step.table, done: step.done, total: step.total }));
        },
      });
      succeeded = true;
      return { ...outcome, files: entries.size - 1 };
    } finally {
      await copyDb.destroy();
    }
  } finally {
    if (!succeeded && copied.length > 0) {
      options.undoing?.();
      removeCopiedFiles(targetFiles, copied);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The first table of the server holding council data, or null: what the migrations seed and the
 * server's own accounts, sessions and invitations do not count.
 */
export async function councilDataIn(db: Db): Promise<string | null> {
  return firstNonEmptyTable(db as Kysely<any>, SERVER_OWN_TABLES);
}
