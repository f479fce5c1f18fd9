import type { Core } from '../../electron/core/core';
import { refreshPlannerStatistics } from '../../electron/core/db/connection';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { measure } from './measure';

export interface BenchRow {
  name: string;
  medianMs: number;
  p95Ms: number;
  floorMedianMs: number;
}

export interface ResponseSeedSizes {
  advices: number;
  recommendations: number;
  commitments: number;
}

export const BENCH_SIZES: ResponseSeedSizes = { advices: 2_000, recommendations: 20_000, commitments: 5_000 };

const POSITIONS = ['overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'wordt_onderzocht', 'geen_standpunt'] as const;
const COMMITMENT_STATUSES = ['open', 'lopend', 'nagekomen', 'niet_nagekomen', 'vervallen'] as const;

function uuid(prefix: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190${prefix.toString(16).padStart(4, '0')}-0000-7000-8000-${hex}`;
}

/**
 * Seeds sent advices spread over ten years (sent up to today), each with recommendations (most
 * with a position), a response for four in five, and commitments around today. Direct inserts in
 * one transaction: seeding is not what is measured.
 */
export function seedResponses(core: Core, sizes: ResponseSeedSizes = BENCH_SIZES, today = todayInNetherlands()): void {
  const now = new Date().toISOString();
  const sqlite = core.sqlite;
  const insertAdvice = sqlite.prepare(
    `insert into advices (id, kind, betreft, kenmerk, kenmerk_key, addressee, advice_date, status, adopted_on, sent_on, version, created_at, updated_at, created_by, updated_by)
     values (?, 'ongevraagd', ?, ?, ?, 'College', ?, 'verzonden', ?, ?, 1, ?, ?, 'bench', 'bench')`,
  );
  const insertSection = sqlite.prepare(
    `insert into advice_sections (id, advice_id, position, title, numbering, created_at, updated_at) values (?, ?, 0, 'Aanbevelingen', 'decimaal', ?, ?)`,
  );
  const insertItem = sqlite.prepare(
    `insert into advice_items (id, advice_id, section_id, position, kind, text, created_at, updated_at) values (?, ?, ?, ?, 'aanbeveling', ?, ?, ?)`,
  );
  const insertPosition = sqlite.prepare(
    `insert into recommendation_positions (id, item_id, advice_id, position, college_text, notes, created_at, updated_at) values (?, ?, ?, ?, '', '', ?, ?)`,
  );
  const insertFollowup = sqlite.prepare(`insert into advice_followup (advice_id, state, changed_at, changed_by) values (?, ?, ?, 'bench')`);
  const insertCommitment = sqlite.prepare(
    `insert into commitments (id, advice_id, description, owner, due_on, status, notes, created_at, updated_at) values (?, ?, ?, 'Wethouder Zorg', ?, ?, '', ?, ?)`,
  );
  const perAdvice = Math.max(1, Math.floor(sizes.recommendations / sizes.advices));
  sqlite.transaction(() => {
    let item = 0;
    const adviceIds: string[] = [];
    for (let a = 0; a < sizes.advices; a++) {
      const id = uuid(1, a);
      adviceIds.push(id);
      // Spread over about ten years, the newest sent today.
      const sentOn = addDays(today, -Math.floor((a * 3650) / sizes.advices));
      const kenmerk = `BENCH-${a}`;
      insertAdvice.run(id, `Benchmarkadvies ${a}`, kenmerk, kenmerk.toLowerCase(), sentOn, sentOn, sentOn, now, now);
      const sectionId = uuid(2, a);
      insertSection.run(sectionId, id, now, now);
      const count = a === sizes.advices - 1 ? sizes.recommendations - item : perAdvice;
      for (let r = 0; r < count; r++, item++) {
        const itemId = uuid(3, item);
        insertItem.run(itemId, id, sectionId, r, `Aanbeveling ${r + 1} van advies ${a}`, now, now);
        if (item % 10 !== 9) insertPosition.run(uuid(4, item), itemId, id, POSITIONS[(item * 7 + a) % POSITIONS.length], now, now);
      }
      if (a % 5 !== 0) insertFollowup.run(id, a % 3 === 0 ? 'afgerond' : 'reactie_ontvangen', now);
    }
    for (let c = 0; c < sizes.commitments; c++) {
      const dueOn = addDays(today, (c % 400) - 200);
      insertCommitment.run(uuid(5, c), adviceIds[c % adviceIds.length], `Toezegging ${c}`, dueOn, COMMITMENT_STATUSES[c % COMMITMENT_STATUSES.length], now, now);
    }
  })();
}

/** The plain statements that return the dashboard's figures: what the handler cannot beat. */
export function dashboardFloor(core: Core, termWeeks: number, today: string): () => unknown {
  const days = termWeeks * 7;
  const limit = addDays(today, 30);
  const awaiting = core.sqlite.prepare(
    `select a.id, a.kenmerk, a.betreft, a.sent_on, date(a.sent_on, ?) as due_on, cast(julianday(?) - julianday(a.sent_on) as integer) - ? as days_overdue
     from advices a left join advice_followup f on f.advice_id = a.id
     where a.status = 'verzonden' and a.sent_on is not null and a.sent_on <= ? and f.advice_id is null order by a.sent_on`,
  );
  const commitments = core.sqlite.prepare(
    `select c.id, c.advice_id, a.kenmerk, c.description, c.owner, c.due_on, c.status, cast(julianday(?) - julianday(c.due_on) as integer) as days_overdue
     from commitments c join advices a on a.id = c.advice_id where c.status in ('open', 'lopend') and c.due_on <= ? order by c.due_on`,
  );
  const positions = core.sqlite.prepare(
    `select substr(a.sent_on, 1, 4) as year, p.position, count(*) as count from advices a cross join recommendation_positions p on p.advice_id = a.id
     where a.status = 'verzonden' and a.sent_on is not null group by 1, 2`,
  );
  const perYear = core.sqlite.prepare(
    `select substr(sent_on, 1, 4) as year, count(*) as count from advices where status = 'verzonden' and sent_on is not null group by substr(sent_on, 1, 4)`,
  );
  const council = core.sqlite.prepare(`select * from council limit 1`);
  return () => [council.get(), awaiting.all(`+${days} days`, today, days, today), commitments.all(today, limit), positions.all(), perYear.all()];
}

/** The plain statements behind the navigation's overdue badge (on every screen): the council's term and two counts. */
export function badgeFloor(core: Core, termWeeks: number, today: string): () => unknown {
  const councilRow = core.sqlite.prepare(`select * from council limit 1`);
  const badgeCommitments = core.sqlite.prepare(
    `select count(*) from commitments c where c.status in ('open', 'lopend') and c.due_on < ?`,
  );
  const badgeAdvices = core.sqlite.prepare(
    `select count(*) from advices a left join advice_followup f on f.advice_id = a.id where a.status = 'verzonden' and a.sent_on < ? and f.advice_id is null`,
  );
  const dueBefore = addDays(today, -termWeeks * 7);
  return () => [councilRow.get(), badgeAdvices.get(dueBefore), badgeCommitments.get(today)];
}

/**
 * Issue 8's benchmark for the chair's dashboard: all figures in one `dashboard.get` call at 2,000
 * advices, 20,000 recommendations and 5,000 commitments. Goal: median ≤ 50 ms. Seeds the core it is
 * given (use an empty one).
 */
export async function benchResponses(core: Core, iterations = 30): Promise<BenchRow[]> {
  const today = todayInNetherlands();
  seedResponses(core, BENCH_SIZES, today);
  // What the app does whenever it closes: statistics that match the data just written.
  refreshPlannerStatistics(core.sqlite);
  const council = await core.call('council.get', {});
  if (!council.ok) throw new Error(council.error.message);
  const termWeeks = (council.value as { responseTermWeeks: number }).responseTermWeeks;
  const call = async () => {
    const result = await core.call('dashboard.get', {});
    if (!result.ok) throw new Error(result.error.message);
  };
  const badge = async () => {
    const result = await core.call('dashboard.badge', {});
    if (!result.ok) throw new Error(result.error.message);
  };
  const floor = dashboardFloor(core, termWeeks, today);
  const dashboard = await measure(call, iterations);
  const dashboardFloorTime = await measure(floor, iterations);
  const badgeTime = await measure(badge, iterations);
  const badgeFloorTime = await measure(badgeFloor(core, termWeeks, today), iterations);
  return [
    { name: 'dashboard.get (alle cijfers; 2000 adviezen, 20000 aanbevelingen, 5000 toezeggingen)', ...dashboard, floorMedianMs: dashboardFloorTime.medianMs },
    { name: 'dashboard.badge (verlopen termijnen en toezeggingen)', ...badgeTime, floorMedianMs: badgeFloorTime.medianMs },
  ];
}
