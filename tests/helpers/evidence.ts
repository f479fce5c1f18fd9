import type { Db } from '../../electron/core/db/connection';
import { newId, nowIso } from '../../electron/core/ids';

/**
 * Meetings, findings and signals written straight into the tables of migration 0002, so the
 * advice tests do not depend on the meetings feature's handlers.
 */
export async function seedEvidence(db: Db, options: { meetings?: number; signalMeetings?: number } = {}) {
  const now = nowIso();
  const record = { created_at: now, updated_at: now, created_by: 'test', updated_by: 'test' };
  const meetingCount = options.meetings ?? 12;
  const meetingIds: string[] = [];
  for (let index = 0; index < meetingCount; index++) {
    const id = newId();
    meetingIds.push(id);
    const day = String(1 + index).padStart(2, '0');
    await db
      .insertInto('meetings')
      .values({ id, title: `Wijkbijeenkomst ${index + 1}`, programme_id: null, meeting_date: `2014-03-${day}`, start_time: '', end_time: '', location: '', format: 'wijkbijeenkomst', attendee_count: null, organiser: '', notes: '', notes_contain_personal_data: 0, ...record })
      .execute();
  }
  const findingIds: string[] = [];
  const signalId = newId();
  await db.insertInto('signals').values({ id: signalId, title: 'Wijkteam slecht bereikbaar', description: '', priority: 0, votes: 0, ...record }).execute();
  for (let index = 0; index < (options.signalMeetings ?? 7); index++) {
    const id = newId();
    findingIds.push(id);
    await db
      .insertInto('findings')
      .values({ id, text: `Het wijkteam is moeilijk te bereiken (${index + 1})`, meeting_id: meetingIds[index]!, theme_table_id: null, theme: 'bereikbaarheid', source: 'plenair', wijk_id: null, finding_date: `2014-03-${String(1 + index).padStart(2, '0')}`, contains_personal_data: 0, priority: 0, votes: 0, ...record })
      .execute();
    await db.insertInto('signal_findings').values({ signal_id: signalId, finding_id: id, created_at: now, created_by: 'test' }).execute();
  }
  return { meetingIds, findingIds, signalId };
}
