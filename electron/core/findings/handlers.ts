import type { Finding, FindingSource } from '../../../shared/api/meetings';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { notFound } from '../api/errors';
import { defineHandlers } from '../api/handler';
import type { Db } from '../db/connection';
import { nowIso } from '../ids';
import { uuidv7Time } from '../../../shared/api/fields';
import { classifyStoreError } from '../db/dialect';
import { requireFinding } from './service';
import { checkRows, loadUpload, summariseCheck } from './transfer';
import { findMeeting, findThemeTable } from '../meetings/repository';
import {
  changeFindingVotes,
  findFinding,
  insertFinding,
  listFindingsForMeeting,
  listTags,
  listThemes,
  searchFindings,
  updateFinding,
  type FindingFields,
} from './repository';
import { existingIds } from '../db/existing';
import { signalsOfFindings } from '../signals/repository';
import { moveToTrash } from '../reliability/trash';

/** How far a client's clock may run ahead of the server's when it chooses a record's id. */
const CLIENT_CLOCK_MARGIN_MS = 10 * 60_000;

/**
 * A create sent again finds its first arrival: that finding as it stands now, or, when it has gone to the
 * trash since, a refusal that says so rather than a second copy brought back to life.
 */
async function arrivedBefore(db: Db, clientId: string): Promise<Finding | undefined> {
  const visible = await findFinding(db, clientId);
  if (visible) return visible;
  if (!(await existingIds(db, 'findings', [clientId])).has(clientId)) return undefined;
  // On PostgreSQL each statement sees what was committed when it began: a send of the same entry at the
  // same moment may have committed between the two reads above. Only a row still hidden now is in the trash.
  const committedMeanwhile = await findFinding(db, clientId);
  if (committedMeanwhile) return committedMeanwhile;
  throw new AppError('NOT_FOUND', t('findings.arrivedThenTrashed'));
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path, message }]);
}

export interface FindingDraft {
  text: string;
  meetingId: string | null;
  themeTableId: string | null;
  theme: string;
  source: FindingSource;
  /** undefined: take the meeting's wijk if it has exactly one. */
  wijkId?: string | null | undefined;
  /** undefined: the meeting's date, or today. */
  date?: string | undefined;
  tags: string[];
  containsPersonalData: boolean;
  priority: number;
  votes: number;
}

/**
 * Checks the references of a finding and fills what follows from them: a table brings its meeting
 * and theme, a meeting its date and (when it has one) its wijk.
 */
export async function resolveFindingFields(db: Db, draft: FindingDraft): Promise<FindingFields> {
  let meetingId = draft.meetingId;
  let theme = draft.theme;
  if (draft.themeTableId) {
    const table = await findThemeTable(db, draft.themeTableId);
    if (!table) throw invalid('themeTableId', t('findings.unknownTable'));
    if (meetingId && table.meetingId !== meetingId) throw invalid('themeTableId', t('meetings.tableOtherMeeting'));
    meetingId = table.meetingId;
    theme = table.theme;
  }
  const meeting = meetingId ? await findMeeting(db, meetingId) : undefined;
  if (meetingId && !meeting) throw invalid('meetingId', t('findings.unknownMeeting'));
  let wijkId = draft.wijkId;
  if (wijkId === undefined) wijkId = meeting && meeting.wijken.length === 1 ? meeting.wijken[0]!.id : null;
  if (wijkId && !(await existingIds(db, 'wijken', [wijkId])).has(wijkId)) throw invalid('wijkId', t('findings.unknownWijk'));
  return {
    text: draft.text,
    meetingId,
    themeTableId: draft.themeTableId,
    theme,
    source: draft.source,
    wijkId,
    date: draft.date ?? meeting?.date ?? nowIso().slice(0, 10),
    tags: draft.tags,
    containsPersonalData: draft.containsPersonalData,
    priority: draft.priority,
    votes: draft.votes,
  };
}

export const findingsHandlers = defineHandlers({
  'findings.create': async ({ id: clientId, ...draft }, ctx) => {
    // A client id from the future would sort its finding above everything made since (ids order the
    // newest first); a few minutes of clock difference between laptop and server are allowed.
    if (clientId !== undefined && uuidv7Time(clientId) > Date.now() + CLIENT_CLOCK_MARGIN_MS) throw invalid('id', t('findings.idFromFuture'));
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        // Sent again (its answer was lost): the first arrival stands, also when it was changed since,
        // as in the exchange format's merge (the newer version wins, and that is the one here).
        const earlier = clientId === undefined ? undefined : await arrivedBefore(trx, clientId);
        if (earlier) return earlier;
        const fields = await resolveFindingFields(trx, draft);
        const id = await insertFinding(trx, fields, ctx.session.userName, clientId);
        return requireFinding(trx, id);
      });
    } catch (error) {
      // Both sends at the same moment: the second insert meets the first one's primary key.
      const earlier = clientId !== undefined && classifyStoreError(error) === 'constraint' ? await arrivedBefore(ctx.db, clientId) : undefined;
      if (earlier) return earlier;
      throw error;
    }
  },

  'findings.get': async ({ id }, { db }) => requireFinding(db, id),

  'findings.update': async ({ id, ...changes }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const current = await requireFinding(trx, id);
      // A new table brings its own meeting and theme; moving to another meeting drops the old table.
      const meetingChanged = changes.meetingId !== undefined && changes.meetingId !== current.meetingId;
      const themeTableId = changes.themeTableId !== undefined ? changes.themeTableId : meetingChanged ? null : current.themeTableId;
      const fields = await resolveFindingFields(trx, {
        text: changes.text ?? current.text,
        meetingId: changes.meetingId !== undefined ? changes.meetingId : current.meetingId,
        themeTableId,
        theme: changes.theme ?? (changes.themeTableId === null ? '' : current.theme),
        source: changes.source ?? current.source,
        wijkId: changes.wijkId !== undefined ? changes.wijkId : current.wijkId,
        date: changes.date ?? current.date,
        tags: changes.tags ?? current.tags,
        containsPersonalData: changes.containsPersonalData ?? current.containsPersonalData,
        priority: changes.priority ?? current.priority,
        votes: changes.votes ?? current.votes,
      });
      await updateFinding(trx, id, fields, ctx.session.userName);
      return requireFinding(trx, id);
    }),

  'findings.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      // Into the trash (restorable with trash.restore); its tags, signal and advice links stay.
      await requireFinding(trx, id);
      await moveToTrash(trx, 'findings', id, ctx.session.userName);
      return { id };
    }),

  'findings.listForMeeting': async ({ meetingId }, { db }) => {
    if (!(await findMeeting(db, meetingId))) throw notFound('meetings.notFound');
    return listFindingsForMeeting(db, meetingId);
  },

  'findings.search': async (input, { db }) => {
    const page = await searchFindings(db, input);
    if (!input.withSignals) return page;
    const signals = await signalsOfFindings(db, page.rows.map((row) => row.id));
    return { ...page, rows: page.rows.map((row) => ({ ...row, signals: signals.get(row.id) ?? [] })) };
  },

  'findings.vote': async ({ id, delta }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireFinding(trx, id);
      await changeFindingVotes(trx, id, delta, ctx.session.userName);
      return requireFinding(trx, id);
    }),

  'findings.themes': async (_input, { db }) => listThemes(db),
  'findings.tags': async (_input, { db }) => listTags(db),

  // Read in a worker under memory and time limits: a hostile file never stalls other requests.
  'findings.importParse': async ({ fileName, dataBase64 }, { jobs }) => jobs.parseUpload(fileName, dataBase64),

  'findings.importCheck': async ({ uploadId, mapping, defaults }, { db, info }) => {
    const table = loadUpload(info.databasePath, uploadId);
    return summariseCheck(await checkRows(db, table, mapping, defaults), table.rows.length);
  },
});
