import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openCore } from '../../electron/core/core';
import { startHost, type RunningHost } from '../../electron/host/server';
import { contract, METHOD_NAMES } from '../../shared/api/contract';
import { createTestCore, makeTempDir, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 12, files: the API never takes a filesystem path from its caller. Exports are written by
 * the core into exports/ under a name it chooses; over HTTP a `path` is an unknown field.
 */
const TOKEN = 'files-token-0123456789abcdefghij';
let core: TestCore;
let host: RunningHost;
let adviceId: string;
let meetingId: string;

beforeAll(async () => {
  core = await createTestCore();
  host = await startHost({ core, token: TOKEN, port: 0, staticDir: core.dir });
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer', adviceDate: '2025-03-02' });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Conclusies' });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'conclusie', text: 'Het vervoer komt te laat.' });
  await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: '2025-03-03' });
  await core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: '2025-03-04' });
  adviceId = advice.id;
  meetingId = (await core.value('meetings.create', { title: 'Avond', date: '2025-02-01' })).id;
}, 60_000);
afterAll(async () => {
  await host.close();
  await core.dispose();
});

async function post(method: string, body: unknown): Promise<{ status: number; json: { ok: boolean; error?: { code: string; message: string } } }> {
  const reply = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: reply.status, json: (await reply.json()) as never };
}

function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('no method takes a filesystem path', () => {
  it('no input schema has a path, folder or target field', () => {
    const pathish = /^(path|.*Path|dir|.*Dir|folder|outFile|output)$/i;
    const found: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === 'properties' && value && typeof value === 'object') {
          for (const name of Object.keys(value)) if (pathish.test(name)) found.push(`${where}.${name}`);
        }
        walk(value, where);
      }
    };
    for (const method of METHOD_NAMES) walk(z.toJSONSchema(contract[method].input as z.ZodType, { unrepresentable: 'any', io: 'input' }), method);
    expect(found).toEqual([]);
  });

  it('refuses `path` as an unknown field over browser mode, and the live database stays intact', async () => {
    const before = (await storeFingerprint(core));
    core.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const fileBefore = fileHash(core.databasePath);
    const targets = [core.databasePath, 'advieswerk.sqlite', '../gestolen.docx', path.join(core.dir, 'exports', 'x.docx')];
    const calls: [string, Record<string, unknown>][] = [
      ['advices.exportDocx', { id: adviceId }],
      ['advices.exportDocx', { id: adviceId, annex: true }],
      ['advices.exportPdf', { id: adviceId }],
      ['responses.exportExchange', { adviceId }],
      ['reports.adviezenoverzicht', { year: 2025, format: 'docx' }],
      ['reports.terugkoppeling', { meetingId }],
    ];
    for (const [method, input] of calls) {
      for (const target of targets) {
        const reply = await post(method, { ...input, path: target });
        expect(reply.status, `${method} ${target}`).toBe(400);
        expect(reply.json.error?.code).toBe('VALIDATION');
      }
    }
    expect(fileHash(core.databasePath)).toBe(fileBefore);
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    expect(existsSync(path.join(process.cwd(), 'advieswerk.sqlite'))).toBe(false);
    expect(existsSync(path.join(process.cwd(), '..', 'gestolen.docx'))).toBe(false);
    expect(existsSync(path.join(core.dir, 'exports', 'x.docx'))).toBe(false);
    expect(core.jobs.list()).toEqual([]);
    // The database still takes writes that stay written.
    const wijk = await core.value('wijken.create', { name: 'Noord' });
    expect((await core.value('wijken.list')).map((row) => row.id)).toContain(wijk.id);
  }, 60_000);

  it('writes exports into exports/ under a name of its own, never over an earlier file', async () => {
    const exportsDir = path.join(core.dir, 'exports');
    const first = await core.value('advices.exportDocx', { id: adviceId });
    const second = await core.value('advices.exportDocx', { id: adviceId });
    const exchange = await core.value('responses.exportExchange', { adviceId });
    for (const file of [first, second, exchange]) {
      expect(path.dirname(file.path)).toBe(exportsDir);
      expect(readFileSync(file.path).equals(Buffer.from(file.bytesBase64, 'base64'))).toBe(true);
    }
    expect(second.fileName).not.toBe(first.fileName);
    expect(existsSync(first.path)).toBe(true);
    const report = await core.jobFile(await core.value('reports.adviezenoverzicht', { year: 2025, format: 'xlsx' }));
    expect(path.dirname(String(report.job.result!.path))).toBe(exportsDir);
    // Nothing half-written is left behind.
    expect(readdirSync(exportsDir).filter((name) => name.endsWith('.deel'))).toEqual([]);
    if (process.platform !== 'win32') {
      expect(statSync(exportsDir).mode & 0o777).toBe(0o700);
      for (const name of readdirSync(exportsDir)) expect(statSync(path.join(exportsDir, name)).mode & 0o777, name).toBe(0o600);
    }
  }, 120_000);

  it('makes the reports and the PDF as jobs, not inside the request', async () => {
    const started = await core.value('reports.terugkoppeling', { meetingId });
    expect(started.kind).toBe('responsesReport');
    const pdf = await core.value('advices.exportPdf', { id: adviceId });
    expect(pdf.kind).toBe('advicePdf');
    await core.jobs.wait(started.id);
    await core.jobs.wait(pdf.id);
    expect((await core.failure('advices.exportPdf', { id: '01900000-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');
  }, 120_000);
});

describe('backups.restore takes only the name of a regular file in backups/', () => {
  async function backupNow(of: TestCore): Promise<string> {
    const done = await of.jobs.wait((await of.value('backups.create')).id);
    expect(done.state, done.message).toBe('done');
    return String(done.result!.path);
  }

  it('refuses an absolute path over HTTP, a symlink and a FIFO in backups/, without hanging and changing nothing', async () => {
    const backup = await backupNow(core);
    const backupDir = path.dirname(backup);
    const before = (await storeFingerprint(core)).hash;

    // A real backup named by its full path: a path, so refused over the API.
    for (const file of [backup, path.join('..', 'backups', path.basename(backup)), `./${path.basename(backup)}`]) {
      const reply = await post('backups.restore', { file });
      expect(reply.status, file).toBe(400);
      expect(reply.json.error?.code).toBe('VALIDATION');
    }

    // A symlink with a backup's name, pointing at a sound backup elsewhere: not followed.
    const elsewhere = path.join(core.dir, 'elders.sqlite');
    copyFileSync(backup, elsewhere);
    const linkName = 'advieswerk-handmatig-2020-01-01T00-00-00-000Z.sqlite';
    symlinkSync(elsewhere, path.join(backupDir, linkName));
    const linked = await post('backups.restore', { file: linkName });
    expect(linked.json.error?.code).toBe('VALIDATION');
    expect(linked.json.error?.message).toContain('geen gewoon bestand');

    // A FIFO with a backup's name: refused at once (reading it would block the whole core).
    const fifoName = 'advieswerk-handmatig-2020-01-02T00-00-00-000Z.sqlite';
    execFileSync('mkfifo', [path.join(backupDir, fifoName)]);
    const fifo = await post('backups.restore', { file: fifoName });
    expect(fifo.json.error?.code).toBe('VALIDATION');
    // Neither is listed, and the list itself does not block on the FIFO.
    const listed = (await core.value('backups.list')).map((info) => info.file);
    expect(listed).toContain(path.basename(backup));
    expect(listed).not.toContain(linkName);
    expect(listed).not.toContain(fifoName);

    expect((await storeFingerprint(core)).hash).toBe(before);
    // The host still answers.
    expect((await post('wijken.list', {})).status).toBe(200);
  }, 60_000);

  it('lists and restores only the backups of its own database when two share a folder', async () => {
    const first = await createTestCore();
    const second = await openCore({ databasePath: path.join(first.dir, 'tweede.sqlite'), mode: 'cli', automaticBackups: false });
    try {
      await first.value('wijken.create', { name: 'Alleen in de eerste' });
      const firstBackup = await backupNow(first);
      expect(path.basename(firstBackup)).toMatch(/^advieswerk-handmatig-/);
      const started = await second.call('backups.create', {});
      expect(started.ok).toBe(true);
      const secondBackup = String((await second.jobs.wait((started as { value: { id: string } }).value.id)).result!.path);
      expect(path.basename(secondBackup)).toMatch(/^tweede-handmatig-/);
      expect(path.dirname(secondBackup)).toBe(path.dirname(firstBackup));

      expect((await first.value('backups.list')).map((info) => info.file)).toEqual([path.basename(firstBackup)]);
      const secondList = await second.call('backups.list', {});
      expect(secondList.ok && (secondList.value as { file: string }[]).map((info) => info.file)).toEqual([path.basename(secondBackup)]);
      // The first database's backup is no backup of the second: not restored there.
      const refused = await second.call('backups.restore', { file: path.basename(firstBackup) });
      expect(!refused.ok && refused.error.code).toBe('VALIDATION');
      const wijken = await second.call('wijken.list', {});
      expect(wijken.ok && (wijken.value as unknown[]).length).toBe(0);
    } finally {
      await second.close();
      await first.dispose();
    }
  }, 60_000);
});

describe('the letter with its annex (issue 12.13)', () => {
  it('leaves out findings flagged as personal data unless asked, and says how many', async () => {
    const meeting = await core.value('meetings.create', { title: 'Wijkavond Zuid', date: '2025-02-10' });
    const plain = await core.value('findings.create', { text: 'De bus naar de dagbesteding rijdt te laat', meetingId: meeting.id });
    const personal = await core.value('findings.create', { text: 'Mevrouw De Vries aan de Dorpsstraat wacht al maanden', meetingId: meeting.id, containsPersonalData: true });
    let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Bijlage zonder namen', adviceDate: '2025-03-02' });
    advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
    await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Rijd op tijd', findingIds: [plain.id, personal.id] });

    const withoutNames = await core.value('advices.exportDocx', { id: advice.id, annex: true });
    expect(withoutNames.leftOut).toBe(1);
    const text = (await renderDocx(Buffer.from(withoutNames.bytesBase64, 'base64'))).text.replace(/\s+/g, ' ');
    expect(text).toContain('De bus naar de dagbesteding rijdt te laat');
    expect(text).not.toContain('Mevrouw De Vries');
    expect(text).toContain('1 punt inbreng met persoonsgegevens is niet opgenomen in deze bijlage.');

    const withNames = await core.value('advices.exportDocx', { id: advice.id, annex: true, includePersonalData: true });
    expect(withNames.leftOut).toBe(0);
    const full = (await renderDocx(Buffer.from(withNames.bytesBase64, 'base64'))).text.replace(/\s+/g, ' ');
    expect(full).toContain('Mevrouw De Vries');
    expect(full).not.toContain('niet opgenomen in deze bijlage');
  }, 180_000);
});

describe('private files and uploads (issue 12.3)', () => {
  const mode = (file: string) => statSync(file).mode & 0o777;

  it('keeps uploads beside the database, removes them when the import ends, sweeps leftovers at start, and makes data private', async () => {
    if (process.platform === 'win32') return;
    const dir = makeTempDir();
    const databasePath = path.join(dir, 'advieswerk.sqlite');
    // Data from before this rule: readable by everyone.
    mkdirSync(path.join(dir, 'exports'), { mode: 0o755 });
    writeFileSync(path.join(dir, 'exports', 'oud.docx'), 'oud', { mode: 0o644 });
    mkdirSync(path.join(dir, 'uploads'), { mode: 0o755 });
    const leftover = path.join(dir, 'uploads', '01900000-0000-7000-8000-000000000001.json');
    writeFileSync(leftover, '{"bsn":"123456782"}');
    const hoursAgo = new Date(Date.now() - 3 * 3_600_000);
    utimesSync(leftover, hoursAgo, hoursAgo);
    const recent = path.join(dir, 'uploads', '01900000-0000-7000-8000-000000000002.json');
    writeFileSync(recent, '{}');

    const fresh = await createTestCore({ dir });
    try {
      expect(existsSync(leftover)).toBe(false);
      expect(existsSync(recent)).toBe(true);
      for (const file of [databasePath, `${databasePath}-wal`, path.join(dir, 'exports', 'oud.docx'), recent]) expect(mode(file), file).toBe(0o600);
      for (const folder of ['exports', 'uploads']) expect(mode(path.join(dir, folder)), folder).toBe(0o700);

      // A parsed upload waits in uploads/ beside the database, private; none in the shared temp folder.
      const csv = Buffer.from('tekst;datum\nDe bus is te laat;2025-01-01\n').toString('base64');
      const upload = await fresh.value('findings.importParse', { fileName: 'inbreng.csv', dataBase64: csv });
      const uploaded = path.join(dir, 'uploads', `${upload.uploadId}.json`);
      expect(mode(uploaded)).toBe(0o600);
      expect(existsSync(path.join(os.tmpdir(), 'advieswerk-uploads', `${upload.uploadId}.json`))).toBe(false);
      // A failed import (its meeting does not exist) still removes the upload.
      const failed = await fresh.jobs.wait(
        (await fresh.value('jobs.start', { kind: 'findingsImport', params: { uploadId: upload.uploadId, mapping: { text: 0 }, defaults: { meetingId: '01900000-0000-7000-8000-0000000000ff', date: '2025-01-01' } } })).id,
      );
      expect(failed.state).not.toBe('running');
      expect(existsSync(uploaded)).toBe(false);
      // A successful one too.
      const second = await fresh.value('findings.importParse', { fileName: 'inbreng.csv', dataBase64: csv });
      const done = await fresh.jobs.wait((await fresh.value('jobs.start', { kind: 'findingsImport', params: { uploadId: second.uploadId, mapping: { text: 0 }, defaults: { date: '2025-01-01' } } })).id);
      expect(done.state, done.message).toBe('done');
      expect(existsSync(path.join(dir, 'uploads', `${second.uploadId}.json`))).toBe(false);

      // Backups and exports made now are private from the start.
      const backup = String((await fresh.jobs.wait((await fresh.value('backups.create')).id)).result!.path);
      expect(mode(backup)).toBe(0o600);
      expect(mode(path.dirname(backup))).toBe(0o700);
    } finally {
      await fresh.dispose();
    }
  }, 120_000);
});
