import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { JOB_KINDS } from '../../shared/api/jobs';
import type { Result } from '../../shared/result';
import { createTestCore, type TestCore } from '../helpers/core';
import { hostileInput } from '../helpers/hostile';
import { databaseFingerprint } from '../helpers/snapshot';

/**
 * Every API method (new ones are picked up from the contract automatically) gets random and
 * hostile input. Each call must come back as a Result, never throw and never be INTERNAL; a
 * rejection must be VALIDATION, NOT_FOUND or CONFLICT with a Dutch message and change nothing.
 * FUZZ_TOTAL raises the number of cases (scripts/soak-fuzz.ts).
 */
const TOTAL = Number(process.env.FUZZ_TOTAL ?? 10_000);
const PER_METHOD = 200;
const REJECTIONS = new Set(['VALIDATION', 'NOT_FOUND', 'CONFLICT']);
/** Words from English error texts that must never reach a Dutch user. */
const ENGLISH = /\b(invalid|expected|required|received|must|should|cannot|error|failed)\b/i;

let core: TestCore;
const counts = { cases: 0, accepted: 0, rejected: 0 };
const seeds: Record<string, number> = {};

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', {
    name: 'Adviesraad Sociaal Domein',
    municipality: 'Leiden',
    defaultAddressee: 'College',
    postalAddress: '',
    logoDataUrl: '',
    signatories: [{ name: 'A. de Vries', role: 'voorzitter' }],
    responseTermWeeks: 6,
    kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
  }).catch(() => undefined);
  for (const name of ['Noord', 'Zuid', '<script>alert(1)</script>']) await core.value('wijken.create', { name });
});

afterAll(async () => {
  console.log(`[api-fuzz] ${counts.cases} cases over ${METHOD_NAMES.length} methods: ${counts.accepted} accepted, ${counts.rejected} rejected`);
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/reliability-fuzz.json', JSON.stringify({ methods: METHOD_NAMES.length, perMethod: PER_METHOD, ...counts, seeds }, null, 2));
  await core.dispose();
});

async function plausibleValues(): Promise<unknown[]> {
  const wijken = await core.value('wijken.list');
  const jobs = await core.value('jobs.list');
  const backups = await core.value('backups.list');
  return [
    ...wijken.map((wijk) => wijk.id),
    ...jobs.map((job) => job.id),
    ...backups.map((backup) => backup.file),
    ...JOB_KINDS,
    'Noord',
    'Nieuwe wijk',
    '',
    6,
    [],
    {},
    [{ name: 'B. Jansen', role: 'secretaris' }],
    'WMO-{jaar}-{volgnummer}',
  ];
}

/** Methods seen starting a job: they get only their 200 cases, not a share of the heavy part. */
const startsJobs = new Set<MethodName>();

/** Jobs started by an accepted call are awaited, so no worker outlives its case. */
async function settle(method: MethodName, result: Result<unknown>): Promise<void> {
  if (!result.ok) return;
  const value = result.value as { id?: unknown; kind?: unknown; state?: unknown } | null;
  if (value && typeof value.id === 'string' && typeof value.kind === 'string' && typeof value.state === 'string' && value.state !== 'done') {
    startsJobs.add(method);
    await core.jobs.wait(value.id);
  }
}

async function fuzz(method: MethodName, numRuns: number): Promise<void> {
  const plausible = await plausibleValues();
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ method.length;
  seeds[method] = seed;
  await fc.assert(
    fc.asyncProperty(hostileInput(contract[method].input, plausible), async (input) => {
      const before = databaseFingerprint(core.sqlite);
      let result: Result<unknown>;
      try {
        result = await core.call(method, input);
      } catch (error) {
        throw new Error(`${method} threw instead of returning a Result: ${String(error)}`);
      }
      counts.cases += 1;
      await settle(method, result);
      if (result.ok) {
        counts.accepted += 1;
        return;
      }
      counts.rejected += 1;
      expect(REJECTIONS.has(result.error.code), `${method}: ${result.error.code} ${result.error.message}`).toBe(true);
      expect(result.error.message.length).toBeGreaterThan(0);
      expect(result.error.message, 'the message is Dutch').not.toMatch(ENGLISH);
      const after = databaseFingerprint(core.sqlite);
      expect(after.hash, `${method} changed data while rejecting`).toBe(before.hash);
      expect(after.totalChanges, `${method} wrote rows while rejecting`).toBe(before.totalChanges);
    }),
    { numRuns, seed, endOnFailure: true },
  ).catch((error: unknown) => {
    // Printed on failure so the run can be replayed: FUZZ_SEED=<seed> npx vitest run tests/integration/api-fuzz.test.ts
    console.error(`api-fuzz ${method}: seed ${seed} (replay with FUZZ_SEED=${seed})`);
    throw error;
  });
  expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('every API method under random and hostile input', () => {
  it.each(METHOD_NAMES.map((method) => [method]))('%s: 200 cases', async (method: MethodName) => {
    await fuzz(method, PER_METHOD);
  }, 600_000);

  it('heavy part: the rest of the cases over the methods that start no jobs', async () => {
    const heavy = METHOD_NAMES.filter((method) => !startsJobs.has(method));
    const perMethod = Math.ceil(Math.max(0, TOTAL - counts.cases) / heavy.length);
    for (const method of heavy) if (perMethod > 0) await fuzz(method, perMethod);
  }, 900_000);

  it(`ran at least 200 cases per method and ${Math.min(TOTAL, 10_000)} in total`, () => {
    expect(counts.cases).toBeGreaterThanOrEqual(Math.max(TOTAL, 200 * METHOD_NAMES.length));
  });
});
