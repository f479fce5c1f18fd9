import type { AdviceDetail, AdviceItem, FrozenAdvice, ItemKind, ItemTrace } from '../../../shared/api/advices';
import { restsOn } from '../../../shared/advices/chain';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { notFound } from '../api/errors';
import { defineHandlers } from '../api/handler';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { writeExportFile } from '../files';
import { checkItemDeletable, checkItemVersion, checkLetterVersion, checkSectionDeletable, checkSectionVersion } from './conflicts';
import { exportAdvice, importAdvice } from './exchange';
import { nextKenmerk } from './kenmerk';
import { evidenceFindings, itemsCitingFinding, replaceItemLinks, replaceMeetings, signalsOf } from './links-repository';
import {
  countReferencesTo,
  countTrashedAdvicesOfRequest,
  countVersions,
  leaveKenmerkSequence,
  deleteItem,
  deleteRequest,
  deleteSection,
  findAdviceByKenmerk,
  findAdviceRow,
  findItem,
  findRequest,
  findSection,
  findVersion,
  highestSequence,
  insertAdvice,
  insertItem,
  insertRequest,
  insertSection,
  itemIdsInOrder,
  itemIdsOfAdvice,
  listAdvices,
  listRequests,
  liveAdviceIds,
  readRelations,
  replaceReferences,
  replaceRelations,
  sectionIdsInOrder,
  setArchived,
  touchAdvice,
  updateAdvice,
  updateItem,
  updateRequest,
  updateSection,
  writeItemOrder,
  writeSectionOrder,
} from './repository';
import { todayInNetherlands } from '../../../shared/calendar';
import { changeAdviceStatus, letterBytes, letterFileName, requireAdvice } from './service';
import { missingIds } from '../db/existing';
import { moveToTrash } from '../reliability/trash';
import { nowIso } from '../ids';
import { audited, auditedCreate, auditDeletion, deletedSnapshot } from '../reliability/audit-trail';


async function requireRequest(db: Db, id: string) {
  const request = await findRequest(db, id);
  if (!request) throw notFound('advices.requestNotFound');
  return request;
}

/** The advice row, refusing changes once it has been sent: what was sent stays as it was. */
async function requireEditable(db: Db, adviceId: string) {
  const row = await findAdviceRow(db, adviceId);
  if (!row) throw notFound('advices.notFound');
  if (row.status === 'verzonden') throw new AppError('CONFLICT', t('advices.frozen', { kenmerk: row.kenmerk }));
  return row;
}

async function requireSectionOfEditable(db: Db, sectionId: string) {
  const section = await findSection(db, sectionId);
  if (!section) throw notFound('advices.sectionNotFound');
  const advice = await requireEditable(db, section.advice_id);
  return { section, advice };
}

async function requireItemOfEditable(db: Db, itemId: string) {
  const item = await findItem(db, itemId);
  if (!item) throw notFound('advices.itemNotFound');
  const advice = await requireEditable(db, item.advice_id);
  return { item, advice };
}

function kenmerkTaken(kenmerk: string): AppError {
  const message = t('advices.kenmerkTaken', { kenmerk });
  return new AppError('CONFLICT', message, [{ path: 'kenmerk', message }]);
}

async function checkEvidence(db: Db, links: { findingIds?: string[] | undefined; signalIds?: string[] | undefined }) {
  const missingFindings = await missingIds(db, 'findings', links.findingIds ?? []);
  if (missingFindings.length > 0) {
    const message = t('advices.findingMissing', { count: missingFindings.length });
    throw new AppError('NOT_FOUND', message, [{ path: 'findingIds', message }]);
  }
  const missingSignals = await missingIds(db, 'signals', links.signalIds ?? []);
  if (missingSignals.length > 0) {
    const message = t('advices.signalMissing', { count: missingSignals.length });
    throw new AppError('NOT_FOUND', message, [{ path: 'signalIds', message }]);
  }
}

async function checkRelatedItems(db: Db, adviceId: string, itemId: string | null, relatedIds: string[] | undefined) {
  if (!relatedIds || relatedIds.length === 0) return;
  const message = t('advices.relatedItemInvalid');
  if (itemId && relatedIds.includes(itemId)) throw new AppError('VALIDATION', message, [{ path: 'relatedItemIds', message }]);
  const found = await itemIdsOfAdvice(db, adviceId, relatedIds);
  if (found.size !== new Set(relatedIds).size) throw new AppError('VALIDATION', message, [{ path: 'relatedItemIds', message }]);
}

function clamp(index: number | undefined, length: number): number {
  return index === undefined ? length : Math.min(Math.max(index, 0), length);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Generates a free kenmerk from the council's pattern for the advice's year. */
async function generateKenmerk(db: Db, year: number) {
  const council = await getCouncil(db);
  return nextKenmerk(council.kenmerkPattern, year, await highestSequence(db, year), async (kenmerk) => Boolean(await findAdviceByKenmerk(db, kenmerk)));
}

export const advicesHandlers = defineHandlers({
  'adviceRequests.list': async (_input, { db }) => listRequests(db),
  'adviceRequests.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      if (input.deadline < input.receivedOn) throw new AppError('VALIDATION', t('advices.deadlineBeforeReceived'), [{ path: 'deadline', message: t('advices.deadlineBeforeReceived') }]);
      const id = await auditedCreate(trx, ctx.session.userName, 'advice_requests', () => insertRequest(trx, input, ctx.session.userName));
      return requireRequest(trx, id);
    }),
  'adviceRequests.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const current = await requireRequest(trx, id);
      const receivedOn = fields.receivedOn ?? current.receivedOn;
      const deadline = fields.deadline ?? current.deadline;
      if (deadline < receivedOn) throw new AppError('VALIDATION', t('advices.deadlineBeforeReceived'), [{ path: 'deadline', message: t('advices.deadlineBeforeReceived') }]);
      await audited(trx, ctx.session.userName, 'advice_requests', id, () => updateRequest(trx, id, fields, ctx.session.userName));
      return requireRequest(trx, id);
    }),
  'adviceRequests.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const request = await requireRequest(trx, id);
      if (request.adviceIds.length > 0) throw new AppError('CONFLICT', t('advices.requestInUse', { subject: request.subject, count: request.adviceIds.length }));
      const trashed = await countTrashedAdvicesOfRequest(trx, id);
      if (trashed > 0) throw new AppError('CONFLICT', t('adviceTrash.requestInTrash', { subject: request.subject, count: trashed }));
      await auditDeletion(trx, ctx.session.userName, 'advice_requests', id);
      await deleteRequest(trx, id);
      return { id };
    }),

  'advices.list': async (input, { db }) => listAdvices(db, input),
  'advices.get': async ({ id }, { db }) => requireAdvice(db, id),
  'advices.nextKenmerk': async ({ year }, { db }) => ({ kenmerk: (await generateKenmerk(db, year ?? Number(todayInNetherlands().slice(0, 4)))).kenmerk }),

  'advices.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const council = await getCouncil(trx);
      const adviceDate = input.adviceDate ?? todayInNetherlands();
      if (input.requestId) await requireRequest(trx, input.requestId);
      let kenmerk: string;
      let sequenceYear: number | null = null;
      let sequenceNumber: number | null = null;
      if (input.kenmerk) {
        if (await findAdviceByKenmerk(trx, input.kenmerk)) throw kenmerkTaken(input.kenmerk);
        kenmerk = input.kenmerk;
      } else {
        const year = Number(adviceDate.slice(0, 4));
        const generated = await generateKenmerk(trx, year);
        kenmerk = generated.kenmerk;
        sequenceYear = year;
        sequenceNumber = generated.sequence;
      }
      const id = await auditedCreate(trx, ctx.session.userName, 'advices', () =>
        insertAdvice(
          trx,
          {
            kind: input.kind,
            betreft: input.betreft,
            kenmerk,
            sequenceYear,
            sequenceNumber,
            requestId: input.requestId,
            addressee: input.addressee || council.defaultAddressee,
            adviceDate,
            openingText: '',
            closingText: '',
            signatories: council.signatories,
            cc: [],
          },
          ctx.session.userName,
        ),
      );
      if (input.withDefaultSections) {
        const defaults = [
          { title: 'Wat inwoners ons vertelden', numbering: 'romeins' as const },
          { title: 'Conclusies', numbering: 'decimaal' as const },
          { title: 'Aanbevelingen', numbering: 'decimaal' as const },
        ];
        for (const [position, section] of defaults.entries())
          await auditedCreate(trx, ctx.session.userName, 'advice_sections', () =>
            insertSection(trx, { adviceId: id, title: section.title, numbering: section.numbering, position }, ctx.session.userName),
          );
      }
      return requireAdvice(trx, id);
    }),

  'advices.update': async ({ id, expectedUpdatedAt, referenceIds, meetingIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await requireEditable(trx, id);
      await checkLetterVersion(trx, id, expectedUpdatedAt, { ...fields, referenceIds: referenceIds && unique(referenceIds), meetingIds: meetingIds && unique(meetingIds) });
      await audited(trx, ctx.session.userName, 'advices', id, async () => {
        if (fields.kenmerk !== undefined) {
          const same = await findAdviceByKenmerk(trx, fields.kenmerk);
          if (same && same.id !== id) throw kenmerkTaken(fields.kenmerk);
        }
        if (fields.requestId) await requireRequest(trx, fields.requestId);
        if (referenceIds !== undefined) {
          const ids = unique(referenceIds);
          const message = t('advices.referenceInvalid');
          if (ids.includes(id)) throw new AppError('VALIDATION', message, [{ path: 'referenceIds', message }]);
          if ((await liveAdviceIds(trx, ids)).size !== ids.length) throw new AppError('NOT_FOUND', message, [{ path: 'referenceIds', message }]);
          await replaceReferences(trx, id, ids);
        }
        if (meetingIds !== undefined) {
          const ids = unique(meetingIds);
          if ((await missingIds(trx, 'meetings', ids)).length > 0) throw new AppError('NOT_FOUND', t('advices.meetingMissing'), [{ path: 'meetingIds', message: t('advices.meetingMissing') }]);
          await replaceMeetings(trx, id, ids);
        }
        // A kenmerk typed by hand no longer counts in the pattern's sequence.
        const kenmerkChanged = fields.kenmerk !== undefined && fields.kenmerk !== row.kenmerk;
        await updateAdvice(trx, id, fields, ctx.session.userName);
        if (kenmerkChanged) await leaveKenmerkSequence(trx, id);
      });
      // After the audit entry: the version a client sees is never older than the entry of its own change.
      await touchAdvice(trx, id, ctx.session.userName);
      return requireAdvice(trx, id);
    }),

  // To the trash, never for real: a sent advice (or one with a sent version) is public record and
  // can only be archived. References from other advices (also ones in the trash) keep it here, so
  // no letter ever cites an advice that is gone.
  'advices.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await findAdviceRow(trx, id);
      if (!row) throw notFound('advices.notFound');
      if ((await countVersions(trx, id)) > 0 || row.status === 'verzonden') throw new AppError('CONFLICT', t('adviceTrash.sentOnlyArchive', { kenmerk: row.kenmerk }));
      const referencing = await countReferencesTo(trx, id);
      if (referencing > 0) throw new AppError('CONFLICT', t('advices.referencedCannotDelete', { kenmerk: row.kenmerk, count: referencing }));
      await moveToTrash(trx, 'advices', id, ctx.session.userName);
      return { id };
    }),
  'advices.archive': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await findAdviceRow(trx, id);
      if (!row) throw notFound('advices.notFound');
      if (row.status !== 'verzonden') throw new AppError('CONFLICT', t('adviceTrash.archiveOnlySent', { kenmerk: row.kenmerk }));
      if (row.archived_at !== null) throw new AppError('CONFLICT', t('adviceTrash.alreadyArchived', { kenmerk: row.kenmerk }));
      await audited(trx, ctx.session.userName, 'advices', id, () => setArchived(trx, id, nowIso(), ctx.session.userName));
      return requireAdvice(trx, id);
    }),
  'advices.unarchive': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await findAdviceRow(trx, id);
      if (!row) throw notFound('advices.notFound');
      if (row.status !== 'verzonden') throw new AppError('CONFLICT', t('adviceTrash.archiveOnlySent', { kenmerk: row.kenmerk }));
      if (row.archived_at === null) throw new AppError('CONFLICT', t('adviceTrash.notArchived', { kenmerk: row.kenmerk }));
      await audited(trx, ctx.session.userName, 'advices', id, () => setArchived(trx, id, null, ctx.session.userName));
      return requireAdvice(trx, id);
    }),

  'advices.setStatus': async ({ id, status, date }, ctx) => {
    const advice = await ctx.db.transaction().execute((trx) => changeAdviceStatus(trx, ctx.session.userName, id, status, date ?? todayInNetherlands()));
    // The PDF/A archive copy takes LibreOffice seconds: a job after the status change, never in it.
    if (status === 'verzonden' && ctx.archiveSentLetters) ctx.jobs.start('archivePdf', { id });
    return advice;
  },

  'advices.newVersion': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await findAdviceRow(trx, id);
      if (!row) throw notFound('advices.notFound');
      if (row.status !== 'verzonden') throw new AppError('CONFLICT', t('advices.newVersionOnlyWhenSent'));
      if (row.archived_at !== null) throw new AppError('CONFLICT', t('adviceTrash.unarchiveFirst', { kenmerk: row.kenmerk }));
      await audited(trx, ctx.session.userName, 'advices', id, () =>
        updateAdvice(trx, id, { status: 'concept', version: row.version + 1, adoptedOn: null, sentOn: null }, ctx.session.userName),
      );
      return requireAdvice(trx, id);
    }),

  'advices.frozen': async ({ id, version }, { db }): Promise<FrozenAdvice> => {
    const row = await findVersion(db, id, version);
    if (!row) throw notFound('advices.versionNotFound');
    return {
      version: row.version,
      sentOn: row.sent_on,
      snapshot: JSON.parse(row.snapshot_json) as AdviceDetail,
      docxBase64: Buffer.from(row.docx).toString('base64'),
      sha256: row.docx_sha256,
    };
  },

  'advices.addSection': async ({ adviceId, title, numbering, index }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireEditable(trx, adviceId);
      const order = await sectionIdsInOrder(trx, adviceId);
      const sectionId = await auditedCreate(trx, ctx.session.userName, 'advice_sections', () =>
        insertSection(trx, { adviceId, title, numbering, position: order.length }, ctx.session.userName),
      );
      order.splice(clamp(index, order.length), 0, sectionId);
      await writeSectionOrder(trx, order);
      await touchAdvice(trx, adviceId, ctx.session.userName);
      return requireAdvice(trx, adviceId);
    }),
  'advices.updateSection': async ({ id, expectedUpdatedAt, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { section } = await requireSectionOfEditable(trx, id);
      await checkSectionVersion(trx, id, expectedUpdatedAt, fields);
      await audited(trx, ctx.session.userName, 'advice_sections', id, () => updateSection(trx, id, fields, ctx.session.userName));
      await touchAdvice(trx, section.advice_id, ctx.session.userName);
      return requireAdvice(trx, section.advice_id);
    }),
  'advices.deleteSection': async ({ id, expectedUpdatedAt }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { section } = await requireSectionOfEditable(trx, id);
      await checkSectionDeletable(trx, id, expectedUpdatedAt);
      await auditDeletion(trx, ctx.session.userName, 'advice_sections', id);
      await deleteSection(trx, id);
      await writeSectionOrder(trx, await sectionIdsInOrder(trx, section.advice_id));
      await touchAdvice(trx, section.advice_id, ctx.session.userName);
      return requireAdvice(trx, section.advice_id);
    }),
  'advices.moveSection': async ({ id, index }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { section } = await requireSectionOfEditable(trx, id);
      const order = (await sectionIdsInOrder(trx, section.advice_id)).filter((sectionId) => sectionId !== id);
      order.splice(clamp(index, order.length), 0, id);
      await audited(trx, ctx.session.userName, 'advice_sections', id, () => writeSectionOrder(trx, order));
      await touchAdvice(trx, section.advice_id, ctx.session.userName);
      return requireAdvice(trx, section.advice_id);
    }),

  'advices.addItem': async ({ sectionId, index, findingIds, signalIds, relatedItemIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { section } = await requireSectionOfEditable(trx, sectionId);
      const links = { findingIds: unique(findingIds), signalIds: unique(signalIds) };
      await checkEvidence(trx, links);
      await checkRelatedItems(trx, section.advice_id, null, relatedItemIds);
      const order = await itemIdsInOrder(trx, sectionId);
      await auditedCreate(trx, ctx.session.userName, 'advice_items', async () => {
        const itemId = await insertItem(trx, { adviceId: section.advice_id, sectionId, position: order.length, ...fields }, ctx.session.userName);
        order.splice(clamp(index, order.length), 0, itemId);
        await writeItemOrder(trx, sectionId, order);
        await replaceItemLinks(trx, itemId, links);
        await replaceRelations(trx, itemId, unique(relatedItemIds));
        return itemId;
      });
      await touchAdvice(trx, section.advice_id, ctx.session.userName);
      return requireAdvice(trx, section.advice_id);
    }),
  'advices.updateItem': async ({ id, expectedUpdatedAt, findingIds, signalIds, relatedItemIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { item } = await requireItemOfEditable(trx, id);
      await checkItemVersion(trx, id, expectedUpdatedAt, { ...fields, findingIds: findingIds && unique(findingIds), signalIds: signalIds && unique(signalIds), relatedItemIds: relatedItemIds && unique(relatedItemIds) });
      const links = { findingIds: findingIds && unique(findingIds), signalIds: signalIds && unique(signalIds) };
      await checkEvidence(trx, links);
      await checkRelatedItems(trx, item.advice_id, id, relatedItemIds);
      await audited(trx, ctx.session.userName, 'advice_items', id, async () => {
        await updateItem(trx, id, fields, ctx.session.userName);
        await replaceItemLinks(trx, id, links);
        if (relatedItemIds !== undefined) await replaceRelations(trx, id, unique(relatedItemIds));
      });
      await touchAdvice(trx, item.advice_id, ctx.session.userName);
      return requireAdvice(trx, item.advice_id);
    }),
  'advices.deleteItem': async ({ id, expectedUpdatedAt }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { item } = await requireItemOfEditable(trx, id);
      await checkItemDeletable(trx, id, expectedUpdatedAt);
      await auditDeletion(trx, ctx.session.userName, 'advice_items', id);
      await deleteItem(trx, id);
      await writeItemOrder(trx, item.section_id, await itemIdsInOrder(trx, item.section_id));
      await touchAdvice(trx, item.advice_id, ctx.session.userName);
      return requireAdvice(trx, item.advice_id);
    }),
  // Undo of a deletion, from what the audit trail kept of the item: its place, links and the items that cited it.
  'advices.restoreItem': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      if (await findItem(trx, id)) throw new AppError('CONFLICT', t('advices.itemNotDeleted'));
      const snapshot = await deletedSnapshot(trx, 'advice_items', id);
      if (!snapshot) throw new AppError('NOT_FOUND', t('advices.itemNotDeleted'));
      const section = await findSection(trx, String(snapshot.section_id));
      if (!section) throw new AppError('CONFLICT', t('advices.itemSectionGone'));
      await requireEditable(trx, section.advice_id);
      const ids = (name: string) => (Array.isArray(snapshot[name]) ? (snapshot[name] as unknown[]).map(String) : []);
      // Evidence trashed or purged since is left out; items of the advice deleted since too.
      const missingFindings = new Set(await missingIds(trx, 'findings', ids('findingIds')));
      const missingSignals = new Set(await missingIds(trx, 'signals', ids('signalIds')));
      const links = {
        findingIds: ids('findingIds').filter((findingId) => !missingFindings.has(findingId)),
        signalIds: ids('signalIds').filter((signalId) => !missingSignals.has(signalId)),
      };
      const present = await itemIdsOfAdvice(trx, section.advice_id, [...ids('relatedItemIds'), ...ids('citedByIds')]);
      const order = await itemIdsInOrder(trx, section.id);
      await auditedCreate(trx, ctx.session.userName, 'advice_items', async () => {
        const fields = { adviceId: section.advice_id, sectionId: section.id, kind: snapshot.kind as ItemKind, text: String(snapshot.text), showMentions: snapshot.show_mentions === 1, position: order.length };
        await insertItem(trx, fields, ctx.session.userName, id);
        order.splice(clamp(Number(snapshot.position), order.length), 0, id);
        await writeItemOrder(trx, section.id, order);
        await replaceItemLinks(trx, id, links);
        await replaceRelations(trx, id, ids('relatedItemIds').filter((relatedId) => present.has(relatedId)));
        return id;
      });
      for (const citingId of ids('citedByIds').filter((citingId) => present.has(citingId))) {
        const citing = (await readRelations(trx, citingId)).filter((relatedId) => relatedId !== id);
        await audited(trx, ctx.session.userName, 'advice_items', citingId, () => replaceRelations(trx, citingId, [...citing, id]));
      }
      await touchAdvice(trx, section.advice_id, ctx.session.userName);
      return requireAdvice(trx, section.advice_id);
    }),
  'advices.moveItem': async ({ id, sectionId, index }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const { item } = await requireItemOfEditable(trx, id);
      const target = await findSection(trx, sectionId);
      if (!target) throw notFound('advices.sectionNotFound');
      if (target.advice_id !== item.advice_id) throw new AppError('VALIDATION', t('advices.otherAdvice'));
      await audited(trx, ctx.session.userName, 'advice_items', id, async () => {
        if (target.id !== item.section_id) {
          const source = (await itemIdsInOrder(trx, item.section_id)).filter((itemId) => itemId !== id);
          await writeItemOrder(trx, item.section_id, source);
        }
        const order = (await itemIdsInOrder(trx, target.id)).filter((itemId) => itemId !== id);
        order.splice(clamp(index, order.length), 0, id);
        await writeItemOrder(trx, target.id, order);
      });
      await touchAdvice(trx, item.advice_id, ctx.session.userName);
      return requireAdvice(trx, item.advice_id);
    }),

  'advices.traceItem': async ({ id }, { db }) => {
    const item = await findItem(db, id);
    if (!item) throw notFound('advices.itemNotFound');
    const advice = await requireAdvice(db, item.advice_id);
    const all = advice.sections.flatMap((section) => section.items);
    const byId = new Map(all.map((candidate) => [candidate.id, candidate]));
    const self = byId.get(id)!;
    const short = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
    const brief = (candidate: AdviceItem) => ({ id: candidate.id, number: candidate.number, text: short(candidate.text) });
    // The derived chain: this item, then what it rests on through "Volgt uit", each with its evidence.
    const chain = restsOn(all, id).map((chainId) => byId.get(chainId)!);
    const evidence = await evidenceFindings(db, [id, ...chain.map((link) => link.id)]);
    const findings = new Map<string, ItemTrace['findings'][number]>();
    const signals = new Map<string, ItemTrace['signals'][number]>();
    for (const source of [self, ...chain]) {
      const via = source.id === id ? [] : [source.number || short(source.text)];
      for (const finding of evidence.get(source.id) ?? []) {
        const known = findings.get(finding.id);
        if (known) known.via = known.via.length === 0 ? [] : [...new Set([...known.via, ...via])];
        else findings.set(finding.id, { id: finding.id, text: finding.text, meetingId: finding.meetingId, meetingTitle: finding.meetingTitle, meetingDate: finding.meetingDate, via });
      }
      for (const signal of await signalsOf(db, source.id)) {
        const known = signals.get(signal.id);
        if (known) known.via = known.via.length === 0 ? [] : [...new Set([...known.via, ...via])];
        else signals.set(signal.id, { ...signal, via });
      }
    }
    const meetings = new Map<string, ItemTrace['meetings'][number]>();
    for (const finding of findings.values()) {
      if (!finding.meetingId) continue;
      const meeting = meetings.get(finding.meetingId) ?? { id: finding.meetingId, title: finding.meetingTitle, date: finding.meetingDate, findingCount: 0 };
      meeting.findingCount++;
      meetings.set(finding.meetingId, meeting);
    }
    return {
      itemId: id,
      findings: [...findings.values()],
      signals: [...signals.values()],
      relatedItems: self.relatedItemIds.map((relatedId) => byId.get(relatedId)).filter((candidate) => candidate !== undefined).map(brief),
      citedByItems: all.filter((candidate) => candidate.relatedItemIds.includes(id)).map(brief),
      chain: chain.map((link) => ({ ...brief(link), kind: link.kind })),
      meetings: [...meetings.values()].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title)),
    };
  },
  'advices.citingFinding': async ({ findingId }, { db }) => {
    const rows = await itemsCitingFinding(db, findingId);
    const out = [];
    const cache = new Map<string, AdviceDetail>();
    for (const row of rows) {
      const advice = cache.get(row.adviceId) ?? (await requireAdvice(db, row.adviceId));
      cache.set(row.adviceId, advice);
      const item = advice.sections.flatMap((section) => section.items).find((candidate) => candidate.id === row.itemId);
      out.push({ adviceId: advice.id, kenmerk: advice.kenmerk, betreft: advice.betreft, itemId: row.itemId, number: item?.number ?? '' });
    }
    return out;
  },

  'advices.exportDocx': async ({ id, annex, includePersonalData }, { db, info }) => {
    const advice = await requireAdvice(db, id);
    const { bytes, leftOut } = await letterBytes(db, advice, { annex, includePersonalData });
    const fileName = annex ? letterFileName(advice, 'docx').replace(/\.docx$/, ' met bijlage.docx') : letterFileName(advice, 'docx');
    return { ...writeExportFile(bytes, fileName, info.databasePath), leftOut };
  },
  // LibreOffice takes seconds: a job with progress and cancel, its file handed over by jobs.resultFile.
  'advices.exportPdf': async ({ id }, { db, jobs }) => {
    await requireAdvice(db, id);
    return jobs.start('advicePdf', { id });
  },
  'advices.archivePdf': async ({ id }, { db, jobs }) => {
    const advice = await requireAdvice(db, id);
    if (advice.status !== 'verzonden') throw new AppError('CONFLICT', t('advices.archivePdfOnlySent'));
    return jobs.start('archivePdf', { id });
  },
  'advices.exportJson': async ({ id }, { db }) => exportAdvice(db, id),
  'advices.importJson': async ({ data }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const id = await auditedCreate(trx, ctx.session.userName, 'advices', async () => (await importAdvice(trx, data, ctx.session.userName)).id);
      return requireAdvice(trx, id);
    }),
});
