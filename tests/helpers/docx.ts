import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Whitespace-normalised text: every run of spaces, tabs, line and page breaks becomes one space.
 * Where LibreOffice wraps a line depends on the fonts installed, so document assertions compare
 * this, never line breaks or column positions.
 */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Renders .docx bytes the way a reader sees them: LibreOffice converts to PDF, pdftotext extracts
 * the text. `text` is in the document's own order (`-raw`: a table cell's wrapped lines stay
 * together instead of interleaving with the next cell's) with whitespace normalised, so it reads
 * the same whatever fonts decide about wrapping; assert on it. `layout` keeps pdftotext's page layout,
 * for looking at, not for assertions. Each call has its own LibreOffice profile, so parallel tests
 * do not lock each other.
 */
export async function renderDocx(bytes: Uint8Array | Buffer): Promise<{ text: string; layout: string; pdf: Buffer; pages: number }> {
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
    const { stdout: raw } = await run('pdftotext', ['-raw', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const { stdout: layout } = await run('pdftotext', ['-layout', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const pdf = readFileSync(pdfPath);
    const pages = (layout.match(/\f/g) ?? []).length || 1;
    return { text: normaliseWhitespace(raw), layout, pdf, pages };
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
