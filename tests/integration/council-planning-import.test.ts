import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanningImport } from '../../shared/api/council-own';
import { t } from '../../shared/i18n';
import type { Result } from '../../shared/result';
import { uploadsDirFor } from '../../electron/core/paths';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64');

async function importCsv(csv: string, year = 2027) {
  const upload = await core.value('planning.importParse', { fileName: 'beleidskalender.csv', dataBase64: b64(csv) });
  return core.call('planning.import', { uploadId: upload.uploadId, year }) as Promise<Result<PlanningImport>>;
}

function uploadsLeft(): string[] {
  try {
    return readdirSync(uploadsDirFor(core.databasePath));
  } catch {
    return [];
  }
}

describe('importing the year planning from the beleidskalender', () => {
  it('reads months as numbers, Dutch names, abbreviations and dates, and kinds in words', async () => {
    const csv = [
      'Onderwerp;Verwachte maand;Soort;Bron;Toelichting',
      'Verordening maatschappelijke ondersteuning;3;adviesaanvraag;Beleidskalender 2027;Jaarlijkse herziening',
      'Eenzaamheid onder ouderen;september;Eigen onderwerp;;Uit de wijkbijeenkomsten',
      'Inkoop hulp bij het huishouden;mrt;;Inkoop;',
      'Mantelzorgwaardering;2027-11-15;ongevraagd;;',
      'Cliëntervaringsonderzoek;15-6-2027;Adviesaanvraag;;',
    ].join('\r\n');
    const result = await importCsv(csv);
    expect(result).toEqual({ ok: true, value: { imported: 5, skippedDuplicates: 0 } });
    const items = await core.value('planning.list', { year: 2027 });
    expect(items.map((item) => [item.month, item.kind, item.title, item.source, item.notes, item.state])).toEqual([
      [3, 'adviesaanvraag', 'Inkoop hulp bij het huishouden', 'Inkoop', '', 'gepland'],
      [3, 'adviesaanvraag', 'Verordening maatschappelijke ondersteuning', 'Beleidskalender 2027', 'Jaarlijkse herziening', 'gepland'],
      [6, 'adviesaanvraag', 'Cliëntervaringsonderzoek', '', '', 'gepland'],
      [9, 'eigen_onderwerp', 'Eenzaamheid onder ouderen', '', 'Uit de wijkbijeenkomsten', 'gepland'],
      [11, 'eigen_onderwerp', 'Mantelzorgwaardering', '', '', 'gepland'],
    ]);
    expect(uploadsLeft()).toEqual([]);
  });

  it('imports the same file twice without doubling anything, also when a subject differs only in case', async () => {
    const csv = 'Onderwerp,Maand\nWoonvoorzieningen,4\nJeugdhulp,5\n';
    expect(await importCsv(csv)).toEqual({ ok: true, value: { imported: 2, skippedDuplicates: 0 } });
    const before = (await storeFingerprint(core));
    expect(await importCsv('Onderwerp,Maand\nWOONVOORZIENINGEN,april\nJeugdhulp,5\n')).toEqual({ ok: true, value: { imported: 0, skippedDuplicates: 2 } });
    expect((await storeFingerprint(core))).toEqual(before);
    // Another year is another planning.
    expect(await importCsv(csv, 2028)).toEqual({ ok: true, value: { imported: 2, skippedDuplicates: 0 } });
  });

  it('reads an Excel sheet, with real dates in the month column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kalender');
    sheet.addRow(['Titel', 'Datum', 'Soort']);
    sheet.addRow(['Beleidsplan sociaal domein', new Date(Date.UTC(2027, 0, 20)), 'adviesaanvraag']);
    sheet.addRow([{ richText: [{ text: 'Armoede' }, { text: 'beleid' }] }, 10, 'eigen onderwerp']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const upload = await core.value('planning.importParse', { fileName: 'kalender.xlsx', dataBase64: b64(bytes) });
    expect(await core.value('planning.import', { uploadId: upload.uploadId, year: 2027 })).toEqual({ imported: 2, skippedDuplicates: 0 });
    const items = await core.value('planning.list', { year: 2027 });
    expect(items.map((item) => [item.month, item.title, item.kind])).toEqual([
      [1, 'Beleidsplan sociaal domein', 'adviesaanvraag'],
      [10, 'Armoedebeleid', 'eigen_onderwerp'],
    ]);
  });

  it('imports nothing when one row is wrong, and says per row what to fix in Dutch', async () => {
    const csv = [
      'Onderwerp;Maand;Soort',
      'Goede rij;5;adviesaanvraag',
      'Maand dertien;13;adviesaanvraag',
      'Verkeerde soort;6;motie',
      ';7;adviesaanvraag',
      'Verkeerd jaar;2026-05-01;',
      `${'x'.repeat(5000)};8;`,
    ].join('\n');
    const before = (await storeFingerprint(core));
    const result = await importCsv(csv);
    expect((await storeFingerprint(core))).toEqual(before);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toBe(t('councilOwn.importPlanningRefused', { count: 5 }));
    const messages = result.error.issues!.map((issue) => issue.message);
    expect(messages[0]).toBe(t('councilOwn.importPlanningRow', { row: 3, message: t('councilOwn.importMonthUnknown', { value: '13' }) }));
    expect(messages[1]).toBe(t('councilOwn.importPlanningRow', { row: 4, message: t('councilOwn.importKindUnknown', { value: 'motie' }) }));
    expect(messages[2]).toMatch(/^Rij 5: /);
    expect(messages[3]).toBe(t('councilOwn.importPlanningRow', { row: 6, message: t('councilOwn.importYearOther', { date: '2026-05-01', year: 2027 }) }));
    expect(messages[4]).toMatch(/^Rij 7: /);
    // Nothing names an internal field.
    for (const message of messages) expect(message).not.toMatch(/title|month|kind|undefined/);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses a file without a subject or month column, and an upload that is gone', async () => {
    const missing = await importCsv('Naam van iets;Bron\nA;B\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.issues?.[0]?.message).toContain(t('councilOwn.importMissingColumn', { column: t('councilOwn.month') }));
    const gone = await core.failure('planning.import', { uploadId: '00000000-0000-4000-8000-000000000000', year: 2027 });
    expect(gone.code).toBe('NOT_FOUND');
    const markup = await importCsv('Onderwerp;Maand\n<script>alert(1)</script>;2\n');
    expect(markup.ok).toBe(true);
    expect((await core.value('planning.list', { year: 2027 }))[0]!.title).toBe('<script>alert(1)</script>');
  });
});
