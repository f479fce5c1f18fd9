import { daysBetween, todayInNetherlands } from '../../../shared/calendar';
import { START_LIST_SIZE, type Shortlist } from '../../../shared/api/start';
import { COMMITMENT_WINDOW_DAYS } from '../../../shared/responses/deadlines';
import { listAdvices, listRequests } from '../advices/repository';
import { defineHandlers } from '../api/handler';
import { getCouncil } from '../council/repository';
import { listMeetings as listCouncilMeetings } from '../councilOwn/repository';
import { latestFindings } from '../findings/repository';
import { upcomingMeetings } from '../meetings/repository';
import { awaitingAdvices, commitmentsDue } from '../responses/repository';

function shortlist<T>(rows: T[]): Shortlist<T> {
  return { rows: rows.slice(0, START_LIST_SIZE), total: rows.length };
}

/**
 * The start page's day overview in one call: what is coming (meetings), what is being written
 * (concept advices and their deadlines), what is due or late (requests, responses, commitments)
 * and what came in last. Each part is read by the repository function its own domain uses.
 */
export const startHandlers = defineHandlers({
  'start.overview': async (_input, { db }) => {
    const today = todayInNetherlands();
    const council = await getCouncil(db);
    const [meetings, councilMeetings, concepts, requests, awaiting, commitments, input] = await Promise.all([
      upcomingMeetings(db, today, START_LIST_SIZE),
      listCouncilMeetings(db),
      listAdvices(db, { search: '', status: 'concept' }),
      listRequests(db, today),
      awaitingAdvices(db, council.responseTermWeeks, today),
      commitmentsDue(db, today, COMMITMENT_WINDOW_DAYS),
      latestFindings(db, START_LIST_SIZE),
    ]);
    const deadlineOf = new Map(requests.map((request) => [request.id, request.deadline]));
    const conceptAdvices = concepts
      .map((advice) => {
        const deadline = advice.requestId ? (deadlineOf.get(advice.requestId) ?? null) : null;
        return { id: advice.id, kenmerk: advice.kenmerk, betreft: advice.betreft, adviceDate: advice.adviceDate, deadline, daysLeft: deadline ? daysBetween(today, deadline) : null };
      })
      // The nearest deadline first; advices without one after them, newest first.
      .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || b.adviceDate.localeCompare(a.adviceDate));
    const requestsDue = requests
      .filter((request) => request.daysLeft !== null)
      .map((request) => ({ id: request.id, subject: request.subject, fromWhom: request.fromWhom, deadline: request.deadline, daysLeft: request.daysLeft ?? 0 }));
    const responsesOverdue = awaiting
      .filter((advice) => advice.days_overdue > 0 && advice.sent_on !== null)
      .map((advice) => ({ adviceId: advice.id, kenmerk: advice.kenmerk, betreft: advice.betreft, sentOn: advice.sent_on ?? '', dueOn: advice.due_on, daysOverdue: advice.days_overdue }));
    const upcomingCouncil = councilMeetings
      .filter((meeting) => meeting.date >= today)
      .reverse()
      .map((meeting) => ({ id: meeting.id, date: meeting.date, startTime: meeting.startTime, place: meeting.place }));
    return {
      today,
      nextMeetings: meetings,
      nextCouncilMeetings: shortlist(upcomingCouncil),
      conceptAdvices: shortlist(conceptAdvices),
      requestsDue: shortlist(requestsDue),
      responsesOverdue: shortlist(responsesOverdue),
      commitmentsDue: shortlist(commitments),
      lastInput: {
        rows: input.rows.map((finding) => ({
          id: finding.id,
          text: finding.text,
          meetingId: finding.meetingId,
          meetingTitle: finding.meetingTitle,
          date: finding.date,
          createdAt: finding.createdAt,
          createdBy: finding.createdBy,
        })),
        total: input.total,
      },
    };
  },
});
