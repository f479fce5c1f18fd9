import { createWriteStream, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type FindingSearchInput,
  type FindingSource,
  type ImportCheck,
  type ImportDefaults,
  type ImportField,
  type ImportMapping,
  type ImportRowIssue,
  type ImportUpload,
} from '../../../shared/api/meetings';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { csvHeader, csvLines } from '../csv';
import type { Db } from '../db/connection';
import { newId } from '../ids';
import { meetingsAndWijkenForImport } from '../meetings/repository';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE, uploadsDirFor } from '../paths';
import { foldText } from './text';
import { insertNewFindings, searchFindings, type FindingFields } from './repository';
import { completeImportBatch, deferChunkCommitsToDisk, recordImportChunk } from './import-batch-repository';
import { checkXlsxLimits, UPLOAD_LIMITS } from './upload-limits';

/**
 * Parsed uploads wait (by id) between "preview" and "confirm" in the private uploads folder beside
 * the database (uploadsDirFor); the import job reads them and removes them, whatever its outcome.
 */
function uploadPath(databasePath: string, uploadId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new AppError('VALIDATION', t('errors.invalidId'));
  return path.join(uploadsDirFor(databasePath), `${uploadId}.json`);
}

export interface ParsedTable {
  fileName: string;
  columns: string[];
  rows: string[][];
  /** What the reader found wrong in a row itself (a quote never closed), by row number as in `checkRows`. */
  rowProblems?: { row: number; message: string }[];
}

/** A row as read from the file, with what the reader found wrong in it. */
interface ReadRow {
  cells: string[];
  problem?: string;
}

function bad(message: string): AppError {
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

/** The encoding a byte order mark announces (Excel's "Unicode text" is UTF-16 LE with BOM). */
function encodingFromBom(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decodes text as UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused, never garbled. */
function decodeText(bytes: Uint8Array): string {
  try {
    // The decoder removes the BOM itself; `fatal` refuses invalid sequences instead of writing U+FFFD.
    return new TextDecoder(encodingFromBom(bytes) ?? 'utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw bad(t('import.wrongEncoding'));
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control += 1;
  }
  return control > sample.length / 20;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function parseXlsx(bytes: Buffer): Promise<ReadRow[]> {
  if (bytes.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004') throw bad(t('import.notXlsx'));
  checkXlsxLimits(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw bad(t('import.notXlsx'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw bad(t('import.empty'));
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length > MAX_IMPORT_ROWS + 1) return;
    const values: string[] = [];
    for (let column = 1; column <= Math.min(row.cellCount, 100); column += 1) values.push(cellText(row.getCell(column).value).trim());
    rows.push(values);
  });
  return rows.map((cells) => ({ cells }));
}

const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;

/** Papaparse's row-level errors in the user's words; delimiter guessing is not a problem of a row. */
function csvRowProblem(code: Papa.ParseError['code']): string | undefined {
  if (code === 'MissingQuotes') return t('import.unclosedQuote');
  if (code === 'InvalidQuotes') return t('import.strayQuote');
  return undefined;
}

function parseCsv(bytes: Buffer): ReadRow[] {
  // UTF-16 is full of NUL bytes: a BOM says it is text before the binary check could refuse it.
  if (encodingFromBom(bytes) === null && looksBinary(bytes)) throw bad(t('import.binary'));
  const text = decodeText(bytes);
  // The delimiter is guessed from the header line alone: one broken quote further down would
  // otherwise defeat the guess and leave every line as one cell.
  const headerLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const { delimiter } = Papa.parse<string[]>(headerLine, { delimitersToGuess: [...CSV_DELIMITERS] }).meta;
  const rows: ReadRow[] = [];
  let cells = 0;
  let refusal: AppError | undefined;
  // Row by row, so 10 MB of delimiters or line breaks is refused at the limit, not after millions of cells.
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    delimiter,
    step(result, parser) {
      const row: ReadRow = { cells: result.data.map((cell) => (cell ?? '').trim()) };
      for (const error of result.errors) row.problem ??= csvRowProblem(error.code);
      rows.push(row);
      cells += row.cells.length;
      if (cells > UPLOAD_LIMITS.cells) refusal = bad(t('import.tooManyCells', { max: UPLOAD_LIMITS.cells.toLocaleString('nl-NL') }));
      else if (rows.length > UPLOAD_LIMITS.sheetRows) refusal = bad(t('import.tooManyRows', { max: MAX_IMPORT_ROWS }));
      if (refusal) parser.abort();
    },
  });
  if (refusal) throw refusal;
  return rows;
}

/** Reads a CSV or XLSX file into a header and rows of text; hostile files give a Dutch VALIDATION error. */
export async function parseUpload(fileName: string, bytes: Buffer): Promise<ParsedTable> {
  if (bytes.length === 0) throw bad(t('import.empty'));
  if (bytes.length > MAX_IMPORT_BYTES) throw bad(t('import.tooLarge', { max: `${MAX_IMPORT_BYTES / 1024 / 1024} MB` }));
  const extension = path.extname(fileName).toLowerCase();
  let rows: ReadRow[];
  if (extension === '.xlsx') rows = await parseXlsx(bytes);
  else if (extension === '.csv' || extension === '.txt') rows = parseCsv(bytes);
  else throw bad(t('import.wrongType'));
  const nonEmpty = rows.filter((row) => row.cells.some((cell) => cell !== ''));
  if (nonEmpty.length === 0) throw bad(t('import.empty'));
  if (nonEmpty.length === 1) throw bad(t('import.onlyHeader'));
  if (nonEmpty.length - 1 > MAX_IMPORT_ROWS) throw bad(t('import.tooManyRows', { max: MAX_IMPORT_ROWS }));
  const [header, ...data] = nonEmpty;
  const columns = header!.cells.map((name, index) => name || t('import.unnamedColumn', { index: index + 1 }));
  const rowProblems = data.flatMap((row, index) => (row.problem ? [{ row: index + 2, message: row.problem }] : []));
  return { fileName: path.basename(fileName), columns, rows: data.map((row) => row.cells), ...(rowProblems.length > 0 ? { rowProblems } : {}) };
}

const FIELD_SYNONYMS: Record<ImportField, string[]> = {
  text: ['inbreng', 'tekst', 'bevinding', 'opmerking', 'punt', 'text'],
  meeting: ['bijeenkomst', 'meeting', 'avond'],
  theme: ['thema', 'tafel', 'thematafel', 'onderwerp'],
  source: ['bron', 'source'],
  wijk: ['wijk', 'buurt'],
  date: ['datum', 'date'],
  tags: ['labels', 'label', 'tags', 'trefwoorden'],
  personalData: ['persoonsgegevens', 'privacy', 'avg'],
  votes: ['stemmen', 'votes', 'punten'],
};

export function suggestMapping(columns: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const folded = columns.map((column) => foldText(column).trim());
  for (const field of IMPORT_FIELDS) {
    const index = folded.findIndex((column) => FIELD_SYNONYMS[field].some((word) => column === word || column.startsWith(word)));
    if (index >= 0 && !Object.values(mapping).includes(index)) mapping[field] = index;
  }
  return mapping;
}

export function saveUpload(databasePath: string, table: ParsedTable): string {
  const uploadId = newId();
  ensurePrivateDir(uploadsDirFor(databasePath));
  writeFileSync(uploadPath(databasePath, uploadId), JSON.stringify(table), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return uploadId;
}

export function loadUpload(databasePath: string, uploadId: string): ParsedTable {
  try {
    return JSON.parse(readFileSync(uploadPath(databasePath, uploadId), 'utf8')) as ParsedTable;
  } catch {
    throw new AppError('NOT_FOUND', t('import.uploadGone'));
  }
}

export function removeUpload(databasePath: string, uploadId: string): void {
  rmSync(uploadPath(databasePath, uploadId), { force: true });
}

export function describeUpload(uploadId: string, table: ParsedTable): ImportUpload {
  return {
    uploadId,
    fileName: table.fileName,
    columns: table.columns,
    sampleRows: table.rows.slice(0, 10),
    rowCount: table.rows.length,
    suggestedMapping: suggestMapping(table.columns),
  };
}

const SOURCE_WORDS: [string, FindingSource][] = [
  ['plenair', 'plenair'],
  ['thematafel', 'thematafel'],
  ['tafel', 'thematafel'],
  ['babbelbox', 'babbelbox'],
  ['e-mail', 'email'],
  ['email', 'email'],
  ['mail', 'email'],
  ['enquete', 'enquete'],
  ['anders', 'anders'],
];
const YES = new Set(['ja', 'j', 'yes', 'y', '1', 'x', 'waar', 'true']);
const NO = new Set(['', 'nee', 'n', 'no', '0', 'onwaar', 'false']);
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * A date as YYYY-MM-DD, or null when it does not exist. Counted, not through `Date` and
 * `toISOString` (a third of checking 10,000 rows): the same calendar (Gregorian leap years) and the
 * same refusals, including years before 100, which `Date.UTC` would have read as 19xx.
 */
function parseDate(value: string): string | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  let year: number, month: number, day: number;
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (year < 100 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

export interface CheckedRows {
  valid: { row: number; fields: FindingFields }[];
  issues: ImportRowIssue[];
}

/**
 * Maps and validates every row against the database's meetings and wijken (looked up once, by
 * name), so 100,000 rows need no query per row. Row numbers are those of the file (header = 1).
 */
export async function checkRows(db: Db, table: ParsedTable, mapping: ImportMapping, defaults: ImportDefaults): Promise<CheckedRows> {
  if (mapping.text === undefined) {
    return { valid: [], issues: [{ row: 1, field: t('import.field_text'), message: t('import.textNotMapped') }] };
  }
  // A meeting in the trash takes no new findings: they would be hidden with it.
  const { meetings, meetingWijken, wijken } = await meetingsAndWijkenForImport(db);
  const meetingsByTitle = new Map<string, typeof meetings>();
  for (const meeting of meetings) {
    const key = foldText(meeting.title).trim();
    meetingsByTitle.set(key, [...(meetingsByTitle.get(key) ?? []), meeting]);
  }
  const meetingById = new Map(meetings.map((meeting) => [meeting.id, meeting]));
  const wijkenOfMeeting = new Map<string, string[]>();
  for (const link of meetingWijken) wijkenOfMeeting.set(link.meeting_id, [...(wijkenOfMeeting.get(link.meeting_id) ?? []), link.wijk_id]);
  const wijkByName = new Map(wijken.map((wijk) => [wijk.name_key, wijk.id]));
  const defaultMeeting = defaults.meetingId ? meetingById.get(defaults.meetingId) : undefined;
  if (defaults.meetingId && !defaultMeeting) {
    return { valid: [], issues: [{ row: 1, field: t('import.field_meeting'), message: t('findings.unknownMeeting') }] };
  }

  const valid: CheckedRows['valid'] = [];
  const issues: ImportRowIssue[] = [];
  const readProblems = new Map((table.rowProblems ?? []).map((problem) => [problem.row, problem.message]));
  table.rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (field: ImportField) => {
      const column = mapping[field];
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    const problem = (field: ImportField, message: string) => issues.push({ row, field: t(`import.field_${field}`), message });
    const before = issues.length;
    // A row the reader could not split properly is not imported: its cells are not what the user wrote.
    const readProblem = readProblems.get(row);
    if (readProblem) issues.push({ row, field: t('import.field_line'), message: readProblem });

    const text = cell('text');
    if (!text) problem('text', t('errors.textRequired'));
    else if (text.length > 20_000) problem('text', t('errors.textTooLong', { max: 20_000 }));
    else if (CONTROL_CHARACTERS.test(text)) problem('text', t('errors.controlCharacters'));

    let meeting = defaultMeeting;
    const meetingTitle = cell('meeting');
    if (meetingTitle) {
      const found = meetingsByTitle.get(foldText(meetingTitle).trim()) ?? [];
      if (found.length === 0) problem('meeting', t('import.unknownMeeting', { value: meetingTitle }));
      else if (found.length > 1) problem('meeting', t('import.ambiguousMeeting', { value: meetingTitle }));
      else meeting = found[0];
    }

    let source: FindingSource = defaults.source;
    const sourceText = foldText(cell('source')).trim();
    if (sourceText) {
      const found = SOURCE_WORDS.find(([word]) => sourceText === word || sourceText.startsWith(word));
      if (found) source = found[1];
      else problem('source', t('import.unknownSource', { value: cell('source') }));
    }

    let wijkId: string | null = null;
    const wijkName = cell('wijk');
    if (wijkName) {
      const found = wijkByName.get(wijkName.toLocaleLowerCase('nl-NL'));
      if (found) wijkId = found;
      else problem('wijk', t('import.unknownWijk', { value: wijkName }));
    } else if (meeting) {
      const linked = wijkenOfMeeting.get(meeting.id) ?? [];
      if (linked.length === 1) wijkId = linked[0]!;
    }

    let date = meeting?.meeting_date ?? defaults.date;
    const dateText = cell('date');
    if (dateText) {
      const parsed = parseDate(dateText);
      if (parsed) date = parsed;
      else problem('date', t('import.badDate', { value: dateText }));
    }

    const theme = cell('theme');
    if (theme.length > 200) problem('theme', t('errors.textTooLong', { max: 200 }));
    const tags = cell('tags')
      .split(/[,;]/)
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (tags.length > 20 || tags.some((tag) => tag.length > 50)) problem('tags', t('import.badTags'));

    const personalText = foldText(cell('personalData')).trim();
    let containsPersonalData = false;
    if (YES.has(personalText)) containsPersonalData = true;
    else if (!NO.has(personalText)) problem('personalData', t('import.badYesNo', { value: cell('personalData') }));

    let votes = 0;
    const votesText = cell('votes');
    if (votesText) {
      if (/^\d{1,6}$/.test(votesText)) votes = Number(votesText);
      else problem('votes', t('import.badNumber', { value: votesText }));
    }

    if (issues.length === before) {
      valid.push({
        row,
        fields: { text, meetingId: meeting?.id ?? null, themeTableId: null, theme, source, wijkId, date, tags, containsPersonalData, priority: 0, votes },
      });
    }
  });
  return { valid, issues };
}

export function summariseCheck(checked: CheckedRows, total: number): ImportCheck {
  return {
    rowCount: total,
    validCount: checked.valid.length,
    invalidRowCount: new Set(checked.issues.map((issue) => issue.row)).size,
    issues: checked.issues.slice(0, 500),
    issueCount: checked.issues.length,
    preview: checked.valid.slice(0, 10).map(({ row, fields }) => ({ row, text: fields.text, theme: fields.theme, source: fields.source, date: fields.date })),
  };
}

/** Lets the worker's event loop see a cancel message between pages. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How long one chunk of an import may hold the write lock, and how long it then lets go. Another
 * connection waiting for the lock retries (SQLite's busy handler) after 1, 3, 8, 18, 33, 53 ms…:
 * with chunks of at most 50 ms and gaps of 20 ms it always finds a gap, so a save made during an
 * import waits at most about 70 ms.
 */
export const IMPORT_CHUNK_MS = 50;
export const IMPORT_PAUSE_MS = 20;
/** Findings per insert statement: 15 parameters each, far below both stores' limits. */
const IMPORT_ROWS_PER_STATEMENT = 25;

export function pauseBetweenChunks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, IMPORT_PAUSE_MS));
}

/**
 * Writes the valid rows in short transactions, each journalled under `batchId` (see import-batch.ts);
 * the batch is completed only after the last row. On cancel or error the caller discards the batch.
 */
export async function importRows(
  db: Db,
  rows: CheckedRows['valid'],
  userName: string,
  batchId: string,
  progress: (done: number) => void,
  checkCancelled: () => void,
): Promise<number> {
  let next = 0;
  // Back to waiting for the disk before the batch completes, and before the caller discards it.
  const restoreCommitWait = await deferChunkCommitsToDisk(db);
  try {
    for (let chunk = 0; next < rows.length; chunk += 1) {
      checkCancelled();
      await db.transaction().execute(async (trx) => {
        const started = performance.now();
        const ids: string[] = [];
        do {
          // A few rows per statement (see insertNewFindings); the chunk still ends on time.
          const group = rows.slice(next, next + IMPORT_ROWS_PER_STATEMENT).map((row) => ({ id: newId(), fields: row.fields }));
          await insertNewFindings(trx, group, userName);
          ids.push(...group.map((row) => row.id));
          next += group.length;
        } while (next < rows.length && performance.now() - started < IMPORT_CHUNK_MS);
        await recordImportChunk(trx, batchId, chunk, ids);
      });
      progress(next);
      await pauseBetweenChunks();
    }
  } finally {
    await restoreCommitWait();
  }
  checkCancelled();
  await completeImportBatch(db, batchId);
  return rows.length;
}

// --- Export ---

const EXPORT_COLUMNS = ['text', 'meeting', 'theme', 'source', 'wijk', 'date', 'tags', 'personalData', 'votes', 'priority', 'createdBy'] as const;

export async function exportFindings(
  db: Db,
  request: Omit<FindingSearchInput, 'offset' | 'limit'>,
  format: 'csv' | 'xlsx',
  dir: string,
  progress: (done: number, total: number) => void,
  checkCancelled: () => void,
): Promise<{ path: string; count: number }> {
  ensurePrivateDir(dir);
  const finalPath = path.join(dir, `inbreng-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`);
  const partialPath = `${finalPath}.deel`;
  // Created private first: the CSV stream and the workbook writer then write into a 0600 file.
  writeFileSync(partialPath, '', { mode: PRIVATE_FILE_MODE });
  makeFilePrivate(partialPath);
  const header = EXPORT_COLUMNS.map((column) => t(`import.field_${column}` as never));
  const { sourceLabels, priorityLabels } = {
    sourceLabels: (source: FindingSource) => t(`findings.source_${source}` as never),
    priorityLabels: (priority: number) => t(`findings.priority_${priority}` as never),
  };
  let count = 0;
  try {
    const csv = format === 'csv' ? createWriteStream(partialPath, { encoding: 'utf8' }) : null;
    const workbook = format === 'xlsx' ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partialPath, useStyles: true }) : null;
    const sheet = workbook?.addWorksheet(t('findings.title'));
    csv?.write(csvHeader(header));
    if (sheet) {
      sheet.columns = header.map((name, index) => ({ header: name, key: String(index), width: index === 0 ? 80 : 18 }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    }
    let total = 0;
    for (let offset = 0; ; offset += 500) {
      const page = await searchFindings(db, { ...request, offset, limit: 500 });
      if (offset === 0) total = page.total;
      if (page.rows.length === 0) break;
      const lines = page.rows.map((finding) => [
        finding.text,
        finding.meetingTitle ?? '',
        finding.theme,
        sourceLabels(finding.source),
        finding.wijkName ?? '',
        finding.date,
        finding.tags.join(', '),
        finding.containsPersonalData ? 'ja' : 'nee',
        String(finding.votes),
        priorityLabels(finding.priority),
        finding.createdBy,
      ]);
      if (csv) {
        if (!csv.write(csvLines(lines))) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
      }
      if (sheet) for (const line of lines) sheet.addRow(line).commit();
      count += lines.length;
      progress(count, total);
      await yieldToEventLoop();
      checkCancelled();
      if (page.rows.length < 500) break;
    }
    if (csv) await new Promise<void>((resolve, reject) => csv.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (workbook && sheet) {
      sheet.commit();
      await workbook.commit();
    }
    renameSync(partialPath, finalPath);
  } finally {
    rmSync(partialPath, { force: true });
  }
  return { path: finalPath, count };
}
