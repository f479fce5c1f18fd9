import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { t } from '../../shared/i18n';

// Sending an advice archives its letter as PDF/A-2b beside the frozen .docx: a job after the status
// change (real LibreOffice), or later by `advices.archivePdf` when LibreOffice was missing.

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore({ archiveSentLetters: true });
  await core.value('council.update', RESPONSE_COUNCIL);
}, 60_000);
afterAll(async () => core.dispose());

function xmpOf(pdf: Buffer): string {
  const plain = pdf.toString('latin1');
  if (plain.includes('pdfaid:part')) return plain;
  for (const match of plain.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      const text = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('utf8');
      if (text.includes('pdfaid')) return text;
    } catch {
      // not a Flate stream
    }
  }
  return '';
}

/** Sends an advice and returns the archive job its status change started. */
async function sendAndArchive(betreft: string, sentOn: string, recommendations: string[]) {
  const before = new Set((await core.value('jobs.list')).map((job) => job.id));
  const advice = await sentAdvice(core, betreft, sentOn, recommendations);
  const started = (await core.value('jobs.list')).filter((job) => job.kind === 'archivePdf' && !before.has(job.id));
  expect(started).toHaveLength(1);
  return { advice, job: await core.jobs.wait(started[0]!.id) };
}

describe('the archived PDF/A of a sent letter', () => {
  it('is made after sending, is PDF/A-2b with embedded fonts, and is what exportPdf hands over', async () => {
    const { advice, job } = await sendAndArchive('Archief van de brief', '2025-05-01', ['Bewaar elke brief als PDF/A']);
    expect(advice.status).toBe('verzonden');
    expect(job.state, job.message).toBe('done');
    const stored = await core.value('advices.get', { id: advice.id });
    const sha = stored.versions[0]!.pdfSha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);

    const file = await core.jobFile(await core.value('advices.exportPdf', { id: advice.id }));
    const pdf = Buffer.from(file.bytesBase64, 'base64');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha);
    const xmp = xmpOf(pdf);
    expect(xmp).toMatch(/pdfaid:part(>|=")2/);
    expect(xmp).toMatch(/pdfaid:conformance(>|=")B/);
    const target = path.join(core.dir, 'archief.pdf');
    writeFileSync(target, pdf);
    const fonts = execFileSync('pdffonts', [target], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).slice(-5)[0], line).toBe('yes');
    expect(execFileSync('pdftotext', [target, '-'], { encoding: 'utf8' })).toContain('Bewaar elke brief als PDF/A');

    // Written once, like the version it belongs to.
    await expect(sql`update advice_version_pdfs set pdf_sha256 = ${'x'}`.execute(core.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from advice_version_pdfs`.execute(core.db)).rejects.toThrow(/append-only/);
    // Asking again leaves the archive as it is.
    const again = await core.jobs.wait((await core.value('advices.archivePdf', { id: advice.id })).id);
    expect(again.state).toBe('done');
    expect((await core.value('advices.get', { id: advice.id })).versions[0]!.pdfSha256).toBe(sha);
  }, 240_000);

  it('without LibreOffice the sending still succeeds, the job says so in Dutch, and the PDF/A is made later', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let advice;
    try {
      const sent = await sendAndArchive('Zonder LibreOffice', '2025-06-01', ['Maak de PDF/A later']);
      advice = sent.advice;
      const job = sent.job;
      expect(job.state).toBe('failed');
      expect(job.message).toContain(t('advices.archivePdfUnavailable'));
    } finally {
      process.env.PATH = path;
    }
    expect(advice.status).toBe('verzonden');
    expect((await core.value('advices.get', { id: advice.id })).versions[0]!.pdfSha256).toBeNull();
    const later = await core.jobs.wait((await core.value('advices.archivePdf', { id: advice.id })).id);
    expect(later.state, later.message).toBe('done');
    expect((await core.value('advices.get', { id: advice.id })).versions[0]!.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
  }, 240_000);

  it('refuses an advice that is not sent, in Dutch, and starts nothing', async () => {
    const concept = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Nog een concept', adviceDate: '2025-07-01' });
    const before = (await core.value('jobs.list')).length;
    const error = await core.failure('advices.archivePdf', { id: concept.id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(t('advices.archivePdfOnlySent'));
    expect((await core.value('jobs.list')).length).toBe(before);
  });
});
