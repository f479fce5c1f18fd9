import { sql } from 'kysely';
import { crossReference, deriveNumbering, type NumberingStyle } from '../../../shared/advices/numbering';
import { daysBetween, todayInNetherlands } from '../../../shared/calendar';
import type {
  AdviceDetail,
  AdviceItem,
  AdviceKind,
  AdviceReference,
  AdviceRequest,
  AdviceSection,
  AdviceStatus,
  AdviceSummary,
  AdviceVersionInfo,
  ItemKind,
  Signatory,
} from '../../../shared/api/advices';
import type { Db } from '../db/connection';
import { fold } from '../db/dialect';
import type { AdviceItemTable, AdviceRequestTable, AdviceSectionTable, AdviceTable } from '../db/schema';
import { createdColumns, newId, nowAfter, nowIso, updatedColumns } from '../ids';
import { notInTrash } from '../reliability/trash';
import { kenmerkKey } from './kenmerk';
import { loadItemLinks, replaceItemLinks, type ItemLinks } from './links-repository';
import { likePattern } from '../findings/text';

// ---------- requests ----------

function toRequest(row: AdviceRequestTable, advices: { id: string; status: string }[], today: string): AdviceRequest {
  const answered = advices.some((advice) => advice.status === 'verzonden');
  return {
    id: row.id,
    receivedOn: row.received_on,
    fromWhom: row.from_whom,
    subject: row.subject,
    kenmerk: row.kenmerk,
    deadline: row.deadline,
    documents: JSON.parse(row.documents_json) as string[],
    notes: row.notes,
    daysLeft: answered ? null : daysBetween(today, row.deadline),
    adviceIds: advices.map((advice) => advice.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listRequests(db: Db, today = todayInNetherlands()): Promise<AdviceRequest[]> {
  const rows = await db.selectFrom('advice_requests').selectAll().orderBy('deadline').orderBy('received_on').execute();
  const advices = await notInTrash(db.selectFrom('advices').select(['id', 'status', 'request_id']).where('request_id', 'is not', null)).execute();
  return rows.map((row) => toRequest(row, advices.filter((advice) => advice.request_id === row.id), today));
}

export async function findRequest(db: Db, id: string, today = todayInNetherlands()): Promise<AdviceRequest | undefined> {
  const row = await db.selectFrom('advice_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const advices = await notInTrash(db.selectFrom('advices').select(['id', 'status']).where('request_id', '=', id)).execute();
  return toRequest(row, advices, today);
}

export interface RequestFields {
  receivedOn: string;
  fromWhom: string;
  subject: string;
  kenmerk: string;
  deadline: string;
  documents: string[];
  notes: string;
}

function requestColumns(fields: Partial<RequestFields>) {
  return {
    ...(fields.receivedOn !== undefined ? { received_on: fields.receivedOn } : {}),
    ...(fields.fromWhom !== undefined ? { from_whom: fields.fromWhom } : {}),
    ...(fields.subject !== undefined ? { subject: fields.subject } : {}),
    ...(fields.kenmerk !== undefined ? { kenmerk: fields.kenmerk } : {}),
    ...(fields.deadline !== undefined ? { deadline: fields.deadline } : {}),
    ...(fields.documents !== undefined ? { documents_json: JSON.stringify(fields.documents) } : {}),
    ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
  };
}

export async function insertRequest(db: Db, fields: RequestFields, userName: string): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('advice_requests')
    .values({
      id,
      received_on: fields.receivedOn,
      from_whom: fields.fromWhom,
      subject: fields.subject,
      kenmerk: fields.kenmerk,
      deadline: fields.deadline,
      documents_json: JSON.stringify(fields.documents),
      notes: fields.notes,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function updateRequest(db: Db, id: string, fields: Partial<RequestFields>, userName: string): Promise<void> {
  await db
    .updateTable('advice_requests')
    .set({ ...requestColumns(fields), updated_at: nowIso(), updated_by: userName })
    .where('id', '=', id)
    .execute();
}

/** Advices in the trash that still point at a request: they keep it from being deleted. */
export async function countTrashedAdvicesOfRequest(db: Db, requestId: string): Promise<number> {
  const row = await db
    .selectFrom('advices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('request_id', '=', requestId)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteRequest(db: Db, id: string): Promise<void> {
  await db.deleteFrom('advice_requests').where('id', '=', id).execute();
}

// ---------- advices ----------

function toSummary(row: AdviceTable, itemCount: number): AdviceSummary {
  return {
    id: row.id,
    kind: row.kind,
    betreft: row.betreft,
    kenmerk: row.kenmerk,
    adviceDate: row.advice_date,
    status: row.status,
    adoptedOn: row.adopted_on,
    sentOn: row.sent_on,
    requestId: row.request_id,
    version: row.version,
    archivedAt: row.archived_at,
    itemCount,
    updatedAt: row.updated_at,
  };
}

export async function listAdvices(
  db: Db,
  filter: { search: string; status?: AdviceStatus | undefined; kind?: AdviceKind | undefined; includeArchived?: boolean | undefined },
): Promise<AdviceSummary[]> {
  let query = notInTrash(db.selectFrom('advices'))
    .selectAll('advices')
    .select((eb) => eb.selectFrom('advice_items').select(eb.fn.countAll<number>().as('n')).whereRef('advice_items.advice_id', '=', 'advices.id').as('item_count'));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.search !== '') {
    // Search the subject, the kenmerk and every item's text, folded (case and accents) like the findings search.
    const pattern = likePattern(filter.search);
    query = query.where((eb) =>
      eb.or([
        eb(fold(db, sql.ref('betreft')), 'like', sql<string>`${pattern} escape '\\'`),
        eb(fold(db, sql.ref('kenmerk')), 'like', sql<string>`${pattern} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('advice_items')
            .select(sql`1`.as('one'))
            .whereRef('advice_items.advice_id', '=', 'advices.id')
            .where(fold(db, sql.ref('advice_items.text')), 'like', sql<string>`${pattern} escape '\\'`),
        ),
      ]),
    );
  }
  const rows = await query.orderBy('advice_date', 'desc').orderBy('kenmerk', 'desc').execute();
  return rows.map((row) => toSummary(row, Number(row.item_count ?? 0)));
}

/** The advice row; an advice in the trash is not found (restore it from the trash first). */
export async function findAdviceRow(db: Db, id: string): Promise<AdviceTable | undefined> {
  return notInTrash(db.selectFrom('advices').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Any advice with this kenmerk, also one in the trash: its kenmerk stays taken until the trash is emptied. */
export async function findAdviceByKenmerk(db: Db, kenmerk: string): Promise<AdviceTable | undefined> {
  return db.selectFrom('advices').selectAll().where('kenmerk_key', '=', kenmerkKey(kenmerk)).executeTakeFirst();
}

/** An advice outside the trash with this kenmerk: what a reference "in vervolg op" may point at. */
export async function findLiveAdviceByKenmerk(db: Db, kenmerk: string): Promise<AdviceTable | undefined> {
  return notInTrash(db.selectFrom('advices').selectAll().where('kenmerk_key', '=', kenmerkKey(kenmerk))).executeTakeFirst();
}

/** The ids among `ids` of advices outside the trash. */
export async function liveAdviceIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await notInTrash(db.selectFrom('advices').select('id').where('id', 'in', ids)).execute();
  return new Set(rows.map((row) => row.id));
}

/** The highest sequence number of a year, counting advices in the trash too: a trashed advice keeps its number. */
export async function highestSequence(db: Db, year: number): Promise<number> {
  const row = await db
    .selectFrom('advices')
    .select((eb) => eb.fn.max('sequence_number').as('highest'))
    .where('sequence_year', '=', year)
    .executeTakeFirst();
  return Number(row?.highest ?? 0);
}

/** The whole advice with its derived numbers, in a handful of queries (the export of 200 items reads it). */
export async function loadAdvice(db: Db, id: string): Promise<AdviceDetail | undefined> {
  const row = await findAdviceRow(db, id);
  if (!row) return undefined;
  const [references, sectionRows, itemRows, relations, versions, links] = await Promise.all([
    db
      .selectFrom('advice_references')
      .innerJoin('advices', 'advices.id', 'advice_references.referenced_advice_id')
      .select(['advices.id', 'advices.kenmerk', 'advices.betreft', 'advices.advice_date', 'advices.sent_on'])
      .where('advice_references.advice_id', '=', id)
      .orderBy('advice_references.position')
      .execute(),
    db.selectFrom('advice_sections').selectAll().where('advice_id', '=', id).orderBy('position').execute(),
    db.selectFrom('advice_items').selectAll().where('advice_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('advice_item_relations')
      .innerJoin('advice_items', 'advice_items.id', 'advice_item_relations.item_id')
      .select(['advice_item_relations.item_id', 'advice_item_relations.related_item_id'])
      .where('advice_items.advice_id', '=', id)
      .orderBy('advice_item_relations.position')
      .execute(),
    db
      .selectFrom('advice_versions')
      .leftJoin('advice_version_pdfs', 'advice_version_pdfs.version_id', 'advice_versions.id')
      .select(['advice_versions.version', 'advice_versions.sent_on', 'advice_versions.docx_sha256', 'advice_versions.created_at', 'advice_version_pdfs.pdf_sha256'])
      .where('advice_versions.advice_id', '=', id)
      .orderBy('advice_versions.version')
      .execute(),
    loadItemLinks(db, id),
  ]);
  return assembleAdvice(
    row,
    references.map(
      (reference): AdviceReference => ({
        id: reference.id,
        kenmerk: reference.kenmerk,
        betreft: reference.betreft,
        adviceDate: reference.advice_date,
        sentOn: reference.sent_on,
      }),
    ),
    sectionRows,
    itemRows,
    relations,
    versions.map(
      (version): AdviceVersionInfo => ({
        version: version.version,
        sentOn: version.sent_on,
        sha256: version.docx_sha256,
        createdAt: version.created_at,
        pdfSha256: version.pdf_sha256 ?? null,
      }),
    ),
    links,
  );
}

function assembleAdvice(
  row: AdviceTable,
  references: AdviceReference[],
  sectionRows: AdviceSectionTable[],
  itemRows: AdviceItemTable[],
  relations: { item_id: string; related_item_id: string }[],
  versions: AdviceVersionInfo[],
  links: ItemLinks,
): AdviceDetail {
  const itemsBySection = new Map<string, AdviceItemTable[]>();
  for (const item of itemRows) {
    const list = itemsBySection.get(item.section_id) ?? [];
    list.push(item);
    itemsBySection.set(item.section_id, list);
  }
  const outline = sectionRows.map((section) => ({
    id: section.id,
    numbering: section.numbering,
    items: (itemsBySection.get(section.id) ?? []).map((item) => ({ id: item.id })),
  }));
  const numbering = deriveNumbering(outline);
  const relatedByItem = new Map<string, string[]>();
  for (const relation of relations) {
    const list = relatedByItem.get(relation.item_id) ?? [];
    list.push(relation.related_item_id);
    relatedByItem.set(relation.item_id, list);
  }
  const sections: AdviceSection[] = sectionRows.map((section) => ({
    id: section.id,
    title: section.title,
    numbering: section.numbering,
    number: numbering.sections.get(section.id) ?? '',
    updatedAt: section.updated_at,
    items: (itemsBySection.get(section.id) ?? []).map((item): AdviceItem => {
      const relatedItemIds = relatedByItem.get(item.id) ?? [];
      const itemLinks = links.byItem.get(item.id);
      return {
        id: item.id,
        sectionId: section.id,
        kind: item.kind,
        text: item.text,
        number: numbering.items.get(item.id) ?? '',
        findingIds: itemLinks?.findingIds ?? [],
        signalIds: itemLinks?.signalIds ?? [],
        relatedItemIds,
        crossReference: crossReference(relatedItemIds, numbering),
        showMentions: item.show_mentions === 1,
        mentions: item.show_mentions === 1 ? (itemLinks?.mentions ?? '') : '',
        updatedAt: item.updated_at,
        updatedBy: item.updated_by,
      };
    }),
  }));
  const itemCount = itemRows.length;
  return {
    ...toSummary(row, itemCount),
    addressee: row.addressee,
    openingText: row.opening_text,
    closingText: row.closing_text,
    signatories: JSON.parse(row.signatories_json) as Signatory[],
    cc: JSON.parse(row.cc_json) as string[],
    references,
    meetingIds: links.meetingIds,
    sections,
    frozen: row.status === 'verzonden',
    versions,
  };
}

export interface AdviceInsert {
  kind: AdviceKind;
  betreft: string;
  kenmerk: string;
  sequenceYear: number | null;
  sequenceNumber: number | null;
  requestId: string | null;
  addressee: string;
  adviceDate: string;
  openingText: string;
  closingText: string;
  signatories: Signatory[];
  cc: string[];
}

export async function insertAdvice(db: Db, fields: AdviceInsert, userName: string, id = newId()): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('advices')
    .values({
      id,
      kind: fields.kind,
      betreft: fields.betreft,
      kenmerk: fields.kenmerk,
      kenmerk_key: kenmerkKey(fields.kenmerk),
      sequence_year: fields.sequenceYear,
      sequence_number: fields.sequenceNumber,
      request_id: fields.requestId,
      addressee: fields.addressee,
      advice_date: fields.adviceDate,
      status: 'concept',
      adopted_on: null,
      sent_on: null,
      version: 1,
      opening_text: fields.openingText,
      closing_text: fields.closingText,
      signatories_json: JSON.stringify(fields.signatories),
      cc_json: JSON.stringify(fields.cc),
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export interface AdviceChanges {
  kind?: AdviceKind | undefined;
  betreft?: string | undefined;
  kenmerk?: string | undefined;
  requestId?: string | null | undefined;
  addressee?: string | undefined;
  adviceDate?: string | undefined;
  openingText?: string | undefined;
  closingText?: string | undefined;
  signatories?: Signatory[] | undefined;
  cc?: string[] | undefined;
  status?: AdviceStatus | undefined;
  adoptedOn?: string | null | undefined;
  sentOn?: string | null | undefined;
  version?: number | undefined;
}

export async function updateAdvice(db: Db, id: string, changes: AdviceChanges, userName: string): Promise<void> {
  await db
    .updateTable('advices')
    .set({
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.betreft !== undefined ? { betreft: changes.betreft } : {}),
      ...(changes.kenmerk !== undefined ? { kenmerk: changes.kenmerk, kenmerk_key: kenmerkKey(changes.kenmerk) } : {}),
      ...(changes.requestId !== undefined ? { request_id: changes.requestId } : {}),
      ...(changes.addressee !== undefined ? { addressee: changes.addressee } : {}),
      ...(changes.adviceDate !== undefined ? { advice_date: changes.adviceDate } : {}),
      ...(changes.openingText !== undefined ? { opening_text: changes.openingText } : {}),
      ...(changes.closingText !== undefined ? { closing_text: changes.closingText } : {}),
      ...(changes.signatories !== undefined ? { signatories_json: JSON.stringify(changes.signatories) } : {}),
      ...(changes.cc !== undefined ? { cc_json: JSON.stringify(changes.cc) } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.adoptedOn !== undefined ? { adopted_on: changes.adoptedOn } : {}),
      ...(changes.sentOn !== undefined ? { sent_on: changes.sentOn } : {}),
      ...(changes.version !== undefined ? { version: changes.version } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Takes an item for an update that carries the version its client saw (edit conflicts): true when the
 * item still has that `updated_at`, and then its row stays locked until the transaction ends, so of two
 * such updates racing on PostgreSQL only one passes (SQLite writes one at a time anyway). False: changed since.
 */
export async function claimItemVersion(db: Db, id: string, expectedUpdatedAt: string): Promise<boolean> {
  const result = await db.updateTable('advice_items').set({ updated_at: expectedUpdatedAt }).where('id', '=', id).where('updated_at', '=', expectedUpdatedAt).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** As `claimItemVersion`, for a section (its title and numbering). */
export async function claimSectionVersion(db: Db, id: string, expectedUpdatedAt: string): Promise<boolean> {
  const result = await db.updateTable('advice_sections').set({ updated_at: expectedUpdatedAt }).where('id', '=', id).where('updated_at', '=', expectedUpdatedAt).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A section's items, with who changed each last and when. */
export async function itemsOfSection(db: Db, sectionId: string): Promise<{ updated_at: string; updated_by: string }[]> {
  return db.selectFrom('advice_items').select(['updated_at', 'updated_by']).where('section_id', '=', sectionId).execute();
}

/** Locks an advice's row until the transaction ends, so its edit-conflict check and write are one step. */
export async function lockAdvice(db: Db, id: string): Promise<void> {
  await db
    .updateTable('advices')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .execute();
}

/** Marks an advice as edited now, so lists and autosave see the change. */
export async function touchAdvice(db: Db, id: string, userName: string): Promise<void> {
  await db.updateTable('advices').set({ updated_at: nowIso(), updated_by: userName }).where('id', '=', id).execute();
}

export async function replaceReferences(db: Db, adviceId: string, referenceIds: string[]): Promise<void> {
  await db.deleteFrom('advice_references').where('advice_id', '=', adviceId).execute();
  if (referenceIds.length === 0) return;
  await db
    .insertInto('advice_references')
    .values(referenceIds.map((referencedId, position) => ({ advice_id: adviceId, referenced_advice_id: referencedId, position })))
    .execute();
}

export async function countReferencesTo(db: Db, adviceId: string): Promise<number> {
  const row = await db
    .selectFrom('advice_references')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('referenced_advice_id', '=', adviceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countVersions(db: Db, adviceId: string): Promise<number> {
  const row = await db
    .selectFrom('advice_versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('advice_id', '=', adviceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Archives a sent advice (a date) or takes it out of the archive (null). */
export async function setArchived(db: Db, id: string, archivedAt: string | null, userName: string): Promise<void> {
  await db.updateTable('advices').set({ archived_at: archivedAt, ...updatedColumns(userName) }).where('id', '=', id).execute();
}

// ---------- sections and items ----------

export async function findSection(db: Db, id: string): Promise<AdviceSectionTable | undefined> {
  return db.selectFrom('advice_sections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findItem(db: Db, id: string): Promise<AdviceItemTable | undefined> {
  return db.selectFrom('advice_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function sectionIdsInOrder(db: Db, adviceId: string): Promise<string[]> {
  const rows = await db.selectFrom('advice_sections').select('id').where('advice_id', '=', adviceId).orderBy('position').execute();
  return rows.map((row) => row.id);
}

export async function itemIdsInOrder(db: Db, sectionId: string): Promise<string[]> {
  const rows = await db.selectFrom('advice_items').select('id').where('section_id', '=', sectionId).orderBy('position').execute();
  return rows.map((row) => row.id);
}

/** Writes positions 0..n-1 in the given order; run inside the transaction of the move. */
export async function writeSectionOrder(db: Db, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) await db.updateTable('advice_sections').set({ position }).where('id', '=', id).execute();
}

export async function writeItemOrder(db: Db, sectionId: string, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries())
    await db.updateTable('advice_items').set({ position, section_id: sectionId }).where('id', '=', id).execute();
}

export async function insertSection(
  db: Db,
  fields: { adviceId: string; title: string; numbering: NumberingStyle; position: number },
  userName: string,
  id = newId(),
): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('advice_sections')
    .values({
      id,
      advice_id: fields.adviceId,
      position: fields.position,
      title: fields.title,
      numbering: fields.numbering,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function updateSection(db: Db, id: string, fields: { title?: string | undefined; numbering?: NumberingStyle | undefined }, userName: string) {
  // The version moves strictly forward (nowAfter), as an item's does: it is what an edit conflict is judged by.
  const stored = await db.selectFrom('advice_sections').select('updated_at').where('id', '=', id).executeTakeFirst();
  await db
    .updateTable('advice_sections')
    .set({
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.numbering !== undefined ? { numbering: fields.numbering } : {}),
      updated_at: nowAfter(stored?.updated_at),
      updated_by: userName,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSection(db: Db, id: string): Promise<void> {
  await db.deleteFrom('advice_sections').where('id', '=', id).execute();
}

export async function insertItem(
  db: Db,
  fields: { adviceId: string; sectionId: string; kind: ItemKind; text: string; showMentions: boolean; position: number },
  userName: string,
  id = newId(),
): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('advice_items')
    .values({
      id,
      advice_id: fields.adviceId,
      section_id: fields.sectionId,
      position: fields.position,
      kind: fields.kind,
      text: fields.text,
      show_mentions: fields.showMentions ? 1 : 0,
      ...createdColumns(userName, now),
    })
    .execute();
  return id;
}

export async function updateItem(
  db: Db,
  id: string,
  fields: { kind?: ItemKind | undefined; text?: string | undefined; showMentions?: boolean | undefined },
  userName: string,
): Promise<void> {
  const stored = await db.selectFrom('advice_items').select('updated_at').where('id', '=', id).executeTakeFirst();
  await db
    .updateTable('advice_items')
    .set({
      ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
      ...(fields.text !== undefined ? { text: fields.text } : {}),
      ...(fields.showMentions !== undefined ? { show_mentions: fields.showMentions ? 1 : 0 } : {}),
      updated_at: nowAfter(stored?.updated_at),
      updated_by: userName,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteItem(db: Db, id: string): Promise<void> {
  await db.deleteFrom('advice_items').where('id', '=', id).execute();
}

export async function itemIdsOfAdvice(db: Db, adviceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('advice_items').select('id').where('advice_id', '=', adviceId).where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

export async function readRelations(db: Db, itemId: string): Promise<string[]> {
  const rows = await db.selectFrom('advice_item_relations').select('related_item_id').where('item_id', '=', itemId).orderBy('position').execute();
  return rows.map((row) => row.related_item_id);
}

export async function replaceRelations(db: Db, itemId: string, relatedIds: string[]): Promise<void> {
  await db.deleteFrom('advice_item_relations').where('item_id', '=', itemId).execute();
  if (relatedIds.length === 0) return;
  await db
    .insertInto('advice_item_relations')
    .values(relatedIds.map((relatedId, position) => ({ item_id: itemId, related_item_id: relatedId, position })))
    .execute();
}

export { replaceItemLinks };

// ---------- versions ----------

export async function insertVersion(
  db: Db,
  fields: { adviceId: string; version: number; sentOn: string; snapshot: AdviceDetail; docx: Uint8Array; sha256: string },
  userName: string,
): Promise<void> {
  await db
    .insertInto('advice_versions')
    .values({
      id: newId(),
      advice_id: fields.adviceId,
      version: fields.version,
      sent_on: fields.sentOn,
      snapshot_json: JSON.stringify(fields.snapshot),
      docx: fields.docx,
      docx_sha256: fields.sha256,
      created_at: nowIso(),
      created_by: userName,
    })
    .execute();
}

export async function findVersion(db: Db, adviceId: string, version?: number) {
  let query = db.selectFrom('advice_versions').selectAll().where('advice_id', '=', adviceId);
  query = version === undefined ? query.orderBy('version', 'desc') : query.where('version', '=', version);
  return query.limit(1).executeTakeFirst();
}

/** The archived PDF/A of a sent version, if it was made. */
export async function findArchivedPdf(db: Db, versionId: string) {
  return db.selectFrom('advice_version_pdfs').selectAll().where('version_id', '=', versionId).executeTakeFirst();
}

/** Archives the PDF/A of a sent version: written once; a second writer finding it made leaves it. */
export async function insertArchivedPdf(db: Db, fields: { versionId: string; pdf: Uint8Array; sha256: string }, userName: string): Promise<void> {
  await db
    .insertInto('advice_version_pdfs')
    .values({ version_id: fields.versionId, pdf: fields.pdf, pdf_sha256: fields.sha256, created_at: nowIso(), created_by: userName })
    .onConflict((oc) => oc.column('version_id').doNothing())
    .execute();
}

/** A kenmerk typed by hand no longer counts in the pattern's sequence. */
export async function leaveKenmerkSequence(db: Db, adviceId: string): Promise<void> {
  await db.updateTable('advices').set({ sequence_year: null, sequence_number: null }).where('id', '=', adviceId).execute();
}
