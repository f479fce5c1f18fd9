import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { notFound } from '../api/errors';
import { defineHandlers } from '../api/handler';
import type { Db } from '../db/connection';
import { requireFinding } from '../findings/service';
import { findFindingsByIds, findingsMatchingAnyTerm } from '../findings/repository';
import { significantTerms } from '../findings/text';
import {
  addSignalFindings,
  changeSignalVotes,
  deleteSignal,
  findSignal,
  insertSignal,
  listSignals,
  removeSignalFindings,
  signalFindingIds,
  signalsOfFindings,
  updateSignal,
} from './repository';

async function requireSignal(db: Db, id: string) {
  const signal = await findSignal(db, id);
  if (!signal) throw notFound('signals.notFound');
  return signal;
}

async function signalDetail(db: Db, id: string) {
  const signal = await requireSignal(db, id);
  return { ...signal, findings: await findFindingsByIds(db, await signalFindingIds(db, id)) };
}

/** All ids must exist; otherwise nothing is written. */
async function requireFindings(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await findFindingsByIds(db, unique);
  if (found.length !== unique.length) {
    const message = t('findings.someNotFound', { count: unique.length - found.length });
    throw new AppError('VALIDATION', message, [{ path: 'findingIds', message }]);
  }
  return unique;
}

export const signalsHandlers = defineHandlers({
  'signals.list': async ({ sort, offset, limit, ...filter }, { db }) => {
    return listSignals(db, sort, offset, limit, filter);
  },

  'signals.get': async ({ id }, { db }) => signalDetail(db, id),

  'signals.create': async ({ findingIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const ids = await requireFindings(trx, findingIds);
      const id = await insertSignal(trx, fields, ctx.session.userName);
      await addSignalFindings(trx, id, ids, ctx.session.userName);
      return signalDetail(trx, id);
    }),

  'signals.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireSignal(trx, id);
      await updateSignal(trx, id, fields, ctx.session.userName);
      return requireSignal(trx, id);
    }),

  'signals.addFindings': async ({ signalId, findingIds }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireSignal(trx, signalId);
      await addSignalFindings(trx, signalId, await requireFindings(trx, findingIds), ctx.session.userName);
      return signalDetail(trx, signalId);
    }),

  'signals.removeFindings': async ({ signalId, findingIds }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireSignal(trx, signalId);
      await removeSignalFindings(trx, signalId, [...new Set(findingIds)], ctx.session.userName);
      return signalDetail(trx, signalId);
    }),

  'signals.vote': async ({ id, delta }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireSignal(trx, id);
      await changeSignalVotes(trx, id, delta, ctx.session.userName);
      return requireSignal(trx, id);
    }),

  'signals.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireSignal(trx, id);
      await deleteSignal(trx, id);
      return { id };
    }),

  'signals.suggestDuplicates': async ({ findingId, limit }, { db }) => {
    const finding = await requireFinding(db, findingId);
    const terms = significantTerms(finding.text);
    const ids = await findingsMatchingAnyTerm(db, terms, findingId, limit);
    if (ids.length === 0) return [];
    const candidates = await findFindingsByIds(db, ids);
    const signals = await signalsOfFindings(db, ids);
    const own = new Set(terms);
    return candidates.map((candidate) => ({
      finding: candidate,
      sharedTerms: significantTerms(candidate.text).filter((term) => own.has(term)),
      signals: signals.get(candidate.id) ?? [],
    }));
  },
});
