import { z } from 'zod';
import { t } from '../i18n';
import { siteColour } from '../publication/colour';
import { WOO_GROUNDS, type WooGround } from '../publication/woo';
import type { AdviceStatus } from './advices';
import { pastedText } from './advices';
import { method } from './define';
import { calendarDate, id, LIMITS } from './fields';

export { WOO_GROUNDS, type WooGround };

/** Openbaar / niet openbaar of one advice, as the advice page shows it. */
export interface AdvicePublication {
  adviceId: string;
  status: AdviceStatus;
  /** False until the council has decided (no row yet). */
  decided: boolean;
  /** What the council decided; before a decision, the default it is offered (openbaar). */
  isPublic: boolean;
  wooGround: WooGround | null;
  reason: string;
  /** The date the advice is (or was) published; null: its sending date. */
  publishedOn: string | null;
  /** Sent and not yet decided: the advice page asks once. */
  needsDecision: boolean;
  /** Whether the next publication includes it: decided public and sent. A concept never is. */
  effectivelyPublic: boolean;
}

export const publicationSetInput = z
  .object({
    adviceId: id,
    isPublic: z.boolean(),
    wooGround: z.enum(WOO_GROUNDS, { error: () => t('publication.groundInvalid') }).nullable().default(null),
    reason: pastedText(LIMITS.line).default(''),
    publishedOn: calendarDate.nullable().default(null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.isPublic && value.wooGround === null && value.reason === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: t('publication.reasonRequired') });
  });

/** The site's settings, stored with the council's (app_settings). */
export interface PublicationSettings {
  /** The main colour (#rrggbb), readable as text on white (≥ 4.5:1). */
  colour: string;
}

export const publicationSettingsInput = z.object({ colour: siteColour }).strict();

export const publicationContract = {
  'publication.get': method<AdvicePublication>()(z.object({ adviceId: id }).strict()),
  'publication.set': method<AdvicePublication>()(publicationSetInput),
  'publication.settings': method<PublicationSettings>()(z.object({}).strict()),
  /** A colour below 4.5:1 on white is refused (VALIDATION at `colour`) and nothing is stored. */
  'publication.saveSettings': method<PublicationSettings>()(publicationSettingsInput),
};

/** Job `publicationZip`: the public website as a .zip in `exports/`, downloaded with `jobs.resultFile`. */
export const publicationZipParams = z
  .object({
    /** The site's main colour; absent: the default. */
    colour: siteColour.optional(),
  })
  .strict();

/** Job `annualReport`: the jaarverslag of a year as .docx in `exports/`, downloaded with `jobs.resultFile`. */
export const annualReportParams = z
  .object({
    year: z
      .number({ error: () => t('annualReport.yearInvalid') })
      .int({ error: () => t('annualReport.yearInvalid') })
      .min(1900, { error: () => t('annualReport.yearInvalid') })
      .max(2999, { error: () => t('annualReport.yearInvalid') }),
  })
  .strict();
