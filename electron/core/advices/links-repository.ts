import type { ItemTrace } from '../../../shared/api/advices';
import type { Db } from '../db/connection';

/** The evidence of an advice's items: the findings and signals each rests on. */
export interface ItemLinks {
  byItem: Map<string, { findingIds: string[]; signalIds: string[]; mentions: string }>;
  meetingIds: string[];
}

/** "genoemd op 7 van 12 bijeenkomsten": of the meetings the advice draws on (or all meetings). */
export function mentionsText(mentioned: number, total: number): string {
  if (total === 0 || mentioned === 0) return '';
  return `genoemd op ${mentioned} van ${total} ${total === 1 ? 'bijeenkomst' : 'bijeenkomsten'}`;
}

export async function loadItemLinks(db: Db, adviceId: string): Promise<ItemLinks> {
  const [findingRows, signalRows, meetingRows] = await Promise.all([
    db
      .selectFrom('advice_item_findings')
      .innerJoin('advice_items', 'advice_items.id', 'advice_item_findings.item_id')
      .select(['advice_item_findings.item_id', 'advice_item_findings.finding_id'])
      .where('advice_items.advice_id', '=', adviceId)
      .orderBy('advice_item_findings.position')
      .execute(),
    db
      .selectFrom('advice_item_signals')
      .innerJoin('advice_items', 'advice_items.id', 'advice_item_signals.item_id')
      .select(['advice_item_signals.item_id', 'advice_item_signals.signal_id'])
      .where('advice_items.advice_id', '=', adviceId)
      .orderBy('advice_item_signals.position')
      .execute(),
    db.selectFrom('advice_meetings').select('meeting_id').where('advice_id', '=', adviceId).orderBy('position').execute(),
  ]);
  const byItem: ItemLinks['byItem'] = new Map();
  const entry = (itemId: string) => {
    let value = byItem.get(itemId);
    if (!value) {
      value = { findingIds: [], signalIds: [], mentions: '' };
      byItem.set(itemId, value);
    }
    return value;
  };
  for (const row of findingRows) entry(row.item_id).findingIds.push(row.finding_id);
  for (const row of signalRows) entry(row.item_id).signalIds.push(row.signal_id);
  const meetingIds = meetingRows.map((row) => row.meeting_id);

  if (byItem.size > 0) {
    // Which meetings each item's evidence comes from: its own findings and its signals' findings.
    const evidence = await db
      .selectFrom('advice_items')
      .innerJoin('advice_item_findings', 'advice_item_findings.item_id', 'advice_items.id')
      .innerJoin('findings', 'findings.id', 'advice_item_findings.finding_id')
      .select(['advice_items.id as item_id', 'findings.meeting_id'])
      .where('advice_items.advice_id', '=', adviceId)
      .where('findings.meeting_id', 'is not', null)
      // What is in the trash (or belongs to a meeting in the trash) counts nowhere; the link stays.
      .where('findings.deleted_at', 'is', null)
      .where('findings.meeting_deleted_at', 'is', null)
      .unionAll(
        db
          .selectFrom('advice_items')
          .innerJoin('advice_item_signals', 'advice_item_signals.item_id', 'advice_items.id')
          .innerJoin('signal_findings', 'signal_findings.signal_id', 'advice_item_signals.signal_id')
          .innerJoin('findings', 'findings.id', 'signal_findings.finding_id')
          .select(['advice_items.id as item_id', 'findings.meeting_id'])
          .where('advice_items.advice_id', '=', adviceId)
          .where('findings.meeting_id', 'is not', null)
          .where('findings.deleted_at', 'is', null)
          .where('findings.meeting_deleted_at', 'is', null),
      )
      .execute();
    // A meeting in the trash counts nowhere, also not among the meetings the advice draws on.
    const trashed =
      meetingIds.length > 0
        ? new Set((await db.selectFrom('meetings').select('id').where('id', 'in', meetingIds).where('deleted_at', 'is not', null).execute()).map((row) => row.id))
        : new Set<string>();
    const scope = meetingIds.length > 0 ? new Set(meetingIds.filter((meetingId) => !trashed.has(meetingId))) : null;
    const total =
      scope?.size ??
      Number((await db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null).executeTakeFirst())?.n ?? 0);
    const meetingsByItem = new Map<string, Set<string>>();
    for (const row of evidence) {
      if (!row.meeting_id || (scope && !scope.has(row.meeting_id))) continue;
      const set = meetingsByItem.get(row.item_id) ?? new Set<string>();
      set.add(row.meeting_id);
      meetingsByItem.set(row.item_id, set);
    }
    for (const [itemId, value] of byItem) value.mentions = mentionsText(meetingsByItem.get(itemId)?.size ?? 0, total);
  }
  return { byItem, meetingIds };
}

export async function replaceItemLinks(db: Db, itemId: string, links: { findingIds?: string[] | undefined; signalIds?: string[] | undefined }) {
  if (links.findingIds !== undefined) {
    await db.deleteFrom('advice_item_findings').where('item_id', '=', itemId).execute();
    if (links.findingIds.length > 0)
      await db
        .insertInto('advice_item_findings')
        .values(links.findingIds.map((findingId, position) => ({ item_id: itemId, finding_id: findingId, position })))
        .execute();
  }
  if (links.signalIds !== undefined) {
    await db.deleteFrom('advice_item_signals').where('item_id', '=', itemId).execute();
    if (links.signalIds.length > 0)
      await db
        .insertInto('advice_item_signals')
        .values(links.signalIds.map((signalId, position) => ({ item_id: itemId, signal_id: signalId, position })))
        .execute();
  }
}

export async function replaceMeetings(db: Db, adviceId: string, meetingIds: string[]): Promise<void> {
  await db.deleteFrom('advice_meetings').where('advice_id', '=', adviceId).execute();
  if (meetingIds.length > 0)
    await db
      .insertInto('advice_meetings')
      .values(meetingIds.map((meetingId, position) => ({ advice_id: adviceId, meeting_id: meetingId, position })))
      .execute();
}

export interface EvidenceFinding {
  id: string;
  text: string;
  meetingId: string | null;
  meetingTitle: string;
  meetingDate: string;
  findingDate: string;
  containsPersonalData: boolean;
}

/** Every finding behind the advice (direct and through signals), for the annex and the trace panel. */
export async function evidenceFindings(db: Db, itemIds: string[]): Promise<Map<string, EvidenceFinding[]>> {
  const result = new Map<string, EvidenceFinding[]>();
  if (itemIds.length === 0) return result;
  const select = ['findings.id', 'findings.text', 'findings.meeting_id', 'findings.finding_date', 'findings.contains_personal_data', 'meetings.title', 'meetings.meeting_date'] as const;
  const direct = await db
    .selectFrom('advice_item_findings')
    .innerJoin('findings', 'findings.id', 'advice_item_findings.finding_id')
    .leftJoin('meetings', 'meetings.id', 'findings.meeting_id')
    .select([...select, 'advice_item_findings.item_id'])
    .where('advice_item_findings.item_id', 'in', itemIds)
    // Evidence in the trash is not shown (the link stays and returns with a restore).
    .where('findings.deleted_at', 'is', null)
    .where('findings.meeting_deleted_at', 'is', null)
    .execute();
  const viaSignals = await db
    .selectFrom('advice_item_signals')
    .innerJoin('signal_findings', 'signal_findings.signal_id', 'advice_item_signals.signal_id')
    .innerJoin('findings', 'findings.id', 'signal_findings.finding_id')
    .leftJoin('meetings', 'meetings.id', 'findings.meeting_id')
    .select([...select, 'advice_item_signals.item_id'])
    .where('advice_item_signals.item_id', 'in', itemIds)
    .where('findings.deleted_at', 'is', null)
    .where('findings.meeting_deleted_at', 'is', null)
    .execute();
  for (const row of [...direct, ...viaSignals]) {
    const list = result.get(row.item_id) ?? [];
    if (list.some((finding) => finding.id === row.id)) continue;
    list.push({
      id: row.id,
      text: row.text,
      meetingId: row.meeting_id,
      meetingTitle: row.title ?? '',
      meetingDate: row.meeting_date ?? '',
      findingDate: row.finding_date,
      containsPersonalData: row.contains_personal_data === 1,
    });
    result.set(row.item_id, list);
  }
  return result;
}

export async function signalsOf(db: Db, itemId: string): Promise<Omit<ItemTrace['signals'][number], 'via'>[]> {
  const rows = await db
    .selectFrom('advice_item_signals')
    .innerJoin('signals', 'signals.id', 'advice_item_signals.signal_id')
    .select(['signals.id', 'signals.title', 'signals.meeting_count'])
    .where('advice_item_signals.item_id', '=', itemId)
    .orderBy('advice_item_signals.position')
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, meetingCount: Number(row.meeting_count) }));
}

/** The advice items that cite a finding (directly or through a signal): the other side of the trace. Advices in the trash count nowhere. */
export async function itemsCitingFinding(db: Db, findingId: string): Promise<{ itemId: string; adviceId: string }[]> {
  const direct = await db
    .selectFrom('advice_item_findings')
    .innerJoin('advice_items', 'advice_items.id', 'advice_item_findings.item_id')
    .innerJoin('advices', 'advices.id', 'advice_items.advice_id')
    .select(['advice_items.id as itemId', 'advice_items.advice_id as adviceId'])
    .where('advice_item_findings.finding_id', '=', findingId)
    .where('advices.deleted_at', 'is', null)
    .execute();
  const viaSignals = await db
    .selectFrom('advice_item_signals')
    .innerJoin('signal_findings', 'signal_findings.signal_id', 'advice_item_signals.signal_id')
    .innerJoin('advice_items', 'advice_items.id', 'advice_item_signals.item_id')
    .innerJoin('advices', 'advices.id', 'advice_items.advice_id')
    .select(['advice_items.id as itemId', 'advice_items.advice_id as adviceId'])
    .where('signal_findings.finding_id', '=', findingId)
    .where('advices.deleted_at', 'is', null)
    .execute();
  const seen = new Set<string>();
  return [...direct, ...viaSignals].filter((row) => (seen.has(row.itemId) ? false : (seen.add(row.itemId), true)));
}
