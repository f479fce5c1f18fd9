import { copyFileSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { PARTIAL_SUFFIX, sha256Hex } from '../files';
import { ensurePrivateDir, makeFilePrivate } from '../paths';

/**
 * The attachment files (`bijlagen/`, the response letters) a `move` takes along with the rows: every
 * regular file of the source folder, copied into the target folder and checked by sha256 per file.
 * A target folder holding a file that differs from the source's (or is not in the source) is refused
 * before anything is written.
 */
export interface FileCheck {
  file: string;
  bytes: number;
  sourceSha256: string;
  targetSha256: string;
  equal: boolean;
}

function regularFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.includes(PARTIAL_SUFFIX) && lstatSync(path.join(dir, name)).isFile())
    .sort();
}

function hashOf(file: string): string {
  return sha256Hex(readFileSync(file));
}

/** The source's files still to copy (those already identical in the target are skipped); refuses a target with other files. */
export function planAttachmentCopy(sourceDir: string, targetDir: string): string[] {
  if (path.resolve(sourceDir) === path.resolve(targetDir)) return [];
  const source = new Set(regularFiles(sourceDir));
  const toCopy: string[] = [];
  for (const name of regularFiles(targetDir)) {
    if (!source.has(name) || hashOf(path.join(sourceDir, name)) !== hashOf(path.join(targetDir, name)))
      throw new AppError('CONFLICT', t('move.attachmentsDiffer', { folder: targetDir, file: name }));
  }
  for (const name of source) if (!existsSync(path.join(targetDir, name))) toCopy.push(name);
  return toCopy;
}

/**
 * Copies the planned files (each through a `.deel` file renamed into place, 0600) and checks every
 * source file against the target by sha256. A difference removes what this copy wrote and throws.
 */
export function copyAttachmentFiles(sourceDir: string, targetDir: string, names: string[]): FileCheck[] {
  if (path.resolve(sourceDir) === path.resolve(targetDir)) return [];
  const written: string[] = [];
  try {
    if (names.length > 0) ensurePrivateDir(targetDir);
    for (const name of names) {
      const partial = path.join(targetDir, `${name}${PARTIAL_SUFFIX}`);
      copyFileSync(path.join(sourceDir, name), partial);
      makeFilePrivate(partial);
      renameSync(partial, path.join(targetDir, name));
      written.push(name);
    }
    const checks = regularFiles(sourceDir).map((name) => {
      const sourceBytes = readFileSync(path.join(sourceDir, name));
      const targetFile = path.join(targetDir, name);
      const targetSha256 = existsSync(targetFile) ? hashOf(targetFile) : '';
      const sourceSha256 = sha256Hex(sourceBytes);
      return { file: name, bytes: sourceBytes.length, sourceSha256, targetSha256, equal: sourceSha256 === targetSha256 };
    });
    const different = checks.filter((check) => !check.equal).map((check) => check.file);
    if (different.length > 0) throw new AppError('IO', t('move.attachmentsMismatch', { files: different.join(', ') }));
    return checks;
  } catch (error) {
    removeCopiedFiles(targetDir, written);
    throw error instanceof AppError ? error : new AppError('IO', t('errors.io', { details: error instanceof Error ? error.message : String(error) }));
  }
}

export function removeCopiedFiles(targetDir: string, names: string[]): void {
  for (const name of names) rmSync(path.join(targetDir, name), { force: true });
}
