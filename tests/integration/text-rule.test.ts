import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { hasForbiddenCharacters } from '../../shared/api/fields';
import { fieldLabel, t, useCatalogue } from '../../shared/i18n';
import { nl, type Messages } from '../../shared/i18n/nl';
import type { FieldIssue, Result } from '../../shared/result';
import { createTestCore, type TestCore } from '../helpers/core';
import { databaseFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
  await core.value('wijken.create', { name: 'Noord' });
});
afterAll(async () => {
  await core.dispose();
});

type Path = (string | number)[];
interface StringPosition {
  method: MethodName;
  path: Path;
  /** The smallest input that puts a string at `path` (with the literal `kind` of a job, say). */
  build: (value: string) => unknown;
}

/**
 * Every place a method's input takes a string, found from the contract's zod schemas themselves,
 * so a method or field added later is covered without touching this test.
 */
function stringPositions(schema: z.core.$ZodType): { path: Path; build: (value: string) => unknown }[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'string':
      return [{ path: [], build: (value) => value }];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return stringPositions(def.innerType as z.core.$ZodType);
    case 'pipe': {
      const input = def.in as z.core.$ZodType;
      return stringPositions(input._zod.def.type === 'transform' ? (def.out as z.core.$ZodType) : input);
    }
    case 'array':
      return stringPositions(def.element as z.core.$ZodType).map((inner) => ({ path: [0, ...inner.path], build: (value) => [inner.build(value)] }));
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      const literals = Object.fromEntries(
        Object.entries(shape)
          .filter(([, field]) => field._zod.def.type === 'literal')
          .map(([key, field]) => [key, (field._zod.def as unknown as { values: unknown[] }).values[0]]),
      );
      return Object.entries(shape).flatMap(([key, field]) =>
        stringPositions(field).map((inner) => ({ path: [key, ...inner.path], build: (value: string) => ({ ...literals, [key]: inner.build(value) }) })),
      );
    }
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap(stringPositions);
    default:
      return [];
  }
}

// Export methods still take a `path` today; issue 12.1 removes that field from the API altogether
// (only the CLI names files), so it is not held to the text rule here.
const POSITIONS: StringPosition[] = METHOD_NAMES.flatMap((method) =>
  stringPositions(contract[method].input as z.core.$ZodType)
    .filter((position) => position.path.join('.') !== 'path')
    .map((position) => ({ method, ...position })),
);

/** One character that no text field may take: C0 (not tab/newline/CR), DEL, C1, a lone surrogate half. */
const forbiddenCharacter = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u001B', '\u001F', '\u007F', '\u0080', '\u0085', '\u009B', '\u009F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF');
const hostileText = fc.tuple(fc.string({ maxLength: 8 }), forbiddenCharacter, fc.string({ maxLength: 8 })).map(([before, bad, after]) => `a${before}${bad}${after}`);

/** Text a person can read, in any language; also what an English or internal message would contain. */
const NOT_DUTCH = /\b(Invalid|expected|received|Required|undefined|ontving|string|number|object)\b/;

function issueAt(result: Result<unknown>, path: Path): FieldIssue | undefined {
  if (result.ok) return undefined;
  const wanted = path.join('.');
  return result.error.issues?.find((issue) => issue.path === wanted);
}

describe('the one text rule, over every string field of every method', () => {
  it('finds the string fields of the contract (jobs, nested lists and objects included)', () => {
    expect(POSITIONS.length).toBeGreaterThan(100);
    const names = POSITIONS.map((position) => `${position.method}:${position.path.join('.')}`);
    expect(names).toEqual(expect.arrayContaining(['wijken.create:name', 'advices.update:signatories.0.name', 'findings.importParse:fileName', 'jobs.start:params.query']));
  });

  it.each(POSITIONS.map((position) => ({ ...position, name: `${position.method}:${position.path.join('.')}` })))(
    '$name refuses a lone surrogate at the field, in Dutch, and writes nothing',
    async ({ method, path, build }) => {
      const before = databaseFingerprint(core.sqlite);

      const result = await core.call(method, build('lone\uD800x'));

      expect(result.ok).toBe(false);
      const issue = issueAt(result, path);
      expect(issue, JSON.stringify(result.ok ? null : result.error.issues)).toBeDefined();
      expect(issue!.message).not.toMatch(NOT_DUTCH);
      // The summary names the field by its Dutch label, never by its internal name.
      expect(result.ok ? '' : result.error.message).not.toContain(`${path.join('.')}:`);
      expect(result.ok ? '' : result.error.message).toContain(`${fieldLabel(path.join('.'))}: `);
      expect(databaseFingerprint(core.sqlite)).toEqual(before);
    },
  );

  it('every string field has a Dutch label for messages', () => {
    const unlabelled = [...new Set(POSITIONS.map((position) => position.path.join('.')).filter((path) => fieldLabel(path) === null))];
    expect(unlabelled).toEqual([]);
  });

  it('property: any text with a control character or lone surrogate is refused at its field, wherever it is put', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSITIONS), hostileText, async ({ method, path, build }, text) => {
        const result = await core.call(method, build(text));
        expect(result.ok).toBe(false);
        expect(issueAt(result, path)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('what is accepted reads back as valid, NFC-normalised text', () => {
  it('wijken.create {"name":"lone\\uD800x"} is refused with the Dutch message at the field', async () => {
    const error = await core.failure('wijken.create', { name: 'lone\uD800x' });

    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([{ path: 'name', message: t('errors.controlCharacters') }]);
  });

  it.each([
    ['a C1 control character', 'Noord\u0085Oost'],
    ['a NUL byte', 'Noord\u0000'],
    ['a lone low surrogate', '\uDC00Zuid'],
  ])('%s is refused', async (_label, name) => {
    const error = await core.failure('wijken.create', { name });
    expect(error.issues?.[0]?.path).toBe('name');
  });

  it('decomposed accents are stored composed (NFC); emoji pairs and tabs/newlines in prose are kept', async () => {
    const wijk = await core.value('wijken.create', { name: 'Cafe\u0301 e\u0301e\u0301n 😀', description: 'regel 1\n\tregel 2' });

    expect(wijk.name).toBe('Café één 😀');
    expect(wijk.name.normalize('NFC')).toBe(wijk.name);
    const listed = (await core.value('wijken.list')).find((candidate) => candidate.id === wijk.id)!;
    expect(listed.name).toBe('Café één 😀');
    expect(listed.description).toBe('regel 1\n\tregel 2');
  });

  it('property: any text either comes back exactly as its NFC form, trimmed, or is refused at the field', async () => {
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (text) => {
        counter += 1;
        const name = `W${counter} ${text}`;
        const result = await core.call('wijken.create', { name, description: text });
        if (hasForbiddenCharacters(name)) {
          expect(result.ok).toBe(false);
          expect(issueAt(result, ['name'])?.message).toBe(t('errors.controlCharacters'));
          return;
        }
        expect(result.ok, JSON.stringify(result)).toBe(true);
        const stored = core.sqlite.prepare('select name, description from wijken where name = ?').get(name.normalize('NFC').trim()) as
          | { name: string; description: string }
          | undefined;
        expect(stored).toEqual({ name: name.normalize('NFC').trim(), description: text.normalize('NFC').trim() });
      }),
      { numRuns: 150 },
    );
  });
});

describe('file names', () => {
  it.each([
    ['a NUL byte', 'inbreng\u0000.csv'],
    ['a folder part', '../../etc/passwd'],
    ['a Windows folder part', 'C:\\data\\inbreng.csv'],
    ['only dots', '..'],
    ['a C1 control character', 'inbreng\u009B.csv'],
  ])('%s: VALIDATION with a Dutch message, never an internal error', async (_label, fileName) => {
    const error = await core.failure('findings.importParse', { fileName, dataBase64: Buffer.from('Inbreng\nEen\n').toString('base64') });

    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.find((issue) => issue.path === 'fileName')?.message).toMatch(/^(Geen geldige bestandsnaam|Bevat onzichtbare besturingstekens)/);
  });
});

describe('zod’s own messages', () => {
  it.each([
    { label: 'a missing required field', method: 'wijken.create', input: {}, path: 'name', message: 'Ontbreekt.' },
    { label: 'a number where text belongs', method: 'wijken.create', input: { name: 42 }, path: 'name', message: 'Moet een tekst zijn.' },
    { label: 'too long', method: 'wijken.create', input: { name: 'x'.repeat(201) }, path: 'name', message: 'Is te lang (max. 200 tekens).' },
    { label: 'an unknown choice', method: 'advices.create', input: { kind: 'misschien', betreft: 'x' }, path: 'kind', message: undefined },
    { label: 'text where a number belongs', method: 'jobs.start', input: { kind: 'backup', params: { reason: 7 } }, path: 'params.reason', message: undefined },
  ])('$label reads as natural Dutch, without internal words', async ({ method, input, path, message }) => {
    const error = await core.failure(method, input);

    const issue = error.issues?.find((candidate) => candidate.path === path);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    if (message) expect(issue!.message).toBe(message);
    expect(issue!.message).not.toMatch(NOT_DUTCH);
    expect(error.message).not.toMatch(NOT_DUTCH);
  });
});

describe('validation messages are looked up when shown, not when the module loads', () => {
  /** The catalogue with a marker before every text: a message without it was not looked up now. */
  function marked<T>(node: T): T {
    if (typeof node === 'string') return `⟦${node}` as T;
    return Object.fromEntries(Object.entries(node as object).map(([key, value]) => [key, marked(value)])) as T;
  }
  afterEach(() => useCatalogue(nl));

  it('every issue of a hostile value in every string field comes from the catalogue in use', async () => {
    useCatalogue(marked<Messages>(nl));
    const unmarked: string[] = [];
    for (const { method, build } of POSITIONS) {
      for (const value of ['lone\uD800x', 'x'.repeat(30_000)]) {
        const result = await core.call(method, build(value));
        if (result.ok) continue;
        expect(result.error.message.startsWith('⟦')).toBe(true);
        for (const issue of result.error.issues ?? []) if (!issue.message.startsWith('⟦')) unmarked.push(`${method} ${issue.path}: ${issue.message}`);
      }
    }
    for (const [method, input] of [
      ['wijken.create', {}],
      ['council.update', { name: 'x', termWeeks: 99, kenmerkPattern: 'zonder' }],
      ['advices.create', { kind: 'x' }],
      ['jobs.start', { kind: 'backup', params: { reason: 'x' } }],
      ['trash.empty', { confirm: false }],
    ] as const) {
      const result = await core.call(method, input);
      for (const issue of result.ok ? [] : (result.error.issues ?? [])) if (!issue.message.startsWith('⟦')) unmarked.push(`${method} ${issue.path}: ${issue.message}`);
    }

    expect(unmarked).toEqual([]);
  });
});
