import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MOVE_PACKAGE_MAX_BYTES } from '../../../shared/api/relocation';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { newId } from '../ids';
import { ensurePrivateDir, PRIVATE_FILE_MODE, uploadsDirFor } from '../paths';
import { MovePackageRefusal } from './package';

/**
 * A move package arrives in parts (the API's body is bounded): appended in order to a private file in
 * the uploads folder (swept at start when left over), removed by the take-over job whatever its outcome.
 */
function uploadPath(databasePath: string, uploadId: string): string {
  return path.join(uploadsDirFor(databasePath), `${path.basename(uploadId)}.verhuizing.zip`);
}

export function appendMoveUpload(databasePath: string, uploadId: string | undefined, offset: number, bytes: Buffer): { uploadId: string; bytes: number } {
  const outOfOrder = () => new AppError('CONFLICT', t('movePackage.partOutOfOrder'), [{ path: 'file', message: t('movePackage.partOutOfOrder') }]);
  if (uploadId === undefined) {
    if (offset !== 0) throw outOfOrder();
    const created = newId();
    ensurePrivateDir(uploadsDirFor(databasePath));
    writeFileSync(uploadPath(databasePath, created), bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    return { uploadId: created, bytes: bytes.length };
  }
  const file = uploadPath(databasePath, uploadId);
  if (!existsSync(file)) throw new MovePackageRefusal('uploadGone', t('movePackage.uploadGone'));
  const size = statSync(file).size;
  // The same part sent again (an answer that never arrived) is taken once.
  if (offset + bytes.length === size && offset < size) return { uploadId, bytes: size };
  if (offset !== size) throw outOfOrder();
  if (size + bytes.length > MOVE_PACKAGE_MAX_BYTES) {
    rmSync(file, { force: true });
    throw new MovePackageRefusal('tooLarge', t('movePackage.tooLarge', { max: '1 GB' }));
  }
  appendFileSync(file, bytes);
  return { uploadId, bytes: size + bytes.length };
}

export function readMoveUpload(databasePath: string, uploadId: string): Buffer {
  try {
    return readFileSync(uploadPath(databasePath, uploadId));
  } catch {
    throw new MovePackageRefusal('uploadGone', t('movePackage.uploadGone'));
  }
}

export function removeMoveUpload(databasePath: string, uploadId: string): void {
  rmSync(uploadPath(databasePath, uploadId), { force: true });
}
