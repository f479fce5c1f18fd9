import type { ResponseOverview, ResponsesReportParams } from '../../../shared/api/responses';
import { t } from '../../../shared/i18n';
import { addDays, todayInNetherlands } from '../../../shared/calendar';
import { DUE_SOON_DAYS, dueInfo } from '../../../shared/responses/deadlines';
import { effectiveStatus } from '../../../shared/responses/status';
import { loadAdvice } from '../advices/repository';
import { notFound } from '../api/errors';
import { getCouncil } from '../council/repository';
import { findMeetingTitle, findProgrammeName, meetingIdsOfProgramme } from '../meetings/repository';
import type { Db } from '../db/connection';
import { feedbackDocx, feedbackFor, overviewDocx, overviewXlsx, yearOverview } from './reports';
import { findFollowupState, listCommitments, listEntries, listPositions, listResponses, listStatusChanges } from './repository';

/*
 * The follow-up of an advice as one overview, and the reports built from those overviews. Used by the
 * handlers and by the responsesReport job (which runs in a worker and so must not load handler modules).
 */

export async function loadOverview(db: Db, adviceId: string, termWeeks: number, today = todayInNetherlands()): Promise<ResponseOverview> {
  const advice = await loadAdvice(db, adviceId);
  if (!advice) throw notFound('responses.adviceNotFound');
  const [state, responses, positions, commitments, log, statusLog] = await Promise.all([
    findFollowupState(db, adviceId),
    listResponses(db, adviceId),
    listPositions(db, adviceId),
    listCommitments(db, adviceId, today),
    listEntries(db, adviceId),
    listStatusChanges(db, adviceId),
  ]);
  const status = effectiveStatus(advice.status, state);
  const responseDue = advice.status === 'verzonden' && advice.sentOn ? dueInfo(addDays(advice.sentOn, termWeeks * 7), today, DUE_SOON_DAYS) : null;
  return {
    adviceId,
    kenmerk: advice.kenmerk,
    betreft: advice.betreft,
    status,
    sentOn: advice.sentOn,
    responseDue,
    responses,
    recommendations: advice.sections
      .flatMap((section) => section.items)
      .filter((item) => item.kind === 'aanbeveling')
      .map((item) => ({ itemId: item.id, number: item.number, text: item.text, position: positions.get(item.id) ?? null })),
    commitments,
    log,
    statusLog,
  };
}

/**
 * Builds the adviezenoverzicht or a terugkoppeling. `progress` is told of every advice read, and
 * may throw to stop (a cancelled job).
 */
export async function buildResponsesReport(
  db: Db,
  params: ResponsesReportParams,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<{ bytes: Buffer; fileName: string }> {
  const council = await getCouncil(db);
  let done = 0;
  const load = async (adviceId: string) => {
    const overview = await loadOverview(db, adviceId, council.responseTermWeeks);
    progress(++done, 0);
    return overview;
  };
  if (params.report === 'adviezenoverzicht') {
    const year = params.year!;
    const overview = await yearOverview(db, year, council.name, load);
    const bytes = params.format === 'docx' ? await overviewDocx(overview) : await overviewXlsx(overview);
    return { bytes, fileName: t('reports.overviewFileName', { year, ext: params.format }) };
  }
  const { title, meetingIds } = await feedbackScope(db, params);
  const feedback = await feedbackFor(db, { meetingIds, title, councilName: council.name }, load);
  return { bytes: await feedbackDocx(feedback), fileName: t('reports.feedbackFileName', { title: title.replace(/[\\/:*?"<>|]/g, '-') }) };
}

/** The meetings a terugkoppeling covers: one meeting, or a programme's; NOT_FOUND when unknown. */
export async function feedbackScope(db: Db, scope: { meetingId?: string | undefined; programmeId?: string | undefined }): Promise<{ title: string; meetingIds: string[] }> {
  if (scope.meetingId) {
    const meeting = await findMeetingTitle(db, scope.meetingId);
    if (!meeting) throw notFound('reports.meetingNotFound');
    return { title: meeting.title, meetingIds: [meeting.id] };
  }
  const programme = await findProgrammeName(db, scope.programmeId!);
  if (!programme) throw notFound('reports.programmeNotFound');
  return { title: programme.name, meetingIds: await meetingIdsOfProgramme(db, programme.id) };
}
