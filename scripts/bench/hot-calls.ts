/**
 * The calls `npm run bench -- --instructions` counts (issue 18), each with its floor. Imported by the
 * child that runs under callgrind (instructions-child.ts), which is bundled on its own.
 */
import type { Core } from '../../electron/core/core';
import { todayInNetherlands } from '../../shared/calendar';
import { findingsCases, type CallCase } from './findings';
import { badgeFloor } from './responses';

/** The findings cases of issue 18's table, picked from the timed bench's list by name. */
const HOT_FINDINGS = [/eerste pagina op datum/, /gefilterd op wijk en periode/, /weinig treffers/, /signalen, top 50/];

/**
 * The five hottest calls: the findings screen's first page, a filtered page, a search with few
 * matches, the signals' top 50, and the overdue badge that the navigation shows on every screen
 * (each screen change asks for it). A call that does not succeed throws, so an error path is never
 * what gets counted.
 */
export async function instructionCases(core: Core): Promise<CallCase[]> {
  const findings = findingsCases(core, '100k bevindingen');
  const picked = HOT_FINDINGS.map((pattern) => {
    const found = findings.find((entry) => pattern.test(entry.name));
    if (!found) throw new Error(`geen bevindingen-geval voor ${pattern}`);
    return found;
  });
  const council = await core.call('council.get', {});
  if (!council.ok) throw new Error(council.error.message);
  const termWeeks = (council.value as { responseTermWeeks: number }).responseTermWeeks;
  const cases: CallCase[] = [
    ...picked,
    {
      name: 'navigatiebadge: dashboard.badge (2000 adviezen, 5000 toezeggingen)',
      call: () => core.call('dashboard.badge', {}),
      floor: badgeFloor(core, termWeeks, todayInNetherlands()),
    },
  ];
  return cases.map((entry) => ({
    ...entry,
    call: async () => {
      const result = (await entry.call()) as { ok: boolean; error?: { message: string } };
      if (!result.ok) throw new Error(`${entry.name}: ${result.error?.message}`);
      return result;
    },
  }));
}
