import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile XLSX files made on the spot (nothing big is committed): a zip whose sheet inflates to far
 * more than it weighs. The deflate stream is one compressed segment repeated: each segment ends with
 * a full flush (byte-aligned, no reference to earlier data), so N copies inflate to N times its text.
 */

interface Part {
  name: string;
  /** Deflate-raw data and what it inflates to. */
  compressed: Buffer;
  size: number;
  crc: number;
  /** Size written in the zip's headers; a lying bomb declares less than it holds. */
  declaredSize?: number;
}

function part(name: string, text: string): Part {
  const data = Buffer.from(text);
  return { name, compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** `head` + `unit` × `repeat` + `tail`, compressed without ever holding the inflated text. */
function repeatedPart(name: string, head: string, unit: string, repeat: number, tail: string): Part {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const unitData = Buffer.from(unit);
  const segment = deflateRawSync(unitData, flush);
  let crc = crc32(head);
  for (let index = 0; index < repeat; index += 1) crc = crc32(unitData, crc);
  crc = crc32(tail, crc);
  const compressed = Buffer.concat([deflateRawSync(Buffer.from(head), flush), ...Array<Buffer>(repeat).fill(segment), deflateRawSync(Buffer.from(tail))]);
  return { name, compressed, size: head.length + unitData.length * repeat + tail.length, crc };
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of parts) {
    const name = Buffer.from(entry.name);
    const declared = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org';
function workbookParts(): Part[] {
  return [
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    part('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
  ];
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Inbreng</t></is></c></row>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** A sheet of `rows` rows of `columns` number cells (about 20 bytes of XML per cell). */
export function manyCellsXlsx(rows: number, columns: number): Buffer {
  const rowsPerUnit = 1000;
  const unit = `<row>${'<c><v>1</v></c>'.repeat(columns)}</row>`.repeat(rowsPerUnit);
  return zip([...workbookParts(), repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, unit, Math.ceil(rows / rowsPerUnit), SHEET_TAIL)]);
}

/**
 * A zip bomb: a sheet of whitespace inside an element that inflates to `inflatedMb` MB.
 * `lying`: the headers declare 1 KB, so only the actual inflated bytes can give it away.
 */
export function zipBombXlsx(inflatedMb: number, options: { lying?: boolean } = {}): Buffer {
  const unit = ' '.repeat(1024 * 1024);
  const sheet = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, unit, inflatedMb, SHEET_TAIL);
  if (options.lying) sheet.declaredSize = 1024;
  return zip([...workbookParts(), sheet]);
}
