import { describe, expect, it } from 'vitest';
import { calendarDate, id, noInput, optionalText, requiredText } from '../../../shared/api/fields';
import { t } from '../../../shared/i18n';

describe('calendarDate', () => {
  it.each(['2024-02-29', '2026-02-28', '2026-12-31', '2000-02-29', '1999-01-01'])('accepts %s', (value) => {
    expect(calendarDate.safeParse(value).success).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '26-01-05', '2026-01-05T00:00:00Z', '25-09-2014', '', ' 2026-01-05'])(
    'rejects %j with a Dutch message',
    (value) => {
      const result = calendarDate.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(t('errors.invalidDate'));
    },
  );
});

describe('requiredText', () => {
  const schema = requiredText(10);

  it('trims surrounding whitespace', () => {
    expect(schema.parse('  Noord \n')).toBe('Noord');
  });

  it.each(['', '   ', '\t\n', '\r\n  '])('rejects the whitespace-only %j', (value) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(t('errors.textRequired'));
  });

  it('counts the limit in characters', () => {
    expect(schema.safeParse('x'.repeat(10)).success).toBe(true);
    expect(schema.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe(t('errors.textTooLong', { max: 10 }));
  });

  it('rejects control characters but allows tab and newline inside the text', () => {
    expect(schema.safeParse('a\u0000b').error?.issues[0]?.message).toBe(t('errors.controlCharacters'));
    expect(schema.safeParse('a\u007fb').success).toBe(false);
    expect(schema.parse('a\tb\nc')).toBe('a\tb\nc');
  });
});

describe('optionalText', () => {
  it('defaults to an empty string and still trims', () => {
    const schema = optionalText(10);
    expect(schema.parse(undefined)).toBe('');
    expect(schema.parse('  x ')).toBe('x');
    expect(schema.parse('   ')).toBe('');
  });
});

describe('id', () => {
  it('accepts a lower-case UUID and nothing else', () => {
    expect(id.safeParse('0192f3a4-5b6c-7d8e-9f01-23456789abcd').success).toBe(true);
    for (const value of ['0192F3A4-5B6C-7D8E-9F01-23456789ABCD', '0192f3a45b6c7d8e9f0123456789abcd', 'x', '', 42]) {
      expect(id.safeParse(value).success).toBe(false);
    }
  });
});

describe('noInput', () => {
  it('accepts only an empty object', () => {
    expect(noInput.safeParse({}).success).toBe(true);
    expect(noInput.safeParse({ extra: 1 }).success).toBe(false);
    expect(noInput.safeParse([]).success).toBe(false);
  });
});
