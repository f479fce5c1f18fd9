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

/** What emptying the trash did: how many rows went, and what stayed because something still uses it. */
export interface TrashEmptied {
  removed: number;
  kept: (TrashItem & { usedBy: string })[];
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

/** The tables whose records carry a field-level history (audit.history). */
export const AUDITED_TABLES = [
  'advice_requests',
  'advices',
  'advice_sections',
  'advice_items',
  'advice_responses',
  'recommendation_positions',
  'commitments',
  'followup_entries',
  'advice_followup',
  'advice_publication',
] as const;
export type AuditedTable = (typeof AUDITED_TABLES)[number];

/** One changed field, readable: Dutch label, old and new value as shown to people. */
export interface HistoryChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

/** One step in a record's history: who, when, what (only the fields that changed). */
export interface HistoryEntry {
  id: string;
  at: string;
  /** "25 november 2026 om 14:05" */
  atLabel: string;
  userName: string;
  table: AuditedTable;
  recordId: string;
  action: AuditEntry['action'];
  /** What the record is, e.g. 'Onderdeel "Conclusies"' or 'Toezegging "Evaluatie …"'. */
  subject: string;
  /** True for the record asked for itself (the UI leaves its subject out). */
  self: boolean;
  /** "toegevoegd", "gewijzigd", "verwijderd", … */
  actionLabel: string;
  changes: HistoryChange[];
}

/** A table name as the schema spells it; the handlers check that it takes part. */
const tableName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { error: () => t('trash.unknownTable') });

const retentionMonths = z
  .number({ error: () => t('privacy.retentionRange') })
  .int({ error: () => t('privacy.retentionRange') })
  .min(1, { error: () => t('privacy.retentionRange') })
  .max(240, { error: () => t('privacy.retentionRange') })
  .nullable();

/** The retention setting; empty (null) keeps everything. */
export const privacyInput = z.object({ retentionMonths }).strict();

export const reliabilityContract = {
  'privacy.get': method<PrivacySettings>()(noInput),
  'privacy.update': method<PrivacySettings>()(privacyInput),
  'privacy.purgePreview': method<PurgePreview>()(noInput),
  'privacy.purge': method<{ purged: number; counts: Record<string, number> }>()(
    z
      .object({
        confirm: z.literal(true, { error: () => t('privacy.confirmRequired') }),
        /** How many items the confirmed list showed: if that changed meanwhile, nothing is purged. */
        expectedCount: z.number().int().min(0).max(10_000_000),
      })
      .strict(),
  ),
  'privacy.purgeLog': method<PurgeLogEntry[]>()(noInput),
  'trash.list': method<TrashItem[]>()(noInput),
  'trash.restore': method<{ table: string; id: string }>()(z.object({ table: tableName, id }).strict()),
  'trash.empty': method<TrashEmptied>()(z.object({ confirm: z.literal(true, { error: () => t('privacy.confirmRequired') }) }).strict()),
  /** The history of a record (of an advice: with its sections, items, responses, positions, commitments and follow-up), newest first. */
  'audit.history': method<HistoryEntry[]>()(
    z
      .object({
        table: z.enum(AUDITED_TABLES, { error: () => t('audit.tableInvalid') }),
        recordId: id,
      })
      .strict(),
  ),
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
