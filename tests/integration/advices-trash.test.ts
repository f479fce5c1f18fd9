import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdviceDetail } from '../../shared/api/advices';
import { createTestCore, onPostgres, pluck, type TestCore } from '../helpers/core';
import { renderDocx } from '../helpers/docx';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
let findingId: string;
let requestId: string;

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  const meeting = await core.value('meetings.create', { title: 'Wijkavond Noord', date: '2025-03-04' });
  findingId = (await core.value('findings.create', { text: 'De wachttijd voor een traplift is een jaar', meetingId: meeting.id })).id;
  requestId = (await core.value('adviceRequests.create', { receivedOn: '2025-02-01', subject: 'Beleidsplan hulpmiddelen', deadline: '2025-05-01' })).id;
}, 60_000);
afterAll(async () => core.dispose());

async function conceptWithEvidence(betreft: string): Promise<AdviceDetail> {
  let advice = await core.value('advices.create', { kind: 'gevraagd', betreft, adviceDate: '2025-03-10', requestId });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  return core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'aanbeveling', text: 'Verkort de wachttijd', findingIds: [findingId] });
}

async function overviewRows(year: number): Promise<string[]> {
  const file = await core.jobFile(await core.value('reports.adviezenoverzicht', { year, format: 'xlsx' }));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.bytesBase64!, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Adviezen')!;
  const rows: string[] = [];
  for (let index = 2; index <= sheet.rowCount; index++) rows.push(String((sheet.getRow(index).values as unknown[])[2]));
  return rows;
}

const listed = async (input: Record<string, unknown> = {}) => (await core.value('advices.list', input)).map((advice) => advice.betreft);

describe('trash for advices', () => {
  it('a trashed concept vanishes from the list, request, pickers, traceability, overzicht and export, keeps its kenmerk number, and returns on restore', async () => {
    const trashed = await conceptWithEvidence('Hulpmiddelen');
    const other = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervolgadvies', adviceDate: '2025-03-11' });
    const exported = await core.value('advices.exportJson', { id: trashed.id });
    expect(await overviewRows(2025)).toContain('Hulpmiddelen');

    await core.value('advices.delete', { id: trashed.id });
    expect(await listed()).not.toContain('Hulpmiddelen');
    expect(await listed({ includeArchived: true, search: 'Hulpmiddelen' })).toEqual([]);
    const request = (await core.value('adviceRequests.list')).find((candidate) => candidate.id === requestId)!;
    expect(request.adviceIds).not.toContain(trashed.id);
    expect((await core.failure('advices.get', { id: trashed.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('advices.exportJson', { id: trashed.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('advices.update', { id: trashed.id, betreft: 'Anders' })).code).toBe('NOT_FOUND');
    // The "in vervolg op" picker and its check: a trashed advice cannot be chosen.
    expect((await core.failure('advices.update', { id: other.id, referenceIds: [trashed.id] })).code).toBe('NOT_FOUND');
    // An imported letter that refers to the trashed kenmerk does not link to it.
    const importFile = JSON.parse(JSON.stringify(exported));
    importFile.advice.kenmerk = 'EXTERN-1';
    importFile.advice.betreft = 'Ingelezen brief';
    importFile.advice.references = [{ kenmerk: trashed.kenmerk, betreft: 'Hulpmiddelen', adviceDate: '2025-03-10' }];
    expect((await core.value('advices.importJson', { data: importFile })).references).toEqual([]);
    // Traceability: which advices use this finding.
    expect((await core.value('advices.citingFinding', { findingId })).map((row) => row.adviceId)).not.toContain(trashed.id);
    expect(await overviewRows(2025)).not.toContain('Hulpmiddelen');
    // Its kenmerk number stays taken.
    const next = await core.value('advices.nextKenmerk', { year: 2025 });
    const numberOf = (kenmerk: string) => Number(kenmerk.split('-').at(-1));
    expect(numberOf(next.kenmerk)).toBeGreaterThan(numberOf(trashed.kenmerk));
    // The request cannot be deleted while a trashed advice points at it; nothing changes.
    const before = (await storeFingerprint(core));
    const refused = await core.failure('adviceRequests.delete', { id: requestId });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('prullenbak');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
    // In the trash, with its subject and who did it.
    const inTrash = (await core.value('trash.list')).find((item) => item.id === trashed.id)!;
    expect(inTrash).toMatchObject({ table: 'advices', label: 'Hulpmiddelen' });
    const audit = await core.value('audit.list', { table: 'advices', recordId: trashed.id });
    expect(audit.map((entry) => entry.action)).toContain('trash');

    await core.value('trash.restore', { table: 'advices', id: trashed.id });
    expect(await listed()).toContain('Hulpmiddelen');
    expect((await core.value('adviceRequests.list')).find((candidate) => candidate.id === requestId)!.adviceIds).toContain(trashed.id);
    expect((await core.value('advices.citingFinding', { findingId })).map((row) => row.adviceId)).toContain(trashed.id);
    expect(await overviewRows(2025)).toContain('Hulpmiddelen');
    expect((await core.value('advices.update', { id: other.id, referenceIds: [trashed.id] })).references.map((reference) => reference.id)).toEqual([trashed.id]);
    // Now referenced: it cannot go to the trash (no letter may cite an advice that is gone).
    expect((await core.failure('advices.delete', { id: trashed.id })).code).toBe('CONFLICT');
    await core.value('advices.update', { id: other.id, referenceIds: [] });
  }, 60_000);

  it('a sent advice cannot be deleted, only archived: archived it leaves the default list but keeps counting in the dashboard, overzicht and references', async () => {
    const sent = await sentAdvice(core, 'Regiotaxi', '2025-01-15', ['Rijd op tijd']);
    const before = (await storeFingerprint(core));
    const refused = await core.failure('advices.delete', { id: sent.id });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('alleen gearchiveerd');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);

    const dashboardBefore = await core.value('dashboard.get', {});
    expect(dashboardBefore.awaiting.map((advice) => advice.adviceId)).toContain(sent.id);
    const archived = await core.value('advices.archive', { id: sent.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.status).toBe('verzonden');
    expect(await listed()).not.toContain('Regiotaxi');
    expect(await listed({ status: 'verzonden' })).not.toContain('Regiotaxi');
    const audited = (await core.value('audit.list', { table: 'advices', recordId: sent.id })).find((entry) => entry.action === 'update');
    expect(audited?.after).toMatchObject({ archived_at: archived.archivedAt });
    expect((await core.value('advices.list', { includeArchived: true })).find((advice) => advice.id === sent.id)?.archivedAt).toBe(archived.archivedAt);
    // Public record: still in the dashboard (same figures), the overdue badge, the overzicht and as a reference.
    const dashboardAfter = await core.value('dashboard.get', {});
    expect(dashboardAfter.awaiting).toEqual(dashboardBefore.awaiting);
    expect(dashboardAfter.positionsPerYear).toEqual(dashboardBefore.positionsPerYear);
    expect(await overviewRows(2025)).toContain('Regiotaxi');
    const follow = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Regiotaxi opnieuw', adviceDate: '2025-06-01' });
    expect((await core.value('advices.update', { id: follow.id, referenceIds: [sent.id] })).references.map((reference) => reference.kenmerk)).toEqual([sent.kenmerk]);
    // Its follow-up still travels in the exchange file.
    await core.value('responses.record', { adviceId: sent.id, receivedOn: '2025-02-20', kenmerk: 'GR-1', summary: 'Het college reageert.' });
    const exchange = await core.value('responses.exportExchange', { adviceId: sent.id });
    const exchangeFile = JSON.parse(Buffer.from(exchange.bytesBase64!, 'base64').toString('utf8'));
    expect(exchangeFile.records.map((record: { type: string; data: { adviceKenmerk: string } }) => [record.type, record.data.adviceKenmerk])).toEqual([['collegeResponse', sent.kenmerk]]);
    const overzicht = await core.jobFile(await core.value('reports.adviezenoverzicht', { year: 2025, format: 'docx' }));
    expect((await renderDocx(Buffer.from(overzicht.bytesBase64!, 'base64'))).text).toContain('Regiotaxi');

    // Archived it is still frozen; a new version needs unarchiving first; twice is refused.
    expect((await core.failure('advices.archive', { id: sent.id })).code).toBe('CONFLICT');
    expect((await core.failure('advices.newVersion', { id: sent.id })).code).toBe('CONFLICT');
    expect((await core.failure('advices.delete', { id: sent.id })).code).toBe('CONFLICT');
    const back = await core.value('advices.unarchive', { id: sent.id });
    expect(back.archivedAt).toBeNull();
    expect(await listed()).toContain('Regiotaxi');
    expect((await core.failure('advices.unarchive', { id: sent.id })).code).toBe('CONFLICT');
    // Only a sent advice is archived.
    const concept = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Nog een concept', adviceDate: '2025-06-02' });
    const notSent = await core.failure('advices.archive', { id: concept.id });
    expect(notSent.code).toBe('CONFLICT');
    expect(notSent.message).toContain('Alleen een verzonden advies');
  }, 120_000);

  it('the database itself keeps a sent advice frozen: only archived_at may change, it never goes to the trash', async () => {
    const sent = await sentAdvice(core, 'Schuldhulp', '2025-02-01', ['Bel terug']);
    // Straight to the store, past the core: the triggers (SQLite) and trigger functions (PostgreSQL) refuse it.
    const run = (statement: string) => sql.raw(statement.replace('?', `'${sent.id}'`)).execute(core.db);
    await expect(run(`update advices set betreft = 'Anders' where id = ?`)).rejects.toThrow(/frozen/);
    await expect(run(`update advices set status = 'vastgesteld' where id = ?`)).rejects.toThrow(/frozen/);
    await expect(run(`update advices set sent_on = '2025-02-02' where id = ?`)).rejects.toThrow(/frozen/);
    await expect(run(`update advices set deleted_at = '2025-02-03T00:00:00Z' where id = ?`)).rejects.toThrow();
    await expect(run(`update advices set archived_at = '2025-02-03T00:00:00Z', updated_at = '2025-02-03T00:00:00Z', updated_by = 'test' where id = ?`)).resolves.toBeDefined();
    await expect(run(`update advices set archived_at = null where id = ?`)).resolves.toBeDefined();
    // After a new version (concept again) it was still sent once: never to the trash, never archived as a concept.
    await core.value('advices.newVersion', { id: sent.id });
    await expect(run(`update advices set deleted_at = '2025-02-03T00:00:00Z' where id = ?`)).rejects.toThrow(/trash/);
    await expect(run(`update advices set archived_at = '2025-02-03T00:00:00Z' where id = ?`)).rejects.toThrow(/archived/);
    expect((await core.failure('advices.delete', { id: sent.id })).code).toBe('CONFLICT');
  }, 60_000);
});

describe('trash for wijkteams', () => {
  it('a trashed team vanishes from the lists, matrix, trends, periods, report and CSV, keeps its name taken, and returns on restore', async () => {
    const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
    const criterion = avi.criteria[0]!;
    const kept = await core.value('wijkteams.create', { name: 'Team Blijft' });
    const gone = await core.value('wijkteams.create', { name: 'Team Weg' });
    await core.value('assessments.save', { wijkteamId: kept.id, criterionId: criterion.id, periodKey: '2026-K1', value: 3 });
    const goneAssessment = await core.value('assessments.save', { wijkteamId: gone.id, criterionId: criterion.id, periodKey: '2025-K4', value: 2 });
    await core.value('assessments.save', { wijkteamId: gone.id, criterionId: criterion.id, periodKey: '2026-K1', value: 4 });

    await core.value('wijkteams.delete', { id: gone.id });
    expect((await core.value('wijkteams.list')).map((team) => team.name)).toEqual(['Team Blijft']);
    const matrix = await core.value('monitoring.matrix', { periodKey: '2026-K1', frameworkId: avi.id });
    expect(matrix.rows.map((row) => row.team.name)).toEqual(['Team Blijft']);
    expect(await core.value('monitoring.periods')).toEqual(['2026-K1']);
    expect((await core.failure('monitoring.trend', { criterionId: criterion.id, wijkteamIds: [gone.id], kind: 'quarter' })).code).toBe('NOT_FOUND');
    expect((await core.failure('monitoring.teamTrend', { wijkteamId: gone.id, frameworkId: null, kind: 'quarter' })).code).toBe('NOT_FOUND');
    expect((await core.failure('wijkteams.get', { id: gone.id })).code).toBe('NOT_FOUND');
    expect((await core.failure('assessments.save', { wijkteamId: gone.id, criterionId: criterion.id, periodKey: '2026-K2', value: 1 })).code).toBe('NOT_FOUND');
    // "Advies opstellen" from an assessment of the trashed team.
    expect((await core.failure('monitoring.draftAdvice', { assessmentIds: [goneAssessment.id], betreft: 'Monitoring', kind: 'ongevraagd' })).code).toBe('NOT_FOUND');
    const nameTaken = await core.failure('wijkteams.create', { name: 'team weg' });
    expect(nameTaken.code).toBe('CONFLICT');
    expect(nameTaken.message).toContain('prullenbak');

    const csvJob = await core.value('jobs.start', { kind: 'monitoringCsv', params: { frameworkId: null } } as never);
    const csvDone = await core.jobs.wait(csvJob.id);
    const csv = readFileSync(String(csvDone.result?.path), 'utf8');
    expect(csv).toContain('Team Blijft');
    expect(csv).not.toContain('Team Weg');
    const reportJob = await core.value('jobs.start', { kind: 'monitoringReport', params: { periodKey: '2026-K1', frameworkId: avi.id } } as never);
    const reportDone = await core.jobs.wait(reportJob.id);
    expect(reportDone.state, reportDone.message).toBe('done');
    const { text } = await renderDocx(readFileSync(String(reportDone.result?.path)));
    expect(text).toContain('Team Blijft');
    expect(text).not.toContain('Team Weg');

    await core.value('trash.restore', { table: 'wijkteams', id: gone.id });
    expect((await core.value('monitoring.matrix', { periodKey: '2026-K1', frameworkId: avi.id })).rows.map((row) => row.team.name)).toEqual(['Team Blijft', 'Team Weg']);
    expect(await core.value('monitoring.periods')).toEqual(['2025-K4', '2026-K1']);
    const trend = await core.value('monitoring.trend', { criterionId: criterion.id, wijkteamIds: [gone.id], kind: 'quarter' });
    expect(trend.series[0]!.subject.name).toBe('Team Weg');
  }, 120_000);
});

describe('emptying the trash', () => {
  it('removes trashed advices and teams with everything that belongs to them, leaving no orphans; keeps a team that assessments still point at', async () => {
    const advice = await conceptWithEvidence('Weg ermee');
    const lonelyTeam = await core.value('wijkteams.create', { name: 'Team Leeg' });
    await core.value('advices.delete', { id: advice.id });
    await core.value('wijkteams.delete', { id: lonelyTeam.id });
    // A trashed team that still has assessments stays in the trash when it is emptied, named with why.
    const avi = (await core.value('frameworks.list')).find((framework) => framework.builtinKey === 'avi')!;
    const busyTeam = await core.value('wijkteams.create', { name: 'Team Bezig' });
    await core.value('assessments.save', { wijkteamId: busyTeam.id, criterionId: avi.criteria[0]!.id, periodKey: '2026-K1', value: 3 });
    await core.value('wijkteams.delete', { id: busyTeam.id });
    const before = (await storeFingerprint(core));
    const { removed, kept } = await core.value('trash.empty', { confirm: true });
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(kept).toMatchObject([{ table: 'wijkteams', id: busyTeam.id, usedBy: '1 beoordeling' }]);
    expect((await storeFingerprint(core)).hash).not.toBe(before.hash);
    const count = async (table: string, column: string, value: string) =>
      Number((await pluck<number | string>(core.db, sql`select count(*) from ${sql.table(table)} where ${sql.ref(column)} = ${value}`))[0]);
    expect(await count('advices', 'id', advice.id)).toBe(0);
    expect(await count('advice_sections', 'advice_id', advice.id)).toBe(0);
    expect(await count('advice_items', 'advice_id', advice.id)).toBe(0);
    expect(await count('advice_item_findings', 'item_id', advice.sections[0]!.items[0]!.id)).toBe(0);
    expect(await count('wijkteams', 'id', lonelyTeam.id)).toBe(0);
    expect(await count('findings', 'id', findingId)).toBe(1);
    // PostgreSQL checks every foreign key at each statement; SQLite is asked.
    if (core.store === 'sqlite') expect(core.sqlite.prepare('pragma foreign_key_check').all()).toEqual([]);
    expect((await core.value('trash.list')).map((item) => item.id)).toEqual([busyTeam.id]);
  }, 60_000);
});

// SQLite's planner and index names; PostgreSQL plans by its statistics, its speed is watched in `npm run bench -- --store postgres`.
describe.skipIf(onPostgres())('query plans', () => {
  it('the dashboard walk over sent advices stays on its covering index (sent advices are never in the trash)', () => {
    const plan = (statement: string) =>
      (core.sqlite.prepare(`explain query plan ${statement}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
    const positions = plan(`select substr(a.sent_on, 1, 4) as year, p.position, count(*) as count from advices a cross join recommendation_positions p on p.advice_id = a.id
      where a.status = 'verzonden' and a.sent_on is not null group by 1, 2`);
    expect(positions).toMatch(/SEARCH a USING COVERING INDEX advices_by_status_sent/);
    expect(positions).toMatch(/SEARCH p USING COVERING INDEX recommendation_positions_by_advice/);
    const perYear = plan(`select substr(sent_on, 1, 4) as year, count(*) from advices where status = 'verzonden' and sent_on is not null group by 1`);
    expect(perYear).toMatch(/COVERING INDEX advices_by_status_sent/);
    const badge = plan(`select count(*) from advices a left join advice_followup f on f.advice_id = a.id where a.status = 'verzonden' and a.sent_on < '2026-01-01' and f.advice_id is null`);
    expect(badge).toMatch(/COVERING INDEX advices_by_status_sent/);
  });
});
