import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/core/api/handlers';
import { newId } from '../../electron/core/ids';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { ERROR_CODES, type Result } from '../../shared/result';
import { createTestCore, type TestCore } from '../helpers/core';
import { StoreWitness } from '../helpers/snapshot';

let core: TestCore;
/** Reads every table before and after a call only where the store's write mark has moved. */
let witness: StoreWitness;
beforeAll(async () => {
  core = await createTestCore();
  witness = new StoreWitness(core);
  // Some data, so a call that wrongly writes or deletes has something to change.
  await core.value('council.update', { name: 'Adviesraad', kenmerkPattern: 'WMO-{jaar}-{volgnummer}' });
  await core.value('wijken.create', { name: 'Noord', description: 'Een wijk' });
});
afterAll(async () => {
  await core.dispose();
});

const MEGABYTE = 'x'.repeat(1024 * 1024);

const HOSTILE_INPUTS: { label: string; input: unknown }[] = [
  { label: 'the number 42', input: 42 },
  { label: 'a string', input: 'tekst' },
  { label: 'an empty array', input: [] },
  { label: 'true', input: true },
  { label: 'an unknown field', input: { onbekend: 1 } },
  { label: 'a __proto__ key', input: JSON.parse('{"__proto__": {"polluted": true}}') },
  { label: 'an array of objects', input: [{ name: 'Noord' }] },
  { label: 'a 1 MB string', input: MEGABYTE },
];

/** The names of an object schema's fields, for placing hostile values in each of them. */
function fieldNames(schema: unknown): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Every (method, field) pair that takes an object; `jobs.start` is a union keyed by `kind`. */
const FIELD_POSITIONS: { method: MethodName; field: string }[] = METHOD_NAMES.flatMap((method) => {
  const fields = method === 'jobs.start' ? ['kind', 'params'] : fieldNames(contract[method].input);
  return fields.map((field) => ({ method, field }));
});

async function expectRefusal(method: string, input: unknown, allowed: readonly string[] = ['VALIDATION']): Promise<void> {
  const before = await witness.look();
  // dispatch never throws: a rejection here fails the test by itself.
  const result: Result<unknown> = await core.call(method, input);

  expect(result.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
  if (result.ok) return;
  expect(allowed).toContain(result.error.code);
  expect(ERROR_CODES).toContain(result.error.code);
  expect(result.error.message.trim().length).toBeGreaterThan(0);
  expect(result.error.message.length).toBeLessThan(2000);
  expect(await witness.look()).toEqual(before);
}

describe('the handler map', () => {
  it('has exactly the methods of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('has a contract with at least the foundation methods', () => {
    expect(METHOD_NAMES).toEqual(
      expect.arrayContaining(['system.info', 'council.get', 'council.update', 'user.get', 'user.update', 'wijken.list', 'wijken.create', 'jobs.start']),
    );
  });
});

describe.each(METHOD_NAMES)('%s refuses hostile input', (method) => {
  it.each(HOSTILE_INPUTS)('$label → VALIDATION, nothing written', async ({ input }) => {
    await expectRefusal(method, input);
  });
});

describe('a 1 MB string in every top-level field', () => {
  it.each(FIELD_POSITIONS)('$method.$field', async ({ method, field }) => {
    await expectRefusal(method, { [field]: MEGABYTE });
  });

  it('reaches every method that takes fields', () => {
    const methodsWithFields = new Set(FIELD_POSITIONS.map((position) => position.method));
    for (const name of ['council.update', 'user.update', 'wijken.create', 'wijken.update', 'wijken.delete', 'jobs.start', 'jobs.get', 'jobs.cancel'])
      expect(methodsWithFields).toContain(name);
  });
});

describe('well-formed ids that do not exist', () => {
  it.each([
    { method: 'wijken.update', input: { id: newId(), name: 'Zuid' } },
    { method: 'wijken.delete', input: { id: newId() } },
    { method: 'jobs.get', input: { id: newId() } },
    { method: 'jobs.cancel', input: { id: newId() } },
    { method: 'jobs.get', input: { id: 'geen-taak' } },
  ])('$method → NOT_FOUND', async ({ method, input }) => {
    const before = await witness.look();

    const error = await core.failure(method, input);

    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/bestaat niet/);
    expect(await witness.look()).toEqual(before);
  });
});

describe('unknown methods', () => {
  it.each(['wijken.drop', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'x'.repeat(10_000)])(
    'dispatch of %j → NOT_FOUND with a bounded message',
    async (method) => {
      const before = await witness.look();

      const error = await core.failure(method, {});

      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/^Onbekende opdracht/);
      expect(error.message.length).toBeLessThan(200);
      expect(await witness.look()).toEqual(before);
    },
  );
});

describe('after all the hostile calls', () => {
  it('the prototype of plain objects is not polluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the core still works', async () => {
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Noord']);
    expect((await core.value('council.get')).name).toBe('Adviesraad');
  });
});
