import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Renders .docx bytes the way a reader sees them: LibreOffice converts to PDF, pdftotext extracts
 * the text with its layout. Each call has its own LibreOffice profile, so parallel tests do not
 * lock each other.
 */
export async function renderDocx(bytes: Uint8Array | Buffer): Promise<{ text: string; pdf: Buffer; pages: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-docx-'));
  try {
    const docxPath = path.join(dir, 'document.docx');
    writeFileSync(docxPath, bytes);
    await run(
      'soffice',
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docxPath],
      { timeout: 120_000 },
    );
    const pdfPath = path.join(dir, 'document.pdf');
    const { stdout } = await run('pdftotext', ['-layout', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const pdf = readFileSync(pdfPath);
    const pages = (stdout.match(/\f/g) ?? []).length || 1;
    return { text: stdout, pdf, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders a PDF page to PNG (for looking at a letter in review); returns the PNG path. */
export async function renderPdfPageToPng(pdf: Buffer, outPath: string, page = 1): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-pdf-'));
  try {
    const pdfPath = path.join(dir, 'document.pdf');
    writeFileSync(pdfPath, pdf);
    const prefix = outPath.replace(/\.png$/, '');
    await run('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
    return `${prefix}.png`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
