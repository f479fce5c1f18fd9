import { sql } from 'kysely';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { createTestCore, pluck, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const validSettings = {
  name: 'Adviesraad Wmo Leiden',
  municipality: 'Leiden',
  defaultAddressee: 'College van burgemeester en wethouders van Leiden',
  postalAddress: 'Postbus 9100, 2300 PC Leiden',
  logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  signatories: [
    { name: 'Ans de Vries', role: 'voorzitter' },
    { name: 'Bram Jansen', role: 'secretaris' },
    { name: 'Carla Bakker', role: 'lid' },
  ],
  responseTermWeeks: 8,
  kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
};

async function row(table: string): Promise<Record<string, unknown>> {
  return (await sql<Record<string, unknown>>`select * from ${sql.table(table)} limit 1`.execute(core.db)).rows[0]!;
}

describe('council.get', () => {
  it('returns the defaults before anything is saved', async () => {
    expect(await core.value('council.get')).toEqual({
      name: '',
      municipality: '',
      defaultAddressee: '',
      postalAddress: '',
      logoDataUrl: '',
      signatories: [],
      responseTermWeeks: 6,
      kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
      updatedAt: '',
    });
  });
});

describe('council.update', () => {
  it('round-trips every field, with the signatories in the order given', async () => {
    const saved = await core.value('council.update', validSettings);
    const { updatedAt, ...rest } = await core.value('council.get');

    expect(rest).toEqual(validSettings);
    expect(saved).toEqual({ ...validSettings, updatedAt });
    expect(Date.parse(updatedAt)).not.toBeNaN();
  });

  it('trims text and fills defaults for left-out optional fields', async () => {
    const saved = await core.value('council.update', { name: '  Wmo-raad Noord  ', kenmerkPattern: ' R-{volgnummer} ' });

    expect(saved).toMatchObject({
      name: 'Wmo-raad Noord',
      kenmerkPattern: 'R-{volgnummer}',
      municipality: '',
      logoDataUrl: '',
      signatories: [],
      responseTermWeeks: 6,
    });
  });

  it('replaces the signatories on a second update instead of adding to them', async () => {
    await core.value('council.update', validSettings);
    const second = [
      { name: 'Dirk Visser', role: 'lid' },
      { name: 'Ans de Vries', role: 'voorzitter' },
    ];
    await core.value('council.update', { ...validSettings, signatories: second });

    expect((await core.value('council.get')).signatories).toEqual(second);
    expect(await pluck(core.db, sql`select count(*) from signatories`)).toEqual([2]);
    expect(await pluck(core.db, sql`select count(*) from council`)).toEqual([1]);
  });

  it('can remove all signatories', async () => {
    await core.value('council.update', validSettings);
    await core.value('council.update', { ...validSettings, signatories: [] });

    expect((await core.value('council.get')).signatories).toEqual([]);
    expect(await pluck(core.db, sql`select count(*) from signatories`)).toEqual([0]);
  });
});

describe('the current user', () => {
  it('defaults to the operating-system user, not yet confirmed', async () => {
    expect(await core.value('user.get')).toEqual({ name: os.userInfo().username, confirmed: false });
  });

  it('is confirmed after user.update, trimmed, and stays so after re-opening', async () => {
    expect(await core.value('user.update', { name: '  Ans de Vries ' })).toEqual({ name: 'Ans de Vries', confirmed: true });
    expect(await core.value('user.get')).toEqual({ name: 'Ans de Vries', confirmed: true });

    await core.close();
    const reopened = await createTestCore({ dir: core.dir, databasePath: core.databasePath });
    core = reopened;
    expect(await core.value('user.get')).toEqual({ name: 'Ans de Vries', confirmed: true });
  });

  it('is recorded as created_by and updated_by on everything written', async () => {
    await core.value('council.update', validSettings);
    expect(await row('council')).toMatchObject({ created_by: os.userInfo().username, updated_by: os.userInfo().username });

    await core.value('user.update', { name: 'Ans de Vries' });
    await core.value('council.update', validSettings);
    const wijk = await core.value('wijken.create', { name: 'Noord' });

    // The council row keeps who made it and records who changed it last.
    expect(await row('council')).toMatchObject({ created_by: os.userInfo().username, updated_by: 'Ans de Vries' });
    expect(await pluck(core.db, sql`select distinct created_by from signatories`)).toEqual(['Ans de Vries']);
    expect(await pluck(core.db, sql`select distinct updated_by from signatories`)).toEqual(['Ans de Vries']);
    expect(await row('wijken')).toMatchObject({ created_by: 'Ans de Vries', updated_by: 'Ans de Vries' });

    await core.value('user.update', { name: 'Bram Jansen' });
    await core.value('wijken.update', { id: wijk.id, code: 'N' });
    expect(await row('wijken')).toMatchObject({ created_by: 'Ans de Vries', updated_by: 'Bram Jansen' });
  });
});

describe('council.update refuses invalid input and changes nothing', () => {
  const kilobyte = 'x'.repeat(1024);
  const megabyte = kilobyte.repeat(1024);
  const elevenSignatories = Array.from({ length: 11 }, (_, index) => ({ name: `Lid ${index + 1}`, role: 'lid' }));

  const cases: { title: string; input: unknown; path: string; message?: string }[] = [
    { title: 'missing name', input: { ...validSettings, name: undefined }, path: 'name' },
    { title: 'empty name after trimming', input: { ...validSettings, name: '   ' }, path: 'name', message: t('errors.textRequired') },
    { title: 'name as a number', input: { ...validSettings, name: 42 }, path: 'name' },
    { title: 'responseTermWeeks as text', input: { ...validSettings, responseTermWeeks: '6' }, path: 'responseTermWeeks' },
    { title: 'signatories as text', input: { ...validSettings, signatories: 'x' }, path: 'signatories' },
    {
      title: 'a signatory without a role',
      input: { ...validSettings, signatories: [{ name: 'Ans' }] },
      path: 'signatories.0.role',
    },
    { title: 'a 1 MB name', input: { ...validSettings, name: megabyte }, path: 'name', message: t('errors.textTooLong', { max: 200 }) },
    {
      title: 'control characters in the name',
      input: { ...validSettings, name: 'Raad\u0007\u0000' },
      path: 'name',
      message: t('errors.controlCharacters'),
    },
    {
      title: 'control characters in a signatory',
      input: { ...validSettings, signatories: [{ name: 'Ans\u001b[31m', role: 'lid' }] },
      path: 'signatories.0.name',
      message: t('errors.controlCharacters'),
    },
    { title: 'a term of 0 weeks', input: { ...validSettings, responseTermWeeks: 0 }, path: 'responseTermWeeks', message: t('council.termRange') },
    { title: 'a term of 53 weeks', input: { ...validSettings, responseTermWeeks: 53 }, path: 'responseTermWeeks', message: t('council.termRange') },
    { title: 'a term of 1.5 weeks', input: { ...validSettings, responseTermWeeks: 1.5 }, path: 'responseTermWeeks', message: t('council.termRange') },
    {
      title: 'a kenmerk pattern without {volgnummer}',
      input: { ...validSettings, kenmerkPattern: 'WMO-{jaar}' },
      path: 'kenmerkPattern',
      message: t('council.kenmerkPatternMissingSequence'),
    },
    {
      title: '11 signatories',
      input: { ...validSettings, signatories: elevenSignatories },
      path: 'signatories',
      message: t('council.tooManySignatories'),
    },
    {
      title: 'a GIF logo',
      input: { ...validSettings, logoDataUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
      path: 'logoDataUrl',
      message: t('council.logoWrongType'),
    },
    {
      title: 'an SVG logo (could carry script)',
      input: { ...validSettings, logoDataUrl: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' },
      path: 'logoDataUrl',
      message: t('council.logoWrongType'),
    },
    {
      title: 'a logo that is a web address',
      input: { ...validSettings, logoDataUrl: 'https://example.org/logo.png' },
      path: 'logoDataUrl',
      message: t('council.logoWrongType'),
    },
    {
      title: 'a PNG data URL with a payload that is not base64',
      input: { ...validSettings, logoDataUrl: 'data:image/png;base64,<script>alert(1)</script>' },
      path: 'logoDataUrl',
      message: t('council.logoWrongType'),
    },
    {
      title: 'a logo over 500 kB',
      input: { ...validSettings, logoDataUrl: `data:image/png;base64,${'A'.repeat(800 * 1024)}` },
      path: 'logoDataUrl',
      message: t('council.logoTooLarge'),
    },
  ];

  it.each(cases)('$title', async ({ input, path, message }) => {
    await core.value('council.update', validSettings);
    const before = (await storeFingerprint(core));

    const error = await core.failure('council.update', input);

    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^De invoer klopt niet: /);
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
    const issue = error.issues!.find((candidate) => candidate.path === path)!;
    if (message) expect(issue.message).toBe(message);
    // Zod's own messages come in Dutch too.
    expect(issue.message).not.toMatch(/\b(Invalid|expected|received|Required)\b/);
    expect((await storeFingerprint(core))).toEqual(before);
  });

  it('names an unknown field in a Dutch message', async () => {
    const before = (await storeFingerprint(core));

    const error = await core.failure('council.update', { ...validSettings, onbekend: 1 });

    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^De invoer klopt niet: /);
    expect(error.issues).toEqual([{ path: 'onbekend', message: 'Onbekend veld "onbekend": dit veld hoort hier niet bij.' }]);
    expect((await storeFingerprint(core))).toEqual(before);
  });

  it('refuses an unknown field in a signatory', async () => {
    const error = await core.failure('council.update', {
      ...validSettings,
      signatories: [{ name: 'Ans', role: 'lid', isAdmin: true }],
    });

    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([{ path: 'signatories.0.isAdmin', message: expect.stringContaining('isAdmin') }]);
  });

  it('leaves the saved settings exactly as they were', async () => {
    await core.value('council.update', validSettings);
    const saved = await core.value('council.get');

    await core.failure('council.update', { ...validSettings, name: 'Nieuwe naam', responseTermWeeks: 53 });

    expect(await core.value('council.get')).toEqual(saved);
  });
});

describe('user.update refuses invalid input', () => {
  it.each([
    { title: 'an empty name', input: { name: '  ' } },
    { title: 'a name that is too long', input: { name: 'x'.repeat(201) } },
    { title: 'a name with control characters', input: { name: 'Ans\u0000' } },
    { title: 'a name that is not text', input: { name: ['Ans'] } },
  ])('$title', async ({ input }) => {
    const before = (await storeFingerprint(core));

    const error = await core.failure('user.update', input);

    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['name']);
    expect((await storeFingerprint(core))).toEqual(before);
    expect(await core.value('user.get')).toEqual({ name: os.userInfo().username, confirmed: false });
  });
});
