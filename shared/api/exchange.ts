import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { base64Upload, fileName, id, LIMITS } from './fields';
import { MAX_IMPORT_BYTES } from './meetings';

/**
 * The exchange file: any set of records with their UUIDs, so a member's laptop and the secretary's
 * machine can merge their data. Each record names its type; a type this version does not know is
 * reported and skipped, so later features can add types without breaking older importers.
 * Documented in docs/exchange-format.md (with the JSON Schema generated from this definition).
 */
export const EXCHANGE_FORMAT = 'advieswerk-uitwisseling';
export const EXCHANGE_VERSION = 1;

/** A UTC or offset ISO timestamp, as records carry them (updatedAt, createdAt, deletedAt). */
export const timestamp = z.iso.datetime({ offset: true });

export const exchangeRecord = z
  .object({
    type: z.string().min(1).max(50),
    id,
    updatedAt: timestamp,
    data: z.record(z.string(), z.unknown()),
  })
  .strict();
export type ExchangeRecord = z.infer<typeof exchangeRecord>;

export const exchangeFile = z
  .object({
    format: z.literal(EXCHANGE_FORMAT),
    version: z.literal(EXCHANGE_VERSION),
    exportedAt: timestamp,
    exportedBy: z.string().max(LIMITS.name),
    /** Says plainly whether records flagged as personal data are inside. */
    containsPersonalData: z.boolean(),
    description: z.string().max(LIMITS.line),
    records: z.array(exchangeRecord).max(200_000),
  })
  .strict();
export type ExchangeFile = z.infer<typeof exchangeFile>;

export interface ExchangeConflict {
  type: string;
  id: string;
  label: string;
  /** Which version is now in the database. */
  kept: 'file' | 'local';
  keptUpdatedAt: string;
  otherUpdatedAt: string;
  /** The version that lost, as it was, so nothing disappears silently. */
  otherVersion: Record<string, unknown>;
}

export interface ExchangeReport {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records matched to an existing record by name (wijken, programmes with another id). */
  matchedByName: { type: string; label: string }[];
  conflicts: ExchangeConflict[];
  skipped: { type: string; id: string; reason: string }[];
}

export interface ExchangeUpload {
  uploadId: string;
  fileName: string;
  exportedAt: string;
  exportedBy: string;
  description: string;
  containsPersonalData: boolean;
  counts: Record<string, number>;
}

export const exchangeContract = {
  /** Reads and checks an exchange file; writes nothing. The import itself is the `exchangeImport` job. */
  'exchange.readFile': method<ExchangeUpload>()(
    z
      .object({
        fileName,
        dataBase64: base64Upload(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) * 5, () => t('exchange.tooLarge')),
      })
      .strict(),
  ),
};

export const exchangeExportParams = z.object({ meetingId: id }).strict();
export const exchangeImportParams = z.object({ uploadId: id }).strict();
