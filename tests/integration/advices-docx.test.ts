import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdviceDetail } from '../../shared/api/advices';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { seedEvidence } from '../helpers/evidence';

function unzipEntry(zip: Buffer, entry: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-zip-'));
  try {
    writeFileSync(path.join(dir, 'file.docx'), zip);
    return execFileSync('unzip', ['-p', path.join(dir, 'file.docx'), entry], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let core: TestCore;
let advice: AdviceDetail;
let earlier: AdviceDetail;

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', {
    name: 'Adviesraad Wmo Leiden',
    municipality: 'Leiden',
    defaultAddressee: 'College van burgemeester en wethouders\nPostbus 9100\n2300 PC Leiden',
    postalAddress: 'Stadhuisplein 1\n2311 EJ Leiden',
    signatories: [
      { name: 'Anna de Vries', role: 'voorzitter' },
      { name: 'Bert Jansen', role: 'secretaris' },
    ],
    kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
  });
  const evidence = await seedEvidence(core.db, { meetings: 12, signalMeetings: 7 });
  earlier = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg', adviceDate: '2014-02-10' });
  advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid van de sociale wijkteams', adviceDate: '2014-09-25', withDefaultSections: true });
  advice = await core.value('advices.update', {
    id: advice.id,
    referenceIds: [earlier.id],
    openingText: 'Op twaalf wijkbijeenkomsten spraken wij met inwoners over de wijkteams.',
    closingText: 'Wij zien uw reactie graag binnen zes weken tegemoet.',
    cc: ['Gemeenteraad van Leiden'],
  });
  const [bevindingen, conclusies, aanbevelingen] = advice.sections.map((section) => section.id);
  advice = await core.value('advices.addItem', { sectionId: bevindingen!, kind: 'bevinding', text: 'Het wijkteam is telefonisch slecht bereikbaar.', signalIds: [evidence.signalId], showMentions: true });
  advice = await core.value('advices.addItem', { sectionId: bevindingen!, kind: 'bevinding', text: 'Inwoners weten niet waar het wijkteam zit:\n- niet in de wijkkrant\n- niet op de website' });
  advice = await core.value('advices.addItem', { sectionId: conclusies!, kind: 'conclusie', text: 'De bereikbaarheid schiet tekort.' });
  advice = await core.value('advices.addItem', { sectionId: aanbevelingen!, kind: 'aanbeveling', text: 'Open een dagelijks telefonisch spreekuur.', relatedItemIds: [advice.sections[1]!.items[0]!.id] });
});
afterAll(async () => core.dispose());

describe('the advice letter (.docx)', () => {
  it('renders in LibreOffice as a letter: letterhead, date in Dutch, kenmerk, Betreft, numbered sections and items, signatories, page footer', async () => {
    const exported = await core.value('advices.exportDocx', { id: advice.id });
    const bytes = Buffer.from(exported.bytesBase64!, 'base64');
    expect(exported.fileName).toBe(`${advice.kenmerk} Bereikbaarheid van de sociale wijkteams.docx`);
    const { text: body, pages } = await renderDocx(bytes);
    const inOrder = [
      'Adviesraad Wmo Leiden',
      'Stadhuisplein 1',
      'College van burgemeester en wethouders',
      '2300 PC Leiden',
      'Datum Leiden, 25 september 2014',
      `Kenmerk ${advice.kenmerk}`,
      'Betreft Bereikbaarheid van de sociale wijkteams',
      'Geacht college,',
      `In vervolg op ons advies van 10 februari 2014 (kenmerk ${earlier.kenmerk}) over ‘Mantelzorg’`,
      'Op twaalf wijkbijeenkomsten spraken wij',
      'I. Wat inwoners ons vertelden',
      'I.1 Het wijkteam is telefonisch slecht bereikbaar. (genoemd op 7 van 12 bijeenkomsten)',
      'I.2 Inwoners weten niet waar het wijkteam zit:',
      '• niet in de wijkkrant',
      '• niet op de website',
      '2. Conclusies',
      '2.1 De bereikbaarheid schiet tekort.',
      '3. Aanbevelingen',
      '3.1 Open een dagelijks telefonisch spreekuur. (zie 2.1)',
      'Wij zien uw reactie graag binnen zes weken tegemoet.',
      'Met vriendelijke groet,',
      'Anna de Vries',
      'voorzitter',
      'Afschrift aan:',
      'Gemeenteraad van Leiden',
    ];
    let at = 0;
    for (const expected of inOrder) {
      const found = body.indexOf(expected, at);
      expect(found, `"${expected}" after position ${at} in:\n${body}`).toBeGreaterThanOrEqual(0);
      at = found + expected.length;
    }
    expect(body).toContain('Bert Jansen');
    expect(body).toContain('secretaris');
    expect(body).toContain(`pagina 1 van ${pages}`);
    // Numbers are text, not Word list numbering: no paragraph of the body uses a numbering definition.
    const documentXml = unzipEntry(bytes, 'word/document.xml');
    expect(documentXml).toContain('I.1');
    expect(documentXml).not.toContain('<w:numPr>');
  }, 120_000);

  it('opens in a second reader (mammoth) without warnings', async () => {
    const exported = await core.value('advices.exportDocx', { id: advice.id });
    const result = await mammoth.extractRawText({ buffer: Buffer.from(exported.bytesBase64!, 'base64') });
    expect(result.messages).toEqual([]);
    expect(result.value).toContain('I.1\tHet wijkteam is telefonisch slecht bereikbaar.');
    expect(result.value).toContain('3.1\tOpen een dagelijks telefonisch spreekuur.');
    const html = await mammoth.convertToHtml({ buffer: Buffer.from(exported.bytesBase64!, 'base64') });
    expect(html.messages).toEqual([]);
  });

  it('adds an annex with the findings behind the advice, grouped by meeting', async () => {
    const exported = await core.value('advices.exportDocx', { id: advice.id, annex: true });
    const { text: body } = await renderDocx(Buffer.from(exported.bytesBase64!, 'base64'));
    expect(body).toContain('Bijlage: de inbreng waarop dit advies steunt');
    expect(body).toContain('Wijkbijeenkomst 1, 1 maart 2014');
    expect(body).toContain('Het wijkteam is moeilijk te bereiken (1) (bij I.1)');
    expect(body.indexOf('Wijkbijeenkomst 1,')).toBeLessThan(body.indexOf('Wijkbijeenkomst 7,'));
  }, 120_000);

  it('puts the council logo from the settings in the letterhead', async () => {
    const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const { updatedAt: _updatedAt, ...council } = await core.value('council.get');
    await core.value('council.update', { ...council, logoDataUrl: `data:image/png;base64,${onePixelPng}` });
    const exported = await core.value('advices.exportDocx', { id: advice.id });
    const bytes = Buffer.from(exported.bytesBase64!, 'base64');
    expect(unzipEntry(bytes, 'word/document.xml')).toContain('<w:drawing>');
    expect((await mammoth.convertToHtml({ buffer: bytes })).value).toContain('<img');
    await core.value('council.update', { ...council, logoDataUrl: '' });
  });

  it('writes the letter into exports/ under a name of its own, and makes a PDF with LibreOffice as a job', async () => {
    const first = await core.value('advices.exportDocx', { id: advice.id });
    const second = await core.value('advices.exportDocx', { id: advice.id });
    expect(path.dirname(first.path)).toBe(path.join(core.dir, 'exports'));
    expect(second.path).not.toBe(first.path);
    expect(readFileSync(first.path).equals(Buffer.from(first.bytesBase64, 'base64'))).toBe(true);
    const pdf = await core.jobFile(await core.value('advices.exportPdf', { id: advice.id }));
    expect(pdf.fileName).toMatch(/\.pdf$/);
    expect(path.dirname(String(pdf.job.result!.path))).toBe(path.join(core.dir, 'exports'));
    expect(Buffer.from(pdf.bytesBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});
