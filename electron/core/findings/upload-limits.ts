import { inflateRawSync } from 'node:zlib';
import { MAX_IMPORT_ROWS } from '../../../shared/api/meetings';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';

/**
 * Limits on reading an uploaded file. An upload is at most 10 MB, but an XLSX is a zip: 1.2 MB can
 * inflate to gigabytes (a zip bomb), and 338 KB of repeated XML can hold 3 million cells. Uploads
 * are read in a worker thread (jobs/runner.ts `parseUpload`) under a memory and time limit; what
 * can be known before the spreadsheet library builds its model is checked here first.
 */
export const UPLOAD_LIMITS = {
  /** All entries of an XLSX together, inflated (declared and actual). */
  uncompressedBytes: 100 * 1024 * 1024,
  /** Entries in the zip (a workbook has a few dozen). */
  zipEntries: 10_000,
  /** Cells in the file (100,000 findings of 10 columns). */
  cells: 1_000_000,
  /** Row elements in the sheets, empty ones included (they cost memory too). */
  sheetRows: 2 * (MAX_IMPORT_ROWS + 1),
  /** Wall-clock time for reading one upload, start of the worker included. */
  parseMs: 30_000,
  /** Heap of the reading worker. */
  memoryMb: 512,
} as const;

function refused(message: string): AppError {
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function notXlsx(): AppError {
  return refused(t('import.notXlsx'));
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The central directory at the end of the zip: what every entry says about itself, read before inflating anything. */
function readCentralDirectory(zip: Buffer): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes.
  let end = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw notXlsx();
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  // ZIP64 markers: a workbook of at most 10 MB never needs them.
  if (count === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize > end) throw notXlsx();
  if (count > UPLOAD_LIMITS.zipEntries) throw refused(t('import.tooManyParts', { max: UPLOAD_LIMITS.zipEntries.toLocaleString('nl-NL') }));
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > end || zip.readUInt32LE(offset) !== 0x02014b50) throw notXlsx();
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      uncompressedSize: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Counts `<tag ` / `<tag>` / `<tag/>` in XML, stopping once past `stopAbove`. */
function countElements(xml: Buffer, tag: string, stopAbove: number): number {
  const needle = Buffer.from(`<${tag}`);
  let count = 0;
  for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) {
    const next = xml[at + needle.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) {
      count += 1;
      if (count > stopAbove) break;
    }
  }
  return count;
}

/**
 * Checks an XLSX before the spreadsheet library opens it: declared sizes within the limit, every
 * entry inflated with a hard cap (a zip whose entries inflate to more than they declare is refused
 * the moment it passes the cap, never inflated to the end), and the sheets' cells and rows counted.
 * Each entry is inflated once here and let go; the library inflates it again, now known to be safe.
 */
export function checkXlsxLimits(zip: Buffer): void {
  const entries = readCentralDirectory(zip);
  const tooLarge = () => refused(t('import.tooLargeUnpacked', { max: megabytes(UPLOAD_LIMITS.uncompressedBytes) }));
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > UPLOAD_LIMITS.uncompressedBytes) throw tooLarge();
  let cells = 0;
  let rows = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const local = entry.localHeaderOffset;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw notXlsx();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw notXlsx();
    let content: Buffer;
    if (entry.method === 0) content = data;
    else if (entry.method === 8) {
      try {
        // The cap is what the entry declared: more is a lie, and inflation stops right there.
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (error) {
        if (error instanceof RangeError) throw tooLarge();
        throw notXlsx();
      }
    } else throw notXlsx();
    if (content.length !== entry.uncompressedSize) throw notXlsx();
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) {
      cells += countElements(content, 'c', UPLOAD_LIMITS.cells - cells);
      if (cells > UPLOAD_LIMITS.cells) throw refused(t('import.tooManyCells', { max: UPLOAD_LIMITS.cells.toLocaleString('nl-NL') }));
      rows += countElements(content, 'row', UPLOAD_LIMITS.sheetRows - rows);
      if (rows > UPLOAD_LIMITS.sheetRows) throw refused(t('import.tooManyRows', { max: MAX_IMPORT_ROWS }));
    }
  }
}

/** The reading worker ran out of time or memory: said in terms of the limit, never as a crash. */
export function parseTimeExceeded(parseMs: number = UPLOAD_LIMITS.parseMs): AppError {
  return refused(t('import.tooSlow', { seconds: Math.max(1, Math.round(parseMs / 1000)) }));
}

export function parseMemoryExceeded(memoryMb: number = UPLOAD_LIMITS.memoryMb): AppError {
  return refused(t('import.tooMuchMemory', { max: `${memoryMb} MB` }));
}
