import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { base64Upload, boundedText, calendarDate, clientRecordId, fileName, id, LIMITS, noInput, optionalText, requiredText } from './fields';

/**
 * Bijeenkomsten en inbreng: programmes, meetings with their theme tables, findings (with full-text
 * search) and signals (groups of findings that say the same thing).
 */

export const MEETING_FORMATS = ['wijkbijeenkomst', 'expertmeeting', 'inloopuur', 'thematafels', 'anders'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const FINDING_SOURCES = ['plenair', 'thematafel', 'babbelbox', 'email', 'enquete', 'anders'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];
/** 0 = no mark, 1 = laag, 2 = middel, 3 = hoog. */
export const PRIORITIES = [0, 1, 2, 3] as const;

export const MAX_TAGS = 20;
export const MAX_IDS = 1000;
export const MAX_PAGE_SIZE = 500;

// --- DTOs ---

export interface Programme {
  id: string;
  name: string;
  description: string;
  meetingCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ThemeTable {
  id: string;
  meetingId: string;
  position: number;
  theme: string;
  facilitator: string;
  updatedAt: string;
}

export interface WijkRef {
  id: string;
  name: string;
}

export interface Meeting {
  id: string;
  title: string;
  programmeId: string | null;
  programmeName: string | null;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  format: MeetingFormat;
  attendeeCount: number | null;
  organiser: string;
  notes: string;
  /** The notes hold personal data: left out of reports for others, emptied by a retention purge. */
  notesContainPersonalData: boolean;
  wijken: WijkRef[];
  findingCount: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface MeetingDetail extends Meeting {
  tables: ThemeTable[];
}

export interface Finding {
  id: string;
  text: string;
  meetingId: string | null;
  meetingTitle: string | null;
  themeTableId: string | null;
  theme: string;
  source: FindingSource;
  wijkId: string | null;
  wijkName: string | null;
  date: string;
  tags: string[];
  containsPersonalData: boolean;
  priority: number;
  votes: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A piece of text with the parts that matched the search marked. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

export interface FindingHit extends Finding {
  /** The text split into plain and matched segments; one plain segment when nothing was searched. */
  highlighted: TextSegment[];
  /** The signals the finding belongs to (by title); only when the search asked for them (`withSignals`). */
  signals?: { id: string; title: string }[];
}

export interface FindingPage {
  rows: FindingHit[];
  /** All rows matching the search and filters. */
  total: number;
  offset: number;
  limit: number;
}

export interface Signal {
  id: string;
  title: string;
  description: string;
  priority: number;
  votes: number;
  findingCount: number;
  meetingCount: number;
  wijkCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SignalList {
  rows: Signal[];
  /** All signals matching the search and filters. */
  total: number;
  /** All meetings, for "genoemd op X van Y bijeenkomsten". */
  totalMeetings: number;
}

/** One page of the meetings list: the rows and how many match the search and filters. */
export interface MeetingPage {
  rows: Meeting[];
  total: number;
  offset: number;
  limit: number;
}

export interface SignalDetail extends Signal {
  findings: Finding[];
}

export interface DuplicateSuggestion {
  finding: Finding;
  /** The normalised terms both texts share. */
  sharedTerms: string[];
  /** Signals the suggested finding already belongs to. */
  signals: { id: string; title: string }[];
}

// --- Import and export ---

export const IMPORT_FIELDS = ['text', 'meeting', 'theme', 'source', 'wijk', 'date', 'tags', 'personalData', 'votes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Which column (0-based) feeds which field; unmapped fields are left out. */
export type ImportMapping = Partial<Record<ImportField, number>>;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

export interface ImportUpload {
  uploadId: string;
  fileName: string;
  columns: string[];
  sampleRows: string[][];
  rowCount: number;
  suggestedMapping: ImportMapping;
}

export interface ImportRowIssue {
  /** Row number in the file, the header being row 1. */
  row: number;
  field: string;
  message: string;
}

export interface ImportCheck {
  rowCount: number;
  validCount: number;
  invalidRowCount: number;
  /** The first 500 issues. */
  issues: ImportRowIssue[];
  issueCount: number;
  preview: { row: number; text: string; theme: string; source: FindingSource; date: string }[];
}

// --- Input fields ---

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^$/, { error: () => t('meetings.invalidTime') })
  .default('');
const nullableId = id.nullable();
const tag = requiredText(LIMITS.short);
const tags = z.array(tag).max(MAX_TAGS, { error: () => t('findings.tooManyTags', { max: MAX_TAGS }) });
const idList = z.array(id).min(1, { error: () => t('findings.noneSelected') }).max(MAX_IDS, { error: () => t('findings.tooMany', { max: MAX_IDS }) });
const priority = z.number().int().min(0).max(3);
const votes = z.number().int().min(0).max(1_000_000);
const attendeeCount = z.number().int().min(0, { error: () => t('meetings.invalidAttendees') }).max(1_000_000).nullable();

const programmeFields = {
  name: requiredText(LIMITS.name),
  description: optionalText(LIMITS.text),
};

export const programmeInput = z.object(programmeFields).strict();

const meetingFields = {
  title: requiredText(LIMITS.name),
  programmeId: nullableId.default(null),
  date: calendarDate,
  startTime: timeOfDay,
  endTime: timeOfDay,
  location: optionalText(LIMITS.line),
  format: z.enum(MEETING_FORMATS).default('wijkbijeenkomst'),
  attendeeCount: attendeeCount.default(null),
  organiser: optionalText(LIMITS.name),
  notes: optionalText(LIMITS.text),
  notesContainPersonalData: z.boolean().default(false),
  wijkIds: z.array(id).max(100).default([]),
};

export const meetingInput = z
  .object({
    ...meetingFields,
    tables: z
      .array(z.object({ theme: requiredText(LIMITS.name), facilitator: optionalText(LIMITS.name) }).strict())
      .max(50)
      .default([]),
  })
  .strict();

const meetingUpdate = z
  .object({
    id,
    title: meetingFields.title.optional(),
    programmeId: nullableId.optional(),
    date: calendarDate.optional(),
    startTime: timeOfDay.optional(),
    endTime: timeOfDay.optional(),
    location: boundedText(LIMITS.line).optional(),
    format: z.enum(MEETING_FORMATS).optional(),
    attendeeCount: attendeeCount.optional(),
    organiser: boundedText(LIMITS.name).optional(),
    notes: boundedText(LIMITS.text).optional(),
    notesContainPersonalData: z.boolean().optional(),
    wijkIds: z.array(id).max(100).optional(),
  })
  .strict();

export const findingInput = z
  .object({
    text: requiredText(LIMITS.text),
    meetingId: nullableId.default(null),
    themeTableId: nullableId.default(null),
    /** Free theme; when a table is given, the table's theme is used. */
    theme: optionalText(LIMITS.name),
    source: z.enum(FINDING_SOURCES).default('plenair'),
    /** Left out: the meeting's wijk if it has exactly one. */
    wijkId: nullableId.optional(),
    /** Left out: the meeting's date, or today. */
    date: calendarDate.optional(),
    tags: tags.default([]),
    containsPersonalData: z.boolean().default(false),
    priority: priority.default(0),
    votes: votes.default(0),
  })
  .strict();

const findingUpdate = z
  .object({
    id,
    text: requiredText(LIMITS.text).optional(),
    meetingId: nullableId.optional(),
    themeTableId: nullableId.optional(),
    theme: boundedText(LIMITS.name).optional(),
    source: z.enum(FINDING_SOURCES).optional(),
    wijkId: nullableId.optional(),
    date: calendarDate.optional(),
    tags: tags.optional(),
    containsPersonalData: z.boolean().optional(),
    priority: priority.optional(),
    votes: votes.optional(),
  })
  .strict();

export const FINDING_SORTS = ['relevance', 'date', 'meeting', 'theme', 'source', 'wijk', 'votes', 'priority', 'text'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export const findingFilters = z
  .object({
    meetingId: id.optional(),
    programmeId: id.optional(),
    wijkId: id.optional(),
    theme: boundedText(LIMITS.name).optional(),
    source: z.enum(FINDING_SOURCES).optional(),
    fromDate: calendarDate.optional(),
    toDate: calendarDate.optional(),
    tag: boundedText(LIMITS.short).optional(),
    containsPersonalData: z.boolean().optional(),
  })
  .strict();
export type FindingFilters = z.output<typeof findingFilters>;

export const findingSearchInput = z
  .object({
    query: boundedText(LIMITS.line).default(''),
    filters: findingFilters.default({}),
    sort: z.enum(FINDING_SORTS).default('relevance'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();
export type FindingSearchInput = z.output<typeof findingSearchInput>;

/** `findings.search`: a search, and whether each row also gets the signals it belongs to (the overview's signal column; one lookup per page). */
export const findingSearchMethodInput = findingSearchInput.extend({ withSignals: z.boolean().default(false) }).strict();

export const MEETING_SORTS = ['dateDesc', 'dateAsc', 'title'] as const;
export type MeetingSort = (typeof MEETING_SORTS)[number];

export const meetingSearchInput = z
  .object({
    /** Words in the title, location, organiser or programme name (case and accents ignored). */
    query: boundedText(LIMITS.line).default(''),
    programmeId: id.optional(),
    wijkId: id.optional(),
    format: z.enum(MEETING_FORMATS).optional(),
    fromDate: calendarDate.optional(),
    toDate: calendarDate.optional(),
    sort: z.enum(MEETING_SORTS).default('dateDesc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();
export type MeetingSearchInput = z.output<typeof meetingSearchInput>;

const importMapping = z
  .object(Object.fromEntries(IMPORT_FIELDS.map((field) => [field, z.number().int().min(0).max(99).optional()])) as Record<ImportField, z.ZodOptional<z.ZodNumber>>)
  .strict();

export const importDefaults = z
  .object({
    meetingId: id.nullable().default(null),
    source: z.enum(FINDING_SOURCES).default('plenair'),
    /** Used when neither the row nor its meeting gives a date. */
    date: calendarDate,
  })
  .strict();
export type ImportDefaults = z.output<typeof importDefaults>;

export const importCheckInput = z.object({ uploadId: id, mapping: importMapping, defaults: importDefaults }).strict();

export const findingsExportParams = z
  .object({
    query: findingSearchInput.shape.query,
    filters: findingFilters.default({}),
    sort: findingSearchInput.shape.sort,
    direction: findingSearchInput.shape.direction,
    format: z.enum(['csv', 'xlsx']),
    /** An export goes to others: findings flagged as personal data stay out unless asked for. */
    includePersonalData: z.boolean().default(false),
  })
  .strict();

export const meetingReportParams = z.object({ meetingId: id, includePersonalData: z.boolean().default(false) }).strict();

/** A CSV or XLSX table to read in the upload worker: the findings import and the planning import. */
export const tableUploadInput = z
  .object({
    fileName,
    dataBase64: base64Upload(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, () => t('import.tooLarge', { max: '10 MB' })),
  })
  .strict();

export const meetingsContract = {
  'programmes.list': method<Programme[]>()(noInput),
  'programmes.create': method<Programme>()(programmeInput),
  'programmes.update': method<Programme>()(
    z.object({ id, name: programmeFields.name.optional(), description: boundedText(LIMITS.text).optional() }).strict(),
  ),
  'programmes.delete': method<{ id: string }>()(z.object({ id }).strict()),

  'meetings.list': method<Meeting[]>()(
    z.object({ programmeId: id.optional(), fromDate: calendarDate.optional(), toDate: calendarDate.optional() }).strict(),
  ),
  /** The meetings list at any size: searched (title, location, organiser, programme), filtered, paged, with the total. */
  'meetings.search': method<MeetingPage>()(meetingSearchInput),
  'meetings.get': method<MeetingDetail>()(z.object({ id }).strict()),
  'meetings.create': method<MeetingDetail>()(meetingInput),
  'meetings.update': method<MeetingDetail>()(meetingUpdate),
  'meetings.delete': method<{ id: string }>()(z.object({ id }).strict()),

  'themeTables.create': method<ThemeTable>()(
    z.object({ meetingId: id, theme: requiredText(LIMITS.name), facilitator: optionalText(LIMITS.name) }).strict(),
  ),
  'themeTables.update': method<ThemeTable>()(
    z.object({ id, theme: requiredText(LIMITS.name).optional(), facilitator: boundedText(LIMITS.name).optional() }).strict(),
  ),
  'themeTables.delete': method<{ id: string }>()(z.object({ id }).strict()),

  /**
   * With `id` (chosen by the client, e.g. live capture's offline outbox) the create is idempotent: when a
   * finding with that id exists, nothing is written and that finding is returned as it stands now.
   */
  'findings.create': method<Finding>()(findingInput.extend({ id: clientRecordId.optional() })),
  'findings.get': method<Finding>()(z.object({ id }).strict()),
  'findings.update': method<Finding>()(findingUpdate),
  'findings.delete': method<{ id: string }>()(z.object({ id }).strict()),
  'findings.listForMeeting': method<Finding[]>()(z.object({ meetingId: id }).strict()),
  'findings.search': method<FindingPage>()(findingSearchMethodInput),
  'findings.vote': method<Finding>()(z.object({ id, delta: z.union([z.literal(1), z.literal(-1)]) }).strict()),
  'findings.themes': method<string[]>()(noInput),
  'findings.tags': method<string[]>()(noInput),
  /** Reads an uploaded CSV/XLSX (base64) and keeps it for checking; writes nothing to the database. */
  'findings.importParse': method<ImportUpload>()(tableUploadInput),
  /** Maps and validates every row: the per-row report; writes nothing. */
  'findings.importCheck': method<ImportCheck>()(importCheckInput),

  'signals.list': method<SignalList>()(
    z
      .object({
        sort: z.enum(['meetings', 'votes', 'priority', 'title', 'updated']).default('meetings'),
        /** Words in the title or description (case and accents ignored). */
        query: boundedText(LIMITS.line).default(''),
        /** Only signals with a finding from this wijk. */
        wijkId: id.optional(),
        /** Only signals with this priority mark. */
        priority: priority.optional(),
        /** Only signals mentioned at this many meetings or more. */
        minMeetings: z.number().int().min(0).max(1_000_000).optional(),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
      })
      .strict(),
  ),
  'signals.get': method<SignalDetail>()(z.object({ id }).strict()),
  'signals.create': method<SignalDetail>()(
    z.object({ title: requiredText(LIMITS.name), description: optionalText(LIMITS.text), findingIds: idList }).strict(),
  ),
  'signals.update': method<Signal>()(
    z
      .object({
        id,
        title: requiredText(LIMITS.name).optional(),
        description: boundedText(LIMITS.text).optional(),
        priority: priority.optional(),
        votes: votes.optional(),
      })
      .strict(),
  ),
  'signals.addFindings': method<SignalDetail>()(z.object({ signalId: id, findingIds: idList }).strict()),
  'signals.removeFindings': method<SignalDetail>()(z.object({ signalId: id, findingIds: idList }).strict()),
  'signals.vote': method<Signal>()(z.object({ id, delta: z.union([z.literal(1), z.literal(-1)]) }).strict()),
  'signals.delete': method<{ id: string }>()(z.object({ id }).strict()),
  'signals.suggestDuplicates': method<DuplicateSuggestion[]>()(
    z.object({ findingId: id, limit: z.number().int().min(1).max(50).default(10) }).strict(),
  ),
};
