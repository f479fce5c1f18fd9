/**
 * Issue 15's benchmark: publishing a council with ten years of data (200 advices, 2,000
 * recommendations, 500 commitments, 300 meetings) as a website in a folder: from scratch (goal ≤ 10 s),
 * again with nothing changed (goal ≤ 1 s, nothing rewritten), and the largest page (goal ≤ 100 KB HTML).
 *   npx tsx scripts/bench/publication.ts      (this case alone; `npm run bench` runs it with the rest)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openCore, type Core } from '../../electron/core/core';
import { refreshPlannerStatistics } from '../../electron/core/db/connection';
import { buildPublication } from '../../electron/core/publication/service';
import { writeSiteToFolder } from '../../electron/core/publication/writer';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import type { BenchRow } from './measure';

export const PUBLICATION_SIZES = { advices: 200, recommendations: 2_000, commitments: 500, meetings: 300, programmes: 10 };

async function value(core: Core, method: string, input: unknown): Promise<unknown> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/**
 * Seeds the council through the API, as the app would have filled it over ten years: 300
 * wijkbijeenkomsten in ten series, each with a point of input; 200 advices of ten recommendations each
 * (the first citing a meeting's input), adopted and sent (which freezes the letter the site shows),
 * made public, four in five answered with a position per recommendation, and 500 commitments.
 * Seeds the core it is given (use an empty one).
 */
export async function seedPublication(core: Core, today = todayInNetherlands()): Promise<void> {
  const sizes = PUBLICATION_SIZES;
  const programmes: string[] = [];
  for (let p = 0; p < sizes.programmes; p++) {
    programmes.push(((await value(core, 'programmes.create', { name: `Wijkgesprekken ${p + 1}`, description: `De wijkgesprekken van reeks ${p + 1}.` })) as { id: string }).id);
  }
  const findings: string[] = [];
  for (let m = 0; m < sizes.meetings; m++) {
    const meeting = (await value(core, 'meetings.create', {
      programmeId: programmes[m % programmes.length],
      title: `Wijkbijeenkomst ${m + 1}`,
      date: addDays(today, -3650 + Math.floor((m * 3650) / sizes.meetings)),
      startTime: '19:30',
      endTime: '21:30',
      location: `Buurthuis ${m % 12}`,
    })) as { id: string };
    findings.push(((await value(core, 'findings.create', { text: `Wat bewoners zeiden op bijeenkomst ${m + 1}`, meetingId: meeting.id })) as { id: string }).id);
  }
  const perAdvice = sizes.recommendations / sizes.advices;
  let commitments = 0;
  for (let a = 0; a < sizes.advices; a++) {
    const sentOn = addDays(today, -3650 + Math.floor((a * 3650) / sizes.advices) + 14);
    let advice = (await value(core, 'advices.create', { kind: a % 3 === 0 ? 'ongevraagd' : 'gevraagd', betreft: `Advies ${a + 1} over de Wmo in de wijk`, adviceDate: addDays(sentOn, -1) })) as {
      id: string;
      sections: { id: string; items: { id: string }[] }[];
    };
    advice = (await value(core, 'advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' })) as typeof advice;
    for (let r = 0; r < perAdvice; r++) {
      advice = (await value(core, 'advices.addItem', {
        sectionId: advice.sections[0]!.id,
        kind: 'aanbeveling',
        text: `Aanbeveling ${r + 1} van advies ${a + 1}: zorg dat bewoners sneller en dichter bij huis de hulp krijgen die zij nodig hebben, en vertel hun wat er met hun vraag gebeurt.`,
        ...(r === 0 ? { findingIds: [findings[Math.floor((a * sizes.meetings) / sizes.advices)]!] } : {}),
      })) as typeof advice;
    }
    await value(core, 'advices.setStatus', { id: advice.id, status: 'vastgesteld', date: addDays(sentOn, -1) });
    advice = (await value(core, 'advices.setStatus', { id: advice.id, status: 'verzonden', date: sentOn })) as typeof advice;
    await value(core, 'publication.set', { adviceId: advice.id, isPublic: true });
    const items = advice.sections[0]!.items;
    if (a % 5 !== 0) {
      const receivedOn = addDays(sentOn, 42) > today ? today : addDays(sentOn, 42);
      await value(core, 'responses.record', { adviceId: advice.id, receivedOn, kenmerk: `GEM-${a + 1}`, summary: `Het college neemt de meeste aanbevelingen van advies ${a + 1} over en onderzoekt de rest.` });
      for (const [r, item] of items.entries()) {
        await value(core, 'responses.setPosition', { itemId: item.id, position: POSITIONS[(a + r) % POSITIONS.length], collegeText: `Het college reageert op aanbeveling ${r + 1}.` });
      }
    }
    const target = Math.round(((a + 1) * sizes.commitments) / sizes.advices);
    for (; commitments < target; commitments++) {
      await value(core, 'commitments.create', {
        adviceId: advice.id,
        description: `Toezegging ${commitments + 1}: het college komt terug op aanbeveling ${(commitments % perAdvice) + 1}.`,
        owner: 'Wethouder Zorg',
        dueOn: addDays(sentOn, 180),
        itemIds: [items[commitments % items.length]!.id],
      });
    }
  }
  refreshPlannerStatistics(core.sqlite);
}

const POSITIONS = ['overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'wordt_onderzocht'] as const;

export async function benchPublication(core: Core): Promise<BenchRow[]> {
  const today = todayInNetherlands();
  const seedStart = performance.now();
  await seedPublication(core, today);
  console.error(`publicatie: raad met tien jaar gegevens gevuld in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-bench-site-'));
  try {
    const publish = async () => {
      const start = performance.now();
      const site = await buildPublication(core.db, today);
      const built = performance.now() - start;
      const outcome = writeSiteToFolder(folder, site);
      return { site, outcome, builtMs: built, totalMs: performance.now() - start };
    };
    const first = await publish();
    const again: Awaited<ReturnType<typeof publish>>[] = [];
    for (let i = 0; i < 5; i++) again.push(await publish());
    again.sort((a, b) => a.totalMs - b.totalMs);
    const median = again[2]!;
    const pages = [...first.site].filter(([file]) => file.endsWith('.html'));
    const [largestFile, largestBytes] = pages.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const bytes = [...first.site.values()].reduce((sum, file) => sum + file.length, 0);
    const rewritten = Math.max(...again.map((run) => run.outcome.written.length + run.outcome.removed.length));
    return [
      {
        name: `publiceren vanaf niets (${PUBLICATION_SIZES.advices} adviezen, ${PUBLICATION_SIZES.recommendations} aanbevelingen, ${PUBLICATION_SIZES.commitments} toezeggingen, ${PUBLICATION_SIZES.meetings} bijeenkomsten)`,
        medianMs: first.totalMs,
        p95Ms: first.totalMs,
        goal: '≤ 10 s',
        met: first.totalMs <= 10_000,
        note: `${first.site.size} bestanden, ${(bytes / (1024 * 1024)).toFixed(1)} MB; bouwen ${Math.round(first.builtMs)} ms, schrijven ${Math.round(first.totalMs - first.builtMs)} ms`,
      },
      {
        name: 'opnieuw publiceren, niets veranderd',
        medianMs: median.totalMs,
        p95Ms: again[4]!.totalMs,
        goal: '≤ 1 s, niets herschreven',
        met: median.totalMs <= 1_000 && rewritten === 0,
        note: `${rewritten} bestanden herschreven; bouwen ${Math.round(median.builtMs)} ms, vergelijken ${Math.round(median.totalMs - median.builtMs)} ms`,
      },
      {
        name: `grootste pagina (${largestFile})`,
        medianMs: largestBytes.length / 1024,
        p95Ms: largestBytes.length / 1024,
        goal: '≤ 100 KB HTML',
        met: largestBytes.length <= 100 * 1024,
        note: 'KB, geen ms',
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// This case alone: prints its rows.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-bench-'));
  const core = await openCore({ databasePath: path.join(dir, 'advieswerk.sqlite'), mode: 'cli' });
  try {
    for (const row of await benchPublication(core)) console.log(`${row.name}: ${row.medianMs.toFixed(1)} (doel ${row.goal}: ${row.met ? 'gehaald' : 'NIET gehaald'}; ${row.note})`);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
