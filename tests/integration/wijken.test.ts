import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../electron/core/ids';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { sql } from 'kysely';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

/** Runs a call that must be refused and proves the database did not change. */
async function refusedWithoutChange(method: string, input: unknown) {
  const before = await storeFingerprint(core);
  const error = await core.failure(method, input);
  expect(await storeFingerprint(core)).toEqual(before);
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

describe('wijken: create, list, update, delete', () => {
  it('creates a wijk with trimmed fields, ids and timestamps', async () => {
    const wijk = await core.value('wijken.create', { name: '  Noord ', code: ' N ', description: ' Ten noorden van het spoor ' });

    expect(wijk).toMatchObject({ name: 'Noord', code: 'N', description: 'Ten noorden van het spoor' });
    expect(wijk.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(wijk.createdAt).toBe(wijk.updatedAt);
    expect(await core.value('wijken.list')).toEqual([wijk]);
  });

  it('lists wijken sorted by name, ignoring case', async () => {
    for (const name of ['zuid', 'Centrum', 'Oost', 'binnenstad', 'Anton', 'noord']) await core.value('wijken.create', { name });

    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual([
      'Anton',
      'binnenstad',
      'Centrum',
      'noord',
      'Oost',
      'zuid',
    ]);
  });

  it('updates only the fields given and moves updatedAt', async () => {
    const wijk = await core.value('wijken.create', { name: 'Noord', code: 'N', description: 'Oud' });
    await new Promise((resolve) => setTimeout(resolve, 5));

    const updated = await core.value('wijken.update', { id: wijk.id, description: 'Nieuw' });

    expect(updated).toMatchObject({ id: wijk.id, name: 'Noord', code: 'N', description: 'Nieuw', createdAt: wijk.createdAt });
    expect(updated.updatedAt > wijk.updatedAt).toBe(true);
    expect(await core.value('wijken.list')).toEqual([updated]);
  });

  it('can clear the code and description with empty strings', async () => {
    const wijk = await core.value('wijken.create', { name: 'Noord', code: 'N', description: 'Iets' });

    expect(await core.value('wijken.update', { id: wijk.id, code: '', description: '' })).toMatchObject({ code: '', description: '' });
  });

  it('deletes a wijk and returns its id', async () => {
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const zuid = await core.value('wijken.create', { name: 'Zuid' });

    expect(await core.value('wijken.delete', { id: noord.id })).toEqual({ id: noord.id });
    expect(await core.value('wijken.list')).toEqual([zuid]);
  });
});

describe('wijk names are unique, ignoring case and surrounding spaces', () => {
  it.each(['Noord', 'noord', 'NOORD', '  Noord  ', '\tnoord\n'])('refuses a second wijk named %j', async (name) => {
    await core.value('wijken.create', { name: 'Noord' });

    const error = await refusedWithoutChange('wijken.create', { name });

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(t('wijken.nameTaken', { name: name.trim() }));
    expect(error.issues).toEqual([{ path: 'name', message: error.message }]);
  });

  it('refuses renaming onto the name of another wijk', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const zuid = await core.value('wijken.create', { name: 'Zuid' });

    const error = await refusedWithoutChange('wijken.update', { id: zuid.id, name: ' NOORD ' });

    expect(error.code).toBe('CONFLICT');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['name']);
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toEqual(['Noord', 'Zuid']);
  });

  it('allows renaming a wijk to its own name in other case', async () => {
    const wijk = await core.value('wijken.create', { name: 'noord' });

    expect(await core.value('wijken.update', { id: wijk.id, name: 'Noord' })).toMatchObject({ id: wijk.id, name: 'Noord' });
    // The new spelling also claims the name: a different-case duplicate is still refused afterwards.
    expect((await core.failure('wijken.create', { name: 'NOORD' })).code).toBe('CONFLICT');
  });

  it('lets exactly one of several simultaneous creates with the same name win; the rest get CONFLICT', async () => {
    const results = await Promise.all(['Noord', 'noord', ' NOORD', 'Noord ', 'nOord'].map((name) => core.call('wijken.create', { name })));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error.code)).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
    ]);
    expect(await core.value('wijken.list')).toHaveLength(1);
  });

  it('frees the name once the wijk is renamed or deleted', async () => {
    const wijk = await core.value('wijken.create', { name: 'Noord' });
    await core.value('wijken.update', { id: wijk.id, name: 'Noordwest' });
    const again = await core.value('wijken.create', { name: 'noord' });
    await core.value('wijken.delete', { id: again.id });

    expect(await core.value('wijken.create', { name: 'NOORD' })).toMatchObject({ name: 'NOORD' });
  });
});

describe('unknown and invalid ids', () => {
  it('answers NOT_FOUND for an id that does not exist, on update and delete', async () => {
    await core.value('wijken.create', { name: 'Noord' });
    const unknown = newId();

    for (const method of ['wijken.update', 'wijken.delete']) {
      const error = await refusedWithoutChange(method, { id: unknown, ...(method === 'wijken.update' ? { name: 'X' } : {}) });
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe(t('errors.notFound', { what: t('wijken.notFound') }));
    }
  });

  it.each(['', 'abc', "1' or '1'='1", newId().toUpperCase(), `${newId()}x`, 42, null])(
    'answers VALIDATION for the id %j',
    async (id) => {
      await core.value('wijken.create', { name: 'Noord' });

      for (const method of ['wijken.update', 'wijken.delete']) {
        const error = await refusedWithoutChange(method, { id });
        expect(error.code).toBe('VALIDATION');
        expect(error.issues?.map((issue) => issue.path)).toContain('id');
      }
    },
  );
});

describe('wijken.create and wijken.update refuse invalid fields', () => {
  it.each([
    { title: 'no name', input: {}, path: 'name' },
    { title: 'a blank name', input: { name: '   ' }, path: 'name' },
    { title: 'a name over 200 characters', input: { name: 'x'.repeat(201) }, path: 'name' },
    { title: 'a code over 50 characters', input: { name: 'Noord', code: 'x'.repeat(51) }, path: 'code' },
    { title: 'a description of 1 MB', input: { name: 'Noord', description: 'x'.repeat(1024 * 1024) }, path: 'description' },
    { title: 'control characters in the name', input: { name: 'No\u0000ord' }, path: 'name' },
    { title: 'an unknown field', input: { name: 'Noord', id: newId() }, path: 'id' },
  ])('create: $title', async ({ input, path }) => {
    const error = await refusedWithoutChange('wijken.create', input);

    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('update: refuses a blank name and keeps the old one', async () => {
    const wijk = await core.value('wijken.create', { name: 'Noord' });

    const error = await refusedWithoutChange('wijken.update', { id: wijk.id, name: '  ' });

    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['name']);
    expect((await core.value('wijken.list'))[0]!.name).toBe('Noord');
  });
});

describe('deleting a wijk that is in use', () => {
  // Through Kysely, so the same lines run on SQLite and on PostgreSQL.
  const addReference = (id: string, wijkId: string) => sql`insert into test_references (id, wijk_id) values (${id}, ${wijkId})`.execute(core.db);
  beforeEach(async () => {
    await sql`create table test_references (id text primary key, wijk_id text references wijken(id))`.execute(core.db);
  });

  it('is refused with CONFLICT naming the referencing records, and the wijk stays', async () => {
    const wijk = await core.value('wijken.create', { name: 'Noord' });
    await addReference('r1', wijk.id);

    const error = await refusedWithoutChange('wijken.delete', { id: wijk.id });

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('1 testrecords');
    expect(error.message).toBe(t('wijken.inUse', { name: 'Noord', uses: '1 testrecords' }));
    expect(await core.value('wijken.list')).toEqual([wijk]);
  });

  it('counts every referencing row', async () => {
    const wijk = await core.value('wijken.create', { name: 'Noord' });
    for (const id of ['r1', 'r2', 'r3']) await addReference(id, wijk.id);

    expect((await refusedWithoutChange('wijken.delete', { id: wijk.id })).message).toContain('3 testrecords');
  });

  it('is allowed once the reference is gone, and other wijken are not affected by it', async () => {
    const noord = await core.value('wijken.create', { name: 'Noord' });
    const zuid = await core.value('wijken.create', { name: 'Zuid' });
    await addReference('r1', noord.id);

    expect(await core.value('wijken.delete', { id: zuid.id })).toEqual({ id: zuid.id });
    await sql`delete from test_references`.execute(core.db);
    expect(await core.value('wijken.delete', { id: noord.id })).toEqual({ id: noord.id });
    expect(await core.value('wijken.list')).toEqual([]);
  });
});
