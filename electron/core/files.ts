import { createHash, randomUUID } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../../shared/api/advices';
import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { describeIoError } from './io-errors';
import { ensurePrivateDir, exportsDirFor, makeFilePrivate, PRIVATE_FILE_MODE } from './paths';

/** Suffix of a file still being written; it only gets its real name once complete. */
export const PARTIAL_SUFFIX = '.deel';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A title as part of a file name: letters and digits, joined by dashes. */
export function fileNamePart(title: string, fallback: string): string {
  return title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || fallback;
}

/**
 * Writes a file under a temporary name and renames it into place when complete, so a crash, a
 * full disk or a cancel (checked by `beforeRename`) never leaves half a file under the real name.
 * The folder and the file are private to the user (0700/0600).
 */
export function writeFileAtomically(finalPath: string, content: Uint8Array | string, beforeRename?: () => void): string {
  ensurePrivateDir(path.dirname(finalPath));
  const partialPath = `${finalPath}${PARTIAL_SUFFIX}`;
  try {
    writeFileSync(partialPath, content, { mode: PRIVATE_FILE_MODE });
    makeFilePrivate(partialPath);
    beforeRename?.();
    renameSync(partialPath, finalPath);
  } finally {
    rmSync(partialPath, { force: true });
  }
  return finalPath;
}

/** `name.ext`, then `name (2).ext`, `name (3).ext`, ...: the candidates for a file that must not replace another. */
function numberedName(fileName: string, n: number): string {
  if (n === 1) return fileName;
  const extension = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - extension.length)} (${n})${extension}`;
}

/**
 * Writes a complete file into `dir` under `fileName` made safe, numbered when taken: never
 * replaces a file, never leaves the folder. The name is linked into place only once the content is
 * complete (a hard link fails instead of overwriting), so two writers never race for one name.
 */
export function writeNewFileInto(dir: string, fileName: string, content: Uint8Array | string, beforeLink?: () => void): string {
  ensurePrivateDir(dir);
  const safeName = safeFileName(fileName);
  const partialPath = path.join(dir, `.${randomUUID()}${PARTIAL_SUFFIX}`);
  try {
    writeFileSync(partialPath, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    makeFilePrivate(partialPath);
    beforeLink?.();
    for (let n = 1; ; n += 1) {
      const finalPath = path.join(dir, numberedName(safeName, n));
      try {
        linkSync(partialPath, finalPath);
        return finalPath;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A file system without hard links (FAT, some shares): a checked rename, still never half a file.
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
          if (existsSync(finalPath)) continue;
          renameSync(partialPath, finalPath);
          return finalPath;
        }
        if (code !== 'EEXIST' || n >= 10_000) throw error;
      }
    }
  } finally {
    rmSync(partialPath, { force: true });
  }
}

/** A file name the core chose, made safe for every file system: no separators, control or reserved characters, no leading dot. */
export function safeFileName(fileName: string): string {
  const cleaned = fileName
    .replace(/[\u0000-\u001F\u007F<>:"/\\|?*]+/g, '-')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  return cleaned || 'export';
}

/**
 * An export: written into `exports/` beside the database under a name the core chooses (never
 * replacing a file), and its bytes handed back for a download (a save dialog in Electron).
 */
export function writeExportFile(bytes: Uint8Array, fileName: string, databasePath: string): ExportedFile {
  let written: string;
  try {
    written = writeNewFileInto(exportsDirFor(databasePath), fileName, bytes);
  } catch (error) {
    throw new AppError('IO', t('errors.io', { details: describeIoError(error) }));
  }
  return { fileName: path.basename(written), bytesBase64: Buffer.from(bytes).toString('base64'), path: written, sha256: sha256Hex(bytes) };
}
