import { z } from 'zod';
import { t } from '../i18n';

// Zod's own messages in Dutch for everything we do not word ourselves.
z.config(z.locales.nl());

/** Control characters other than tab, newline and carriage return: invisible junk from pasting. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Limits in characters; generous for prose, tight for names, and always bounded. */
export const LIMITS = { name: 200, short: 50, line: 500, text: 20_000 } as const;

/** Bounded text, trimmed, may be empty; use for optional fields of an update. */
export function boundedText(max: number) {
  return z
    .string()
    .max(max, { message: t('errors.textTooLong', { max }) })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: t('errors.controlCharacters') })
    .transform((value) => value.trim());
}

/** Text that must not be empty after trimming. */
export function requiredText(max: number) {
  return boundedText(max).refine((value) => value.length > 0, { message: t('errors.textRequired') });
}

/** Text that may be empty; stored as an empty string. */
export function optionalText(max: number) {
  return boundedText(max).default('');
}

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  message: t('errors.invalidId'),
});

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const calendarDate = z.string().refine(
  (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  },
  { message: t('errors.invalidDate') },
);

/** The input of a method that takes no arguments. */
export const noInput = z.object({}).strict();
