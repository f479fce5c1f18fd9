import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DATABASE_FILE_NAME = 'advieswerk.sqlite';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for the
 * product name "Advieswerk", so browser mode, the CLI and the app share one database.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Advieswerk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Advieswerk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Advieswerk');
}

/**
 * `--db` wins, then `ADVIESWERK_DB`, then the per-user data folder. A `postgres://…` URL is a
 * PostgreSQL database and is passed on as it is; anything else is a SQLite file path.
 */
export function resolveDatabasePath(cliPath: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = cliPath ?? env.ADVIESWERK_DB;
  if (chosen && /^postgres(ql)?:\/\//i.test(chosen)) return chosen;
  return chosen ? path.resolve(chosen) : path.join(defaultDataDir(process.platform, env), DATABASE_FILE_NAME);
}

export function backupDirFor(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'backups');
}

/** Owner only: other users of the computer read nothing of the council's data (POSIX; Windows keeps its per-user ACLs). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Exports and reports: `exports/` beside the database, always under a name the core chooses. */
export function exportsDirFor(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'exports');
}

/** Uploaded files waiting for their import: a private folder beside the database, emptied when done. */
export function uploadsDirFor(databasePath: string): string {
  const base = databasePath === ':memory:' ? path.join(os.tmpdir(), `advieswerk-memory-${process.pid}`) : path.dirname(databasePath);
  return path.join(base, 'uploads');
}

/** Creates a folder private to the user (0700), and makes an existing one private again. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') chmodSync(dir, PRIVATE_DIR_MODE);
  return dir;
}

/** Makes an existing file private to the user (0600); a missing file is fine. */
export function makeFilePrivate(file: string): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Uploads older than this at start are leftovers (a killed import, a preview never confirmed);
 * younger ones may belong to another process on the same database (the CLI beside the app).
 */
export const UPLOAD_LEFTOVER_MS = 60 * 60 * 1000;

/** Removes leftover uploads; returns the names removed. */
export function sweepUploads(databasePath: string, now: number = Date.now()): string[] {
  const dir = uploadsDirFor(databasePath);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (now - lstatSync(file).mtimeMs <= UPLOAD_LEFTOVER_MS) continue;
    rmSync(file, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * At start, for data written before this rule or by hand: the database with its -wal/-shm/-journal
 * 0600, and each of the app's folders beside it 0700 with its files 0600. Symlinks are left alone.
 */
export function protectDataFiles(databasePath: string, folders: string[]): void {
  if (process.platform === 'win32') return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) makeFilePrivate(`${databasePath}${suffix}`);
  for (const dir of folders) {
    if (!existsSync(dir) || !lstatSync(dir).isDirectory()) continue;
    chmodSync(dir, PRIVATE_DIR_MODE);
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (lstatSync(file).isFile()) chmodSync(file, PRIVATE_FILE_MODE);
    }
  }
}

/**
 * Where the local files of a PostgreSQL council (exports, uploads, attachments, backups) go on this
 * computer: `<dataDir>/<database>.postgres` anchors them as a database file does (files beside it); by
 * default in `postgres-<database>` in the per-user data folder. Nothing is ever written at the anchor itself.
 */
export function postgresAnchor(database: string, dataDir: string | undefined): string {
  const name = database.replace(/[^\p{L}\p{N}_-]+/gu, '_');
  return path.join(path.resolve(dataDir ?? path.join(defaultDataDir(), `postgres-${name}`)), `${name}.postgres`);
}
