import { describeUses, t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { notFound } from '../api/errors';
import { defineHandlers } from '../api/handler';
import type { Db } from '../db/connection';
import { findReferences } from '../db/references';
import {
  countFindingsAtTable,
  deleteProgramme,
  deleteThemeTable,
  findMeeting,
  findProgramme,
  findProgrammeByName,
  findThemeTable,
  insertMeeting,
  insertProgramme,
  insertThemeTable,
  listMeetings,
  searchMeetings,
  listProgrammes,
  setMeetingWijken,
  updateMeeting,
  updateProgramme,
  updateThemeTable,
} from './repository';
import { existingIds } from '../db/existing';
import { moveToTrash } from '../reliability/trash';

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path, message }]);
}

/** "3 inbreng, 1 signalen": what still points at a record, leaving out rows that are deleted with it. */
export async function usesOf(db: Db, table: string, id: string, cascading: string[] = []): Promise<string | null> {
  const references = (await findReferences(db, table, id)).filter((reference) => !cascading.includes(reference.table));
  if (references.length === 0) return null;
  return describeUses(references);
}

export async function requireMeeting(db: Db, id: string) {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw notFound('meetings.notFound');
  return meeting;
}

async function requireProgramme(db: Db, id: string) {
  const programme = await findProgramme(db, id);
  if (!programme) throw notFound('programmes.notFound');
  return programme;
}

async function checkMeetingReferences(db: Db, fields: { programmeId?: string | null | undefined; wijkIds?: string[] | undefined }) {
  if (fields.programmeId && !(await findProgramme(db, fields.programmeId))) {
    throw invalid('programmeId', t('errors.notFound', { what: t('programmes.notFound') }));
  }
  if (fields.wijkIds && fields.wijkIds.length > 0) {
    const existing = await existingIds(db, 'wijken', fields.wijkIds);
    if (fields.wijkIds.some((wijkId) => !existing.has(wijkId))) throw invalid('wijkIds', t('meetings.unknownWijk'));
  }
}

function checkTimes(startTime: string, endTime: string) {
  if (startTime && endTime && endTime < startTime) throw invalid('endTime', t('meetings.endBeforeStart'));
}

function programmeNameTaken(name: string): AppError {
  const message = t('programmes.nameTaken', { name });
  return new AppError('CONFLICT', message, [{ path: 'name', message }]);
}

export const meetingsHandlers = defineHandlers({
  'programmes.list': async (_input, { db }) => listProgrammes(db),

  'programmes.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      if (await findProgrammeByName(trx, input.name)) throw programmeNameTaken(input.name);
      const id = await insertProgramme(trx, input, ctx.session.userName);
      return requireProgramme(trx, id);
    }),

  'programmes.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireProgramme(trx, id);
      if (fields.name !== undefined) {
        const same = await findProgrammeByName(trx, fields.name);
        if (same && same.id !== id) throw programmeNameTaken(fields.name);
      }
      await updateProgramme(trx, id, fields, ctx.session.userName);
      return requireProgramme(trx, id);
    }),

  'programmes.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const programme = await requireProgramme(trx, id);
      const uses = await usesOf(trx, 'programmes', id);
      if (uses) throw new AppError('CONFLICT', t('programmes.inUse', { name: programme.name, uses }));
      await deleteProgramme(trx, id);
      return { id };
    }),

  'meetings.list': async (input, { db }) => listMeetings(db, input),
  'meetings.search': async (input, { db }) => searchMeetings(db, input),

  'meetings.get': async ({ id }, { db }) => requireMeeting(db, id),

  'meetings.create': async ({ wijkIds, tables, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      checkTimes(fields.startTime, fields.endTime);
      await checkMeetingReferences(trx, { programmeId: fields.programmeId, wijkIds });
      const id = await insertMeeting(trx, fields, ctx.session.userName);
      await setMeetingWijken(trx, id, wijkIds);
      for (const table of tables) await insertThemeTable(trx, { meetingId: id, ...table }, ctx.session.userName);
      return requireMeeting(trx, id);
    }),

  'meetings.update': async ({ id, wijkIds, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const current = await requireMeeting(trx, id);
      checkTimes(fields.startTime ?? current.startTime, fields.endTime ?? current.endTime);
      await checkMeetingReferences(trx, { programmeId: fields.programmeId, wijkIds });
      await updateMeeting(trx, id, fields, ctx.session.userName);
      if (wijkIds) await setMeetingWijken(trx, id, wijkIds);
      return requireMeeting(trx, id);
    }),

  'meetings.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      // Into the trash with its findings (they follow it by trigger, migration 0011); restorable
      // with trash.restore. Emptying the trash is refused while anything still points at it.
      await requireMeeting(trx, id);
      await moveToTrash(trx, 'meetings', id, ctx.session.userName);
      return { id };
    }),

  'themeTables.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireMeeting(trx, input.meetingId);
      return insertThemeTable(trx, input, ctx.session.userName);
    }),

  'themeTables.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      if (!(await findThemeTable(trx, id))) throw notFound('meetings.tableNotFound');
      await updateThemeTable(trx, id, fields, ctx.session.userName);
      return (await findThemeTable(trx, id))!;
    }),

  'themeTables.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const table = await findThemeTable(trx, id);
      if (!table) throw notFound('meetings.tableNotFound');
      const count = await countFindingsAtTable(trx, id);
      if (count > 0) throw new AppError('CONFLICT', t('meetings.tableInUse', { name: table.theme, count }));
      await deleteThemeTable(trx, id);
      return { id };
    }),
});
