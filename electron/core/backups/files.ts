import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo, BackupReason } from '../../../shared/api/backups';
import type { Sqlite } from '../db/connection';
import { DEFAULT_ROTATION, selectBackupsToKeep, type RotationPolicy } from './rotation';
import { PARTIAL_SUFFIX } from '../files';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE } from '../paths';

/**
 * Backup files: `<database name>-<reden>-<UTC time>.sqlite` in the backup folder beside the
 * database (`advieswerk-handmatig-….sqlite` for `advieswerk.sqlite`). The prefix ties a backup to
 * its database: two databases in one folder share `backups/`, and each lists, rotates and restores
 * only its own.
 * Written with SQLite's online backup API into `<name>.deel`, switched to a self-contained
 * rollback-journal file, and only then renamed into place: a file with the final name is always
 * a complete database, whatever moment the process is killed.
 */
export const BACKUP_REASONS = ['automatisch', 'handmatig', 'voor-migratie', 'voor-terugzetten'] as const;
/** After the prefix: an optional reason (one of the known ones, so prefixes cannot be confused), the time, a number when taken. */
const NAME_REST = new RegExp(`^(?:(${BACKUP_REASONS.join('|')})-)?(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z(?:-\\d+)?(\\.sqlite|\\.dump)$`);
/** SQLite backups are `.sqlite` files; PostgreSQL's (pg_dump, custom format) `.dump` files. */
export type BackupExtension = '.sqlite' | '.dump';

/** The name backups of this database start with: its file name without extension. */
export function backupPrefixFor(databasePath: string): string {
  return path.basename(databasePath, path.extname(databasePath)) || 'advieswerk';
}

export function backupFileName(reason: BackupReason, at: Date = new Date(), prefix = 'advieswerk', extension: BackupExtension = '.sqlite'): string {
  return `${prefix}-${reason}-${at.toISOString().replace(/[:.]/g, '-')}${extension}`;
}

/** A backup of the database with this prefix, or null for any other file (another database's backups too). */
export function parseBackupFileName(name: string, prefix = 'advieswerk', extension: BackupExtension = '.sqlite'): { reason: BackupReason; takenAt: Date } | null {
  if (!name.startsWith(`${prefix}-`)) return null;
  const match = NAME_REST.exec(name.slice(prefix.length + 1));
  if (!match || match[7] !== extension) return null;
  const takenAt = new Date(`${match[2]}T${match[3]}:${match[4]}:${match[5]}.${match[6]}Z`);
  if (Number.isNaN(takenAt.getTime())) return null;
  // Files from before reasons were named (plain `advieswerk-<time>.sqlite`) were made by hand.
  const reason = (match[1] as BackupReason | undefined) ?? 'handmatig';
  return { reason, takenAt };
}

export interface WriteBackupOptions {
  progress?(done: number, total: number): void;
  /** Called between steps; throw to stop (the partial file is removed). */
  checkCancelled?(): void;
  at?: Date;
}

/**
 * SQLite's online backup of a live connection into the backup folder, named after the
 * connection's own database file; returns the final path. Folder 0700, file 0600.
 */
export async function writeOnlineBackup(sqlite: Sqlite, backupDir: string, reason: BackupReason, options: WriteBackupOptions = {}): Promise<string> {
  ensurePrivateDir(backupDir);
  const name = backupFileName(reason, options.at, backupPrefixFor(sqlite.name));
  let finalPath = path.join(backupDir, name);
  for (let n = 2; existsSync(finalPath); n += 1) finalPath = path.join(backupDir, name.replace(/\.sqlite$/, `-${n}.sqlite`));
  const partialPath = `${finalPath}${PARTIAL_SUFFIX}`;
  try {
    // Created empty and private first: SQLite then writes into a file only the user can read.
    writeFileSync(partialPath, '', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    makeFilePrivate(partialPath);
    await sqlite.backup(partialPath, {
      progress({ totalPages, remainingPages }) {
        options.checkCancelled?.();
        options.progress?.(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
    options.checkCancelled?.();
    // One file, no -wal/-shm beside it: a backup can be copied, previewed read-only or mailed as is.
    // Through ATTACH on the same connection, so Electron's own native build is used here too.
    sqlite.prepare('attach database ? as backup_copy').run(partialPath);
    try {
      sqlite.pragma('backup_copy.journal_mode = DELETE');
    } finally {
      sqlite.prepare('detach database backup_copy').run();
    }
    renameSync(partialPath, finalPath);
  } finally {
    rmSync(partialPath, { force: true });
    rmSync(`${partialPath}-journal`, { force: true });
  }
  return finalPath;
}

/** Row counts per table, schema version and integrity of a backup file, opened read-only. */
/** Opens another database file read-only, with the same native build as the app's own connection. */
export function openReadOnly(filePath: string, nativeBinding?: string): Sqlite {
  return new BetterSqlite3(filePath, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

export function inspectDatabaseFile(filePath: string, nativeBinding?: string): Pick<BackupInfo, 'schemaVersion' | 'tables' | 'totalRows'> & { migrations: string[] } {
  const file = openReadOnly(filePath, nativeBinding);
  try {
    const names = file
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%_fts%' order by name`)
      .pluck()
      .all() as string[];
    const hasMigrations = (file.prepare(`select count(*) from sqlite_master where type = 'table' and name = 'kysely_migration'`).pluck().get() as number) > 0;
    const migrations = hasMigrations ? (file.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : [];
    const tables = names.map((table) => ({ table, rows: file.prepare(`select count(*) from "${table.replace(/"/g, '""')}"`).pluck().get() as number }));
    return {
      schemaVersion: migrations.at(-1) ?? '',
      migrations,
      tables,
      totalRows: tables.reduce((sum, table) => sum + table.rows, 0),
    };
  } finally {
    file.close();
  }
}

export function checkIntegrity(filePath: string, nativeBinding?: string): boolean {
  const file = openReadOnly(filePath, nativeBinding);
  try {
    return file.pragma('integrity_check', { simple: true }) === 'ok';
  } finally {
    file.close();
  }
}

/** What a pg_dump file holds, written beside it as `<name>.dump.json` (see pgdump.ts). */
export interface DumpPreview {
  schemaVersion: string;
  tables: { table: string; rows: number }[];
}

export function previewPathFor(dumpPath: string): string {
  return `${dumpPath}.json`;
}

export function readDumpPreview(dumpPath: string): DumpPreview | null {
  try {
    const parsed = JSON.parse(readFileSync(previewPathFor(dumpPath), 'utf8')) as DumpPreview;
    if (typeof parsed.schemaVersion !== 'string' || !Array.isArray(parsed.tables)) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Every complete backup of the database with this prefix, newest first, each with a preview of what it holds. */
export function listBackups(backupDir: string, prefix: string, nativeBinding?: string): BackupInfo[] {
  if (!existsSync(backupDir)) return [];
  const infos: BackupInfo[] = [];
  for (const name of readdirSync(backupDir)) {
    const dump = name.endsWith('.dump');
    const parsed = parseBackupFileName(name, prefix, dump ? '.dump' : '.sqlite');
    if (!parsed) continue;
    const filePath = path.join(backupDir, name);
    const stat = lstatSync(filePath);
    // Only regular files: a symlink or a FIFO with a backup's name is not a backup (and is never opened).
    if (!stat.isFile()) continue;
    const base = { file: name, path: filePath, reason: parsed.reason, takenAt: parsed.takenAt.toISOString(), sizeBytes: stat.size };
    if (dump) {
      // A pg_dump file is not opened here: what it holds is in the preview written beside it.
      const preview = readDumpPreview(filePath);
      infos.push(
        preview
          ? { ...base, readable: true, schemaVersion: preview.schemaVersion, tables: preview.tables, totalRows: preview.tables.reduce((sum, table) => sum + table.rows, 0) }
          : { ...base, readable: false, schemaVersion: '', tables: [], totalRows: 0 },
      );
      continue;
    }
    try {
      infos.push({ ...base, readable: true, ...withoutMigrations(inspectDatabaseFile(filePath, nativeBinding)) });
    } catch {
      infos.push({ ...base, readable: false, schemaVersion: '', tables: [], totalRows: 0 });
    }
  }
  return infos.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.file.localeCompare(a.file));
}

function withoutMigrations<T extends { migrations: string[] }>({ migrations: _migrations, ...rest }: T): Omit<T, 'migrations'> {
  return rest;
}

/**
 * Applies the rotation. Regular backups (automatic and by hand) and safety backups (before a
 * migration or a restore) are rotated separately, so a burst of regular backups never pushes out
 * the copy taken just before a restore. Partial files of killed backups are cleaned up too.
 */
export function rotateBackups(backupDir: string, prefix: string, policy: RotationPolicy = DEFAULT_ROTATION, extension: BackupExtension = '.sqlite'): string[] {
  if (!existsSync(backupDir)) return [];
  const names = readdirSync(backupDir);
  const removed: string[] = [];
  for (const name of names) {
    // Left behind by a killed backup; an hour old at least, so a backup still running keeps its file.
    const partial = name.endsWith(PARTIAL_SUFFIX) || name.endsWith(`${PARTIAL_SUFFIX}-journal`);
    if (partial && Date.now() - statSync(path.join(backupDir, name)).mtimeMs > 3_600_000) {
      rmSync(path.join(backupDir, name), { force: true });
      removed.push(name);
    }
  }
  const dated = names.flatMap((name) => {
    const parsed = parseBackupFileName(name, prefix, extension);
    return parsed ? [{ name, ...parsed }] : [];
  });
  for (const safety of [false, true]) {
    const group = dated.filter((backup) => backup.reason.startsWith('voor-') === safety);
    for (const name of selectBackupsToKeep(group, policy).remove) {
      rmSync(path.join(backupDir, name), { force: true });
      // A PostgreSQL dump's preview (what it holds) goes with it.
      if (extension === '.dump') rmSync(path.join(backupDir, `${name}.json`), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
