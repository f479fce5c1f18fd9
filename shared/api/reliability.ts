import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { id, noInput } from './fields';

export interface PrivacySettings {
  /** Flagged personal data older than this many months may be purged; null: keep everything. */
  retentionMonths: number | null;
}

export interface PurgeCandidate {
  table: string;
  /** Set when only this text column is emptied (a meeting's notes); absent: the whole row goes. */
  column?: string;
  tableLabel: string;
  id: string;
  createdAt: string;
  /** Start of the row's title or text, so the user sees what goes. */
  label: string;
}

export interface PurgePreview {
  retentionMonths: number | null;
  olderThan: string | null;
  items: PurgeCandidate[];
}

export interface PurgeLogEntry {
  id: string;
  purgedAt: string;
  purgedBy: string;
  olderThan: string;
  retentionMonths: number;
  counts: Record<string, number>;
}

export interface TrashItem {
  table: string;
  tableLabel: string;
  id: string;
  deletedAt: string;
  label: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  userName: string;
  table: string;
  recordId: string;
  action: 'create' | 'update' | 'delete' | 'trash' | 'restore' | 'purge';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A table name as the schema spells it; the handlers check that it takes part. */
const tableName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { message: t('trash.unknownTable') });

const retentionMonths = z
  .number({ message: t('privacy.retentionRange') })
  .int({ message: t('privacy.retentionRange') })
  .min(1, { message: t('privacy.retentionRange') })
  .max(240, { message: t('privacy.retentionRange') })
  .nullable();

export const reliabilityContract = {
  'privacy.get': method<PrivacySettings>()(noInput),
  'privacy.update': method<PrivacySettings>()(z.object({ retentionMonths }).strict()),
  'privacy.purgePreview': method<PurgePreview>()(noInput),
  'privacy.purge': method<{ purged: number; counts: Record<string, number> }>()(
    z
      .object({
        confirm: z.literal(true, { message: t('privacy.confirmRequired') }),
        /** How many items the confirmed list showed: if that changed meanwhile, nothing is purged. */
        expectedCount: z.number().int().min(0).max(10_000_000),
      })
      .strict(),
  ),
  'privacy.purgeLog': method<PurgeLogEntry[]>()(noInput),
  'trash.list': method<TrashItem[]>()(noInput),
  'trash.restore': method<{ table: string; id: string }>()(z.object({ table: tableName, id }).strict()),
  'trash.empty': method<{ removed: number }>()(z.object({ confirm: z.literal(true, { message: t('privacy.confirmRequired') }) }).strict()),
  'audit.list': method<AuditEntry[]>()(
    z
      .object({
        table: tableName.optional(),
        recordId: id.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
  ),
};
