import { describe, expect, it } from 'vitest';
import { id } from '../../../shared/api/fields';
import { newId, nowIso } from '../../../electron/core/ids';

describe('newId', () => {
  it('makes RFC 9562 UUIDv7s: version nibble 7, variant 10xx', () => {
    for (let index = 0; index < 100; index++) {
      const value = newId();
      expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id.safeParse(value).success).toBe(true);
    }
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const value = newId();
    const after = Date.now();

    const millis = parseInt(value.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after);
  });

  it('sorts in the order the ids were made, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts an id made later after one made earlier', async () => {
    const earlier = newId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const later = newId();

    expect(earlier < later).toBe(true);
  });
});

describe('nowIso', () => {
  it('is a UTC ISO-8601 timestamp with milliseconds', () => {
    expect(nowIso()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
