import { z } from 'zod';
import { FINDING_SOURCES, MEETING_FORMATS } from '../../../shared/api/meetings';
import type { ExchangeConflict, ExchangeRecord, ExchangeReport } from '../../../shared/api/exchange';
import { t } from '../../../shared/i18n';
import type { Db } from '../db/connection';
import { setFindingTags, tagKey } from '../findings/repository';
import { nameKey } from '../meetings/repository';
import { audited, auditedCreate } from '../reliability/audit-trail';
import { FOLLOWUP_RECORD_TYPES, FOLLOWUP_TYPE_ORDER, type AuditedRecord } from '../responses/exchange';

/**
 * Record types of the exchange file: how each is read from the database and merged into it.
 * A feature adds its type here; the file format itself does not change.
 */
const text = (max: number) => z.string().max(max);
const nullableUuid = z.string().uuid().nullable();
/** In the trash since (UTC ISO) or null; absent in files from before migration 0011 (= not in the trash). */
const deletedAt = z.string().max(40).nullable().optional();

const wijkData = z.object({ name: text(200).min(1), code: text(50), description: text(20_000) }).strict();
const programmeData = z.object({ name: text(200).min(1), description: text(20_000) }).strict();
const meetingData = z
  .object({
    title: text(200).min(1),
    programmeId: nullableUuid,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    startTime: text(5),
    endTime: text(5),
    location: text(500),
    format: z.enum(MEETING_FORMATS),
    attendeeCount: z.number().int().min(0).nullable(),
    organiser: text(200),
    notes: text(20_000),
    // Files made before the flag existed have none: their notes were not marked.
    notesContainPersonalData: z.boolean().default(false),
    wijkIds: z.array(z.string().uuid()).max(100),
    createdAt: z.string(),
    createdBy: text(200),
    deletedAt,
  })
  .strict();
const themeTableData = z.object({ meetingId: z.string().uuid(), position: z.number().int(), theme: text(200).min(1), facilitator: text(200) }).strict();
const findingData = z
  .object({
    text: text(20_000).min(1),
    meetingId: nullableUuid,
    themeTableId: nullableUuid,
    theme: text(200),
    source: z.enum(FINDING_SOURCES),
    wijkId: nullableUuid,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    tags: z.array(text(50)).max(20),
    containsPersonalData: z.boolean(),
    priority: z.number().int().min(0).max(3),
    votes: z.number().int().min(0),
    createdAt: z.string(),
    createdBy: text(200),
    deletedAt,
  })
  .strict();

interface LocalRecord {
  updatedAt: string;
  data: Record<string, unknown>;
}

/** Ids in a file that stand for a record of another id here (a wijk both sides created by name). */
type IdMap = Map<string, string>;

interface RecordType {
  schema: z.ZodType<Record<string, unknown>>;
  label(data: Record<string, unknown>): string;
  read(db: Db, id: string): Promise<LocalRecord | undefined>;
  /** Another local record that is the same thing by name; only types with unique names have one. */
  matchByName?(db: Db, data: Record<string, unknown>): Promise<string | undefined>;
  /** Rewrites references in the data through the id map. */
  mapIds?(data: Record<string, unknown>, ids: IdMap): Record<string, unknown>;
  write(db: Db, id: string, updatedAt: string, updatedBy: string, data: Record<string, unknown>, exists: boolean): Promise<void>;
  /** Set for records in the audit trail (a response, position, commitment or log entry). */
  audit?: AuditedRecord;
}

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

export const RECORD_TYPES: Record<string, RecordType> = {
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
      if (exists) await db.updateTable('wijken').set(values).where('id', '=', id).execute();
      else await db.insertInto('wijken').values({ id, ...values, created_at: updatedAt, created_by: updatedBy }).execute();
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
      if (exists) await db.updateTable('programmes').set(values).where('id', '=', id).execute();
      else await db.insertInto('programmes').values({ id, ...values, created_at: updatedAt, created_by: updatedBy }).execute();
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
      if (exists) await db.updateTable('meetings').set(values).where('id', '=', id).execute();
      else await db.insertInto('meetings').values({ id, ...values, created_at: String(data.createdAt), created_by: String(data.createdBy) }).execute();
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
      if (exists) await db.updateTable('theme_tables').set(values).where('id', '=', id).execute();
      else await db.insertInto('theme_tables').values({ id, ...values, created_at: updatedAt, created_by: updatedBy }).execute();
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
      if (exists) await db.updateTable('findings').set(values).where('id', '=', id).execute();
      else await db.insertInto('findings').values({ id, ...values, created_at: String(data.createdAt), created_by: String(data.createdBy) }).execute();
      await setFindingTags(db, id, data.tags as string[]);
    },
  },
  ...FOLLOWUP_RECORD_TYPES,
};

/** Dependencies first, so references exist when a record arrives. */
export const TYPE_ORDER = ['wijk', 'programme', 'meeting', 'themeTable', 'finding', ...FOLLOWUP_TYPE_ORDER];

/** A meeting with everything it needs: its programme, wijken, tables and findings. */
export async function collectMeetingRecords(db: Db, meetingId: string): Promise<ExchangeRecord[]> {
  const records: ExchangeRecord[] = [];
  const add = async (type: string, id: string) => {
    const local = await RECORD_TYPES[type]!.read(db, id);
    if (local) records.push({ type, id, updatedAt: local.updatedAt, data: local.data });
  };
  const meeting = await RECORD_TYPES.meeting!.read(db, meetingId);
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

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.every((key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null));
}

/**
 * Merges records into the database (call inside one transaction). A record is inserted when new,
 * left alone when equal, and otherwise the newer `updatedAt` wins; the losing version goes into
 * the report, so nothing is overwritten silently. Importing the same file twice changes nothing.
 */
export async function mergeRecords(db: Db, records: ExchangeRecord[], updatedBy: string, onProgress: (done: number) => Promise<void>): Promise<ExchangeReport> {
  const report: ExchangeReport = { inserted: 0, updated: 0, unchanged: 0, matchedByName: [], conflicts: [], skipped: [] };
  const ids: IdMap = new Map();
  const ordered = [...records].sort((a, b) => rank(a.type) - rank(b.type));
  let done = 0;
  for (const record of ordered) {
    done += 1;
    if (done % 200 === 0) await onProgress(done);
    const type = RECORD_TYPES[record.type];
    if (!type) {
      report.skipped.push({ type: record.type, id: record.id, reason: t('exchange.unknownType', { type: record.type }) });
      continue;
    }
    const parsed = type.schema.safeParse(record.data);
    if (!parsed.success) {
      report.skipped.push({ type: record.type, id: record.id, reason: t('exchange.badRecord', { details: parsed.error.issues[0]?.message ?? '' }) });
      continue;
    }
    const incoming = type.mapIds ? type.mapIds(parsed.data, ids) : parsed.data;
    let targetId = record.id;
    let local = await type.read(db, targetId);
    if (!local && type.matchByName) {
      const sameName = await type.matchByName(db, incoming);
      if (sameName) {
        ids.set(record.id, sameName);
        targetId = sameName;
        local = await type.read(db, sameName);
        report.matchedByName.push({ type: record.type, label: type.label(incoming) });
        // Two machines that each created "Noord" mean the same wijk: link, do not overwrite.
        report.unchanged += 1;
        continue;
      }
    }
    try {
      if (!local) {
        await writeRecord(db, type, targetId, updatedBy, false, () => type.write(db, targetId, record.updatedAt, updatedBy, incoming, false));
        report.inserted += 1;
        continue;
      }
      const localData = type.mapIds ? type.mapIds(local.data, ids) : local.data;
      if (sameData(localData, incoming)) {
        report.unchanged += 1;
        continue;
      }
      const fileIsNewer = record.updatedAt > local.updatedAt;
      const conflict: ExchangeConflict = {
        type: record.type,
        id: targetId,
        label: type.label(fileIsNewer ? incoming : local.data),
        kept: fileIsNewer ? 'file' : 'local',
        keptUpdatedAt: fileIsNewer ? record.updatedAt : local.updatedAt,
        otherUpdatedAt: fileIsNewer ? local.updatedAt : record.updatedAt,
        otherVersion: fileIsNewer ? local.data : incoming,
      };
      report.conflicts.push(conflict);
      if (fileIsNewer) {
        await writeRecord(db, type, targetId, updatedBy, true, () => type.write(db, targetId, record.updatedAt, updatedBy, incoming, true));
        report.updated += 1;
      }
    } catch (error) {
      // A reference the file does not carry (say a wijk deleted here): skip this record, keep the rest.
      report.skipped.push({ type: record.type, id: record.id, reason: t('exchange.badRecord', { details: error instanceof Error ? error.message : String(error) }) });
    }
  }
  return report;
}

function rank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  return index < 0 ? TYPE_ORDER.length : index;
}
