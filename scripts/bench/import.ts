import ExcelJS from 'exceljs';
import type { Core } from '../../electron/core/core';
import { measure, type BenchRow } from './measure';
import { dutchSentence, seededRandom } from './random';

async function value<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** A members' spreadsheet of `rows` findings, as Excel writes it. */
export async function findingsWorkbook(rows: number): Promise<Buffer> {
  const random = seededRandom(10_000);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Inbreng');
  sheet.addRow(['Inbreng', 'Datum', 'Bron', 'Stemmen']);
  for (let index = 0; index < rows; index++) sheet.addRow([dutchSentence(random, 6, 30), new Date(Date.UTC(2026, index % 12, 1 + (index % 28))), 'plenair', index % 5]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Import of a 10,000-row XLSX the way the screen does it: upload and parse, check every row, then
 * the import job writing all rows in one transaction. Goal ≤ 3 s.
 */
export async function benchImport(core: Core, rows = 10_000): Promise<BenchRow[]> {
  const dataBase64 = (await findingsWorkbook(rows)).toString('base64');
  const mapping = { text: 0, date: 1, source: 2, votes: 3 };
  const defaults = { meetingId: null, source: 'plenair', date: '2026-01-01' };
  const { medianMs, p95Ms } = await measure(
    async () => {
      const upload = await value<{ uploadId: string }>(core, 'findings.importParse', { fileName: 'inbreng.xlsx', dataBase64 });
      await value(core, 'findings.importCheck', { uploadId: upload.uploadId, mapping, defaults });
      const job = await value<{ id: string }>(core, 'jobs.start', { kind: 'findingsImport', params: { uploadId: upload.uploadId, mapping, defaults } });
      const finished = await core.jobs.wait(job.id);
      if (finished.state !== 'done') throw new Error(finished.message);
    },
    3,
    0,
  );
  return [{ name: `import van een XLSX met ${rows.toLocaleString('nl-NL')} rijen (inlezen, controleren, wegschrijven)`, medianMs, p95Ms, goal: '≤ 3000 ms', met: medianMs <= 3000 }];
}
