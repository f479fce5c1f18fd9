import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx, renderPdfPageToPng } from '../helpers/docx';

let core: TestCore;
const teams: { id: string; name: string }[] = [];

beforeAll(async () => {
  core = await createTestCore();
  const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
  for (const name of ['Team Oost', 'Team Centrum']) teams.push(await core.value('wijkteams.create', { name }));
  const [satisfaction, , specialist, solved, initiatives] = avi.criteria;
  const save = (teamIndex: number, criterionId: string, periodKey: string, value: number) =>
    core.value('assessments.save', { wijkteamId: teams[teamIndex]!.id, criterionId, periodKey, value, evidence: 'Bewonersenquête' });
  // Created Oost first: the report must still list Team Centrum first (by name).
  await save(0, satisfaction!.id, '2026-K1', 3);
  await save(0, satisfaction!.id, '2026-K2', 4);
  await save(1, satisfaction!.id, '2026-K1', 2);
  await save(1, satisfaction!.id, '2026-K2', 2);
  await save(0, specialist!.id, '2026-K2', 27.5);
  await save(1, solved!.id, '2026-K2', 1);
  await save(0, initiatives!.id, '2026-K1', 4);
  await save(0, initiatives!.id, '2026-K2', 7);
});
afterAll(async () => {
  await core.dispose();
});

async function runJob(kind: 'monitoringReport' | 'monitoringCsv', params: Record<string, unknown>): Promise<string> {
  const started = await core.value('jobs.start', { kind, params } as never);
  const finished = await core.jobs.wait(started.id);
  expect(finished.state, finished.message).toBe('done');
  return String(finished.result?.path);
}

describe('monitoring export', () => {
  it('the .docx report shows the matrix in order and a trend chart per criterion', async () => {
    const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
    const path = await runJob('monitoringReport', { periodKey: '2026-K2', frameworkId: avi.id });
    expect(path).toMatch(/exports\/monitoring-2026-K2-.*\.docx$/);
    const bytes = readFileSync(path);
    const { text: flat, layout, pdf } = await renderDocx(bytes);
    if (process.env.MONITORING_REPORT_DUMP) {
      writeFileSync(`${process.env.MONITORING_REPORT_DUMP}.txt`, layout);
      await renderPdfPageToPng(pdf, `${process.env.MONITORING_REPORT_DUMP}-1.png`, 1);
      await renderPdfPageToPng(pdf, `${process.env.MONITORING_REPORT_DUMP}-2.png`, 2);
    }
    const inOrder = (...parts: string[]) => {
      let from = 0;
      for (const part of parts) {
        const at = flat.indexOf(part, from);
        expect(at, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + part.length;
      }
    };
    inOrder('Monitoring sociale wijkteams', 'Periode: 2e kwartaal 2026', 'AVI: effecten van sociale wijkteams');
    inOrder('Beoordelingen per wijkteam', 'Wijkteam', 'Tevredenheid van', 'Problemen in de', 'Team Centrum', 'Team Oost', 'Ontwikkeling per criterium');
    // Table rows in document order: each team's row carries its values in criterion order.
    const rowOf = (team: string) => flat.slice(flat.indexOf(`${team} `));
    expect(rowOf('Team Centrum')).toMatch(/^Team Centrum ✖ 2 van 5 \(onvoldoende\) = ±0 \? ontbreekt \? ontbreekt ✖ Rood \(onvoldoende\) \? ontbreekt/);
    expect(rowOf('Team Oost')).toMatch(/^Team Oost ✔ 4 van 5 \(goed\) ▲ \+1 \? ontbreekt • 27,5% \? ontbreekt • 7 ▲ \+3/);
    inOrder('Ontwikkeling per criterium', 'Tevredenheid van bewoners', 'Team Centrum: 2 van 8 perioden beoordeeld', 'gelijk gebleven', 'Team Oost', 'verbeterd');
    inOrder('Aantal bewonersinitiatieven', 'van 4 (2026-K1) naar 7 (2026-K2)');
    // One PNG chart per criterion of the framework.
    const zip = await JSZip.loadAsync(bytes);
    const images = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(images).toHaveLength(avi.criteria.length);
    const png = await zip.file(images[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 120_000);

  it('the CSV lists every assessment by period, team and criterion', async () => {
    const path = await runJob('monitoringCsv', { frameworkId: null });
    const csv = readFileSync(path, 'utf8');
    expect(csv.startsWith('\uFEFFperiode;wijkteam;criterium')).toBe(true);
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toMatch(/^2026-K1;Team Centrum;Tevredenheid van bewoners;AVI: effecten van sociale wijkteams;Score 1-5;2;2 van 5;Bewonersenquête;;/);
    expect(lines).toContainEqual(expect.stringMatching(/^2026-K2;Team Centrum;Problemen in de wijk opgelost;.*;Stoplicht;1;Rood;/));
    expect(lines.at(-1)).toMatch(/^2026-K2;Team Oost;Aantal bewonersinitiatieven;.*;Aantal;7;7;/);
    expect(lines.some((line) => line.includes(';27,5;27,5%;'))).toBe(true);
  });

  it('refuses a report without a period', async () => {
    const error = await core.failure('jobs.start', { kind: 'monitoringReport' });
    expect(error.code).toBe('VALIDATION');
  });
});
