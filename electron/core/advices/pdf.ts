import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';

const run = promisify(execFile);

/**
 * LibreOffice's PDF export as PDF/A-2b (`SelectPdfVersion` 2): fonts embedded, XMP metadata with
 * pdfaid:part 2 and conformance B, fit for archiving (JSON filter options: LibreOffice 7.4+).
 */
export const PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}';

/** A .docx converted to PDF/A-2b by LibreOffice in a private profile; `signal` (a cancelled job) ends soffice. */
export async function convertDocxToPdf(docx: Uint8Array, signal?: AbortSignal): Promise<Buffer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-pdf-'));
  try {
    const docxPath = path.join(dir, 'brief.docx');
    writeFileSync(docxPath, docx);
    try {
      await run('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', PDFA_FILTER, '--outdir', dir, docxPath], {
        timeout: 120_000,
        ...(signal ? { signal } : {}),
      });
      return readFileSync(path.join(dir, 'brief.pdf'));
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AppError('IO', t('advices.pdfUnavailable'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
