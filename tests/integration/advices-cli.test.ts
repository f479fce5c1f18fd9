import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, makeTempDir, type TestCore } from '../helpers/core';

const run = promisify(execFile);
let dir: string;
let databasePath: string;
let kenmerk: string;

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args, '--db', databasePath], { cwd: process.cwd(), timeout: 60_000 });
}

beforeAll(async () => {
  dir = makeTempDir();
  const core: TestCore = await createTestCore({ dir });
  databasePath = core.databasePath;
  await core.value('council.update', { name: 'Adviesraad Wmo Delft', kenmerkPattern: 'AR-{jaar}-{volgnummer}' });
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer naar de dagbesteding', adviceDate: '2026-03-02', withDefaultSections: true });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'conclusie', text: 'Het vervoer komt vaak te laat.' });
  kenmerk = advice.kenmerk;
  await core.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI for advices', () => {
  it('exports the letter, exports the JSON and imports it back', async () => {
    const docx = path.join(dir, 'brief.docx');
    const exported = await cli('export-docx', kenmerk.toLowerCase(), docx);
    expect(exported.stdout.trim()).toBe(docx);
    const text = await mammoth.extractRawText({ path: docx });
    expect(text.value).toContain('2.1\tHet vervoer komt vaak te laat.');

    const json = path.join(dir, 'advies.json');
    await cli('export-json', kenmerk, json);
    const file = JSON.parse(readFileSync(json, 'utf8')) as { format: string; advice: { betreft: string } };
    expect(file.format).toBe('advieswerk/advies');
    const imported = await cli('import-json', json);
    expect(imported.stdout).toContain('Ingelezen als AR-2026-002: Vervoer naar de dagbesteding');

    const missing = await cli('export-docx', 'BESTAAT-NIET', docx).catch((error: { code: number; stderr: string }) => error);
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toContain('Geen advies met kenmerk of id "BESTAAT-NIET"');
  }, 120_000);
});
