import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeReport } from '../../shared/api/exchange';
import { createTestCore, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';

let secretary: TestCore;
let chair: TestCore;

beforeEach(async () => {
  secretary = await createTestCore();
  chair = await createTestCore();
  for (const core of [secretary, chair]) await core.value('council.update', RESPONSE_COUNCIL);
  await secretary.value('user.update', { name: 'Bert Jansen' });
  await chair.value('user.update', { name: 'Anna de Vries' });
});
afterEach(async () => {
  await secretary.dispose();
  await chair.dispose();
});

async function importInto(core: TestCore, bytesBase64: string): Promise<ExchangeReport> {
  const upload = await core.value('exchange.readFile', { fileName: 'opvolging.advieswerk.json', dataBase64: bytesBase64 });
  const started = await core.value('jobs.start', { kind: 'exchangeImport', params: { uploadId: upload.uploadId } } as never);
  const done = await core.jobs.wait(started.id);
  expect(done.state, done.message).toBe('done');
  return done.result!.report as ExchangeReport;
}

describe('follow-up in the exchange file', () => {
  it('carries response, positions, commitments and log entries to the same advice on another laptop, by kenmerk and number', async () => {
    const recommendations = ['Open een spreekuur', 'Publiceer wachttijden'];
    const here = await sentAdvice(secretary, 'Wijkteams', '2025-04-02', recommendations, 'ASD-2025-007');
    const there = await sentAdvice(chair, 'Wijkteams', '2025-04-02', recommendations, 'ASD-2025-007');
    expect(here.id).not.toBe(there.id);
    const [first, second] = here.sections[1]!.items;
    await secretary.value('responses.record', { adviceId: here.id, receivedOn: '2025-05-10', kenmerk: 'GR-25-88', summary: 'Grotendeels overgenomen.' });
    await secretary.value('responses.setPosition', { itemId: first!.id, position: 'overgenomen', collegeText: 'Spreekuur vanaf juni.' });
    await secretary.value('responses.setPosition', { itemId: second!.id, position: 'wordt_onderzocht' });
    let overview = await secretary.value('commitments.create', { adviceId: here.id, description: 'Wachttijden op de website', dueOn: '2025-09-01', itemIds: [second!.id] });
    await secretary.value('followup.add', { commitmentId: overview.commitments[0]!.id, entryOn: '2025-06-01', text: 'Navraag gedaan.' });

    const file = await secretary.value('responses.exportExchange', { adviceId: here.id });
    const parsed = JSON.parse(Buffer.from(file.bytesBase64!, 'base64').toString('utf8')) as { format: string; records: { type: string }[] };
    expect(parsed.format).toBe('advieswerk-uitwisseling');
    expect(parsed.records.map((record) => record.type)).toEqual(['collegeResponse', 'recommendationPosition', 'recommendationPosition', 'commitment', 'followupEntry']);

    const report = await importInto(chair, file.bytesBase64!);
    expect(report).toMatchObject({ inserted: 5, updated: 0, skipped: [] });
    overview = await chair.value('responses.forAdvice', { adviceId: there.id });
    expect(overview.status).toBe('reactie_ontvangen');
    expect(overview.responses[0]).toMatchObject({ kenmerk: 'GR-25-88', summary: 'Grotendeels overgenomen.' });
    expect(overview.recommendations.map((row) => [row.number, row.position?.position, row.position?.collegeText])).toEqual([
      ['2.1', 'overgenomen', 'Spreekuur vanaf juni.'],
      ['2.2', 'wordt_onderzocht', ''],
    ]);
    expect(overview.commitments[0]).toMatchObject({ description: 'Wachttijden op de website', itemIds: [there.sections[1]!.items[1]!.id] });
    expect(overview.log[0]).toMatchObject({ text: 'Navraag gedaan.', commitmentId: overview.commitments[0]!.id });

    // What came in is in the chair's audit trail as her change, like one made on her machine.
    const trail = async (core: TestCore) =>
      (
        await sql`select table_name as "table", action, user_name as "user" from audit_log where table_name in ('advice_responses', 'recommendation_positions', 'commitments', 'followup_entries') order by table_name, at`.execute(
          core.db,
        )
      ).rows;
    expect(await trail(chair)).toEqual([
      { table: 'advice_responses', action: 'create', user: 'Anna de Vries' },
      { table: 'commitments', action: 'create', user: 'Anna de Vries' },
      { table: 'followup_entries', action: 'create', user: 'Anna de Vries' },
      { table: 'recommendation_positions', action: 'create', user: 'Anna de Vries' },
      { table: 'recommendation_positions', action: 'create', user: 'Anna de Vries' },
    ]);

    // Again: nothing changes. The chair's later change travels back and wins there.
    expect(await importInto(chair, file.bytesBase64!)).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await chair.value('commitments.update', { id: overview.commitments[0]!.id, status: 'nagekomen' });
    const back = await chair.value('responses.exportExchange', { adviceId: there.id });
    const backReport = await importInto(secretary, back.bytesBase64!);
    expect(backReport).toMatchObject({ updated: 1, unchanged: 4 });
    expect(backReport.conflicts[0]).toMatchObject({ type: 'commitment', kept: 'file' });
    overview = await secretary.value('responses.forAdvice', { adviceId: here.id });
    expect(overview.commitments[0]!.status).toBe('nagekomen');
    const history = await secretary.value('audit.history', { table: 'commitments', recordId: overview.commitments[0]!.id });
    expect(history[0]).toMatchObject({ userName: 'Bert Jansen' });
    expect(history[0]).toMatchObject({ action: 'update', changes: [{ field: 'status', from: 'open', to: 'nagekomen' }] });
  }, 60_000);

  it('skips and lists records whose advice is not here, importing the rest', async () => {
    const here = await sentAdvice(secretary, 'Vervoer', '2025-04-02', ['Verruim de regiotaxi'], 'ASD-2025-009');
    await secretary.value('responses.record', { adviceId: here.id, receivedOn: '2025-05-10' });
    const file = await secretary.value('responses.exportExchange', { adviceId: here.id });
    const report = await importInto(chair, file.bytesBase64!);
    expect(report.inserted).toBe(0);
    expect(report.skipped[0]!.reason).toContain('ASD-2025-009 staat niet in deze database');
  }, 60_000);
});
