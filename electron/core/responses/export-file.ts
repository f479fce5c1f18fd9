import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { sha256Hex } from './attachments';

/** Bytes back for a download, or written to a chosen path through a temp file renamed at the end. */
export function writeExportFile(bytes: Uint8Array, fileName: string, targetPath: string | undefined): ExportedFile {
  const hash = sha256Hex(bytes);
  if (!targetPath) return { fileName, bytesBase64: Buffer.from(bytes).toString('base64'), sha256: hash };
  const resolved = path.resolve(targetPath);
  try {
    mkdirSync(path.dirname(resolved), { recursive: true });
    const partial = `${resolved}.deel`;
    writeFileSync(partial, bytes);
    renameSync(partial, resolved);
  } catch (error) {
    throw new AppError('IO', t('errors.io', { details: error instanceof Error ? error.message : String(error) }));
  }
  return { fileName: path.basename(resolved), path: resolved, sha256: hash };
}
