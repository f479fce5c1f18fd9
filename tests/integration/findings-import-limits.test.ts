import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../electron/core/jobs/runner';
import { createTestCore, type TestCore } from '../helpers/core';
import { manyCellsXlsx, zipBombXlsx } from '../helpers/hostile-xlsx';
import { databaseFingerprint } from '../helpers/snapshot';

/**
 * Issue 12.7: uploads are read in a worker under limits on inflated size, rows, cells, memory and
 * time. A 1.2 MB zip bomb froze the host for 40 s and took 4.2 GB; a 338 KB file of 3 million
 * cells blocked it for 4.5 s. The hostile files are made here (tests/helpers/hostile-xlsx.ts).
 */
const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64');

describe('limits on reading an upload', { timeout: 120_000 }, () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function refusal(fileName: string, data: Buffer | string) {
    const error = await core.failure('findings.importParse', { fileName, dataBase64: b64(data) });
    expect(error.code, fileName).toBe('VALIDATION');
    return error.message;
  }

  it('refuses zip bombs by their size unpacked, whether the zip declares it or lies about it', async () => {
    const before = databaseFingerprint(core.sqlite).hash;
    const honest = zipBombXlsx(1000);
    const lying = zipBombXlsx(1000, { lying: true });
    expect(honest.length).toBeLessThan(1.5 * 1024 * 1024);
    for (const [name, file] of [['eerlijk.xlsx', honest], ['liegt.xlsx', lying]] as const) {
      expect(await refusal(name, file), name).toBe('Het Excel-bestand is uitgepakt groter dan 100 MB. Splits het in delen of sla het op als CSV.');
    }
    expect(databaseFingerprint(core.sqlite).hash).toBe(before);
  });

  it('refuses a small file with millions of cells by its number of cells', async () => {
    const file = manyCellsXlsx(100_000, 30);
    expect(file.length).toBeLessThan(400 * 1024);
    expect(await refusal('cellen.xlsx', file)).toMatch(/^Het bestand heeft meer dan 1[.]?000[.]?000 cellen/);
    // The same limit for CSV, and 10 MB of line breaks is refused by its rows, read row by row.
    expect(await refusal('puntkomma.csv', `Inbreng;Thema\r\n${'x;'.repeat(4 * 1024 * 1024)}`)).toMatch(/meer dan 1[.]?000[.]?000 cellen/);
    expect(await refusal('regels.csv', `Inbreng\n${'a\n'.repeat(4 * 1024 * 1024)}`)).toMatch(/meer dan 100[.]?000 regels/);
  });

  it('keeps answering other calls while a hostile upload is being read', async () => {
    const order: string[] = [];
    const parsing = core.call('findings.importParse', { fileName: 'cellen.xlsx', dataBase64: b64(manyCellsXlsx(100_000, 30)) }).then((result) => {
      order.push('upload');
      return result;
    });
    // The reading happens on another thread: this call is answered first, not after the file.
    const listed = await core.call('wijken.list', {});
    order.push('wijken.list');
    expect(listed.ok).toBe(true);
    expect((await parsing).ok).toBe(false);
    expect(order).toEqual(['wijken.list', 'upload']);
  });

  it('ends a reading worker over its time or memory limit and says which limit, in Dutch', async () => {
    // The same runner as the app's, with limits lowered so an ordinary file crosses them.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['Inbreng']);
    for (let index = 0; index < 20_000; index += 1) sheet.addRow([`Punt ${index} over het zwembad en de bibliotheek`]);
    const dataBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const runners = [
      new JobRunner({ dbPath: core.databasePath, backupDir: core.dir, uploadLimits: { parseMs: 1 } }),
      new JobRunner({ dbPath: core.databasePath, backupDir: core.dir, uploadLimits: { memoryMb: 8 } }),
    ];
    try {
      await expect(runners[0]!.parseUpload('lijst.xlsx', dataBase64)).rejects.toMatchObject({
        code: 'VALIDATION',
        message: 'Het lezen van het bestand duurde langer dan 1 seconde en is gestopt. Splits het in delen.',
      });
      await expect(runners[1]!.parseUpload('lijst.xlsx', dataBase64)).rejects.toMatchObject({
        code: 'VALIDATION',
        message: 'Het lezen van het bestand vroeg meer dan 8 MB geheugen en is gestopt. Splits het in delen.',
      });
    } finally {
      await Promise.all(runners.map((runner) => runner.close()));
    }
    // The core's own reader is unaffected and still answers.
    expect((await core.value('findings.importParse', { fileName: 'a.csv', dataBase64: b64('Inbreng\r\nMeer bankjes\r\n') })).rowCount).toBe(1);
  });

  it('still reads ordinary workbooks and CSV files in the worker', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['Inbreng', 'Stemmen']);
    for (let index = 0; index < 2000; index += 1) sheet.addRow([`Punt ${index} over de bibliotheek`, index % 7]);
    const upload = await core.value('findings.importParse', { fileName: 'lijst.xlsx', dataBase64: b64(Buffer.from(await workbook.xlsx.writeBuffer())) });
    expect(upload.rowCount).toBe(2000);
    expect(upload.sampleRows[0]).toEqual(['Punt 0 over de bibliotheek', '0']);
    const csv = await core.value('findings.importParse', { fileName: 'lijst.csv', dataBase64: b64('Inbreng;Thema\r\nMeer bankjes;Wonen\r\n') });
    expect(csv.sampleRows).toEqual([['Meer bankjes', 'Wonen']]);
  });
});
