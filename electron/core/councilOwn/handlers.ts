import { nextTerm, termEnd, termEndsSoon } from '../../../shared/councilOwn/terms';
import { describeUses, formatDateLong, t, type MessageKey } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { todayInNetherlands } from '../../../shared/calendar';
import { changeAdviceStatus } from '../advices/service';
import { defineHandlers } from '../api/handler';
import type { Db } from '../db/connection';
import { findReferences } from '../db/references';
import { writeExportFile } from '../files';
import { loadUpload, removeUpload } from '../findings/transfer';
import { buildCouncilExchange } from './exchange-repository';
import { planningKey, planningRowsFromTable } from './planning-import';
import { buildAgendaDocx, buildMinutesDocx, meetingFileName } from './docx';
import {
  deleteAction,
  deleteDecision,
  deleteItem,
  deleteMeeting,
  deleteMember,
  deletePlanning,
  deletePosition,
  findActionRow,
  findAdoption,
  findDecision,
  findItemRow,
  findMeetingRow,
  findMember,
  findPosition,
  getTermSettings,
  insertAction,
  insertDecision,
  insertItem,
  insertMeeting,
  insertMember,
  insertPlanning,
  insertPosition,
  listActions,
  listMeetings,
  listMembers,
  listPlanning,
  loadMeeting,
  planningWithRequest,
  replaceAttendance,
  saveTermSettings,
  updateAction,
  updateItem,
  updateMeeting,
  updateMember,
  updatePlanning,
  linkedRecordExists,
  countAdoptionsIn,
  agendaItemIdsOfMeeting,
  findAdviceToAdopt,
} from './repository';

function notFound(what: MessageKey, path?: string): AppError {
  const message = t('errors.notFound', { what: t(what) });
  return new AppError('NOT_FOUND', message, path ? [{ path, message }] : undefined);
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path, message }]);
}

/** "2 acties, 3 aanwezigheidsregistraties": what still points at a record, leaving out rows deleted with it. */
async function usesOf(db: Db, table: string, id: string, cascading: string[]): Promise<{ uses: string; count: number } | null> {
  const references = (await findReferences(db, table, id)).filter((reference) => !cascading.includes(reference.table));
  if (references.length === 0) return null;
  return { uses: describeUses(references), count: references.reduce((sum, reference) => sum + reference.count, 0) };
}

async function requireMember(db: Db, id: string, path?: string) {
  const member = await findMember(db, id);
  if (!member) throw notFound('councilOwn.memberNotFound', path);
  return member;
}

async function requireMeetingRow(db: Db, id: string, path?: string) {
  const meeting = await findMeetingRow(db, id);
  if (!meeting) throw notFound('councilOwn.meetingNotFound', path);
  return meeting;
}

async function meetingDetail(db: Db, id: string) {
  const meeting = await loadMeeting(db, id, todayInNetherlands());
  if (!meeting) throw notFound('councilOwn.meetingNotFound');
  return meeting;
}

async function requireItem(db: Db, id: string, path?: string) {
  const item = await findItemRow(db, id);
  if (!item) throw notFound('councilOwn.itemNotFound', path);
  return item;
}

async function requireAction(db: Db, id: string) {
  const action = (await listActions(db, todayInNetherlands(), { ids: [id] }))[0];
  if (!action) throw notFound('councilOwn.actionNotFound');
  return action;
}

async function requirePlanning(db: Db, id: string) {
  const item = (await listPlanning(db, { ids: [id] }))[0];
  if (!item) throw notFound('councilOwn.planningNotFound');
  return item;
}

/** Every linked record must exist (an advice in the trash does not count). */
async function checkItemLinks(db: Db, links: { requestId?: string | null | undefined; adviceId?: string | null | undefined; responseId?: string | null | undefined }) {
  if (links.requestId && !(await linkedRecordExists(db, 'advice_requests', links.requestId))) throw notFound('councilOwn.requestNotFound', 'requestId');
  if (links.adviceId && !(await linkedRecordExists(db, 'advices', links.adviceId))) throw notFound('councilOwn.adviceNotFound', 'adviceId');
  if (links.responseId && !(await linkedRecordExists(db, 'advice_responses', links.responseId))) throw notFound('councilOwn.responseNotFound', 'responseId');
}

/** A member who has left before `onDate` cannot attend or own an action from then on. */
async function requireSittingMember(db: Db, id: string, onDate: string, path: string) {
  const member = await requireMember(db, id, path);
  if (member.leftOn !== null && member.leftOn < onDate) throw invalid(path, t('councilOwn.memberLeft', { name: member.name }));
  return member;
}

export const councilOwnHandlers = defineHandlers({
  // --- members ---
  'members.list': async ({ includeLeft }, { db }) => listMembers(db, { includeLeft }),
  'members.get': async ({ id }, { db }) => requireMember(db, id),
  'members.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const settings = await getTermSettings(trx);
      const id = await insertMember(trx, { ...input, termEnd: input.termEnd ?? termEnd(input.termStart, settings.termYears) }, ctx.session.userName);
      return requireMember(trx, id);
    }),
  'members.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const member = await requireMember(trx, id);
      const start = fields.termStart ?? member.termStart;
      const end = fields.termEnd ?? member.termEnd;
      if (end < start) throw invalid(fields.termEnd !== undefined ? 'termEnd' : 'termStart', t('councilOwn.termEndBeforeStart'));
      if (member.leftOn !== null && member.leftOn < start) throw invalid('termStart', t('councilOwn.leftBeforeStart'));
      await updateMember(trx, id, fields, ctx.session.userName);
      return requireMember(trx, id);
    }),
  'members.reappoint': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const member = await requireMember(trx, id);
      const settings = await getTermSettings(trx);
      if (!member.canReappoint) throw new AppError('CONFLICT', t('councilOwn.noReappointment', { name: member.name, max: settings.maxTerms }));
      await updateMember(trx, id, nextTerm(member, settings.termYears), ctx.session.userName);
      return requireMember(trx, id);
    }),
  'members.markLeft': async ({ id, leftOn }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const member = await requireMember(trx, id);
      if (member.leftOn !== null) throw new AppError('CONFLICT', t('councilOwn.memberLeftAlready', { name: member.name, date: formatDateLong(member.leftOn) }));
      if (leftOn < member.termStart) throw invalid('leftOn', t('councilOwn.leftBeforeStart'));
      await updateMember(trx, id, { leftOn }, ctx.session.userName);
      return requireMember(trx, id);
    }),
  'members.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const member = await requireMember(trx, id);
      const uses = await usesOf(trx, 'council_members', id, ['council_member_positions']);
      if (uses) throw new AppError('CONFLICT', t('councilOwn.memberInUse', { name: member.name, uses: uses.uses, count: uses.count }));
      await deleteMember(trx, id);
      return { id };
    }),
  'members.addPosition': async ({ memberId, description, declaredOn }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireMember(trx, memberId, 'memberId');
      await insertPosition(trx, memberId, description, declaredOn, ctx.session.userName);
      return requireMember(trx, memberId);
    }),
  'members.deletePosition': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const position = await findPosition(trx, id);
      if (!position) throw notFound('councilOwn.positionNotFound');
      await deletePosition(trx, id);
      return requireMember(trx, position.member_id);
    }),
  'members.termSettings': async (_input, { db }) => getTermSettings(db),
  'members.updateTermSettings': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await saveTermSettings(trx, input);
      return getTermSettings(trx);
    }),

  // --- meetings ---
  'councilMeetings.list': async (_input, { db }) => listMeetings(db),
  'councilMeetings.get': async ({ id }, { db }) => meetingDetail(db, id),
  'councilMeetings.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => meetingDetail(trx, await insertMeeting(trx, input, ctx.session.userName))),
  'councilMeetings.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const meeting = await requireMeetingRow(trx, id);
      if (fields.date !== undefined && fields.date !== meeting.meeting_date) {
        const adoptions = await countAdoptionsIn(trx, await agendaItemIdsOfMeeting(trx, id));
        const message = t('councilOwn.meetingDateAdopted');
        if (adoptions > 0) throw new AppError('CONFLICT', message, [{ path: 'date', message }]);
      }
      await updateMeeting(trx, id, fields, ctx.session.userName);
      return meetingDetail(trx, id);
    }),
  'councilMeetings.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireMeetingRow(trx, id);
      const adoptions = await countAdoptionsIn(trx, await agendaItemIdsOfMeeting(trx, id));
      const uses = await usesOf(trx, 'council_meetings', id, ['council_attendance', 'council_agenda_items']);
      if (uses || adoptions > 0) {
        const all = [uses?.uses, adoptions > 0 ? describeUses([{ table: 'council_decisions', count: adoptions }]) : undefined].filter(Boolean).join(', ');
        throw new AppError('CONFLICT', t('councilOwn.meetingInUse', { uses: all, count: (uses?.count ?? 0) + adoptions }));
      }
      await deleteMeeting(trx, id);
      return { id };
    }),
  'councilMeetings.setAttendance': async ({ id, presentIds, absentIds }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const meeting = await requireMeetingRow(trx, id);
      const present = [...new Set(presentIds)];
      const absent = [...new Set(absentIds)];
      if (present.some((memberId) => absent.includes(memberId))) throw invalid('absentIds', t('councilOwn.attendanceTwice'));
      for (const memberId of present) await requireSittingMember(trx, memberId, meeting.meeting_date, 'presentIds');
      for (const memberId of absent) await requireSittingMember(trx, memberId, meeting.meeting_date, 'absentIds');
      await replaceAttendance(trx, id, present, absent);
      return meetingDetail(trx, id);
    }),
  'councilMeetings.addItem': async ({ meetingId, title, notes, ...links }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireMeetingRow(trx, meetingId, 'meetingId');
      await checkItemLinks(trx, links);
      await insertItem(
        trx,
        meetingId,
        {
          title,
          notes,
          requestId: links.requestId ?? null,
          adviceId: links.adviceId ?? null,
          responseId: links.responseId ?? null,
          monitoringPeriod: links.monitoringPeriod ?? '',
        },
        ctx.session.userName,
      );
      return meetingDetail(trx, meetingId);
    }),
  'councilMeetings.updateItem': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const item = await requireItem(trx, id);
      await checkItemLinks(trx, fields);
      if (fields.adviceId !== undefined && fields.adviceId !== item.advice_id && (await countAdoptionsIn(trx, [id])) > 0)
        throw new AppError('CONFLICT', t('councilOwn.decisionAdoptsAdvice'));
      await updateItem(trx, id, fields, ctx.session.userName);
      return meetingDetail(trx, item.meeting_id);
    }),
  'councilMeetings.deleteItem': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const item = await requireItem(trx, id);
      if ((await countAdoptionsIn(trx, [id])) > 0) throw new AppError('CONFLICT', t('councilOwn.decisionAdoptsAdvice'));
      await deleteItem(trx, id);
      return meetingDetail(trx, item.meeting_id);
    }),
  'councilMeetings.addDecision': async ({ itemId, text }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const item = await requireItem(trx, itemId, 'itemId');
      await insertDecision(trx, itemId, text, null, ctx.session.userName);
      return meetingDetail(trx, item.meeting_id);
    }),
  'councilMeetings.deleteDecision': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const decision = await findDecision(trx, id);
      if (!decision) throw notFound('councilOwn.decisionNotFound');
      if (decision.adopted_advice_id !== null) throw new AppError('CONFLICT', t('councilOwn.decisionAdoptsAdvice'));
      const item = await requireItem(trx, decision.agenda_item_id);
      await deleteDecision(trx, id);
      return meetingDetail(trx, item.meeting_id);
    }),
  'councilMeetings.adoptAdvice': async ({ itemId, text }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const item = await requireItem(trx, itemId, 'itemId');
      const meeting = await requireMeetingRow(trx, item.meeting_id);
      if (item.advice_id === null) throw invalid('itemId', t('councilOwn.itemHasNoAdvice'));
      const advice = await findAdviceToAdopt(trx, item.advice_id);
      if (!advice || advice.deleted_at !== null) throw notFound('councilOwn.adviceNotFound', 'itemId');
      if (advice.status === 'verzonden') throw new AppError('CONFLICT', t('councilOwn.adviceSent', { kenmerk: advice.kenmerk }));
      if (advice.status !== 'concept') {
        const adoption = await findAdoption(trx, item.advice_id);
        throw new AppError(
          'CONFLICT',
          adoption
            ? t('councilOwn.adviceAdoptedElsewhere', { kenmerk: advice.kenmerk, date: formatDateLong(adoption.meetingDate) })
            : t('councilOwn.adviceNotConcept', { kenmerk: advice.kenmerk }),
        );
      }
      // The advices domain's own transition: same checks (content complete), same audit trail.
      await changeAdviceStatus(trx, ctx.session.userName, item.advice_id, 'vastgesteld', meeting.meeting_date);
      const decision = text && text.length > 0 ? text : t('councilOwn.adoptedDecision', { kenmerk: advice.kenmerk, betreft: advice.betreft });
      await insertDecision(trx, itemId, decision, item.advice_id, ctx.session.userName);
      return meetingDetail(trx, item.meeting_id);
    }),
  'councilMeetings.adoptionOf': async ({ adviceId }, { db }) => findAdoption(db, adviceId),
  'councilMeetings.exportAgenda': async ({ id }, { db, info }) => {
    const meeting = await meetingDetail(db, id);
    return writeExportFile(await buildAgendaDocx(db, meeting), meetingFileName('Agenda', meeting.date), info.databasePath);
  },
  'councilMeetings.exportMinutes': async ({ id }, { db, info }) => {
    const meeting = await meetingDetail(db, id);
    return writeExportFile(await buildMinutesDocx(db, meeting), meetingFileName('Verslag', meeting.date), info.databasePath);
  },

  // --- actions ---
  'councilActions.list': async ({ status }, { db }) => listActions(db, todayInNetherlands(), { status }),
  'councilActions.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const meeting = await requireMeetingRow(trx, input.meetingId, 'meetingId');
      if (input.agendaItemId !== null) {
        const item = await requireItem(trx, input.agendaItemId, 'agendaItemId');
        if (item.meeting_id !== meeting.id) throw invalid('agendaItemId', t('councilOwn.actionItemOtherMeeting'));
      }
      await requireSittingMember(trx, input.ownerId, meeting.meeting_date, 'ownerId');
      if (input.dueOn < meeting.meeting_date) throw invalid('dueOn', t('councilOwn.dueBeforeMeeting'));
      return requireAction(trx, await insertAction(trx, input, ctx.session.userName));
    }),
  'councilActions.update': async ({ id, closedOn, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const action = await findActionRow(trx, id);
      if (!action) throw notFound('councilOwn.actionNotFound');
      const meeting = await requireMeetingRow(trx, action.meeting_id);
      if (fields.ownerId !== undefined && fields.ownerId !== action.owner_id) await requireSittingMember(trx, fields.ownerId, meeting.meeting_date, 'ownerId');
      if (fields.dueOn !== undefined && fields.dueOn < meeting.meeting_date) throw invalid('dueOn', t('councilOwn.dueBeforeMeeting'));
      const status = fields.status ?? action.status;
      let closed: string | null = null;
      if (status !== 'open') closed = closedOn ?? (fields.status !== undefined && fields.status !== action.status ? todayInNetherlands() : action.closed_on ?? todayInNetherlands());
      if (closed !== null && closed < meeting.meeting_date) throw invalid('closedOn', t('councilOwn.closedBeforeMeeting'));
      await updateAction(trx, id, { ...fields, closedOn: closed }, ctx.session.userName);
      return requireAction(trx, id);
    }),
  'councilActions.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireAction(trx, id);
      await deleteAction(trx, id);
      return { id };
    }),

  'councilOwn.exportExchange': async ({ includePersonalData }, ctx) => {
    const file = await buildCouncilExchange(ctx.db, ctx.session.userName, includePersonalData);
    return writeExportFile(Buffer.from(JSON.stringify(file, null, 2)), t('councilOwn.exchangeFileName', { date: todayInNetherlands() }), ctx.info.databasePath);
  },

  'councilOwn.attention': async (_input, { db }) => {
    const today = todayInNetherlands();
    const members = await listMembers(db, { includeLeft: false });
    return {
      termsEnding: members.filter((member) => termEndsSoon(member, today)).sort((a, b) => a.termEnd.localeCompare(b.termEnd)),
      overdueActions: (await listActions(db, today, { status: 'open' })).filter((action) => action.overdue),
    };
  },

  // --- planning ---
  'planning.list': async ({ year }, { db }) => listPlanning(db, { year }),
  'planning.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await checkPlanningRequest(trx, input.requestId, null);
      return requirePlanning(trx, await insertPlanning(trx, input, ctx.session.userName));
    }),
  'planning.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requirePlanning(trx, id);
      if (fields.requestId !== undefined) await checkPlanningRequest(trx, fields.requestId, id);
      await updatePlanning(trx, id, fields, ctx.session.userName);
      return requirePlanning(trx, id);
    }),
  'planning.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requirePlanning(trx, id);
      await deletePlanning(trx, id);
      return { id };
    }),
  'planning.importParse': async ({ fileName, dataBase64 }, { jobs }) => jobs.parseUpload(fileName, dataBase64),
  'planning.import': async ({ uploadId, year }, ctx) => {
    try {
      const { rows, issues } = planningRowsFromTable(loadUpload(ctx.info.databasePath, uploadId), year);
      if (issues.length > 0) {
        const rowCount = new Set(issues.map((issue) => issue.row)).size;
        throw new AppError(
          'VALIDATION',
          t('councilOwn.importPlanningRefused', { count: rowCount }),
          issues.slice(0, 50).map((issue) => ({ path: 'file', message: t('councilOwn.importPlanningRow', { row: issue.row, message: issue.message }) })),
        );
      }
      // All rows or none; a subject already planned in that month (also earlier in this file) is skipped.
      return await ctx.db.transaction().execute(async (trx) => {
        const planned = new Set((await listPlanning(trx, { year })).map(planningKey));
        let imported = 0;
        for (const row of rows) {
          if (planned.has(planningKey(row))) continue;
          planned.add(planningKey(row));
          await insertPlanning(trx, { ...row, requestId: null }, ctx.session.userName);
          imported += 1;
        }
        return { imported, skippedDuplicates: rows.length - imported };
      });
    } finally {
      // Fixed or not, the file is read again from the user's disk next time: nothing waits in uploads/.
      removeUpload(ctx.info.databasePath, uploadId);
    }
  },
});

/** A planned item becomes one adviesaanvraag: the request must exist and not be linked to another item. */
async function checkPlanningRequest(db: Db, requestId: string | null, ownId: string | null) {
  if (requestId === null) return;
  await checkItemLinks(db, { requestId });
  const other = await planningWithRequest(db, requestId);
  if (other && other.id !== ownId) throw new AppError('CONFLICT', t('councilOwn.requestLinkedElsewhere'), [{ path: 'requestId', message: t('councilOwn.requestLinkedElsewhere') }]);
}
