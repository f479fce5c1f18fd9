import { z } from 'zod';
import { t } from '../i18n';

// Every message of a schema is a function, `{ error: () => t('…') }`, looked up when an issue is
// raised and never when the module loads, so a second catalogue (`useCatalogue`) translates them too.

/**
 * Zod's own messages, for every issue we do not word ourselves. Zod's Dutch locale reads
 * "Ongeldige invoer: verwacht string, ontving undefined"; these say what is wrong in words a user
 * understands, and are resolved at the moment of the issue.
 */
const dutchZodMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return t('validation.missing');
      if (issue.expected === 'string') return t('validation.notText');
      if (issue.expected === 'number' || issue.expected === 'int' || issue.expected === 'nan') return t('validation.notNumber');
      if (issue.expected === 'boolean') return t('validation.notYesNo');
      if (issue.expected === 'array') return t('validation.notList');
      return t('validation.wrongShape');
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('errors.textTooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', { max });
      return t('validation.tooLarge', { max });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.missing') : t('validation.tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooFew', { min });
      return t('validation.tooSmall', { min });
    }
    case 'invalid_value':
      return t('validation.notAChoice');
    case 'unrecognized_keys':
      return t('errors.unknownField', { field: issue.keys.join(', ') });
    default:
      return t('validation.wrongShape');
  }
};
z.config({ localeError: dutchZodMessages });

/**
 * What no text field takes, from the API or from any import: control characters other than tab,
 * newline and carriage return (C0, DEL and the C1 range U+0080–U+009F: invisible junk from
 * pasting or from binary files), and lone surrogates, which are no characters at all and cannot be
 * stored as UTF-8 (they came back as "���"). With the `u` flag a proper surrogate pair is one code
 * point, so only lone halves match `\p{Cs}`.
 */
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;

/** True when a text holds a character that no text field accepts (see FORBIDDEN_IN_TEXT). */
export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN_IN_TEXT.test(value);
}

/** Limits in characters; generous for prose, tight for names, and always bounded. */
export const LIMITS = { name: 200, short: 50, line: 500, text: 20_000 } as const;

/**
 * The one text rule, the same for every text field and every import: bounded, refused (with a
 * Dutch message at the field) when it holds control characters or lone surrogates, then
 * normalised to NFC (so "é" typed as e + accent and "é" as one character are the same text
 * for search and comparison) and trimmed. May be empty; use for optional fields of an update.
 */
export function boundedText(max: number) {
  return z
    .string()
    .max(max, { error: () => t('errors.textTooLong', { max }) })
    .refine((value) => !hasForbiddenCharacters(value), { error: () => t('errors.controlCharacters') })
    .transform((value) => value.normalize('NFC').trim());
}

/** Text that must not be empty after trimming. */
export function requiredText(max: number) {
  return boundedText(max).refine((value) => value.length > 0, { error: () => t('errors.textRequired') });
}

/** Text that may be empty; stored as an empty string. */
export function optionalText(max: number) {
  return boundedText(max).default('');
}

/**
 * The name of a file the user chose (an upload, an attachment): the text rule plus no folder
 * parts, so it can never name a file elsewhere; NUL and other control characters are refused
 * with a Dutch message instead of reaching the file system.
 */
export const fileName = requiredText(LIMITS.name).refine((name) => !/[\\/]/.test(name) && name !== '.' && name !== '..', { error: () => t('errors.invalidFileName') });

/** The bytes of an uploaded file as base64, at most `maxChars` long; anything else is a damaged upload. */
export function base64Upload(maxChars: number, tooLarge: () => string) {
  return z
    .string()
    .max(maxChars, { error: tooLarge })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: () => t('errors.damagedUpload') });
}

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: () => t('errors.invalidId') });

/**
 * An id the client chose for a record it creates (a UUIDv7, as the core makes them), so that sending
 * the same create again, after an answer that never arrived, finds the first one instead of making a second.
 */
export const clientRecordId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, { error: () => t('errors.invalidId') });

/** The moment (ms since 1970) a UUIDv7 was made, from its first 48 bits. */
export function uuidv7Time(uuid: string): number {
  return parseInt(uuid.slice(0, 8) + uuid.slice(9, 13), 16);
}

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const calendarDate = z.string().refine(
  (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  },
  { error: () => t('errors.invalidDate') },
);

/**
 * The `updatedAt` of a record as the client last saw it (UTC ISO, as the core writes it). An update that
 * carries it is refused with CONFLICT when someone changed the record since (see docs/architecture.md,
 * "Edit conflicts").
 */
export const seenVersion = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/, { error: () => t('errors.invalidVersion') });

/** The input of a method that takes no arguments. */
export const noInput = z.object({}).strict();
