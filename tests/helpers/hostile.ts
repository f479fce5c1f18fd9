import fc from 'fast-check';
import type { z } from 'zod';

/** 10 MB of text, built once: far beyond every bound in the contract. */
export const TEN_MEGABYTES = 'x'.repeat(10 * 1024 * 1024);

/** Strings that have broken other programs: markup, SQL and FTS syntax, direction marks, bad dates. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE wijken; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM council; --',
  'NEAR(zorg hulp, 3) OR "wmo" AND NOT x*',
  '"unterminated',
  '^*:(){}[]',
  'wijk\u0000naam',
  'bel\u0007\u001b[31m',
  '\u202Eتقرير\u202C',
  'مرحبا بالعالم',
  'שלום עולם',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  '\uD800',
  'Zoë Ünal-Çelik',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-99-99T99:99:99Z',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'advieswerk.sqlite',
  'C:\\Windows\\System32\\config\\SAM',
  'file:///etc/passwd',
  'x'.repeat(201),
  'x'.repeat(20_001),
  '019a0000-0000-7000-8000-000000000000',
  'not-a-uuid',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e308',
  TEN_MEGABYTES,
];

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1, 52, 53, -0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, -1e308, Number.NaN, Infinity, -Infinity, 2 ** 53 + 1),
);

const hostileLeaf = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, undefined) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Any JSON-ish value, nested, with hostile leaves. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'id', 'name')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** The field names a method's input schema knows (objects and discriminated unions of objects). */
export function schemaKeys(schema: z.ZodType): string[] {
  const candidate = schema as unknown as { shape?: Record<string, unknown>; options?: { shape?: Record<string, unknown> }[] };
  if (candidate.shape) return Object.keys(candidate.shape);
  if (candidate.options) return [...new Set(candidate.options.flatMap((option) => Object.keys(option.shape ?? {})))];
  return [];
}

/**
 * Inputs for one method: entirely random values, and objects with the method's own field names
 * (some missing, some extra) holding hostile or plausible values, so calls get past the first
 * check and reach the handlers.
 */
export function hostileInput(schema: z.ZodType, plausible: unknown[]): fc.Arbitrary<unknown> {
  const keys = schemaKeys(schema);
  const value = fc.oneof({ weight: 3, arbitrary: hostileValue }, { weight: 2, arbitrary: fc.constantFrom(...plausible) });
  const shaped =
    keys.length === 0
      ? fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 })
      : fc
          .tuple(
            fc.record(Object.fromEntries(keys.map((key) => [key, value])), { requiredKeys: [] }),
            fc.option(fc.dictionary(fc.constantFrom('extra', 'id2', '__proto__', 'isAdmin'), hostileValue, { maxKeys: 2 }), { nil: undefined }),
          )
          .map(([fields, extra]) => (extra ? { ...fields, ...extra } : fields));
  return fc.oneof({ weight: 1, arbitrary: hostileValue }, { weight: 3, arbitrary: shaped });
}
