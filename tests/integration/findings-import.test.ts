import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../shared/api/meetings';
import { createTestCore, type TestCore } from '../helpers/core';
import { checkFullTextIndex, storeFingerprint } from '../helpers/snapshot';

const b64 = (data: string | Buffer | Uint8Array) => Buffer.from(data).toString('base64');

describe('findings import and export', () => {
  let core: TestCore;
  let meetingId: string;
  beforeEach(async () => {
    core = await createTestCore();
    const noord = await core.value('wijken.create', { name: 'Noord' });
    meetingId = (await core.value('meetings.create', { title: 'Avond Noord', date: '2026-03-12', wijkIds: [noord.id] })).id;
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function runJob(kind: 'findingsImport' | 'findingsExport', params: Record<string, unknown>) {
    const started = await core.value('jobs.start', { kind, params } as never);
    return core.jobs.wait(started.id);
  }

  it('reads a Dutch semicolon CSV, maps columns, reports bad rows, and imports only after confirmation', async () => {
    const csv = [
      'Inbreng;Bijeenkomst;Thema;Bron;Wijk;Datum;Labels;Persoonsgegevens',
      'Cliëntondersteuning onbekend;Avond Noord;Zorg;plenair;;;informatie, zorg;nee',
      '"Bus rijdt niet; ook niet op zondag";;Vervoer;e-mail;Noord;01-02-2026;;ja',
      ';Avond Noord;;;;;;',
      'Te weinig bankjes;Avond Zuid;;twitter;Oost;31-02-2026;;misschien',
    ].join('\r\n');
    const before = await storeFingerprint(core);
    const upload = await core.value('findings.importParse', { fileName: 'inbreng.csv', dataBase64: b64(csv) });
    expect(upload.columns).toEqual(['Inbreng', 'Bijeenkomst', 'Thema', 'Bron', 'Wijk', 'Datum', 'Labels', 'Persoonsgegevens']);
    expect(upload.rowCount).toBe(4);
    expect(upload.suggestedMapping).toEqual({ text: 0, meeting: 1, theme: 2, source: 3, wijk: 4, date: 5, tags: 6, personalData: 7 });
    const check = await core.value('findings.importCheck', {
      uploadId: upload.uploadId,
      mapping: upload.suggestedMapping,
      defaults: { meetingId: null, source: 'plenair', date: '2026-01-15' },
    });
    expect(check).toMatchObject({ rowCount: 4, validCount: 2, invalidRowCount: 2, issueCount: 6 });
    expect(check.issues).toEqual([
      { row: 4, field: 'Inbreng', message: 'Vul dit veld in.' },
      { row: 5, field: 'Bijeenkomst', message: 'Bijeenkomst "Avond Zuid" bestaat niet.' },
      { row: 5, field: 'Bron', message: 'Onbekende bron "twitter" (kies plenair, thematafel, babbelbox, e-mail, enquête of anders).' },
      { row: 5, field: 'Wijk', message: 'Wijk "Oost" bestaat niet.' },
      { row: 5, field: 'Datum', message: '"31-02-2026" is geen geldige datum (gebruik dd-mm-jjjj of jjjj-mm-dd).' },
      { row: 5, field: 'Persoonsgegevens', message: '"misschien" is geen ja of nee.' },
    ]);
    // Parsing and checking wrote nothing.
    expect((await storeFingerprint(core)).hash).toBe(before.hash);

    const job = await runJob('findingsImport', {
      uploadId: upload.uploadId,
      mapping: upload.suggestedMapping,
      defaults: { meetingId: null, source: 'plenair', date: '2026-01-15' },
    });
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ count: 2, skipped: 2 });
    const page = await core.value('findings.search', { sort: 'date', direction: 'asc' });
    expect(page.rows.map((row) => [row.text, row.meetingId, row.source, row.wijkName, row.date, row.tags, row.containsPersonalData])).toEqual([
      ['Bus rijdt niet; ook niet op zondag', null, 'email', 'Noord', '2026-02-01', [], true],
      ['Cliëntondersteuning onbekend', meetingId, 'plenair', 'Noord', '2026-03-12', ['informatie', 'zorg'], false],
    ]);
  });

  it('reads an XLSX file with dates and rich cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['Tekst', 'Datum', 'Stemmen']);
    sheet.addRow(['Meer groen in de wijk', new Date(Date.UTC(2026, 4, 3)), 4]);
    sheet.addRow([{ richText: [{ text: 'Vet ' }, { text: 'punt' }] }, '2026-05-04', '']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const upload = await core.value('findings.importParse', { fileName: 'lijst.xlsx', dataBase64: b64(buffer) });
    expect(upload.sampleRows).toEqual([
      ['Meer groen in de wijk', '2026-05-03', '4'],
      ['Vet punt', '2026-05-04', ''],
    ]);
    const mapping: ImportMapping = { text: 0, date: 1, votes: 2 };
    const defaults = { meetingId, source: 'anders' as const, date: '2026-01-01' };
    const check = await core.value('findings.importCheck', { uploadId: upload.uploadId, mapping, defaults });
    expect(check).toMatchObject({ validCount: 2, issueCount: 0 });
    const job = await runJob('findingsImport', { uploadId: upload.uploadId, mapping, defaults });
    expect(job.state).toBe('done');
    const rows = (await core.value('findings.listForMeeting', { meetingId })).map((f) => [f.text, f.date, f.votes, f.source]);
    expect(rows).toEqual([
      ['Meer groen in de wijk', '2026-05-03', 4, 'anders'],
      ['Vet punt', '2026-05-04', 0, 'anders'],
    ]);
  });

  it('refuses hostile files with a clear Dutch message and writes nothing', async () => {
    const before = await storeFingerprint(core);
    const cases: [string, Buffer, RegExp][] = [
      ['leeg.csv', Buffer.alloc(0), /Het bestand is leeg/],
      ['alleen-kop.csv', Buffer.from('Inbreng;Thema\r\n'), /alleen een kopregel/],
      ['binair.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0, 0xff]), /geen tekstbestand/],
      ['latin1.csv', Buffer.from('Inbreng\r\nCli\xebnt wacht lang\r\n', 'latin1'), /geen UTF-8-tekst/],
      ['nep.xlsx', Buffer.from('Inbreng;Thema\r\nIets;Zorg\r\n'), /geen geldig Excel-bestand/],
      ['kapot.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]), /geen geldig Excel-bestand/],
      ['foto.png', Buffer.from('abc'), /\.csv of \.xlsx/],
    ];
    for (const [fileName, data, message] of cases) {
      const error = await core.failure('findings.importParse', { fileName, dataBase64: b64(data) });
      expect(error.code, fileName).toBe('VALIDATION');
      expect(error.message, fileName).toMatch(message);
    }
    const huge = await core.failure('findings.importParse', { fileName: 'groot.csv', dataBase64: 'A'.repeat(50 * 1024 * 1024) });
    expect(huge.code).toBe('VALIDATION');
    expect(huge.message).toContain('te groot');
    const gone = await core.failure('findings.importCheck', {
      uploadId: '0190a0a0-0000-7000-8000-000000000000',
      mapping: { text: 0 },
      defaults: { date: '2026-01-01' },
    });
    expect(gone.message).toContain('niet meer beschikbaar');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });

  it('reports a quote that is never closed on its row instead of importing the rest of the file as one finding', async () => {
    // Variants: the quote opens a cell mid-file, or a quoted cell continues after its closing quote.
    const files = [
      ['Inbreng;Thema', 'Eerste punt;Zorg', '"Tweede punt; open;Zorg', 'Derde punt;Wonen', 'Vierde punt;Vervoer'],
      ['Inbreng,Thema', 'Eerste punt,Zorg', '"Tweede" punt,Zorg', 'Derde punt,Wonen'],
    ];
    for (const lines of files) {
      const upload = await core.value('findings.importParse', { fileName: 'kapot.csv', dataBase64: b64(lines.join('\r\n')) });
      const check = await core.value('findings.importCheck', {
        uploadId: upload.uploadId,
        mapping: { text: 0 },
        defaults: { meetingId: null, source: 'plenair', date: '2026-01-15' },
      });
      expect(check.validCount, lines[2]).toBe(1);
      expect(check.issues, lines[2]).toContainEqual({ row: 3, field: 'Hele regel', message: expect.stringContaining('aanhalingsteken') });
      const job = await runJob('findingsImport', { uploadId: upload.uploadId, mapping: { text: 0 }, defaults: { meetingId: null, source: 'plenair', date: '2026-01-15' } });
      expect(job.result).toMatchObject({ count: 1, skipped: 1 });
    }
    const page = await core.value('findings.search', {});
    expect(page.rows.map((row) => row.text)).toEqual(['Eerste punt', 'Eerste punt']);
    // Two imports, each a worker of its own: more than the default timeout on a busy machine.
  }, 120_000);

  it('reads UTF-16 CSV files with a byte order mark (little and big endian), as Excel saves "Unicode text"', async () => {
    const text = 'Inbreng\tThema\r\nCliëntondersteuning één keer per week\tZorg\r\nGeen 💡 in de straat\tWonen\r\n';
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bigEndian = Buffer.from(littleEndian).swap16();
    expect(bigEndian.subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
    for (const [fileName, bytes] of [['le.csv', littleEndian], ['be.csv', bigEndian]] as const) {
      const upload = await core.value('findings.importParse', { fileName, dataBase64: b64(bytes) });
      expect(upload.columns, fileName).toEqual(['Inbreng', 'Thema']);
      expect(upload.sampleRows, fileName).toEqual([
        ['Cliëntondersteuning één keer per week', 'Zorg'],
        ['Geen 💡 in de straat', 'Wonen'],
      ]);
    }
    // Without a BOM, UTF-16 stays indistinguishable from binary data and is refused, not garbled.
    const withoutBom = await core.failure('findings.importParse', { fileName: 'zonder-bom.csv', dataBase64: b64(Buffer.from(text, 'utf16le')) });
    expect(withoutBom.message).toMatch(/geen tekstbestand/);
    // A BOM followed by broken UTF-16 (a lone surrogate) is refused as wrong encoding.
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Inbreng\r\nx', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('y\r\n', 'utf16le')]);
    const brokenError = await core.failure('findings.importParse', { fileName: 'kapot16.csv', dataBase64: b64(broken) });
    expect(brokenError.message).toMatch(/geen UTF-8-tekst|codering/);
  });

  it('cancelling a large import leaves nothing written', async () => {
    const lines = ['Inbreng'];
    for (let i = 0; i < 30_000; i += 1) lines.push(`Punt nummer ${i} over de wijk`);
    const upload = await core.value('findings.importParse', { fileName: 'groot.csv', dataBase64: b64(lines.join('\n')) });
    // The import commits in chunks and undoes them on cancel: the rows are as before, the index consistent.
    const before = await storeFingerprint(core, { fullTextStorage: false });
    const started = await core.value('jobs.start', {
      kind: 'findingsImport',
      params: { uploadId: upload.uploadId, mapping: { text: 0 }, defaults: { meetingId, source: 'plenair', date: '2026-01-01' } },
    });
    // Cancel once rows are being written (the first progress report after 500 inserts).
    await new Promise<void>((resolve) => {
      const off = core.onJobEvent((status) => {
        if (status.id === started.id && status.done > 0) {
          off();
          resolve();
        }
      });
    });
    await core.value('jobs.cancel', { id: started.id });
    const finished = await core.jobs.wait(started.id);
    expect(finished.state).toBe('cancelled');
    await checkFullTextIndex(core);
    expect((await storeFingerprint(core, { fullTextStorage: false })).hash).toBe(before.hash);
  });

  it('exports the filtered findings to CSV and XLSX', async () => {
    await core.value('findings.create', { meetingId, text: '=HYPERLINK("x") kwaadaardig', source: 'babbelbox' });
    await core.value('findings.create', { meetingId, text: 'Cliënt wacht lang; erg lang', tags: ['wachttijd'] });
    await core.value('findings.create', { meetingId, text: 'Niet meenemen', source: 'email' });
    const csvJob = await runJob('findingsExport', { query: '', filters: { source: 'babbelbox' }, sort: 'date', direction: 'asc', format: 'csv' });
    expect(csvJob.state).toBe('done');
    const csv = readFileSync(String(csvJob.result!.path), 'utf8');
    expect(csv.startsWith('\uFEFFInbreng;Bijeenkomst;Thema;Bron')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"") kwaadaardig";Avond Noord;;Babbelbox`);
    expect(csv).not.toContain('Niet meenemen');

    const xlsxJob = await runJob('findingsExport', { query: 'client', filters: {}, sort: 'relevance', direction: 'desc', format: 'xlsx' });
    expect(xlsxJob.state).toBe('done');
    expect(xlsxJob.result!.count).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(String(xlsxJob.result!.path));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Inbreng');
    expect(sheet.getRow(2).getCell(1).value).toBe('Cliënt wacht lang; erg lang');
    expect(sheet.getRow(2).getCell(7).value).toBe('wachttijd');
    expect(sheet.rowCount).toBe(2);
  });

  it('leaves findings flagged as personal data out of an export unless asked, and says how many', async () => {
    await core.value('findings.create', { meetingId, text: 'Mevrouw De Vries (Dorpsstraat 3) wacht op een traplift', source: 'thematafel', containsPersonalData: true });
    await core.value('findings.create', { meetingId, text: 'De traplift komt pas na maanden', source: 'thematafel' });
    const request = { query: 'traplift', filters: {}, sort: 'date', direction: 'asc', format: 'csv' };

    const withoutPersonal = await runJob('findingsExport', request);
    expect(withoutPersonal.state).toBe('done');
    expect(withoutPersonal.result).toMatchObject({ count: 1, leftOut: 1 });
    expect(String(withoutPersonal.result!.message)).toContain('1 regel met persoonsgegevens is weggelaten.');
    const csv = readFileSync(String(withoutPersonal.result!.path), 'utf8');
    expect(csv).toContain('De traplift komt pas na maanden');
    expect(csv).not.toContain('Dorpsstraat');

    const withPersonal = await runJob('findingsExport', { ...request, includePersonalData: true });
    expect(withPersonal.result).toMatchObject({ count: 2, leftOut: 0 });
    expect(readFileSync(String(withPersonal.result!.path), 'utf8')).toContain('Dorpsstraat');
  });
});
