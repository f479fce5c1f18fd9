import type { AdviceDetail, AdviceItem } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { formatDateTime } from '../../../shared/i18n/format';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/connection';
import { auditUpdatesSince } from '../reliability/audit';
import { claimItemVersion, claimSectionVersion, findItem, findSection, itemsOfSection, lockAdvice } from './repository';
import { requireAdvice } from './service';

/**
 * Edit conflicts (issue 14, "no lost edits"): an update carries the `updatedAt` its client last saw; when
 * someone changed the record since, the update is refused with CONFLICT, the Dutch message naming who and
 * when, and `conflict` carrying the advice as it is now. An update that asks for what is stored already
 * (a retried autosave whose answer was lost) is no conflict. Run inside the transaction of the write.
 */

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function conflictError(changedBy: string, changedAt: string, current: AdviceDetail): AppError {
  return new AppError('CONFLICT', t('advices.editConflict', { name: changedBy, when: formatDateTime(changedAt) }), undefined, { changedBy, changedAt, current });
}

type ItemChanges = Partial<Pick<AdviceItem, 'kind' | 'text' | 'findingIds' | 'signalIds' | 'relatedItemIds' | 'showMentions'>>;

/** Refuses an item update made on a version of the item someone has changed since. */
export async function checkItemVersion(trx: Db, itemId: string, expectedUpdatedAt: string | undefined, changes: ItemChanges): Promise<void> {
  if (expectedUpdatedAt === undefined || (await claimItemVersion(trx, itemId, expectedUpdatedAt))) return;
  const row = (await findItem(trx, itemId))!;
  const current = await requireAdvice(trx, row.advice_id);
  const stored = current.sections.flatMap((section) => section.items).find((item) => item.id === itemId)!;
  const asked = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (asked.every(([field, value]) => same(stored[field as keyof ItemChanges], value))) return;
  throw conflictError(row.updated_by, row.updated_at, current);
}

/**
 * Refuses deleting an item someone changed after `expectedUpdatedAt`: their edit would go with it unseen.
 * Claiming the version also locks the row, so no edit slips in between this check and the delete.
 */
export async function checkItemDeletable(trx: Db, itemId: string, expectedUpdatedAt: string | undefined): Promise<void> {
  if (expectedUpdatedAt === undefined || (await claimItemVersion(trx, itemId, expectedUpdatedAt))) return;
  const row = (await findItem(trx, itemId))!;
  throw conflictError(row.updated_by, row.updated_at, await requireAdvice(trx, row.advice_id));
}

/** Refuses a section title or numbering change when someone set it to something else since `expectedUpdatedAt`. */
export async function checkSectionVersion(
  trx: Db,
  sectionId: string,
  expectedUpdatedAt: string | undefined,
  changes: { title?: string | undefined; numbering?: string | undefined },
): Promise<void> {
  if (expectedUpdatedAt === undefined || (await claimSectionVersion(trx, sectionId, expectedUpdatedAt))) return;
  const section = (await findSection(trx, sectionId))!;
  const asked = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (asked.every(([field, value]) => section[field as 'title' | 'numbering'] === value)) return;
  throw conflictError(section.updated_by, section.updated_at, await requireAdvice(trx, section.advice_id));
}

/**
 * Refuses deleting a section when it, or any item in it, changed after `expectedUpdatedAt` (the newest
 * version the client saw among them): an item added or rewritten meanwhile would be lost unseen.
 */
export async function checkSectionDeletable(trx: Db, sectionId: string, expectedUpdatedAt: string | undefined): Promise<void> {
  if (expectedUpdatedAt === undefined) return;
  const section = (await findSection(trx, sectionId))!;
  const refuseIfChanged = async () => {
    const now = (await findSection(trx, sectionId))!;
    const newest = [now, ...(await itemsOfSection(trx, sectionId))].reduce((a, b) => (b.updated_at > a.updated_at ? b : a));
    if (newest.updated_at > expectedUpdatedAt) throw conflictError(newest.updated_by, newest.updated_at, await requireAdvice(trx, section.advice_id));
  };
  // Refused before anything is written; then, with the advice locked (every item write touches the
  // advice's row in its own transaction), once more, so no item added meanwhile goes with the section.
  await refuseIfChanged();
  await lockAdvice(trx, section.advice_id);
  await refuseIfChanged();
}

/** The advice's letter fields as the update takes them, with the audit snapshot's name for each. */
const LETTER_FIELDS = {
  kind: 'kind',
  betreft: 'betreft',
  kenmerk: 'kenmerk',
  requestId: 'request_id',
  adviceDate: 'advice_date',
  addressee: 'addressee',
  openingText: 'opening_text',
  closingText: 'closing_text',
  signatories: 'signatories_json',
  cc: 'cc_json',
  referenceIds: 'referenceIds',
  meetingIds: 'meetingIds',
} as const;
type LetterField = keyof typeof LETTER_FIELDS;

function storedLetterValue(advice: AdviceDetail, field: LetterField): unknown {
  return field === 'referenceIds' ? advice.references.map((reference) => reference.id) : advice[field];
}

/**
 * Refuses an advice update that changes a letter field someone else changed after `expectedUpdatedAt`.
 * The advice's own `updatedAt` moves with every edit of its sections and items too, so a stale version
 * alone is no conflict: only a field this update sets, changed since (the audit trail says which), to a
 * value other than the one asked for. Locks the advice's row first, so the check and the write are one step.
 */
export async function checkLetterVersion(trx: Db, adviceId: string, expectedUpdatedAt: string | undefined, changes: Partial<Record<LetterField, unknown>>): Promise<void> {
  if (expectedUpdatedAt === undefined) return;
  await lockAdvice(trx, adviceId);
  const current = await requireAdvice(trx, adviceId);
  if (current.updatedAt === expectedUpdatedAt) return;
  const asked = (Object.keys(LETTER_FIELDS) as LetterField[]).filter((field) => changes[field] !== undefined && !same(storedLetterValue(current, field), changes[field]));
  if (asked.length === 0) return;
  for (const entry of await auditUpdatesSince(trx, 'advices', adviceId, expectedUpdatedAt)) {
    if (asked.some((field) => !same(entry.before[LETTER_FIELDS[field]], entry.after[LETTER_FIELDS[field]]))) throw conflictError(entry.userName, entry.at, current);
  }
}
