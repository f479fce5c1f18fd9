import type { OverdueNotice, ResponseOverview } from '../../../shared/api/responses';
import { t } from '../../../shared/i18n';
import { todayInNetherlands } from '../../../shared/calendar';
import { newlyOverdue } from '../../../shared/responses/deadlines';
import { effectiveStatus, transitionError, type FullStatus } from '../../../shared/responses/status';
import { AppError } from '../../../shared/result';
import { findAdviceRow, loadAdvice } from '../advices/repository';
import { notFound } from '../api/errors';
import { defineHandlers, type HandlerContext } from '../api/handler';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { newId } from '../ids';
import { audited, auditedCreate, auditDeletion } from '../reliability/audit-trail';
import { dashboardFigures, overdueNotices } from './dashboard';
import { buildFollowupExchange } from './exchange';
import { feedbackScope, loadOverview } from './service';
import { writeExportFile } from '../files';
import { attachmentsDir, readAttachment, removeAttachment, storeAttachment } from './attachments';
import {
  countOverdue,
  countResponses,
  deleteCommitment,
  deleteEntry,
  deletePosition,
  deleteResponse,
  findCommitment,
  findEntry,
  findFollowupState,
  findAdviceItem,
  findResponse,
  getSeen,
  insertCommitment,
  insertEntry,
  insertResponse,
  recommendationsOfAdvice,
  positionRecords,
  replaceCommitmentItems,
  setSeen,
  updateCommitment,
  updateResponse,
  upsertPosition,
  writeFollowupState,
  type StoredAttachment,
} from './repository';

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path, message }]);
}

async function requireAdviceRow(db: Db, adviceId: string) {
  const row = await findAdviceRow(db, adviceId);
  if (!row) throw notFound('responses.adviceNotFound');
  return row;
}

/** The advice, refusing follow-up work while it has not been sent. */
async function requireSentAdvice(db: Db, adviceId: string) {
  const row = await requireAdviceRow(db, adviceId);
  if (row.status !== 'verzonden' || !row.sent_on) throw new AppError('CONFLICT', t('responses.notSent', { kenmerk: row.kenmerk }));
  return row as typeof row & { sent_on: string };
}

/** The recommendation item and its (sent) advice. */
async function requireRecommendation(db: Db, itemId: string) {
  const item = await findAdviceItem(db, itemId);
  if (!item) throw notFound('responses.itemNotFound');
  const advice = await requireSentAdvice(db, item.advice_id);
  return { item, advice };
}

function checkNotFuture(path: string, date: string, today: string): void {
  if (date > today) throw invalid(path, t('responses.dateInFuture'));
}

async function overview(db: Db, adviceId: string): Promise<ResponseOverview> {
  const council = await getCouncil(db);
  return loadOverview(db, adviceId, council.responseTermWeeks);
}

/** A recorded response moves a sent advice to "reactie ontvangen" (and back when the last one goes). */
async function syncStateAfterResponses(db: Db, adviceId: string, userName: string): Promise<void> {
  const state = await findFollowupState(db, adviceId);
  const count = await countResponses(db, adviceId);
  if (count > 0 && state === null) await writeFollowupState(db, adviceId, 'verzonden', 'reactie_ontvangen', userName);
  if (count === 0 && state === 'reactie_ontvangen') await writeFollowupState(db, adviceId, 'reactie_ontvangen', null, userName);
}

async function checkItemsOfAdvice(db: Db, adviceId: string, itemIds: string[]): Promise<string[]> {
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return unique;
  const found = await recommendationsOfAdvice(db, adviceId, unique);
  if (found.length !== unique.length) throw invalid('itemIds', t('responses.itemsNotOfAdvice'));
  return unique;
}

const SEEN_KEY = 'notificaties';

/** What became overdue since the last call, marked as seen. */
async function takeNewlyOverdue(ctx: HandlerContext, today = todayInNetherlands()): Promise<OverdueNotice[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const figures = await dashboardFigures(trx, today);
    const lastSeen = await getSeen(trx, SEEN_KEY);
    const items = overdueNotices(figures);
    await setSeen(trx, SEEN_KEY, today);
    return newlyOverdue(items, today, lastSeen);
  });
}

export const responsesHandlers = defineHandlers({
  'responses.forAdvice': async ({ adviceId }, { db }) => overview(db, adviceId),

  'responses.record': async ({ attachment, ...input }, ctx) => {
    const dir = attachmentsDir(ctx.info.databasePath);
    const id = newId();
    let stored: StoredAttachment | null = null;
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const advice = await requireSentAdvice(trx, input.adviceId);
        checkNotFuture('receivedOn', input.receivedOn, todayInNetherlands());
        if (input.receivedOn < advice.sent_on)
          throw invalid('receivedOn', t('responses.receivedBeforeSent', { received: input.receivedOn, sent: advice.sent_on }));
        if (attachment) stored = storeAttachment(dir, id, attachment);
        await auditedCreate(trx, ctx.session.userName, 'advice_responses', async () => {
          await insertResponse(trx, id, { ...input, attachment: stored }, ctx.session.userName);
          return id;
        });
        await audited(trx, ctx.session.userName, 'advice_followup', input.adviceId, () => syncStateAfterResponses(trx, input.adviceId, ctx.session.userName));
        return overview(trx, input.adviceId);
      });
    } catch (error) {
      // The transaction rolled back: the letter it would have described goes too.
      if (stored) removeAttachment(dir, (stored as StoredAttachment).file);
      throw error;
    }
  },

  'responses.update': async ({ id, attachment, ...fields }, ctx) => {
    const dir = attachmentsDir(ctx.info.databasePath);
    let stored: StoredAttachment | null = null;
    let replaced: StoredAttachment | null = null;
    try {
      const result = await ctx.db.transaction().execute(async (trx) => {
        const response = await findResponse(trx, id);
        if (!response) throw notFound('responses.notFound');
        const advice = await requireSentAdvice(trx, response.adviceId);
        if (fields.receivedOn !== undefined) {
          checkNotFuture('receivedOn', fields.receivedOn, todayInNetherlands());
          if (fields.receivedOn < advice.sent_on)
            throw invalid('receivedOn', t('responses.receivedBeforeSent', { received: fields.receivedOn, sent: advice.sent_on }));
        }
        if (attachment) stored = storeAttachment(dir, id, attachment);
        replaced = stored ? response.attachment : null;
        await audited(trx, ctx.session.userName, 'advice_responses', id, () =>
          updateResponse(trx, id, { ...fields, ...(stored ? { attachment: stored } : {}) }, ctx.session.userName),
        );
        return overview(trx, response.adviceId);
      });
      if (replaced) removeAttachment(dir, (replaced as StoredAttachment).file);
      return result;
    } catch (error) {
      if (stored) removeAttachment(dir, (stored as StoredAttachment).file);
      throw error;
    }
  },

  'responses.delete': async ({ id }, ctx) => {
    const dir = attachmentsDir(ctx.info.databasePath);
    let removed: StoredAttachment | null = null;
    const result = await ctx.db.transaction().execute(async (trx) => {
      const response = await findResponse(trx, id);
      if (!response) throw notFound('responses.notFound');
      removed = response.attachment;
      await auditDeletion(trx, ctx.session.userName, 'advice_responses', id);
      await deleteResponse(trx, id);
      await audited(trx, ctx.session.userName, 'advice_followup', response.adviceId, () => syncStateAfterResponses(trx, response.adviceId, ctx.session.userName));
      return overview(trx, response.adviceId);
    });
    if (removed) removeAttachment(dir, (removed as StoredAttachment).file);
    return result;
  },

  'responses.attachment': async ({ id }, ctx) => {
    const response = await findResponse(ctx.db, id);
    if (!response) throw notFound('responses.notFound');
    if (!response.attachment) throw new AppError('NOT_FOUND', t('responses.attachmentMissing'));
    const bytes = readAttachment(attachmentsDir(ctx.info.databasePath), response.attachment);
    return {
      fileName: response.attachment.name,
      mediaType: response.attachment.mediaType,
      size: response.attachment.size,
      sha256: response.attachment.sha256,
      bytesBase64: bytes.toString('base64'),
    };
  },

  'responses.setStatus': async ({ adviceId, status }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const advice = await requireAdviceRow(trx, adviceId);
      const from = effectiveStatus(advice.status, await findFollowupState(trx, adviceId));
      const error = transitionError(from, status as FullStatus, (await countResponses(trx, adviceId)) > 0);
      if (error) throw new AppError('CONFLICT', error);
      await audited(trx, ctx.session.userName, 'advice_followup', adviceId, () =>
        writeFollowupState(trx, adviceId, from, status === 'verzonden' ? null : status, ctx.session.userName),
      );
      return overview(trx, adviceId);
    }),

  'responses.setPosition': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { item, advice } = await requireRecommendation(trx, input.itemId);
      if (item.kind !== 'aanbeveling') {
        const loaded = await loadAdvice(trx, advice.id);
        const number = loaded?.sections.flatMap((section) => section.items).find((candidate) => candidate.id === item.id)?.number ?? '?';
        throw invalid('itemId', t('responses.notARecommendation', { number: number || '?' }));
      }
      await audited(trx, ctx.session.userName, 'recommendation_positions', input.itemId, () => upsertPosition(trx, { ...input, adviceId: advice.id }, ctx.session.userName));
      return overview(trx, advice.id);
    }),

  'responses.clearPosition': async ({ itemId }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { advice } = await requireRecommendation(trx, itemId);
      await auditDeletion(trx, ctx.session.userName, 'recommendation_positions', itemId);
      await deletePosition(trx, itemId);
      return overview(trx, advice.id);
    }),

  'commitments.create': async ({ adviceId, itemIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireSentAdvice(trx, adviceId);
      const items = await checkItemsOfAdvice(trx, adviceId, itemIds);
      await auditedCreate(trx, ctx.session.userName, 'commitments', async () => {
        const id = newId();
        await insertCommitment(trx, id, adviceId, fields, ctx.session.userName);
        await replaceCommitmentItems(trx, id, items);
        return id;
      });
      return overview(trx, adviceId);
    }),

  'commitments.update': async ({ id, itemIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const commitment = await findCommitment(trx, id);
      if (!commitment) throw notFound('responses.commitmentNotFound');
      await audited(trx, ctx.session.userName, 'commitments', id, async () => {
        if (itemIds !== undefined) await replaceCommitmentItems(trx, id, await checkItemsOfAdvice(trx, commitment.advice_id, itemIds));
        await updateCommitment(trx, id, fields, ctx.session.userName);
      });
      return overview(trx, commitment.advice_id);
    }),

  'commitments.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const commitment = await findCommitment(trx, id);
      if (!commitment) throw notFound('responses.commitmentNotFound');
      await auditDeletion(trx, ctx.session.userName, 'commitments', id);
      await deleteCommitment(trx, id);
      return overview(trx, commitment.advice_id);
    }),

  'followup.add': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      let adviceId: string;
      if (input.commitmentId) {
        const commitment = await findCommitment(trx, input.commitmentId);
        if (!commitment) throw notFound('responses.commitmentNotFound');
        adviceId = commitment.advice_id;
      } else if (input.itemId) {
        adviceId = (await requireRecommendation(trx, input.itemId)).advice.id;
      } else {
        adviceId = (await requireSentAdvice(trx, input.adviceId!)).id;
      }
      checkNotFuture('entryOn', input.entryOn, todayInNetherlands());
      await auditedCreate(trx, ctx.session.userName, 'followup_entries', () =>
        insertEntry(
          trx,
          {
            adviceId,
            itemId: input.itemId ?? null,
            commitmentId: input.commitmentId ?? null,
            entryOn: input.entryOn,
            who: input.who || ctx.session.userName,
            text: input.text,
            containsPersonalData: input.containsPersonalData,
          },
          ctx.session.userName,
        ),
      );
      return overview(trx, adviceId);
    }),

  'followup.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const entry = await findEntry(trx, id);
      if (!entry) throw notFound('responses.entryNotFound');
      await auditDeletion(trx, ctx.session.userName, 'followup_entries', id);
      await deleteEntry(trx, id);
      return overview(trx, entry.advice_id);
    }),

  'dashboard.get': async (_input, { db }) => dashboardFigures(db),
  'dashboard.positions': async ({ year, position }, { db }) => positionRecords(db, year, position),
  'dashboard.badge': async (_input, { db }) => {
    const council = await getCouncil(db);
    const counts = await countOverdue(db, council.responseTermWeeks, todayInNetherlands());
    return { ...counts, total: counts.advices + counts.commitments };
  },
  'dashboard.newlyOverdue': async (_input, ctx) => takeNewlyOverdue(ctx),

  'responses.exportExchange': async ({ adviceId }, ctx) => {
    const advice = await requireSentAdvice(ctx.db, adviceId);
    const file = await buildFollowupExchange(ctx.db, adviceId, ctx.session.userName);
    const safe = advice.kenmerk.replace(/[^\p{L}\p{N}]+/gu, '-');
    return writeExportFile(Buffer.from(JSON.stringify(file, null, 2)), t('responses.exchangeFileName', { kenmerk: safe }), ctx.info.databasePath);
  },

  // The same job as the Rapportages page starts: one way to make a report, with progress and cancel.
  'reports.adviezenoverzicht': async ({ year, format }, { jobs }) => jobs.start('responsesReport', { report: 'adviezenoverzicht', year, format }),

  'reports.terugkoppeling': async ({ meetingId, programmeId }, { db, jobs }) => {
    // An unknown scope is refused at once, not as a failed job.
    await feedbackScope(db, { meetingId, programmeId });
    return jobs.start('responsesReport', { report: 'terugkoppeling', format: 'docx', ...(meetingId ? { meetingId } : {}), ...(programmeId ? { programmeId } : {}) });
  },
});
