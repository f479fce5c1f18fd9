import { z } from 'zod';
import { NUMBERING_STYLES } from '../advices/numbering';
import { ADVICE_KINDS, ITEM_KINDS, ITEM_TEXT_MAX, pastedText } from './advices';
import { calendarDate, id, LIMITS } from './fields';

/**
 * The exchange file of one advice (docs/exchange-format.md, "Advies"): a draft shared with another
 * council or restored. Version 1. Items refer to each other by `key`, unique within the file.
 */
export const ADVICE_EXCHANGE_FORMAT = 'advieswerk/advies';
export const ADVICE_EXCHANGE_VERSION = 1;

const text = (max: number) => pastedText(max);
const key = z.string().min(1).max(100);

export const adviceExchangeItem = z
  .object({
    key,
    kind: z.enum(ITEM_KINDS),
    text: text(ITEM_TEXT_MAX),
    showMentions: z.boolean().default(false),
    relatedItemKeys: z.array(key).max(100).default([]),
    findingIds: z.array(id).max(500).default([]),
    signalIds: z.array(id).max(500).default([]),
  })
  .strict();

export const adviceExchangeSection = z
  .object({
    title: text(LIMITS.line).refine((value) => value.length > 0),
    numbering: z.enum(NUMBERING_STYLES),
    items: z.array(adviceExchangeItem).max(2000),
  })
  .strict();

export const adviceExchangeFile = z
  .object({
    format: z.literal(ADVICE_EXCHANGE_FORMAT),
    version: z.literal(ADVICE_EXCHANGE_VERSION),
    exportedAt: z.string().max(40),
    advice: z
      .object({
        kenmerk: text(LIMITS.short),
        kind: z.enum(ADVICE_KINDS),
        betreft: text(LIMITS.line).refine((value) => value.length > 0),
        adviceDate: calendarDate,
        addressee: text(LIMITS.line).default(''),
        openingText: text(LIMITS.text).default(''),
        closingText: text(LIMITS.text).default(''),
        signatories: z
          .array(z.object({ name: text(LIMITS.name), role: text(LIMITS.name) }).strict())
          .max(10)
          .default([]),
        cc: z.array(text(LIMITS.line)).max(20).default([]),
        references: z
          .array(z.object({ kenmerk: text(LIMITS.short), betreft: text(LIMITS.line), adviceDate: calendarDate }).strict())
          .max(20)
          .default([]),
        sections: z.array(adviceExchangeSection).max(200),
      })
      .strict(),
  })
  .strict();

export type AdviceExchangeFile = z.output<typeof adviceExchangeFile>;
