import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';

describe('meeting report (.docx through LibreOffice)', () => {
  let core: TestCore;
  let meetingId: string;
  beforeAll(async () => {
    core = await createTestCore();
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const meeting = await core.value('meetings.create', {
      title: 'Expertmeeting WIJ',
      date: '2026-09-25',
      startTime: '14:00',
      endTime: '16:30',
      format: 'expertmeeting',
      location: 'Stadhuis',
      attendeeCount: 23,
      wijkIds: [noord.id],
      tables: [{ theme: 'Toegang', facilitator: 'Karin' }, { theme: 'Cliëntondersteuning' }],
    });
    meetingId = meeting.id;
    const [toegang, client] = meeting.tables;
    await core.value('findings.create', { meetingId, themeTableId: client!.id, text: 'Onafhankelijke cliëntondersteuning is onbekend' });
    await core.value('findings.create', { meetingId, themeTableId: toegang!.id, text: 'Het WIJ-team is laagdrempelig' });
    await core.value('findings.create', { meetingId, themeTableId: toegang!.id, text: 'Mevrouw J. de Vries (Kerkstraat 4) wacht al maanden', containsPersonalData: true });
    await core.value('findings.create', { meetingId, themeTableId: toegang!.id, text: 'Wachttijden zijn te lang' });
    await core.value('findings.create', { meetingId, source: 'babbelbox', text: 'Meer terugkoppeling aan bewoners' });
  });
  afterAll(async () => {
    await core.dispose();
  });

  async function report(includePersonalData: boolean) {
    const started = await core.value('jobs.start', { kind: 'meetingReport', params: { meetingId, includePersonalData } });
    const job = await core.jobs.wait(started.id);
    expect(job.state).toBe('done');
    return renderDocx(readFileSync(String(job.result!.path)));
  }

  it('has the details and the findings numbered per table, without personal data', async () => {
    const { text: flat } = await report(false);
    expect(flat).toContain('Verslag: Expertmeeting WIJ');
    expect(flat).toContain('Datum: 25 september 2026, 14:00 – 16:30');
    expect(flat).toContain('Vorm: Expertmeeting');
    expect(flat).toContain('Wijken: Noord');
    expect(flat).toContain('Aantal deelnemers: 23');
    expect(flat).toContain('Thematafels: Toegang (Karin); Cliëntondersteuning');
    expect(flat).toMatch(/1\. Toegang 1\.1 Het WIJ-team is laagdrempelig 1\.2 Wachttijden zijn te lang 2\. Cliëntondersteuning 2\.1 Onafhankelijke cliëntondersteuning is onbekend 3\. Overige inbreng 3\.1 Meer terugkoppeling aan bewoners/);
    expect(flat).not.toContain('De Vries');
    expect(flat).toContain('1 punt met persoonsgegevens is niet opgenomen in dit verslag.');
  });

  it('includes personal data only when asked, with a warning', async () => {
    const { text: flat } = await report(true);
    expect(flat).toMatch(/1\.2 Mevrouw J\. de Vries \(Kerkstraat 4\) wacht al maanden 1\.3 Wachttijden zijn te lang/);
    expect(flat).toContain('dit verslag bevat inbreng met persoonsgegevens');
  });
});
