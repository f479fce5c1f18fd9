import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
}, 60_000);
afterAll(async () => core.dispose());

/** The XMP packet of a PDF: plain in the file, or in a Flate-compressed metadata stream. */
function xmpOf(pdf: Buffer): string {
  const plain = pdf.toString('latin1');
  if (plain.includes('pdfaid:part')) return plain;
  const streams = plain.matchAll(/stream\r?\n([\s\S]*?)endstream/g);
  for (const match of streams) {
    try {
      const text = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('utf8');
      if (text.includes('pdfaid')) return text;
    } catch {
      // not a Flate stream
    }
  }
  return '';
}

describe('exportPdf makes PDF/A-2b', () => {
  it('has pdfaid:part 2 and conformance B in its XMP, and every font embedded (pdffonts)', async () => {
    const advice = await sentAdvice(core, 'Toegankelijk archief', '2025-04-01', ['Bewaar de brief als PDF/A']);
    const file = await core.jobFile(await core.value('advices.exportPdf', { id: advice.id }));
    const pdf = Buffer.from(file.bytesBase64, 'base64');
    const xmp = xmpOf(pdf);
    expect(xmp).toMatch(/pdfaid:part(>|=")2/);
    expect(xmp).toMatch(/pdfaid:conformance(>|=")B/);
    const target = path.join(core.dir, 'brief.pdf');
    writeFileSync(target, pdf);
    const fonts = execFileSync('pdffonts', [target], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni object ID; "emb" must be yes for every font.
    for (const line of fonts) expect(line.split(/\s+/).slice(-5)[0], line).toBe('yes');
  }, 180_000);
});
