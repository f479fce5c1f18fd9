import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { base64Upload, boundedText, id, noInput } from './fields';

/**
 * Moving a council that started on one computer to its council server (issue 14), from Instellingen:
 * the laptop makes ONE move package (job `movePackage`, fetched in parts with `relocation.packagePart`);
 * the server's beheerder sends it in parts (`relocation.uploadPart`) and takes it over (job `moveTakeOver`).
 */
export const MOVE_PACKAGE_FORMAT = 'advieswerk-verhuizing';
/** What one package may weigh (database + letters); what it unpacks to may be at most twice this. */
export const MOVE_PACKAGE_MAX_BYTES = 1024 * 1024 * 1024;
/** One part of an upload or download: well under the API's 16 MB body, base64 included. */
export const MOVE_PART_BYTES = 4 * 1024 * 1024;

/** Why a package was refused (the typed code beside the Dutch message); nothing was changed. */
export const MOVE_REFUSALS = ['notAPackage', 'unsafeName', 'manifestMismatch', 'notAdvieswerk', 'newerVersion', 'serverNotEmpty', 'tooLarge', 'uploadGone'] as const;
export type MoveRefusal = (typeof MOVE_REFUSALS)[number];

export const movePackageParams = noInput;
export const moveTakeOverParams = z.object({ uploadId: id }).strict();

export interface MovePackagePart {
  fileName: string;
  /** The whole file's size; the caller asks for parts until offset + part reaches it. */
  size: number;
  offset: number;
  bytesBase64: string;
}

export const relocationContract = {
  /**
   * One part of a move package on its way to the server, in order: without `uploadId` the first
   * (offset 0) starts a new upload. Writes only the private upload file, never council data.
   */
  'relocation.uploadPart': method<{ uploadId: string; bytes: number }>()(
    z
      .object({
        uploadId: id.optional(),
        offset: z.number().int().min(0).max(MOVE_PACKAGE_MAX_BYTES),
        dataBase64: base64Upload(Math.ceil(MOVE_PART_BYTES / 3) * 4, () => t('movePackage.tooLarge', { max: '4 MB' })),
      })
      .strict(),
  ),
  /** One part (at most MOVE_PART_BYTES) of the package a finished `movePackage` job wrote. */
  'relocation.packagePart': method<MovePackagePart>()(
    z.object({ id: boundedText(100), offset: z.number().int().min(0).max(MOVE_PACKAGE_MAX_BYTES) }).strict(),
  ),
};
