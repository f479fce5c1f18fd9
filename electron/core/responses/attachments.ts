import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../shared/api/responses';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { sha256Hex, writeFileAtomically } from '../files';
import type { StoredAttachment } from './repository';
import { describeIoError } from '../io-errors';

/** `bijlagen/` beside the database, so a backup of the data folder holds the letters too. */
export function attachmentsDir(databasePath: string): string {
  const base = databasePath === ':memory:' ? path.join(os.tmpdir(), 'advieswerk-memory') : path.dirname(databasePath);
  return path.join(base, 'bijlagen');
}


/** Writes the letter as `<responseId>.<ext>` through a temp file; returns what the row records. */
export function storeAttachment(
  dir: string,
  responseId: string,
  input: { fileName: string; mediaType: keyof typeof ATTACHMENT_TYPES; bytesBase64: string },
): StoredAttachment {
  const bytes = Buffer.from(input.bytesBase64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', t('responses.attachmentInvalid'), [{ path: 'attachment', message: t('responses.attachmentInvalid') }]);
  if (bytes.length > ATTACHMENT_MAX_BYTES)
    throw new AppError('VALIDATION', t('responses.attachmentTooLarge'), [{ path: 'attachment', message: t('responses.attachmentTooLarge') }]);
  const file = `${responseId}-${Date.now()}.${ATTACHMENT_TYPES[input.mediaType]}`;
  try {
    writeFileAtomically(path.join(dir, file), bytes);
  } catch (error) {
    throw new AppError('IO', t('errors.io', { details: describeIoError(error) }));
  }
  return { name: input.fileName, file, mediaType: input.mediaType, size: bytes.length, sha256: sha256Hex(bytes) };
}

export function removeAttachment(dir: string, file: string): void {
  rmSync(path.join(dir, path.basename(file)), { force: true });
}

export function attachmentPath(dir: string, attachment: StoredAttachment): string {
  return path.join(dir, path.basename(attachment.file));
}

/** Reads a stored letter and checks it against its checksum. */
export function readAttachment(dir: string, attachment: StoredAttachment): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(attachmentPath(dir, attachment));
  } catch (error) {
    throw new AppError('IO', t('errors.io', { details: describeIoError(error) }));
  }
  if (sha256Hex(bytes) !== attachment.sha256) throw new AppError('CONFLICT', t('responses.attachmentDamaged', { name: attachment.name }));
  return bytes;
}
