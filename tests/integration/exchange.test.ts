import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeReport } from '../../shared/api/exchange';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

describe('exchange file for a meeting', () => {
  let laptop: TestCore;
  let secretary: TestCore;
  beforeEach(async () => {
    laptop = await createTestCore();
    secretary = await createTestCore();
  });
  afterEach(async () => {
    await laptop.dispose();
    await secretary.dispose();
  });

  async function job(core: TestCore, kind: 'exchangeExport' | 'exchangeImport', params: Record<string, unknown>) {
    const started = await core.value('jobs.start', { kind, params } as never);
    const done = await core.jobs.wait(started.id);
    expect(done.state, done.message).toBe('done');
    return done.result!;
  }

  async function exportMeeting(meetingId: string): Promise<Buffer> {
    const result = await job(laptop, 'exchangeExport', { meetingId });
    return readFileSync(String(result.path));
  }

  async function importInto(core: TestCore, bytes: Buffer): Promise<ExchangeReport> {
    const upload = await core.value('exchange.readFile', { fileName: 'uitwisseling.json', dataBase64: bytes.toString('base64') });
    return (await job(core, 'exchangeImport', { uploadId: upload.uploadId })).report as ExchangeReport;
  }

  async function seedLaptop() {
    const noord = await laptop.value('wijken.create', { name: 'Noord' });
    const programme = await laptop.value('programmes.create', { name: 'Ronde 2026' });
    const meeting = await laptop.value('meetings.create', {
      title: 'Avond Noord',
      programmeId: programme.id,
      date: '2026-03-12',
      wijkIds: [noord.id],
      tables: [{ theme: 'Zorg', facilitator: 'Anja' }],
    });
    const a = await laptop.value('findings.create', { themeTableId: meeting.tables[0]!.id, text: 'Wachtlijst is lang', tags: ['zorg'] });
    const b = await laptop.value('findings.create', { meetingId: meeting.id, text: 'Mevrouw X is ziek', containsPersonalData: true });
    return { meeting, a, b };
  }

  it('round-trips a meeting with its UUIDs, keeps personal data and says so, and is idempotent', async () => {
    const { meeting, a, b } = await seedLaptop();
    // The secretary already has a wijk "Noord" of her own.
    const ownNoord = await secretary.value('wijken.create', { name: 'noord' });
    const bytes = await exportMeeting(meeting.id);
    const file = JSON.parse(bytes.toString('utf8'));
    expect(file).toMatchObject({ format: 'advieswerk-uitwisseling', version: 1, containsPersonalData: true });
    expect(file.records.map((r: { type: string }) => r.type)).toEqual(['wijk', 'programme', 'meeting', 'themeTable', 'finding', 'finding']);

    const upload = await secretary.value('exchange.readFile', { fileName: 'x.json', dataBase64: bytes.toString('base64') });
    expect(upload).toMatchObject({ containsPersonalData: true, counts: { wijk: 1, programme: 1, meeting: 1, themeTable: 1, finding: 2 } });
    const first = (await job(secretary, 'exchangeImport', { uploadId: upload.uploadId })).report as ExchangeReport;
    expect(first).toMatchObject({ inserted: 5, updated: 0, unchanged: 1, conflicts: [], skipped: [] });
    expect(first.matchedByName).toEqual([{ type: 'wijk', label: 'Noord' }]);

    const imported = await secretary.value('meetings.get', { id: meeting.id });
    expect(imported).toMatchObject({ title: 'Avond Noord', programmeName: 'Ronde 2026', wijken: [{ id: ownNoord.id, name: 'noord' }] });
    expect(imported.tables[0]).toMatchObject({ theme: 'Zorg', facilitator: 'Anja' });
    const findings = await secretary.value('findings.listForMeeting', { meetingId: meeting.id });
    expect(findings.map((f) => [f.id, f.text, f.tags, f.containsPersonalData, f.wijkId])).toEqual([
      [a.id, 'Wachtlijst is lang', ['zorg'], false, ownNoord.id],
      [b.id, 'Mevrouw X is ziek', [], true, ownNoord.id],
    ]);
    expect((await secretary.value('findings.search', { query: 'wachtlijst' })).total).toBe(1);

    const before = await storeFingerprint(secretary);
    const second = await importInto(secretary, bytes);
    expect(second).toMatchObject({ inserted: 0, updated: 0, conflicts: [] });
    expect((await storeFingerprint(secretary)).hash).toBe(before.hash);
  });

  it('lets the newer change win and lists the other version in the report', async () => {
    const { meeting, a, b } = await seedLaptop();
    await importInto(secretary, await exportMeeting(meeting.id));
    // The secretary edits finding a first, the member edits it later: the member's text wins.
    await secretary.value('findings.update', { id: a.id, text: 'Wachtlijst voor dagbesteding is lang' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await laptop.value('findings.update', { id: a.id, text: 'Wachtlijst is erg lang' });
    // Finding b: the member edits first, the secretary later: the secretary's version stays.
    await laptop.value('findings.update', { id: b.id, votes: 2 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await secretary.value('findings.update', { id: b.id, text: 'Bewoner is ziek (naam verwijderd)', containsPersonalData: false });

    const report = await importInto(secretary, await exportMeeting(meeting.id));
    expect(report.updated).toBe(1);
    expect(report.conflicts).toHaveLength(2);
    const [first, second] = report.conflicts;
    expect(first).toMatchObject({ type: 'finding', id: a.id, kept: 'file', otherVersion: { text: 'Wachtlijst voor dagbesteding is lang' } });
    expect(second).toMatchObject({ type: 'finding', id: b.id, kept: 'local', otherVersion: { text: 'Mevrouw X is ziek', votes: 2, containsPersonalData: true } });
    expect((await secretary.value('findings.get', { id: a.id })).text).toBe('Wachtlijst is erg lang');
    expect((await secretary.value('findings.get', { id: b.id })).text).toBe('Bewoner is ziek (naam verwijderd)');
  });

  it('refuses files that are not exchange files, and skips unknown record types', async () => {
    const before = await storeFingerprint(secretary);
    const cases: [Buffer, RegExp][] = [
      [Buffer.alloc(0), /leeg/],
      [Buffer.from('{"format":"iets anders"}'), /geen uitwisselbestand/],
      [Buffer.from([0xff, 0xfe, 0, 1]), /geen uitwisselbestand/],
      [Buffer.from('{"format":"advieswerk-uitwisseling","version":99}'), /nieuwere versie/],
      [Buffer.from('{"format":"advieswerk-uitwisseling","version":1,"records":"nee"}'), /beschadigd of onvolledig/],
    ];
    for (const [bytes, message] of cases) {
      const error = await secretary.failure('exchange.readFile', { fileName: 'x.json', dataBase64: bytes.toString('base64') });
      expect(error.message).toMatch(message);
    }
    expect((await storeFingerprint(secretary)).hash).toBe(before.hash);

    const { meeting } = await seedLaptop();
    const file = JSON.parse((await exportMeeting(meeting.id)).toString('utf8'));
    file.records.push({ type: 'adviesbrief', id: '0190a0a0-0000-7000-8000-000000000001', updatedAt: '2026-01-01T00:00:00.000Z', data: { x: 1 } });
    const path = `${secretary.dir}/met-onbekend.json`;
    writeFileSync(path, JSON.stringify(file));
    const report = await importInto(secretary, readFileSync(path));
    expect(report.inserted).toBe(6);
    expect(report.skipped).toEqual([
      { type: 'adviesbrief', id: '0190a0a0-0000-7000-8000-000000000001', reason: 'Soort gegevens "adviesbrief" kent deze versie van Advieswerk nog niet.' },
    ]);
  });
});
