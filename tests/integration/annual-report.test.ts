import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
