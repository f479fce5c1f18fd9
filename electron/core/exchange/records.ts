import { sql } from 'kysely';
import { z } from 'zod';
import { FINDING_SOURCES, findingInput, MEETING_FORMATS, meetingInput } from '../../../shared/api/meetings';
import { timestamp, type ExchangeConflict, type ExchangeRecord, type ExchangeReport } from '../../../shared/api/exchange';
import { boundedText, LIMITS } from '../../../shared/api/fields';
import { wijkInput } from '../../../shared/api/wijken';
import { t } from '../../../shared/i18n';
import type { Db } from '../db/connection';
import { setFindingTags, tagKey } from '../findings/repository';
import { nameKey } from '../name-key';
import { audited, auditedCreate } from '../reliability/audit-trail';
import { COUNCIL_RECORD_TYPES, COUNCIL_TYPE_ORDER } from '../councilOwn/exchange-repository';
import { FOLLOWUP_RECORD_TYPES, FOLLOWUP_TYPE_ORDER } from '../responses/exchange';
import { writeRow, type IdMap, type RecordType } from './record-type';

/**
 * Record types of the exchange file: how each is read from the database and merged into it.
 * A feature adds its type here; the file format itself does not change.
 *
 * A record's data is checked with the API's own field schemas (shared/api), so a file can store
 * nothing that the app would refuse when typed in: the same text rule, calendar dates, times.
 */
const recordFields = {
  createdAt: timestamp,
  createdBy: boundedText(LIMITS.name),
  /** In the trash since (UTC ISO) or null; absent in files from before migration 0011 (= not in the trash). */
  deletedAt: timestamp.nullable().optional(),
};

const wijkData = wijkInput;
const programmeData = z.object({ name: wijkInput.shape.name, description: wijkInput.shape.description }).strict();
// A meeting's theme tables travel as records of their own.
const { tables, ...meetingShape } = meetingInput.shape;
const meetingData = z.object({ ...meetingShape, ...recordFields }).strict();
const themeTableData = z
  .object({ meetingId: findingInput.shape.meetingId.unwrap().unwrap(), position: z.number().int().min(0).max(1_000_000), ...tables.unwrap().element.shape })
  .strict();
const findingData = z
  .object({
    ...findingInput.shape,
    // Always present in a file: the importer does not guess them from the meeting.
    wijkId: findingInput.shape.meetingId.unwrap(),
    date: findingInput.shape.date.unwrap(),
    ...recordFields,
  })
  .strict();

/**
 * Writes a merged-in record; for audited records the change enters the audit trail as the
 * importing user's, like a change made here, in the same transaction.
 */
async function writeRecord(db: Db, type: RecordType, id: string, userName: string, exists: boolean, write: () => Promise<void>): Promise<void> {
  if (!type.audit) return write();
  const { table, recordIdOf } = type.audit;
  const existing = exists ? await recordIdOf(db, id) : undefined;
  if (existing) return audited(db, userName, table, existing, write);
  await auditedCreate(db, userName, table, async () => {
    await write();
    return (await recordIdOf(db, id)) ?? id;
  });
}

const mapped = (ids: IdMap, value: unknown) => (typeof value === 'string' ? (ids.get(value) ?? value) : value);

const RECORD_TYPES = {
  wijk: {
    schema: wijkData,
    label: (data) => String(data.name),
    async read(db, id) {
      const row = await db.selectFrom('wijken').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { updatedAt: row.updated_at, data: { name: row.name, code: row.code, description: row.description } };
    },
    async matchByName(db, data) {
      const row = await db.selectFrom('wijken').select('id').where('name_key', '=', nameKey(String(data.name))).executeTakeFirst();
      return row?.id;
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = { name: String(data.name), name_key: nameKey(String(data.name)), code: String(data.code), description: String(data.description), updated_at: updatedAt, updated_by: updatedBy };
      await writeRow(db, 'wijken', id, exists, values, { created_at: updatedAt, created_by: updatedBy });
    },
  },
  programme: {
    schema: programmeData,
    label: (data) => String(data.name),
    async read(db, id) {
      const row = await db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { updatedAt: row.updated_at, data: { name: row.name, description: row.description } };
    },
    async matchByName(db, data) {
      const row = await db.selectFrom('programmes').select('id').where('name_key', '=', nameKey(String(data.name))).executeTakeFirst();
      return row?.id;
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = { name: String(data.name), name_key: nameKey(String(data.name)), description: String(data.description), updated_at: updatedAt, updated_by: updatedBy };
      await writeRow(db, 'programmes', id, exists, values, { created_at: updatedAt, created_by: updatedBy });
    },
  },
  meeting: {
    schema: meetingData,
    label: (data) => `${String(data.title)} (${String(data.date)})`,
    async read(db, id) {
      const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const wijken = await db.selectFrom('meeting_wijken').select('wijk_id').where('meeting_id', '=', id).orderBy('wijk_id').execute();
      return {
        updatedAt: row.updated_at,
        data: {
          title: row.title,
          programmeId: row.programme_id,
          date: row.meeting_date,
          startTime: row.start_time,
          endTime: row.end_time,
          location: row.location,
          format: row.format,
          attendeeCount: row.attendee_count,
          organiser: row.organiser,
          notes: row.notes,
          notesContainPersonalData: row.notes_contain_personal_data === 1,
          wijkIds: wijken.map((wijk) => wijk.wijk_id),
          createdAt: row.created_at,
          createdBy: row.created_by,
          deletedAt: row.deleted_at,
        },
      };
    },
    mapIds: (data, ids) => ({ ...data, programmeId: mapped(ids, data.programmeId), wijkIds: (data.wijkIds as string[]).map((wijkId) => ids.get(wijkId) ?? wijkId).sort() }),
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = {
        title: String(data.title),
        programme_id: (data.programmeId as string | null) ?? null,
        meeting_date: String(data.date),
        start_time: String(data.startTime),
        end_time: String(data.endTime),
        location: String(data.location),
        format: data.format as (typeof MEETING_FORMATS)[number],
        attendee_count: (data.attendeeCount as number | null) ?? null,
        organiser: String(data.organiser),
        notes: String(data.notes),
        notes_contain_personal_data: data.notesContainPersonalData === true ? 1 : 0,
        // The trash travels: trashing and restoring move updated_at, so the newer version wins.
        deleted_at: (data.deletedAt as string | null | undefined) ?? null,
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'meetings', id, exists, values, { created_at: String(data.createdAt), created_by: String(data.createdBy) });
      await db.deleteFrom('meeting_wijken').where('meeting_id', '=', id).execute();
      const wijkIds = [...new Set(data.wijkIds as string[])];
      if (wijkIds.length > 0) await db.insertInto('meeting_wijken').values(wijkIds.map((wijkId) => ({ meeting_id: id, wijk_id: wijkId }))).execute();
    },
  },
  themeTable: {
    schema: themeTableData,
    label: (data) => String(data.theme),
    async read(db, id) {
      const row = await db.selectFrom('theme_tables').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { updatedAt: row.updated_at, data: { meetingId: row.meeting_id, position: row.position, theme: row.theme, facilitator: row.facilitator } };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = { meeting_id: String(data.meetingId), position: Number(data.position), theme: String(data.theme), facilitator: String(data.facilitator), updated_at: updatedAt, updated_by: updatedBy };
      await writeRow(db, 'theme_tables', id, exists, values, { created_at: updatedAt, created_by: updatedBy });
    },
  },
  finding: {
    schema: findingData,
    label: (data) => String(data.text).slice(0, 80),
    async read(db, id) {
      const row = await db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const tags = await db.selectFrom('finding_tags').select('tag').where('finding_id', '=', id).orderBy('tag_key').execute();
      return {
        updatedAt: row.updated_at,
        data: {
          text: row.text,
          meetingId: row.meeting_id,
          themeTableId: row.theme_table_id,
          theme: row.theme,
          source: row.source,
          wijkId: row.wijk_id,
          date: row.finding_date,
          tags: tags.map((tag) => tag.tag),
          containsPersonalData: row.contains_personal_data === 1,
          priority: row.priority,
          votes: row.votes,
          createdAt: row.created_at,
          createdBy: row.created_by,
          deletedAt: row.deleted_at,
        },
      };
    },
    mapIds: (data, ids) => ({
      ...data,
      wijkId: mapped(ids, data.wijkId),
      tags: [...(data.tags as string[])].sort((a, b) => tagKey(a).localeCompare(tagKey(b))),
    }),
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const values = {
        text: String(data.text),
        meeting_id: (data.meetingId as string | null) ?? null,
        theme_table_id: (data.themeTableId as string | null) ?? null,
        theme: String(data.theme),
        source: data.source as (typeof FINDING_SOURCES)[number],
        wijk_id: (data.wijkId as string | null) ?? null,
        finding_date: String(data.date),
        contains_personal_data: data.containsPersonalData ? 1 : 0,
        priority: Number(data.priority),
        votes: Number(data.votes),
        deleted_at: (data.deletedAt as string | null | undefined) ?? null,
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'findings', id, exists, values, { created_at: String(data.createdAt), created_by: String(data.createdBy) });
      await setFindingTags(db, id, data.tags as string[]);
    },
  },
  ...FOLLOWUP_RECORD_TYPES,
  ...COUNCIL_RECORD_TYPES,
} satisfies Record<string, RecordType>;

/** Looked up by the type a file names: a Map, so "__proto__" or "constructor" is simply unknown. */
const RECORD_TYPE_BY_NAME: ReadonlyMap<string, RecordType> = new Map(Object.entries(RECORD_TYPES));

/** Dependencies first, so references exist when a record arrives. */
export const TYPE_ORDER = ['wijk', 'programme', 'meeting', 'themeTable', 'finding', ...FOLLOWUP_TYPE_ORDER, ...COUNCIL_TYPE_ORDER];

/** A meeting with everything it needs: its programme, wijken, tables and findings. */
export async function collectMeetingRecords(db: Db, meetingId: string): Promise<ExchangeRecord[]> {
  const records: ExchangeRecord[] = [];
  const add = async (type: string, id: string) => {
    const local = await RECORD_TYPE_BY_NAME.get(type)!.read(db, id);
    if (local) records.push({ type, id, updatedAt: local.updatedAt, data: local.data });
  };
  const meeting = await RECORD_TYPES.meeting.read(db, meetingId);
  // A meeting in the trash is not exported; its findings in the trash go along, marked as such.
  if (!meeting || meeting.data.deletedAt) return records;
  const findings = await db.selectFrom('findings').select(['id', 'wijk_id']).where('meeting_id', '=', meetingId).orderBy('seq').execute();
  const wijkIds = new Set([...(meeting.data.wijkIds as string[]), ...findings.flatMap((finding) => (finding.wijk_id ? [finding.wijk_id] : []))]);
  for (const wijkId of [...wijkIds].sort()) await add('wijk', wijkId);
  if (meeting.data.programmeId) await add('programme', String(meeting.data.programmeId));
  await add('meeting', meetingId);
  const tables = await db.selectFrom('theme_tables').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
  for (const table of tables) await add('themeTable', table.id);
  for (const finding of findings) await add('finding', finding.id);
  return records;
}

/** The local data without the optional fields the file left out: those stay as they are here. */
function withoutFieldsLeftOut(type: RecordType, local: Record<string, unknown>, incoming: Record<string, unknown>): Record<string, unknown> {
  const leftOut = (type.optionalFields ?? []).filter((field) => !(field in incoming));
  if (leftOut.length === 0) return local;
  return Object.fromEntries(Object.entries(local).filter(([field]) => !leftOut.includes(field)));
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.every((key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null));
}

/**
 * Runs `work` as one unit inside the caller's transaction: when it throws, everything it wrote is
 * undone (rollback to the savepoint) and the error goes on to the caller.
 */
async function allOrNothing<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await sql`savepoint exchange_record`.execute(db);
  try {
    const result = await work();
    await sql`release savepoint exchange_record`.execute(db);
    return result;
  } catch (error) {
    try {
      await sql`rollback to savepoint exchange_record`.execute(db);
      await sql`release savepoint exchange_record`.execute(db);
    } catch {
      // SQLite already rolled the whole transaction back (a full disk): the original error says why.
    }
    throw error;
  }
}

/**
 * Why a record could not be stored, in Dutch (SQLite's own messages are English), and whether it
 * clashed with a row here (a name taken); undefined when the failure is not the record's (a full
 * disk, a locked database): then the whole import fails.
 */
function whyRecordNotStored(error: unknown): { reason: string; clash: boolean } | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { reason: t('exchange.missingReference'), clash: false };
    return code.startsWith('SQLITE_CONSTRAINT') ? { reason: t('exchange.clashesHere'), clash: true } : undefined;
  }
  return { reason: error instanceof Error ? error.message : String(error), clash: false };
}

type Outcome =
  | { kind: 'inserted' }
  | { kind: 'unchanged' }
  | { kind: 'matchedByName'; localId: string; label: string }
  | { kind: 'updated'; conflict: ExchangeConflict }
  | { kind: 'keptLocal'; conflict: ExchangeConflict };

/** Merges one validated record; writes only when the outcome is inserted or updated. */
async function mergeRecord(db: Db, type: RecordType, record: ExchangeRecord, incoming: Record<string, unknown>, ids: IdMap, updatedBy: string): Promise<Outcome> {
  const local = await type.read(db, record.id);
  if (!local && type.matchByName) {
    const sameName = await type.matchByName(db, incoming);
    // Two machines that each created "Noord" mean the same wijk: link, do not overwrite.
    if (sameName) return { kind: 'matchedByName', localId: sameName, label: type.label(incoming) };
  }
  if (!local) {
    await writeRecord(db, type, record.id, updatedBy, false, () => type.write(db, record.id, record.updatedAt, updatedBy, incoming, false));
    return { kind: 'inserted' };
  }
  const localData = withoutFieldsLeftOut(type, type.mapIds ? type.mapIds(local.data, ids) : local.data, incoming);
  if (sameData(localData, incoming)) return { kind: 'unchanged' };
  const fileIsNewer = record.updatedAt > local.updatedAt;
  const conflict: ExchangeConflict = {
    type: record.type,
    id: record.id,
    label: type.label(fileIsNewer ? incoming : local.data),
    kept: fileIsNewer ? 'file' : 'local',
    keptUpdatedAt: fileIsNewer ? record.updatedAt : local.updatedAt,
    otherUpdatedAt: fileIsNewer ? local.updatedAt : record.updatedAt,
    otherVersion: fileIsNewer ? local.data : incoming,
  };
  if (!fileIsNewer) return { kind: 'keptLocal', conflict };
  await writeRecord(db, type, record.id, updatedBy, true, () => type.write(db, record.id, record.updatedAt, updatedBy, incoming, true));
  return { kind: 'updated', conflict };
}

/**
 * Merges records into the database (call inside one transaction). A record is inserted when new,
 * left alone when equal, and otherwise the newer `updatedAt` wins; the losing version goes into
 * the report, so nothing is overwritten silently. Importing the same file twice changes nothing.
 *
 * Each record is all or nothing: one that is invalid, of an unknown type, or refers to something
 * this database does not have is skipped and listed, and leaves no trace (its own savepoint).
 */
export async function mergeRecords(db: Db, records: ExchangeRecord[], updatedBy: string, onProgress: (done: number) => Promise<void>): Promise<ExchangeReport> {
  const report: ExchangeReport = { inserted: 0, updated: 0, unchanged: 0, matchedByName: [], conflicts: [], skipped: [] };
  const ids: IdMap = new Map();
  // Within a type, records of ids known here go before those matched by name: a file that renames
  // wijk "Noord" and names a new one "Noord" would otherwise link the new one to the old wijk the
  // first time and insert it the second (found by the property test in exchange-import.test.ts).
  const knownHere = new Set<ExchangeRecord>();
  for (const record of records) {
    const type = RECORD_TYPE_BY_NAME.get(record.type);
    if (type?.matchByName && (await type.read(db, record.id))) knownHere.add(record);
  }
  const ordered = [...records].sort((a, b) => rank(a.type) - rank(b.type) || Number(!knownHere.has(a)) - Number(!knownHere.has(b)));
  const skip = (record: ExchangeRecord, reason: string) => report.skipped.push({ type: record.type, id: record.id, reason });
  const count = (record: ExchangeRecord, outcome: Outcome) => {
    switch (outcome.kind) {
      case 'inserted':
        report.inserted += 1;
        break;
      case 'unchanged':
        report.unchanged += 1;
        break;
      case 'matchedByName':
        ids.set(record.id, outcome.localId);
        report.matchedByName.push({ type: record.type, label: outcome.label });
        report.unchanged += 1;
        break;
      case 'updated':
        report.conflicts.push(outcome.conflict);
        report.updated += 1;
        break;
      case 'keptLocal':
        report.conflicts.push(outcome.conflict);
        break;
    }
  };
  /** Merges one record in its own savepoint; a clash is returned (it may succeed later), other failures skip it. */
  const attempt = async (record: ExchangeRecord, type: RecordType, incoming: Record<string, unknown>): Promise<string | undefined> => {
    try {
      count(record, await allOrNothing(db, () => mergeRecord(db, type, record, incoming, ids, updatedBy)));
      return undefined;
    } catch (error) {
      // A reference the file does not carry (say a wijk deleted here): skip this record, keep the rest.
      const failure = whyRecordNotStored(error);
      if (failure === undefined) throw error;
      if (failure.clash) return failure.reason;
      skip(record, t('exchange.badRecord', { details: failure.reason }));
      return undefined;
    }
  };
  // A record whose name clashes with another here may fit once a later record has renamed that
  // other one ("Zuid" becomes "Noord" after "Noord" becomes "Centrum"). Retrying clashes until no
  // retry succeeds applies such renames the first time, so a second import changes nothing.
  let clashed: Array<{ record: ExchangeRecord; type: RecordType; incoming: Record<string, unknown>; reason: string }> = [];
  let done = 0;
  for (const record of ordered) {
    done += 1;
    if (done % 200 === 0) await onProgress(done);
    const type = RECORD_TYPE_BY_NAME.get(record.type);
    if (!type) {
      skip(record, t('exchange.unknownType', { type: record.type }));
      continue;
    }
    const parsed = type.schema.safeParse(record.data);
    if (!parsed.success) {
      skip(record, t('exchange.badRecord', { details: parsed.error.issues[0]?.message ?? '' }));
      continue;
    }
    const incoming = type.mapIds ? type.mapIds(parsed.data, ids) : parsed.data;
    const reason = await attempt(record, type, incoming);
    if (reason !== undefined) clashed.push({ record, type, incoming, reason });
  }
  while (clashed.length > 0) {
    const stillClashing: typeof clashed = [];
    for (const entry of clashed) {
      const reason = await attempt(entry.record, entry.type, entry.incoming);
      if (reason !== undefined) stillClashing.push({ ...entry, reason });
    }
    if (stillClashing.length === clashed.length) break;
    clashed = stillClashing;
  }
  for (const entry of clashed) skip(entry.record, t('exchange.badRecord', { details: entry.reason }));
  return report;
}

function rank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  return index < 0 ? TYPE_ORDER.length : index;
}
