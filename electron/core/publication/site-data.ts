import type { AdviceDetail } from '../../../shared/api/advices';
import type { CommitmentStatus, Position } from '../../../shared/api/responses';
import { findArchivedPdf, findRequest, findVersion } from '../advices/repository';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { listCommitments, listEntries, listPositions, listResponses } from '../responses/repository';
import { publicAdviceIds, publicMeetings, publicProgrammes } from './repository';

/**
 * Everything the public site shows, and nothing else: this is the one place that chooses which
 * fields leave the database. Left out on purpose: findings and their texts, members' names (only the
 * signatories of a sent letter appear, as on the letter), the council's own assessment and notes
 * per position, commitment owners and notes, who wrote a follow-up entry, entries flagged as
 * personal data, request notes, meeting notes and organisers, and every advice that is not sent
 * and decided public.
 */
export interface SiteAdvice {
  id: string;
  kenmerk: string;
  betreft: string;
  kind: 'gevraagd' | 'ongevraagd';
  adviceDate: string;
  sentOn: string;
  publishedOn: string;
  /** The letter as sent (the frozen snapshot of the latest sent version). */
  letter: AdviceDetail;
  /** Its archived PDF/A-2b (advice_version_pdfs), copied into the site as is; null until it is made. */
  pdf: Uint8Array | null;
  request: { receivedOn: string; fromWhom: string; subject: string; kenmerk: string; deadline: string; documents: string[] } | null;
  responses: { id: string; receivedOn: string; kenmerk: string; summary: string }[];
  recommendations: { itemId: string; number: string; text: string; position: Position | null; collegeText: string }[];
  commitments: { id: string; description: string; dueOn: string; status: CommitmentStatus; itemIds: string[] }[];
  followup: { id: string; entryOn: string; text: string }[];
}

export interface SiteMeeting {
  id: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  updatedAt: string;
}

/**
 * A meeting series for the residents who came: its meetings (as on the invitation, with how many
 * points of input were written down, never their text) and the terugkoppeling chain through the
 * public advices: the letter's items that rest on that input → the recommendations that follow from
 * them → the college's position → the commitments and their status.
 */
export interface SiteProgramme {
  id: string;
  name: string;
  description: string;
  meetings: { id: string; title: string; date: string; location: string; inputCount: number }[];
  advices: {
    adviceId: string;
    kenmerk: string;
    betreft: string;
    sentOn: string;
    /** Items of the letter that cite input from this series (number and text as in the letter). */
    said: { itemId: string; number: string; text: string }[];
    recommendations: (SiteAdvice['recommendations'][number] & { commitments: SiteAdvice['commitments'] })[];
  }[];
}

export interface SiteData {
  council: { name: string; municipality: string; postalAddress: string; logoDataUrl: string };
  advices: SiteAdvice[];
  meetings: SiteMeeting[];
  programmes: SiteProgramme[];
}

/**
 * The chain of one public advice for a series: items citing its input, and the recommendations that
 * are those items or rest on them (relatedItemIds, followed through conclusions). An advice that only
 * names the series' meetings (advice_meetings) shows all its recommendations.
 */
function chainFor(advice: SiteAdvice, findingIds: Set<string>, meetingIds: Set<string>): SiteProgramme['advices'][number] | null {
  const items = advice.letter.sections.flatMap((section) => section.items);
  const said = items.filter((item) => item.findingIds.some((id) => findingIds.has(id)));
  const namesMeeting = advice.letter.meetingIds.some((id) => meetingIds.has(id));
  if (said.length === 0 && !namesMeeting) return null;
  const reached = new Set(said.map((item) => item.id));
  for (let grown = said.length > 0; grown; ) {
    grown = false;
    for (const item of items)
      if (!reached.has(item.id) && item.relatedItemIds.some((id) => reached.has(id))) {
        reached.add(item.id);
        grown = true;
      }
  }
  const recommendations = advice.recommendations
    .filter((row) => said.length === 0 || reached.has(row.itemId))
    .map((row) => ({ ...row, commitments: advice.commitments.filter((commitment) => commitment.itemIds.includes(row.itemId)) }));
  return {
    adviceId: advice.id,
    kenmerk: advice.kenmerk,
    betreft: advice.betreft,
    sentOn: advice.sentOn,
    said: said.map((item) => ({ itemId: item.id, number: item.number, text: item.text })),
    recommendations,
  };
}

/** Reads what is public as of `asOf` (a calendar date; publication dates after it wait). */
export async function loadSiteData(db: Db, asOf: string): Promise<SiteData> {
  const council = await getCouncil(db);
  const advices: SiteAdvice[] = [];
  for (const { id, publishedOn } of await publicAdviceIds(db, asOf)) {
    const version = await findVersion(db, id);
    if (!version) continue;
    const letter = JSON.parse(version.snapshot_json) as AdviceDetail;
    const request = letter.requestId ? await findRequest(db, letter.requestId, asOf) : undefined;
    const [responses, positions, commitments, entries, pdf] = await Promise.all([
      listResponses(db, id),
      listPositions(db, id),
      listCommitments(db, id, asOf),
      listEntries(db, id),
      findArchivedPdf(db, version.id),
    ]);
    advices.push({
      id,
      kenmerk: letter.kenmerk,
      betreft: letter.betreft,
      kind: letter.kind,
      adviceDate: letter.adviceDate,
      sentOn: version.sent_on,
      publishedOn,
      letter,
      pdf: pdf?.pdf ?? null,
      request: request
        ? { receivedOn: request.receivedOn, fromWhom: request.fromWhom, subject: request.subject, kenmerk: request.kenmerk, deadline: request.deadline, documents: request.documents }
        : null,
      responses: responses.map((response) => ({ id: response.id, receivedOn: response.receivedOn, kenmerk: response.kenmerk, summary: response.summary })),
      recommendations: letter.sections
        .flatMap((section) => section.items)
        .filter((item) => item.kind === 'aanbeveling')
        .map((item) => {
          const position = positions.get(item.id);
          return { itemId: item.id, number: item.number, text: item.text, position: position?.position ?? null, collegeText: position?.collegeText ?? '' };
        }),
      commitments: commitments.map((commitment) => ({
        id: commitment.id,
        description: commitment.description,
        dueOn: commitment.dueOn,
        status: commitment.status,
        itemIds: [...commitment.itemIds].sort(),
      })),
      followup: entries
        .filter((entry) => !entry.containsPersonalData)
        .map((entry) => ({ id: entry.id, entryOn: entry.entryOn, text: entry.text }))
        .sort((a, b) => a.entryOn.localeCompare(b.entryOn) || a.id.localeCompare(b.id)),
    });
  }
  return {
    council: { name: council.name, municipality: council.municipality, postalAddress: council.postalAddress, logoDataUrl: council.logoDataUrl },
    advices,
    meetings: await publicMeetings(db),
    programmes: (await publicProgrammes(db)).map((programme) => {
      const findingIds = new Set(programme.meetings.flatMap((meeting) => meeting.findingIds));
      const meetingIds = new Set(programme.meetings.map((meeting) => meeting.id));
      return {
        id: programme.id,
        name: programme.name,
        description: programme.description,
        meetings: programme.meetings.map(({ findingIds: ids, ...meeting }) => ({ ...meeting, inputCount: ids.length })),
        advices: advices.map((advice) => chainFor(advice, findingIds, meetingIds)).filter((chain) => chain !== null),
      };
    }),
  };
}
