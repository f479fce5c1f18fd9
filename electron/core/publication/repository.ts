import type { WooGround } from '../../../shared/publication/woo';
import type { Db } from '../db/connection';
import type { AdvicePublicationTable } from '../db/schema';
import { nowIso } from '../ids';

const COLOUR_KEY = 'publication.colour';

/** The site's stored main colour, or null when none was chosen. */
export async function findSiteColour(db: Db): Promise<string | null> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', COLOUR_KEY).executeTakeFirst();
  return row?.value ?? null;
}

export async function saveSiteColour(db: Db, colour: string): Promise<void> {
  const updatedAt = nowIso();
  await db
    .insertInto('app_settings')
    .values({ key: COLOUR_KEY, value: colour, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: colour, updated_at: updatedAt }))
    .execute();
}

export async function findPublication(db: Db, adviceId: string): Promise<AdvicePublicationTable | undefined> {
  return db.selectFrom('advice_publication').selectAll().where('advice_id', '=', adviceId).executeTakeFirst();
}

export interface PublicationFields {
  isPublic: boolean;
  wooGround: WooGround | null;
  reason: string;
  publishedOn: string | null;
}

/** Records the council's decision for one advice (first time or again). */
export async function writePublication(db: Db, adviceId: string, fields: PublicationFields, userName: string): Promise<void> {
  const now = nowIso();
  const values = {
    is_public: fields.isPublic ? 1 : 0,
    woo_ground: fields.isPublic ? null : fields.wooGround,
    reason: fields.isPublic ? '' : fields.reason,
    published_on: fields.publishedOn,
    updated_at: now,
    updated_by: userName,
  };
  await db
    .insertInto('advice_publication')
    .values({ advice_id: adviceId, ...values, created_at: now, created_by: userName })
    .onConflict((oc) => oc.column('advice_id').doUpdateSet(values))
    .execute();
}

/**
 * The advices the site shows: sent (a concept is never public), not in the trash, decided public,
 * published on or before `asOf`. Ordered by sending date and kenmerk, so the site is deterministic.
 */
export async function publicAdviceIds(db: Db, asOf: string): Promise<{ id: string; publishedOn: string }[]> {
  const rows = await db
    .selectFrom('advices')
    .innerJoin('advice_publication', 'advice_publication.advice_id', 'advices.id')
    .select(['advices.id', 'advices.sent_on', 'advices.kenmerk', 'advice_publication.published_on'])
    .where('advices.status', '=', 'verzonden')
    .where('advices.deleted_at', 'is', null)
    .where('advice_publication.is_public', '=', 1)
    .orderBy('advices.sent_on')
    .orderBy('advices.kenmerk')
    .execute();
  return rows
    .map((row) => ({ id: row.id, publishedOn: row.published_on ?? row.sent_on ?? '' }))
    .filter((row) => row.publishedOn !== '' && row.publishedOn <= asOf);
}

/** Wijkbijeenkomsten, which are public: only what an invitation says (no notes, no organiser). */
export async function publicMeetings(db: Db): Promise<{ id: string; title: string; date: string; startTime: string; endTime: string; location: string; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'meeting_date', 'start_time', 'end_time', 'location', 'updated_at'])
    .where('deleted_at', 'is', null)
    .orderBy('meeting_date')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    date: row.meeting_date,
    startTime: row.start_time,
    endTime: row.end_time,
    location: row.location,
    updatedAt: row.updated_at,
  }));
}

/**
 * The meeting series (programmes) for the residents' pages: each with its meetings (what an
 * invitation says) and, per meeting, the ids of the input recorded there (to follow it into the
 * letters; the texts stay private). Only programmes with a meeting not in the trash; sorted.
 */
export async function publicProgrammes(db: Db): Promise<
  { id: string; name: string; description: string; meetings: { id: string; title: string; date: string; location: string; findingIds: string[] }[] }[]
> {
  const [programmes, meetings, findings] = await Promise.all([
    db.selectFrom('programmes').select(['id', 'name', 'description']).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('meetings')
      .select(['id', 'programme_id', 'title', 'meeting_date', 'location'])
      .where('deleted_at', 'is', null)
      .where('programme_id', 'is not', null)
      .orderBy('meeting_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('findings')
      .innerJoin('meetings', 'meetings.id', 'findings.meeting_id')
      .select(['findings.id', 'findings.meeting_id'])
      .where('findings.deleted_at', 'is', null)
      .where('meetings.deleted_at', 'is', null)
      .where('meetings.programme_id', 'is not', null)
      .orderBy('findings.id')
      .execute(),
  ]);
  const byMeeting = new Map<string, string[]>();
  for (const finding of findings) byMeeting.set(finding.meeting_id!, [...(byMeeting.get(finding.meeting_id!) ?? []), finding.id]);
  return programmes
    .map((programme) => ({
      id: programme.id,
      name: programme.name,
      description: programme.description,
      meetings: meetings
        .filter((meeting) => meeting.programme_id === programme.id)
        .map((meeting) => ({ id: meeting.id, title: meeting.title, date: meeting.meeting_date, location: meeting.location, findingIds: byMeeting.get(meeting.id) ?? [] })),
    }))
    .filter((programme) => programme.meetings.length > 0);
}

// ---- jaarverslag ----

/** Advices sent in a year (not in the trash), by sending date and kenmerk. */
export async function advicesSentInYear(db: Db, year: number): Promise<{ id: string; kind: 'gevraagd' | 'ongevraagd' }[]> {
  return db
    .selectFrom('advices')
    .select(['id', 'kind'])
    .where('status', '=', 'verzonden')
    .where('sent_on', '>=', `${year}-01-01`)
    .where('sent_on', '<=', `${year}-12-31`)
    .where('deleted_at', 'is', null)
    .orderBy('sent_on')
    .orderBy('kenmerk')
    .execute();
}

/** Commitments due in a year, of any advice (not in the trash), with the advice's kenmerk. */
export async function commitmentsDueInYear(
  db: Db,
  year: number,
): Promise<{ id: string; kenmerk: string; description: string; dueOn: string; status: 'open' | 'lopend' | 'nagekomen' | 'niet_nagekomen' | 'vervallen' }[]> {
  const rows = await db
    .selectFrom('commitments')
    .innerJoin('advices', 'advices.id', 'commitments.advice_id')
    .select(['commitments.id', 'advices.kenmerk', 'commitments.description', 'commitments.due_on', 'commitments.status'])
    .where('commitments.due_on', '>=', `${year}-01-01`)
    .where('commitments.due_on', '<=', `${year}-12-31`)
    .where('advices.deleted_at', 'is', null)
    .orderBy('commitments.due_on')
    .orderBy('advices.kenmerk')
    .orderBy('commitments.id')
    .execute();
  return rows.map((row) => ({ id: row.id, kenmerk: row.kenmerk, description: row.description, dueOn: row.due_on, status: row.status }));
}

/** Wijkbijeenkomsten held in a year (not in the trash), with how many came. */
export async function meetingsOfYear(db: Db, year: number): Promise<{ id: string; title: string; date: string; location: string; attendees: number | null }[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'meeting_date', 'location', 'attendee_count'])
    .where('deleted_at', 'is', null)
    .where('meeting_date', '>=', `${year}-01-01`)
    .where('meeting_date', '<=', `${year}-12-31`)
    .orderBy('meeting_date')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, date: row.meeting_date, location: row.location, attendees: row.attendee_count }));
}
