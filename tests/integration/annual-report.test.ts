import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../electron/core/documents/chart';
import { buildAnnualReport } from '../../electron/core/publication/annual-report';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx, renderPdfPageToPng } from '../helpers/docx';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';

// The jaarverslag (.docx): the council's year, checked through LibreOffice (text, numbering, a page as PNG).

const run = promisify(execFile);
let core: TestCore;
const HOSTILE = '<b>vet</b> & "citaat"';

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  const advice = await sentAdvice(core, `Vervoer ${HOSTILE}`, '2025-03-11', ['Rijd op tijd', 'Bel bij vertraging']);
  const [first, second] = advice.sections[1]!.items.filter((item) => item.kind === 'aanbeveling');
  await core.value('responses.record', { adviceId: advice.id, receivedOn: '2025-04-20', kenmerk: 'GEM-9', summary: 'Het college neemt het advies over.' });
  await core.value('responses.setPosition', { itemId: first!.id, position: 'overgenomen', collegeText: 'Per 1 juni rijdt de bus op tijd.' });
  await core.value('responses.setPosition', { itemId: second!.id, position: 'niet_overgenomen', collegeText: 'Dat is te duur.' });
  const commitment = await core.value('commitments.create', { adviceId: advice.id, description: 'Nieuwe dienstregeling', owner: 'Wethouder', dueOn: '2025-06-01', itemIds: [first!.id] });
  await core.value('commitments.update', { id: commitment.commitments[0]!.id, status: 'nagekomen' });
  // Last year's advice and a meeting of another year stay out.
  await sentAdvice(core, 'Vorig jaar', '2024-11-01', ['Iets van vorig jaar']);
  await core.value('meetings.create', { title: 'Wijkavond Noord', date: '2025-02-04', location: 'Buurthuis De Linde', attendeeCount: 34 });
  await core.value('meetings.create', { title: 'Wijkavond van 2024', date: '2024-02-04' });
  const member = await core.value('members.create', { name: 'Anna de Vries', role: 'voorzitter', termStart: '2024-01-01' });
  const other = await core.value('members.create', { name: 'Joël Bakır', role: 'lid', termStart: '2024-01-01' });
  const meeting = await core.value('councilMeetings.create', { date: '2025-01-15', place: 'Stadhuis' });
  await core.value('councilMeetings.setAttendance', { id: meeting.id, presentIds: [member.id], absentIds: [other.id] });
  await core.value('councilActions.create', { meetingId: meeting.id, description: 'Uitnodiging wijkavond versturen', ownerId: member.id, dueOn: '2025-01-31' });
  await core.value('planning.create', { year: 2025, month: 3, kind: 'adviesaanvraag', title: 'Beleidsplan vervoer' });
}, 120_000);
afterAll(async () => core.dispose());

describe('the jaarverslag', () => {
  it('holds the year: advices with positions, commitments with status, meetings with attendance, planning and actions; numbered; a page looks right', async () => {
    const file = await core.jobFile(await core.value('jobs.start', { kind: 'annualReport', params: { year: 2025 } }));
    expect(file.fileName).toBe('Jaarverslag 2025.docx');
    const rendered = await renderDocx(Buffer.from(file.bytesBase64, 'base64'));
    const text = rendered.text;
    for (const expected of [
      'Jaarverslag 2025',
      '1 Het jaar in het kort',
      'Wij stuurden dit jaar 1 advies naar het college (0 gevraagd, 1 ongevraagd), met samen 2 aanbevelingen.',
      'Wij hielden 1 wijkbijeenkomst en 1 raadsvergadering.',
      '2 Adviezen',
      `Vervoer ${HOSTILE}`,
      'Rijd op tijd',
      'overgenomen',
      'Per 1 juni rijdt de bus op tijd.',
      'niet overgenomen',
      '3 Toezeggingen',
      'Nieuwe dienstregeling',
      '1 juni 2025',
      'nagekomen',
      '4 Bijeenkomsten',
      '4.1 Wijkbijeenkomsten',
      'Wijkavond Noord',
      '34',
      '4.2 Raadsvergaderingen',
      '15 januari 2025',
      '5 Het eigen werk van de raad',
      '5.1 Jaarplanning',
      'maart',
      'Beleidsplan vervoer',
      '5.2 Acties uit de raadsvergaderingen',
      'Uitnodiging wijkavond versturen',
    ])
      expect(text).toContain(expected);
    for (const absent of ['Vorig jaar', 'Wijkavond van 2024']) expect(text).not.toContain(absent);
    // Numbering in order.
    const order = ['1 Het jaar', '2 Adviezen', '2.1 ', '3 Toezeggingen', '4 Bijeenkomsten', '4.1 ', '4.2 ', '5 Het eigen', '5.1 ', '5.2 '].map((part) => text.indexOf(part));
    for (const [index, at] of order.entries()) expect(at, String(index)).toBeGreaterThan(index === 0 ? -1 : order[index - 1]!);
    // The first page as an image, looked at in review; it is a real page of text.
    const png = await renderPdfPageToPng(rendered.pdf, path.join(core.dir, 'jaarverslag.png'));
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env.KEEP_REVIEW_PNG) writeFileSync(process.env.KEEP_REVIEW_PNG, readFileSync(png));
  }, 180_000);

  it('CLI: jaarverslag <jaar> <bestand.docx> writes the same report; a bad year is refused in Dutch', async () => {
    const target = path.join(core.dir, 'jaarverslag-cli.docx');
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args, '--db', core.databasePath], { cwd: process.cwd(), timeout: 60_000 });
    const written = await cli('jaarverslag', '2025', target);
    expect(written.stdout).toContain(t('annualReport.cliWritten', { year: 2025, file: target }));
    expect((await renderDocx(readFileSync(target))).text).toContain('Nieuwe dienstregeling');
    const refused = await cli('jaarverslag', 'twintig', target).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain(t('annualReport.yearInvalid'));
    expect((await core.failure('jobs.start', { kind: 'annualReport', params: { year: 'dit jaar' } })).code).toBe('VALIDATION');
  }, 180_000);
});

/*
 * The figures (1.1 positions per year, 1.2 commitments per year) on a council with several years of
 * data, built with a fixed "today" (2025-09-01) so "te laat" and "open" do not move with the clock.
 *
 * Positions (recommendations by year of sending; 2019 is more than five years back and stays out,
 * 2021 has nothing so the figure starts at 2022, 2023 is an empty year in between):
 *   2022: overgenomen 1, deels overgenomen 1, no answer 1            = 3
 *   2024: overgenomen 1, niet 1, wordt onderzocht 1, geen standpunt 1 = 4
 *   2025: overgenomen 2                                               = 2
 * Commitments (by year of the due date; 2020 stays out):
 *   2021: nagekomen 1; 2022: nagekomen 1, niet nagekomen 1; 2023: none;
 *   2024: te laat 1 (open, due 2024-05-01), vervallen 1;
 *   2025: nagekomen 1, lopend 1 (due 2025-12-01), open 1 (due 2025-11-01), te laat 1 (open, due 2025-06-01)
 */
describe('the jaarverslag figures over the years', () => {
  let years: TestCore;
  const TODAY = '2025-09-01';

  beforeAll(async () => {
    years = await createTestCore();
    await years.value('council.update', RESPONSE_COUNCIL);
    const answered = async (betreft: string, sentOn: string, positions: (string | null)[], kenmerk: string) => {
      const advice = await sentAdvice(years, betreft, sentOn, positions.map((_position, index) => `Aanbeveling ${index + 1} van ${betreft}`), kenmerk);
      await years.value('responses.record', { adviceId: advice.id, receivedOn: sentOn, kenmerk: `GEM-${kenmerk}`, summary: 'Reactie.' });
      const items = advice.sections[1]!.items.filter((item) => item.kind === 'aanbeveling');
      for (const [index, position] of positions.entries()) if (position) await years.value('responses.setPosition', { itemId: items[index]!.id, position, collegeText: '' });
      return advice;
    };
    const old = await answered('Oud advies', '2019-05-01', ['overgenomen'], 'A-2019');
    const a2022 = await answered('Advies 2022', '2022-04-12', ['overgenomen', 'deels_overgenomen', null], 'A-2022');
    const a2024 = await answered('Advies 2024', '2024-02-20', ['overgenomen', 'niet_overgenomen', 'wordt_onderzocht', 'geen_standpunt'], 'A-2024');
    const a2025 = await answered('Advies 2025', '2025-03-03', ['overgenomen', 'overgenomen'], 'A-2025');
    const commitment = (adviceId: string, description: string, dueOn: string, status: string) =>
      years.value('commitments.create', { adviceId, description, owner: 'Wethouder', dueOn, status });
    await commitment(old.id, 'Van 2020', '2020-06-01', 'nagekomen');
    await commitment(old.id, 'Van 2021', '2021-06-01', 'nagekomen');
    await commitment(a2022.id, 'Nagekomen 2022', '2022-09-01', 'nagekomen');
    await commitment(a2022.id, 'Niet nagekomen 2022', '2022-10-01', 'niet_nagekomen');
    await commitment(a2024.id, 'Te laat 2024', '2024-05-01', 'open');
    await commitment(a2024.id, 'Vervallen 2024', '2024-07-01', 'vervallen');
    await commitment(a2025.id, 'Nagekomen 2025', '2025-03-01', 'nagekomen');
    await commitment(a2025.id, 'Lopend 2025', '2025-12-01', 'lopend');
    await commitment(a2025.id, 'Open 2025', '2025-11-01', 'open');
    await commitment(a2025.id, 'Te laat 2025', '2025-06-01', 'open');
  }, 120_000);
  afterAll(async () => years.dispose());

  it('draws two charts (PNG, print size, Dutch alt text) whose tables hold the seeded counts; LibreOffice shows headings and numbers', async () => {
    const { bytes } = await buildAnnualReport(years.db, 2025, TODAY);
    const zip = await JSZip.loadAsync(bytes);
    const images = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(images).toHaveLength(2);
    for (const image of images) {
      const png = await zip.file(image)!.async('nodebuffer');
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), image).toBe(true);
      const size = pngSize(png);
      // Drawn 800 units wide at twice that for print; a landscape chart, not a sliver and not a poster.
      expect(size.width, image).toBe(1600);
      expect(size.height, image).toBeGreaterThan(600);
      expect(size.height, image).toBeLessThan(size.width);
    }
    // Each image's alt text (wp:docPr descr) says in Dutch what it shows, year by year.
    const documentXml = await zip.file('word/document.xml')!.async('string');
    const descriptions = [...documentXml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((match) => match[1]!);
    expect(descriptions).toHaveLength(2);
    expect(descriptions[0]).toContain(`Staafdiagram: ${t('annualReport.positionsChart')}, 2022 tot en met 2025.`);
    expect(descriptions[0]).toContain('2022: 3 in totaal (1 overgenomen, 1 deels overgenomen, 1 ');
    expect(descriptions[0]).toContain('2023: geen.');
    expect(descriptions[0]).toContain('2025: 2 in totaal (2 overgenomen).');
    expect(descriptions[1]).toContain(`Staafdiagram: ${t('annualReport.commitmentsChart')}, 2021 tot en met 2025.`);
    expect(descriptions[1]).toContain('2024: 2 in totaal (1 te laat, 1 vervallen).');
    expect(descriptions[1]).toContain('2025: 4 in totaal (1 nagekomen, 1 lopend, 1 open, 1 te laat).');

    const rendered = await renderDocx(bytes);
    const text = rendered.text;
    const inOrder = (...parts: string[]) => {
      let from = 0;
      for (const part of parts) {
        const at = text.indexOf(part, from);
        expect(at, `${part} (after position ${from})`).toBeGreaterThanOrEqual(0);
        from = at + part.length;
      }
    };
    // Each table has the chart's shape: a column per year, a row per legend entry, then the totals (the bars' heights).
    inOrder(
      '1.1 Standpunten van het college per jaar',
      'Figuur 1.',
      'Tabel 1. De cijfers van figuur 1',
      'Standpunt 2022 2023 2024 2025',
      'overgenomen 1 0 1 2',
      'deels overgenomen 1 0 0 0',
      'niet overgenomen 0 0 1 0',
      'wordt onderzocht 0 0 1 0',
      'geen standpunt 0 0 1 0',
      `${t('responses.position.none')} 1 0 0 0`,
      'Totaal 3 0 4 2',
    );
    inOrder(
      '1.2 Toezeggingen per jaar',
      'Figuur 2.',
      'Tabel 2. De cijfers van figuur 2',
      'Stand van de toezegging 2021 2022 2023 2024 2025',
      'nagekomen 1 1 0 0 1',
      'lopend 0 0 0 0 1',
      'open 0 0 0 0 1',
      'te laat 0 0 0 1 1',
      'niet nagekomen 0 1 0 0 0',
      'vervallen 0 0 0 1 0',
      'Totaal 1 2 0 2 4',
      '2 Adviezen',
    );
    for (const absent of ['2019', '2020']) expect(text.slice(0, text.indexOf('2 Adviezen'))).not.toContain(absent);
    // The charts' page as an image, to look at in review (KEEP_REVIEW_PNG=<file>.png).
    const page = rendered.layout.split('\f').findIndex((pageText) => pageText.includes('Figuur 1.'));
    const png = await renderPdfPageToPng(rendered.pdf, path.join(years.dir, 'jaarverslag-figuren.png'), page + 1);
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env.KEEP_REVIEW_PNG) writeFileSync(process.env.KEEP_REVIEW_PNG, readFileSync(png));
  }, 180_000);

  it('with nothing in the five years: a sentence per figure instead of an empty chart, and no image', async () => {
    const { bytes } = await buildAnnualReport(years.db, 2012, TODAY);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toEqual([]);
    const text = (await renderDocx(bytes)).text;
    expect(text).toContain(`1.1 Standpunten van het college per jaar ${t('annualReport.positionsIntro')} ${t('annualReport.positionsEmpty', { from: 2008, to: 2012 })}`);
    expect(text).toContain(`1.2 Toezeggingen per jaar ${t('annualReport.commitmentsIntro')} ${t('annualReport.commitmentsEmpty', { from: 2008, to: 2012 })}`);
    expect(text).not.toContain('Figuur');
    expect(text).not.toContain('Tabel');
  }, 180_000);
});
