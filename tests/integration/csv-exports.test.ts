import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvDocument } from '../../electron/core/csv';
import { createTestCore, type TestCore } from '../helpers/core';

/** What a spreadsheet would run as a formula when it opens the file. */
const RUNS_AS_FORMULA = /^(?:[=+@\t\r]|-(?!\d+(?:[.,]\d+)?$))/;

/** The CSV as a spreadsheet reads it: BOM off, semicolons, quotes resolved. */
function cellsOf(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

function expectNoFormulas(cells: string[][]): void {
  for (const row of cells) for (const cell of row) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(RUNS_AS_FORMULA);
}

const HOSTILE = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://x.example","klik")', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('the one CSV writer', () => {
  it('makes every cell that starts like a formula text, whatever the column', () => {
    const csv = csvDocument(['a', 'b'], HOSTILE.map((cell) => [cell, 'gewoon']));

    const cells = cellsOf(csv);

    expectNoFormulas(cells);
    expect(cells.slice(1).map((row) => row[0])).toEqual(HOSTILE.map((cell) => `'${cell}`));
    expect(cells.slice(1).every((row) => row[1] === 'gewoon')).toBe(true);
  });

  it('leaves plain numbers, also negative ones, as numbers', () => {
    const cells = cellsOf(csvDocument(['waarde'], [['-3'], ['+2,5'], ['27,5'], ['-0.5'], ['2026-K1']]));

    expect(cells.slice(1).map((row) => row[0])).toEqual(['-3', '+2,5', '27,5', '-0.5', '2026-K1']);
  });

  it('writes the Dutch Excel dialect: BOM, semicolons, CRLF, quotes where needed', () => {
    expect(csvDocument(['x', 'y'], [['a;b', 'c"d']])).toBe('\uFEFFx;y\r\n"a;b";"c""d"\r\n');
  });
});

describe('every CSV export goes through it', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => {
    await core.dispose();
  });

  async function exportedCsv(kind: 'monitoringCsv' | 'findingsExport', params: Record<string, unknown>): Promise<string> {
    const started = await core.value('jobs.start', { kind, params } as never);
    const finished = await core.jobs.wait(started.id);
    expect(finished.state, finished.message).toBe('done');
    return readFileSync(String(finished.result?.path), 'utf8');
  }

  it('the monitoring CSV escapes formulas in team names, evidence, sources and the assessor', async () => {
    await core.value('user.update', { name: "-cmd|' /C calc'!A0" });
    const team = await core.value('wijkteams.create', { name: "=cmd|' /C calc'!A0" });
    const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
    await core.value('assessments.save', {
      wijkteamId: team.id,
      criterionId: avi.criteria[0]!.id,
      periodKey: '2026-K1',
      value: 3,
      evidence: '+HYPERLINK("http://x.example","klik")',
      sources: '@SUM(1+1)',
    });

    const cells = cellsOf(await exportedCsv('monitoringCsv', { frameworkId: null }));

    expectNoFormulas(cells);
    const row = cells.find((line) => line[1] === "'=cmd|' /C calc'!A0");
    expect(row).toBeDefined();
    expect(row).toEqual(expect.arrayContaining(['\'+HYPERLINK("http://x.example","klik")', "'@SUM(1+1)", "'-cmd|' /C calc'!A0"]));
  });

  it('the findings CSV escapes formulas in the text, theme, meeting, tags and author', async () => {
    await core.value('user.update', { name: '@Jan' });
    const meeting = await core.value('meetings.create', { title: '-Avond Noord', date: '2026-03-12' });
    await core.value('findings.create', { meetingId: meeting.id, text: "=cmd|' /C calc'!A0", theme: '+Vervoer', tags: ['=1+1'] });

    const cells = cellsOf(await exportedCsv('findingsExport', { query: '', filters: {}, sort: 'date', direction: 'asc', format: 'csv' }));

    expectNoFormulas(cells);
    expect(cells[1]).toEqual(expect.arrayContaining(["'=cmd|' /C calc'!A0", "'-Avond Noord", "'+Vervoer", "'=1+1", "'@Jan"]));
  });
});
