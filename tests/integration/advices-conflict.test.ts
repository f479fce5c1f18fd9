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

it('refuses deleting an item someone changed since it was seen, and deletes it on the version that is there now', async () => {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Wachttijden', withDefaultSections: true });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'conclusie', text: 'Eerste tekst' });
  const seen = advice.sections[1]!.items[0]!;
  await core.value('advices.updateItem', { id: seen.id, text: 'Verbeterd door Bert', expectedUpdatedAt: seen.updatedAt });
  const before = await storeFingerprint(core);
  const error = await core.failure('advices.deleteItem', { id: seen.id, expectedUpdatedAt: seen.updatedAt });
  expect(error.code).toBe('CONFLICT');
  expect(error.message).toContain('Gewijzigd door');
  expect(await storeFingerprint(core)).toEqual(before);
  const now = error.conflict!.current.sections[1]!.items[0]!;
  expect(now.text).toBe('Verbeterd door Bert');
  const after = await core.value('advices.deleteItem', { id: seen.id, expectedUpdatedAt: now.updatedAt });
  expect(after.sections[1]!.items).toEqual([]);
});

it('refuses a stale section title only when someone set it to something else; consecutive own saves pass', async () => {
  const advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Wachttijden', withDefaultSections: true });
  const seen = advice.sections[0]!;
  const mine = await core.value('advices.updateSection', { id: seen.id, title: 'Aanleiding', expectedUpdatedAt: seen.updatedAt });
  // My next autosave is made on the version my first one returned.
  const again = await core.value('advices.updateSection', { id: seen.id, title: 'Aanleiding en vraag', expectedUpdatedAt: mine.sections[0]!.updatedAt });
  expect(again.sections[0]!.updatedAt > mine.sections[0]!.updatedAt).toBe(true);
  // A retried save of what is stored already is no conflict; another title on the old version is.
  await core.value('advices.updateSection', { id: seen.id, title: 'Aanleiding en vraag', expectedUpdatedAt: seen.updatedAt });
  const before = await storeFingerprint(core);
  const error = await core.failure('advices.updateSection', { id: seen.id, title: 'Inleiding', expectedUpdatedAt: seen.updatedAt });
  expect(error.code).toBe('CONFLICT');
  expect(error.conflict?.current.sections[0]!.title).toBe('Aanleiding en vraag');
  expect(await storeFingerprint(core)).toEqual(before);
  const numbering = await core.failure('advices.updateSection', { id: seen.id, numbering: 'geen', expectedUpdatedAt: seen.updatedAt });
  expect(numbering.code).toBe('CONFLICT');
});

it('refuses deleting a section when an item in it was added or changed since it was seen', async () => {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Wachttijden', withDefaultSections: true });
  const seen = advice.sections[1]!;
  const seenVersion = [seen.updatedAt, ...seen.items.map((item) => item.updatedAt)].sort().at(-1)!;
  advice = await core.value('advices.addItem', { sectionId: seen.id, kind: 'conclusie', text: 'Net toegevoegd door Bert' });
  const before = await storeFingerprint(core);
  const error = await core.failure('advices.deleteSection', { id: seen.id, expectedUpdatedAt: seenVersion });
  expect(error.code).toBe('CONFLICT');
  expect(error.message).toContain('Gewijzigd door');
  expect(await storeFingerprint(core)).toEqual(before);
  const now = error.conflict!.current.sections[1]!;
  const newest = [now.updatedAt, ...now.items.map((item) => item.updatedAt)].sort().at(-1)!;
  const after = await core.value('advices.deleteSection', { id: seen.id, expectedUpdatedAt: newest });
  expect(after.sections.map((section) => section.id)).not.toContain(seen.id);
});
