import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { RESPONSE_COUNCIL } from '../helpers/responses';

/**
 * Issue 7: "a finding that contains <script> shows as text in every screen and in every .docx".
 * Every document the app writes gets user text with markup, entities and XML-looking input; each
 * must show it literally (rendered by LibreOffice) and hold it escaped in its XML, never as markup.
 */
const HOSTILE = `<script>alert("x")</script> & <b>vet</b> ]]> &amp;`;

let core: TestCore;
let meetingId: string;
let adviceId: string;
let periodKey: string;

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  const meeting = await core.value('meetings.create', { title: `Avond ${HOSTILE}`, date: '2025-03-04', notes: `Notitie ${HOSTILE}`, tables: [{ theme: `Tafel ${HOSTILE}` }] });
  meetingId = meeting.id;
  const finding = await core.value('findings.create', { meetingId, themeTableId: meeting.tables[0]!.id, text: `Inbreng ${HOSTILE}` });

  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: `Betreft ${HOSTILE}`, adviceDate: '2025-04-01' });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: `Aanbevelingen ${HOSTILE}` });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: `Aanbeveling ${HOSTILE}`, findingIds: [finding.id] });
  await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2025-04-01' });
  advice = await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2025-04-02' });
  adviceId = advice.id;
  const item = advice.sections[0]!.items[0]!;
  await core.value('responses.record', { adviceId, receivedOn: '2025-05-10', summary: `Reactie ${HOSTILE}` });
  await core.value('responses.setPosition', { itemId: item.id, position: 'overgenomen', collegeText: `College ${HOSTILE}` });
  await core.value('commitments.create', { adviceId, description: `Toezegging ${HOSTILE}`, dueOn: '2025-09-01', itemIds: [item.id] });
  await core.value('followup.add', { itemId: item.id, entryOn: '2025-06-15', text: `Opvolging ${HOSTILE}` });

  const team = await core.value('wijkteams.create', { name: `Team ${HOSTILE}` });
  const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
  periodKey = '2026-K2';
  await core.value('assessments.save', { wijkteamId: team.id, criterionId: avi.criteria[0]!.id, periodKey, value: 3, evidence: `Bron ${HOSTILE}` });
}, 60_000);
afterAll(async () => core.dispose());

async function jobFile(kind: string, params: Record<string, unknown>): Promise<Buffer> {
  const started = await core.value('jobs.start', { kind, params } as never);
  const done = await core.jobs.wait(started.id);
  expect(done.state, done.message).toBe('done');
  return readFileSync(String(done.result!.path));
}

async function expectLiteral(bytes: Buffer, labels: string[]): Promise<void> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  expect(xml).not.toContain('<script>');
  expect(xml).not.toContain('<b>vet');
  expect(xml).toContain('&lt;script&gt;alert(');
  const flat = (await renderDocx(bytes)).text;
  for (const label of labels) expect(flat, label).toContain(`${label} ${HOSTILE}`);
}

describe('user text with markup in every .docx', () => {
  it('the meeting report', async () => {
    await expectLiteral(await jobFile('meetingReport', { meetingId, includePersonalData: false }), ['Avond', 'Notitie', 'Inbreng']);
  }, 60_000);

  it('the advice letter with its annex', async () => {
    const file = await core.value('advices.exportDocx', { id: adviceId, annex: true });
    await expectLiteral(Buffer.from(file.bytesBase64!, 'base64'), ['Betreft', 'Aanbevelingen', 'Aanbeveling', 'Inbreng']);
  }, 60_000);

  it('the adviezenoverzicht', async () => {
    const file = await core.jobFile(await core.value('reports.adviezenoverzicht', { year: 2025, format: 'docx' }));
    // Positions and commitments sit in narrow table cells, where the rendered text wraps between
    // columns; their escaping is proven by the XML check, their text by the letter and terugkoppeling.
    await expectLiteral(Buffer.from(file.bytesBase64!, 'base64'), ['Betreft', 'Reactie']);
  }, 60_000);

  it('the terugkoppeling', async () => {
    const file = await core.jobFile(await core.value('reports.terugkoppeling', { meetingId }));
    await expectLiteral(Buffer.from(file.bytesBase64!, 'base64'), ['Inbreng', 'Aanbeveling', 'College', 'Toezegging', 'Opvolging']);
  }, 60_000);

  it('the monitoring report', async () => {
    await expectLiteral(await jobFile('monitoringReport', { periodKey }), ['Team']);
  }, 60_000);
});
