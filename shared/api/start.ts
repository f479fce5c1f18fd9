import { method } from './define';
import { noInput } from './fields';
import type { Meeting } from './meetings';
import type { CommitmentDue } from './responses';

/** The start page: the day's overview for secretary, chair and members, in one call. */

/** A list cut to its first rows, with how many there are in all. */
export interface Shortlist<T> {
  rows: T[];
  total: number;
}

export interface UpcomingCouncilMeeting {
  id: string;
  date: string;
  startTime: string;
  place: string;
}

export interface ConceptAdvice {
  id: string;
  kenmerk: string;
  betreft: string;
  adviceDate: string;
  /** The deadline of the request it answers; null for an unasked advice or one without a request. */
  deadline: string | null;
  /** Days until that deadline (negative when passed); null without one. */
  daysLeft: number | null;
}

export interface RequestDue {
  id: string;
  subject: string;
  fromWhom: string;
  deadline: string;
  daysLeft: number;
}

export interface ResponseOverdue {
  adviceId: string;
  kenmerk: string;
  betreft: string;
  sentOn: string;
  dueOn: string;
  daysOverdue: number;
}

export interface RecentInput {
  id: string;
  text: string;
  meetingId: string | null;
  meetingTitle: string | null;
  date: string;
  createdAt: string;
  createdBy: string;
}

export interface StartOverview {
  /** The calendar day (Netherlands) the overview is for. */
  today: string;
  nextMeetings: Shortlist<Meeting>;
  nextCouncilMeetings: Shortlist<UpcomingCouncilMeeting>;
  conceptAdvices: Shortlist<ConceptAdvice>;
  requestsDue: Shortlist<RequestDue>;
  responsesOverdue: Shortlist<ResponseOverdue>;
  /** Open and running commitments overdue or due within the commitment window. */
  commitmentsDue: Shortlist<CommitmentDue>;
  lastInput: Shortlist<RecentInput>;
}

/** How many rows each part of the overview shows. */
export const START_LIST_SIZE = 5;

export const startContract = {
  'start.overview': method<StartOverview>()(noInput),
};
