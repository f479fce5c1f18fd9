import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => core.dispose());

it('refuses a stale item update with CONFLICT and the current advice, changes nothing; a fresh update and a retried one pass', async () => {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Wachttijden', withDefaultSections: true });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'conclusie', text: 'Eerste tekst' });
  const seen = advice.sections[1]!.items[0]!;
  await core.value('advices.updateItem', { id: seen.id, text: 'Mijn tekst', expectedUpdatedAt: seen.updatedAt });
  // The same acknowledged write again (its answer was lost): no conflict with itself.
  await core.value('advices.updateItem', { id: seen.id, text: 'Mijn tekst', expectedUpdatedAt: seen.updatedAt });
  const before = await storeFingerprint(core);
  const error = await core.failure('advices.updateItem', { id: seen.id, text: 'Hun tekst', expectedUpdatedAt: seen.updatedAt });
  expect(error.code).toBe('CONFLICT');
  expect(error.message).toContain('Gewijzigd door');
  expect(error.conflict?.current.sections[1]!.items[0]!.text).toBe('Mijn tekst');
  expect(await storeFingerprint(core)).toEqual(before);
  const fresh = error.conflict!.current.sections[1]!.items[0]!;
  const after = await core.value('advices.updateItem', { id: seen.id, text: 'Hun tekst', expectedUpdatedAt: fresh.updatedAt });
  expect(after.sections[1]!.items[0]!.text).toBe('Hun tekst');
});

it('gives every item write a version of its own, also when two writes fall within one millisecond of the clock', async () => {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Wachttijden', withDefaultSections: true });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'conclusie', text: 'Eerste tekst' });
  const seen = advice.sections[1]!.items[0]!;
  // The clock stands still: the first writer's save gets the same millisecond as the version both writers saw.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(seen.updatedAt) });
  try {
    const mine = await core.value('advices.updateItem', { id: seen.id, text: 'Mijn tekst', expectedUpdatedAt: seen.updatedAt });
    expect(mine.sections[1]!.items[0]!.updatedAt).not.toBe(seen.updatedAt);
    const error = await core.failure('advices.updateItem', { id: seen.id, text: 'Hun tekst', expectedUpdatedAt: seen.updatedAt });
    expect(error.code).toBe('CONFLICT');
  } finally {
    vi.useRealTimers();
  }
  expect((await core.value('advices.get', { id: advice.id })).sections[1]!.items[0]!.text).toBe('Mijn tekst');
});
