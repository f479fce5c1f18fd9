import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { JOB_KINDS } from '../../shared/api/jobs';
import type { Result } from '../../shared/result';
import type { ExchangeRecord } from '../../shared/api/exchange';
import type { TrashEmptied } from '../../shared/api/reliability';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';
import { importThroughJob, recordRow } from '../helpers/exchange';
import { hostileInput, hostileValue } from '../helpers/hostile';
import { StoreWitness, storeFingerprint } from '../helpers/snapshot';

/**
 * Every API method (new ones are picked up from the contract automatically) gets random and
 * hostile input. Each call must come back as a Result, never throw and never be INTERNAL; a
 * rejection must be VALIDATION, NOT_FOUND or CONFLICT with a Dutch message and change nothing.
 * FUZZ_TOTAL raises the number of cases (scripts/soak-fuzz.ts).
 *
 * On PostgreSQL (project `postgres`) every method gets 25 cases and no heavy part: each case's
 * before/after fingerprint reads every table over the wire, and the boundary under test (the
 * contract's validation) is the same code on both stores; what differs, the store's own refusals
 * (constraints, triggers, error classes), is reached within those cases.
 */
const TOTAL = Number(process.env.FUZZ_TOTAL ?? (onPostgres() ? 0 : 10_000));
const PER_METHOD = onPostgres() ? 25 : 200;
/**
 * Cases per method. `backups.create` takes no input, so many cases are accepted, each making a real
 * backup (SQLite ~0.7 s each: 134 s of a CI run for 200; PostgreSQL runs pg_dump, ~1 s): 25 and 5 cases
 * reach its refusals and its one accepted form as well.
 */
const casesFor = (method: MethodName) => (method === 'backups.create' ? (onPostgres() ? 5 : 25) : PER_METHOD);
/** The destructive methods get 200 on both stores: few of the generated confirmations are accepted (~5 %), and some must be. */
const DESTRUCTIVE_CASES = 200;
const REJECTIONS = new Set(['VALIDATION', 'NOT_FOUND', 'CONFLICT']);
/** Words from English error texts that must never reach a Dutch user. */
const ENGLISH = /\b(invalid|expected|required|received|must|should|cannot|error|failed)\b/i;

let core: TestCore;
/** Reads every table before and after a case only where the store's write mark has moved. */
let witness: StoreWitness;
const counts = { cases: 0, accepted: 0, rejected: 0 };
/** The destructive methods with their confirmation reachable, and hostile exchange records. */
const destructive = { trashEmpty: 0, trashEmptyAccepted: 0, privacyPurge: 0, privacyPurgeAccepted: 0, exchangeRecords: 0, exchangeFiles: 0, exchangeSkipped: 0 };
const seeds: Record<string, number> = {};

beforeAll(async () => {
  core = await createTestCore();
  witness = new StoreWitness(core);
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
  console.log(`[api-fuzz] destructive and exchange: ${JSON.stringify(destructive)}`);
  writeFileSync('test-results/reliability-fuzz.json', JSON.stringify({ methods: METHOD_NAMES.length, perMethod: PER_METHOD, ...counts, destructive, seeds }, null, 2));
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

interface FuzzOptions {
  /** Inputs instead of the generic hostile ones. */
  inputs?: fc.Arbitrary<unknown>;
  /** Turns a generated input into the one sent (say, to fill in a count only known at call time). */
  prepare?: (input: unknown) => Promise<unknown>;
  /** Checks what an accepted call did, and sets the stage for the next case. */
  onAccepted?: (value: unknown) => Promise<void>;
}

async function fuzz(method: MethodName, numRuns: number, options: FuzzOptions = {}): Promise<void> {
  const plausible = await plausibleValues();
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ method.length;
  seeds[method] = seed;
  await fc.assert(
    fc.asyncProperty(options.inputs ?? hostileInput(contract[method].input, plausible), async (generated) => {
      const input = options.prepare ? await options.prepare(generated) : generated;
      const before = await witness.look();
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
        await options.onAccepted?.(result.value);
        return;
      }
      counts.rejected += 1;
      expect(REJECTIONS.has(result.error.code), `${method}: ${result.error.code} ${result.error.message}`).toBe(true);
      expect(result.error.message.length).toBeGreaterThan(0);
      expect(result.error.message, 'the message is Dutch').not.toMatch(ENGLISH);
      const after = await witness.look();
      expect(after.hash, `${method} changed data while rejecting`).toBe(before.hash);
      expect(after.totalChanges, `${method} wrote rows while rejecting`).toBe(before.totalChanges);
    }),
    { numRuns, seed, endOnFailure: true },
  ).catch((error: unknown) => {
    // Printed on failure so the run can be replayed: FUZZ_SEED=<seed> npx vitest run tests/integration/api-fuzz.test.ts
    throw new Error(`${method} failed; replay with FUZZ_SEED=${seed}\n${String(error)}`);
  });
  await expectStoreSound();
}

/** SQLite checks its file on request; PostgreSQL refuses a broken row at the write itself. */
async function expectStoreSound(): Promise<void> {
  if (!onPostgres()) expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('every API method under random and hostile input', () => {
  it.each(METHOD_NAMES.map((method) => [method, casesFor(method)] as const))('%s: %i cases', async (method: MethodName, cases: number) => {
    await fuzz(method, cases);
  }, 600_000);

  it('heavy part: the rest of the cases over the methods that start no jobs', async () => {
    const heavy = METHOD_NAMES.filter((method) => !startsJobs.has(method));
    const perMethod = Math.ceil(Math.max(0, TOTAL - counts.cases) / heavy.length);
    for (const method of heavy) if (perMethod > 0) await fuzz(method, perMethod);
  }, 900_000);

  it(`ran at least ${PER_METHOD} cases per method and ${Math.min(TOTAL, 10_000)} in total`, () => {
    expect(counts.cases).toBeGreaterThanOrEqual(Math.max(TOTAL, METHOD_NAMES.reduce((sum, method) => sum + casesFor(method), 0)));
  });
});

describe('destructive methods with their confirmation within reach', () => {
  /** Something in the trash and something old and flagged as personal data, so an accepted call has work. */
  async function stageDestructibles(): Promise<void> {
    const trashed = await core.value('meetings.create', { title: 'Naar de prullenbak', date: '2025-01-01' });
    await core.value('findings.create', { meetingId: trashed.id, text: 'Gaat mee de prullenbak in' });
    await core.value('meetings.delete', { id: trashed.id });
    const flagged = await core.value('meetings.create', { title: 'Oude avond', date: '2020-10-01', notes: 'Mevrouw Bakker belde.', notesContainPersonalData: true });
    // Older than the retention period: the purge's candidate.
    await sql`update meetings set created_at = ${'2020-10-01T00:00:00.000Z'} where id = ${flagged.id}`.execute(core.db);
    await core.value('privacy.update', { retentionMonths: 12 });
  }

  /** Confirmations close to the real one: the right literal, near misses and hostile values. */
  const confirmation = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constantFrom('true', 1, false, null, [true], { value: true }) }, { weight: 1, arbitrary: hostileValue });

  it(`trash.empty: ${DESTRUCTIVE_CASES} cases; an accepted call empties the trash, a rejected one changes nothing`, async () => {
    await stageDestructibles();
    const inputs = fc.oneof(
      { weight: 3, arbitrary: fc.record({ confirm: confirmation }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ confirm: confirmation, extra: hostileValue }) },
      { weight: 1, arbitrary: hostileInput(contract['trash.empty'].input, [true]) },
    );
    await fuzz('trash.empty', DESTRUCTIVE_CASES, {
      inputs,
      prepare: async (input) => {
        destructive.trashEmpty += 1;
        return input;
      },
      onAccepted: async (value) => {
        destructive.trashEmptyAccepted += 1;
        // Only what is still in use elsewhere stays, and the answer says which.
        const kept = (value as TrashEmptied).kept.map((item) => item.id).sort();
        expect((await core.value('trash.list')).map((item) => item.id).sort()).toEqual(kept);
        await stageDestructibles();
      },
    });
    expect(destructive.trashEmptyAccepted, 'some calls emptied the trash').toBeGreaterThan(0);
  }, 600_000);

  it(`privacy.purge: ${DESTRUCTIVE_CASES} cases; only the confirmed, current count purges, and then nothing is left to purge`, async () => {
    await stageDestructibles();
    const count = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('CURRENT', 'CURRENT+1', 'CURRENT-1') },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 10_000_001, Number.NaN) },
      { weight: 1, arbitrary: hostileValue },
    );
    const inputs = fc.oneof(
      { weight: 4, arbitrary: fc.record({ confirm: confirmation, expectedCount: count }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: hostileInput(contract['privacy.purge'].input, [true, 0, 1]) },
    );
    await fuzz('privacy.purge', DESTRUCTIVE_CASES, {
      inputs,
      // The count the user saw is known only now: CURRENT stands for it.
      prepare: async (input) => {
        destructive.privacyPurge += 1;
        const current = (await core.value('privacy.purgePreview')).items.length;
        if (typeof input !== 'object' || input === null || !('expectedCount' in input)) return input;
        const offsets: Record<string, number> = { CURRENT: 0, 'CURRENT+1': 1, 'CURRENT-1': -1 };
        const expectedCount = (input as { expectedCount: unknown }).expectedCount;
        return typeof expectedCount === 'string' && Object.hasOwn(offsets, expectedCount) ? { ...input, expectedCount: current + offsets[expectedCount]! } : input;
      },
      onAccepted: async () => {
        destructive.privacyPurgeAccepted += 1;
        expect((await core.value('privacy.purgePreview')).items).toEqual([]);
        await stageDestructibles();
      },
    });
    expect(destructive.privacyPurgeAccepted, 'some purges went through').toBeGreaterThan(0);
  }, 600_000);
});

// Exchange files are tested on SQLite only so far (vitest.config.ts names the exchange tests among the files not yet converted).
describe.skipIf(onPostgres())('the exchange import under hostile records (through the real import job)', () => {
  const FILES = 8;
  const RECORDS_PER_FILE = 25;

  it(`${FILES} files of ${RECORDS_PER_FILE} records: never a failed job, each record whole or not at all, twice changes nothing`, async () => {
    // Real records to start from: a meeting exported by the app itself.
    const wijk = await core.value('wijken.create', { name: 'Uitwisselwijk' });
    const meeting = await core.value('meetings.create', { title: 'Uitwisselavond', date: '2026-03-12', wijkIds: [wijk.id], tables: [{ theme: 'Zorg', facilitator: 'Anja' }] });
    await core.value('findings.create', { themeTableId: meeting.tables[0]!.id, text: 'Wachtlijst is lang', tags: ['zorg'] });
    const exported = await core.value('jobs.start', { kind: 'exchangeExport', params: { meetingId: meeting.id } });
    const { readFileSync } = await import('node:fs');
    const realRecords = JSON.parse(readFileSync(String((await core.jobs.wait(exported.id)).result!.path), 'utf8')).records as ExchangeRecord[];
    const fieldNames = [...new Set(realRecords.flatMap((record) => Object.keys(record.data))), '__proto__', 'constructor', 'extra'];

    // Hostile values small enough that the file stays under the upload limit.
    const smallHostile = hostileValue.filter((value) => (JSON.stringify(value) ?? '').length < 50_000);
    const record = fc
      .record({
        from: fc.constantFrom(...realRecords),
        type: fc.option(fc.constantFrom('constructor', '__proto__', 'toString', 'meeting', 'finding', 'wijk', 'collegeResponse', 'followupEntry'), { nil: undefined }),
        id: fc.option(fc.uuid({ version: 7 }), { nil: undefined }),
        updatedAt: fc.constantFrom('2020-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', undefined),
        changes: fc.array(fc.tuple(fc.constantFrom(...fieldNames), fc.option(smallHostile, { nil: undefined, freq: 4 })), { maxLength: 3 }),
      })
      .map(({ from, type, id, updatedAt, changes }) => {
        const data: Record<string, unknown> = { ...from.data };
        for (const [field, value] of changes) {
          if (value === undefined) delete data[field];
          else Object.defineProperty(data, field, { value, enumerable: true, configurable: true, writable: true });
        }
        return { type: type ?? from.type, id: id ?? from.id, updatedAt: updatedAt ?? from.updatedAt, data };
      });
    const files = fc.uniqueArray(record, { minLength: RECORDS_PER_FILE, maxLength: RECORDS_PER_FILE, selector: (one) => `${one.type}/${one.id}` });

    const seed = Number(process.env.FUZZ_SEED ?? Date.now());
    seeds['exchange import'] = seed;
    await fc
      .assert(
        fc.asyncProperty(files, async (records) => {
          const before = new Map(records.map((one) => [`${one.type}/${one.id}`, recordRow(core.sqlite, one.type, one.id)]));
          const report = await importThroughJob(core, records);
          destructive.exchangeFiles += 1;
          destructive.exchangeRecords += records.length;
          destructive.exchangeSkipped += report.skipped.length;

          const keptLocal = report.conflicts.filter((conflict) => conflict.kept === 'local').length;
          expect(report.inserted + report.updated + report.unchanged + keptLocal + report.skipped.length).toBe(records.length);
          for (const skipped of report.skipped) {
            expect(skipped.reason, 'the reason is Dutch').not.toMatch(ENGLISH);
            const key = `${skipped.type}/${skipped.id}`;
            expect(recordRow(core.sqlite, skipped.type, skipped.id), `${key} left a trace`).toBe(before.get(key));
          }
          const afterFirst = (await storeFingerprint(core)).hash;
          expect(await importThroughJob(core, records)).toMatchObject({ inserted: 0, updated: 0 });
          expect((await storeFingerprint(core)).hash, 'a second import changed data').toBe(afterFirst);
        }),
        { numRuns: FILES, seed, endOnFailure: true },
      )
      .catch((error: unknown) => {
        throw new Error(`exchange import fuzz failed; replay with FUZZ_SEED=${seed}\n${String(error)}`);
      });
    expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 600_000);
});
