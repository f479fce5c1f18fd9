import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { RESPONSE_COUNCIL } from '../helpers/responses';

let core: TestCore;
let programmeId: string;
let meetingId: string;

/** A programme with a meeting, findings (one with personal data), a signal, and a sent advice that used them, answered. */
beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  const programme = await core.value('programmes.create', { name: 'Wijkgesprekken 2025' });
  programmeId = programme.id;
  const meeting = await core.value('meetings.create', { title: 'Wijkbijeenkomst Oosterpark', date: '2025-03-04', programmeId });
  meetingId = meeting.id;
  const phone = await core.value('findings.create', { text: 'Het wijkteam neemt de telefoon niet op', meetingId });
  const waiting = await core.value('findings.create', { text: 'Lange wachttijd voor huishoudelijke hulp', meetingId });
  await core.value('findings.create', { text: 'Mevrouw Jansen van nummer 12 krijgt geen hulp', meetingId, containsPersonalData: true });
  await core.value('findings.create', { text: 'Te weinig bankjes in het park', meetingId });
  const signal = await core.value('signals.create', { title: 'Wachttijden', findingIds: [waiting.id] });

  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Bereikbaarheid van de wijkteams', adviceDate: '2025-04-01' });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Open een telefonisch spreekuur', findingIds: [phone.id] });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Publiceer de wachttijden', signalIds: [signal.id] });
  await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2025-04-01' });
  advice = await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2025-04-02' });
  const [spreekuur, wachttijden] = advice.sections[0]!.items;
  await core.value('responses.record', { adviceId: advice.id, receivedOn: '2025-05-10', kenmerk: 'GR-25-88', summary: 'Het college neemt het advies deels over.' });
  await core.value('responses.setPosition', { itemId: spreekuur!.id, position: 'overgenomen', collegeText: 'Vanaf juni is er elke dinsdag een spreekuur.' });
  await core.value('responses.setPosition', { itemId: wachttijden!.id, position: 'niet_overgenomen' });
  await core.value('commitments.create', { adviceId: advice.id, description: 'Spreekuur in alle wijken', owner: 'Wethouder Zorg', dueOn: '2025-09-01', itemIds: [spreekuur!.id], status: 'nagekomen' });
  await core.value('followup.add', { itemId: spreekuur!.id, entryOn: '2025-06-15', text: 'Het eerste spreekuur is gehouden in het buurthuis.' });
  await core.value('followup.add', { itemId: spreekuur!.id, entryOn: '2025-06-20', text: 'Dhr. Pietersen (Hoofdweg 3) kwam er niet binnen.', containsPersonalData: true });
  await core.value('advices.create', { kind: 'gevraagd', betreft: 'Beleidsplan mantelzorg', adviceDate: '2025-10-01' });
}, 60_000);
afterAll(async () => core.dispose());

describe('adviezenoverzicht', () => {
  it('lists every advice of the year with status, positions and commitments in .docx', async () => {
    const file = await core.jobFile(await core.value('reports.adviezenoverzicht', { year: 2025, format: 'docx' }));
    expect(file.fileName).toBe('Adviezenoverzicht 2025.docx');
    const { text: flat } = await renderDocx(Buffer.from(file.bytesBase64!, 'base64'));
    expect(flat).toContain('Adviezenoverzicht 2025');
    expect(flat).toContain('Aantal adviezen: 2.');
    expect(flat).toContain('Bereikbaarheid van de wijkteams');
    expect(flat).toContain('Status: reactie ontvangen');
    expect(flat).toContain('Beleidsplan mantelzorg');
    expect(flat).toContain('Status: concept');
    // Table rows in document order: a cell's wrapped lines stay together, whatever the fonts.
    expect(flat).toContain('1.1 Open een telefonisch spreekuur overgenomen Vanaf juni');
    expect(flat).toContain('1.2 Publiceer de wachttijden niet overgenomen');
    expect(flat).toMatch(/Spreekuur in alle wijken Wethouder Zorg 1 september 2025 nagekomen/);
  }, 120_000);

  it('gives the same in .xlsx, read back with exceljs', async () => {
    const file = await core.jobFile(await core.value('reports.adviezenoverzicht', { year: 2025, format: 'xlsx' }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytesBase64!, 'base64') as unknown as ArrayBuffer);
    const advices = workbook.getWorksheet('Adviezen')!;
    expect(advices.rowCount).toBe(3);
    const header = (advices.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('overgenomen');
    const row = advices.getRow(2).values as unknown[];
    expect(row[2]).toBe('Bereikbaarheid van de wijkteams');
    expect(row[4]).toBe('reactie ontvangen');
    expect(row[8]).toBe(2);
    expect(row[9]).toBe(1);
    expect(row[11]).toBe(1);
    const recommendations = workbook.getWorksheet('Aanbevelingen')!;
    expect((recommendations.getRow(2).values as unknown[]).slice(1)).toEqual(['ASD-2025-001', '1.1', 'Open een telefonisch spreekuur', 'overgenomen', 'Vanaf juni is er elke dinsdag een spreekuur.', '']);
    const commitments = workbook.getWorksheet('Toezeggingen')!;
    expect((commitments.getRow(2).values as unknown[]).slice(1)).toEqual(['ASD-2025-001', 'Spreekuur in alle wijken', 'Wethouder Zorg', '2025-09-01', 'nagekomen']);
  });
});

describe('as a job', () => {
  it('writes the report into exports/ beside the database, with progress', async () => {
    const started = await core.value('jobs.start', { kind: 'responsesReport', params: { report: 'adviezenoverzicht', year: 2025, format: 'xlsx' } });
    const done = await core.jobs.wait(started.id);
    expect(done.state, done.message).toBe('done');
    const written = String(done.result!.path);
    // Never over an earlier export: a taken name gets a number.
    expect(path.dirname(written)).toBe(path.join(core.dir, 'exports'));
    expect(path.basename(written)).toMatch(/^Adviezenoverzicht 2025( \(\d+\))?\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(written) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Adviezen')!.rowCount).toBe(3);
    expect(existsSync(`${written}.deel`)).toBe(false);

    const refused = await core.failure('jobs.start', { kind: 'responsesReport', params: { report: 'terugkoppeling' } });
    expect(refused.code).toBe('VALIDATION');
  }, 60_000);
});

describe('terugkoppeling', () => {
  it('follows each finding to the advice, the college and what happened since, leaving out personal data', async () => {
    for (const scope of [{ meetingId }, { programmeId }]) {
      const file = await core.jobFile(await core.value('reports.terugkoppeling', scope));
      const { text: flat } = await renderDocx(Buffer.from(file.bytesBase64!, 'base64'));
      expect(flat).toContain('Wat is er gedaan met uw inbreng?');
      expect(flat).toContain(`wat de ${RESPONSE_COUNCIL.name} ermee heeft gedaan`);
      expect(flat).toContain('U zei: "Het wijkteam neemt de telefoon niet op"');
      expect(flat).toContain('punt 1.1, schreven wij: Open een telefonisch spreekuur');
      expect(flat).toContain('De gemeente heeft dit overgenomen. Vanaf juni is er elke dinsdag een spreekuur.');
      expect(flat).toContain('De gemeente beloofde: Spreekuur in alle wijken');
      expect(flat).toContain('Het eerste spreekuur is gehouden in het buurthuis.');
      // Through the signal.
      expect(flat).toMatch(/Lange wachttijd voor huishoudelijke hulp.*Publiceer de wachttijden.*De gemeente heeft dit niet overgenomen/);
      expect(flat).toMatch(/Te weinig bankjes in het park.*nog niet in een advies/);
      expect(flat).not.toContain('Mevrouw Jansen');
      expect(flat).not.toContain('Pietersen');
      expect(flat).toContain('Let op: 1 aantekening over de opvolging staat niet in dit overzicht, omdat die gegevens over personen bevat.');
      expect(flat).toContain('1 punt staat niet in dit overzicht, omdat het gegevens over personen bevat');
    }
  }, 180_000);

  it('follows a point through "Volgt uit" to the recommendation it led to, with the college\'s position and the commitment', async () => {
    const meeting = await core.value('meetings.create', { title: 'Wijkbijeenkomst Zuid', date: '2024-02-06' });
    const point = await core.value('findings.create', { text: 'De bus naar het gezondheidscentrum rijdt niet meer', meetingId: meeting.id });
    let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer in Zuid', adviceDate: '2024-03-01', withDefaultSections: true });
    const [bevindingen, conclusies, aanbevelingen] = advice.sections.map((section) => section.id);
    advice = await core.value('advices.addItem', { sectionId: bevindingen!, kind: 'bevinding', text: 'Inwoners kunnen het gezondheidscentrum niet bereiken', findingIds: [point.id] });
    advice = await core.value('advices.addItem', { sectionId: conclusies!, kind: 'conclusie', text: 'Zorg is in Zuid slecht bereikbaar', relatedItemIds: [advice.sections[0]!.items[0]!.id] });
    advice = await core.value('advices.addItem', { sectionId: aanbevelingen!, kind: 'aanbeveling', text: 'Zet een buurtbus in', relatedItemIds: [advice.sections[1]!.items[0]!.id] });
    const recommendation = advice.sections[2]!.items[0]!;
    expect(recommendation.number).toBe('3.1');
    await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2024-03-01' });
    await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2024-03-02' });
    await core.value('responses.record', { adviceId: advice.id, receivedOn: '2024-04-10', summary: 'Het college neemt de aanbeveling over.' });
    await core.value('responses.setPosition', { itemId: recommendation.id, position: 'overgenomen', collegeText: 'Vanaf mei rijdt er een buurtbus.' });
    await core.value('commitments.create', { adviceId: advice.id, description: 'Buurtbus Zuid', owner: 'Wethouder Vervoer', dueOn: '2024-05-01', itemIds: [recommendation.id], status: 'lopend' });

    const file = await core.jobFile(await core.value('reports.terugkoppeling', { meetingId: meeting.id }));
    const { text: flat } = await renderDocx(Buffer.from(file.bytesBase64!, 'base64'));
    expect(flat).toContain('U zei: "De bus naar het gezondheidscentrum rijdt niet meer"');
    expect(flat).toMatch(/punt I\.1, schreven wij: Inwoners kunnen het gezondheidscentrum niet bereiken/);
    expect(flat).toContain('Via I.1 leidde dit tot punt 2.1: Zorg is in Zuid slecht bereikbaar');
    expect(flat).toMatch(/Via I\.1 en 2\.1 leidde dit tot punt 3\.1: Zet een buurtbus in\s+De gemeente heeft dit overgenomen\. Vanaf mei rijdt er een buurtbus\./);
    expect(flat).toContain('De gemeente beloofde: Buurtbus Zuid');
  }, 120_000);

  it('says "de adviesraad" when no council name is set, never the product name', async () => {
    const fresh = await createTestCore();
    try {
      const meeting = await fresh.value('meetings.create', { title: 'Wijkbijeenkomst Zuid', date: '2025-03-04' });
      await fresh.value('findings.create', { text: 'Te weinig bankjes in het park', meetingId: meeting.id });
      const file = await fresh.jobFile(await fresh.value('reports.terugkoppeling', { meetingId: meeting.id }));
      const { text: flat } = await renderDocx(Buffer.from(file.bytesBase64!, 'base64'));
      expect(flat).toContain('wat de adviesraad ermee heeft gedaan');
      expect(flat).not.toContain('Advieswerk ermee');
    } finally {
      await fresh.dispose();
    }
  }, 180_000);

  it('refuses without a scope or with an unknown meeting', async () => {
    const none = await core.failure('reports.terugkoppeling', {});
    expect(none.code).toBe('VALIDATION');
    expect(none.message).toContain('Kies een bijeenkomst of een programma');
    const unknown = await core.failure('reports.terugkoppeling', { meetingId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.code).toBe('NOT_FOUND');
  });
});
