import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../../shared/api/advices';
import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { describeIoError } from './io-errors';

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
 */
export function writeFileAtomically(finalPath: string, content: Uint8Array | string, beforeRename?: () => void): string {
  mkdirSync(path.dirname(finalPath), { recursive: true });
  const partialPath = `${finalPath}${PARTIAL_SUFFIX}`;
  try {
    writeFileSync(partialPath, content);
    beforeRename?.();
    renameSync(partialPath, finalPath);
  } finally {
    rmSync(partialPath, { force: true });
  }
  return finalPath;
}

/** Bytes back for a download (browser mode), or written to a chosen path (CLI, Electron). */
export function writeExportFile(bytes: Uint8Array, fileName: string, targetPath: string | undefined): ExportedFile {
  const hash = sha256Hex(bytes);
  if (!targetPath) return { fileName, bytesBase64: Buffer.from(bytes).toString('base64'), sha256: hash };
  const resolved = path.resolve(targetPath);
  try {
    writeFileAtomically(resolved, bytes);
  } catch (error) {
    throw new AppError('IO', t('errors.io', { details: describeIoError(error) }));
  }
  return { fileName: path.basename(resolved), path: resolved, sha256: hash };
}
