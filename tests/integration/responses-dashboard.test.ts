import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { benchResponses, dashboardFloor, seedResponses } from '../../scripts/bench/responses';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';

let core: TestCore;
const today = todayInNetherlands();

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
});
afterEach(async () => core.dispose());

describe('dashboard for the chair', () => {
  it('shows advices awaiting an answer with days overdue, commitments due and overdue, positions per year', async () => {
    const late = await sentAdvice(core, 'Wijkteams', addDays(today, -50), ['Open een spreekuur', 'Publiceer wachttijden']);
    const fresh = await sentAdvice(core, 'Mantelzorg', addDays(today, -3), ['Ondersteun mantelzorgers']);
    const answered = await sentAdvice(core, 'Vervoer', addDays(today, -60), ['Verruim de regiotaxi', 'Maak de regiotaxi goedkoper']);

    let figures = await core.value('dashboard.get', {});
    expect(figures.termWeeks).toBe(6);
    expect(figures.awaiting.map((advice) => [advice.betreft, advice.daysOverdue, advice.state])).toEqual([
      ['Vervoer', 18, 'te_laat'],
      ['Wijkteams', 8, 'te_laat'],
      ['Mantelzorg', 0, 'op_tijd'],
    ]);
    expect(figures.awaiting[1]!.dueOn).toBe(addDays(late.sentOn!, 42));
    expect(await core.value('dashboard.badge', {})).toEqual({ advices: 2, commitments: 0, total: 2 });

    await core.value('responses.record', { adviceId: answered.id, receivedOn: today });
    const [first, second] = answered.sections[1]!.items;
    await core.value('responses.setPosition', { itemId: first!.id, position: 'overgenomen' });
    await core.value('responses.setPosition', { itemId: second!.id, position: 'deels_overgenomen' });
    await core.value('responses.setPosition', { itemId: late.sections[1]!.items[0]!.id, position: 'niet_overgenomen' });
    await core.value('commitments.create', { adviceId: answered.id, description: 'Evaluatie regiotaxi', dueOn: addDays(today, -5), itemIds: [first!.id] });
    await core.value('commitments.create', { adviceId: answered.id, description: 'Tarieven herzien', dueOn: addDays(today, 20) });
    await core.value('commitments.create', { adviceId: answered.id, description: 'Later', dueOn: addDays(today, 31) });
    await core.value('commitments.create', { adviceId: answered.id, description: 'Al gedaan', dueOn: addDays(today, -9), status: 'nagekomen' });

    figures = await core.value('dashboard.get', {});
    expect(figures.awaiting.map((advice) => advice.betreft)).toEqual(['Wijkteams', 'Mantelzorg']);
    expect(figures.commitmentsOverdue.map((commitment) => [commitment.description, commitment.daysOverdue, commitment.kenmerk])).toEqual([
      ['Evaluatie regiotaxi', 5, answered.kenmerk],
    ]);
    expect(figures.commitmentsDueSoon.map((commitment) => commitment.description)).toEqual(['Tarieven herzien']);
    const years = figures.positionsPerYear;
    const total = years.reduce((sum, year) => sum + year.total, 0);
    expect(total).toBe(3);
    const counts = years.reduce((sum, year) => sum + year.counts.overgenomen + year.counts.deels_overgenomen, 0);
    expect(counts).toBe(2);
    expect(years.reduce((sum, year) => sum + year.advices, 0)).toBe(3);
    expect(await core.value('dashboard.badge', {})).toEqual({ advices: 1, commitments: 1, total: 2 });

    // The records behind a figure.
    const year = Number(answered.sentOn!.slice(0, 4));
    const records = await core.value('dashboard.positions', { year, position: 'overgenomen' });
    expect(records.map((record) => [record.kenmerk, record.text])).toEqual([[answered.kenmerk, 'Verruim de regiotaxi']]);
    expect(fresh.status).toBe('verzonden');
  });

  it('tells about newly overdue items once', async () => {
    await sentAdvice(core, 'Wijkteams', addDays(today, -50), ['Open een spreekuur']);
    const first = await core.value('dashboard.newlyOverdue', {});
    expect(first.map((notice) => [notice.kind, notice.title.endsWith('Wijkteams')])).toEqual([['advies', true]]);
    expect(await core.value('dashboard.newlyOverdue', {})).toEqual([]);
  });

  // The bench's seed and SQL floor (scripts/bench/responses.ts) write and read SQLite directly; `npm run bench -- --store postgres` is separate work.
  it.skipIf(onPostgres())('at scale returns the same figures as the plain SQL (its speed is measured by npm run bench)', async () => {
    const rows = await benchResponses(core, 15);
    const figures = await core.value('dashboard.get', {});
    const [, awaiting, commitments, positions, perYear] = dashboardFloor(core, 6, today)() as [unknown, unknown[], unknown[], { count: number }[], { count: number }[]];
    expect(figures.awaiting).toHaveLength(awaiting.length);
    expect(figures.commitmentsOverdue.length + figures.commitmentsDueSoon.length).toBe(commitments.length);
    expect(figures.positionsPerYear.reduce((sum, year) => sum + year.total, 0)).toBe(positions.reduce((sum, row) => sum + row.count, 0));
    expect(figures.positionsPerYear.reduce((sum, year) => sum + year.total, 0)).toBe(18_000);
    expect(perYear.reduce((sum, row) => sum + row.count, 0)).toBe(2_000);
    // Its speed goal (median ≤ 50 ms) is held by `npm run bench`, not here: a loaded machine is no failure.
    expect(rows.every((row) => row.p95Ms >= row.medianMs)).toBe(true);
  }, 60_000);

  it.skipIf(onPostgres())('seeds exactly the requested sizes', async () => {
    seedResponses(core, { advices: 10, recommendations: 95, commitments: 7 });
    const count = (table: string) => core.sqlite.prepare(`select count(*) from ${table}`).pluck().get();
    expect([count('advices'), count('advice_items'), count('commitments')]).toEqual([10, 95, 7]);
  });
});
