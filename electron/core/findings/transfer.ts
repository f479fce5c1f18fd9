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
import type { Db } from '../db/connection';
import { newId } from '../ids';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE, uploadsDirFor } from '../paths';
import { foldText } from './text';
import { insertFinding, searchFindings, type FindingFields } from './repository';

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
}

function bad(message: string): AppError {
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

/** Decodes text as UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused, never garbled. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
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

async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  if (bytes.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004') throw bad(t('import.notXlsx'));
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
  return rows;
}

function parseCsv(bytes: Buffer): string[][] {
  if (looksBinary(bytes)) throw bad(t('import.binary'));
  const text = decodeText(bytes);
  const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t', '|'] });
  return result.data.map((row) => row.map((cell) => (cell ?? '').trim()));
}

/** Reads a CSV or XLSX file into a header and rows of text; hostile files give a Dutch VALIDATION error. */
export async function parseUpload(fileName: string, bytes: Buffer): Promise<ParsedTable> {
  if (bytes.length === 0) throw bad(t('import.empty'));
  if (bytes.length > MAX_IMPORT_BYTES) throw bad(t('import.tooLarge', { max: `${MAX_IMPORT_BYTES / 1024 / 1024} MB` }));
  const extension = path.extname(fileName).toLowerCase();
  let rows: string[][];
  if (extension === '.xlsx') rows = await parseXlsx(bytes);
  else if (extension === '.csv' || extension === '.txt') rows = parseCsv(bytes);
  else throw bad(t('import.wrongType'));
  const nonEmpty = rows.filter((row) => row.some((cell) => cell !== ''));
  if (nonEmpty.length === 0) throw bad(t('import.empty'));
  if (nonEmpty.length === 1) throw bad(t('import.onlyHeader'));
  if (nonEmpty.length - 1 > MAX_IMPORT_ROWS) throw bad(t('import.tooManyRows', { max: MAX_IMPORT_ROWS }));
  const [header, ...data] = nonEmpty;
  const columns = header!.map((name, index) => name || t('import.unnamedColumn', { index: index + 1 }));
  return { fileName: path.basename(fileName), columns, rows: data };
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

function parseDate(value: string): string | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  let year: number, month: number, day: number;
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
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
  const meetings = await db.selectFrom('meetings').select(['id', 'title', 'meeting_date']).where('deleted_at', 'is', null).execute();
  const meetingWijken = await db.selectFrom('meeting_wijken').select(['meeting_id', 'wijk_id']).execute();
  const wijken = await db.selectFrom('wijken').select(['id', 'name_key']).execute();
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
  table.rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (field: ImportField) => {
      const column = mapping[field];
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    const problem = (field: ImportField, message: string) => issues.push({ row, field: t(`import.field_${field}`), message });
    const before = issues.length;

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

/** Lets the worker's event loop see a cancel message between batches. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Writes the valid rows in one transaction; a cancel or error rolls everything back. */
export async function importRows(
  db: Db,
  rows: CheckedRows['valid'],
  userName: string,
  progress: (done: number) => void,
  checkCancelled: () => void,
): Promise<number> {
  await db.transaction().execute(async (trx) => {
    for (let index = 0; index < rows.length; index += 1) {
      await insertFinding(trx, rows[index]!.fields, userName);
      if (index % 500 === 499) {
        progress(index + 1);
        await yieldToEventLoop();
        checkCancelled();
      }
    }
    checkCancelled();
  });
  progress(rows.length);
  return rows.length;
}

// --- Export ---

const EXPORT_COLUMNS = ['text', 'meeting', 'theme', 'source', 'wijk', 'date', 'tags', 'personalData', 'votes', 'priority', 'createdBy'] as const;

/** Spreadsheet programs run cells starting with = + - @ as formulas; a leading quote keeps them text. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

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
    // A BOM and semicolons: what Excel in a Dutch locale opens correctly by double-click.
    csv?.write(`\uFEFF${Papa.unparse([header], { delimiter: ';' })}\r\n`);
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
        const chunk = Papa.unparse(lines.map((line) => line.map(safeCell)), { delimiter: ';' });
        if (!csv.write(`${chunk}\r\n`)) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
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
