import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { LIMITS, noInput, optionalText, requiredText } from './fields';

export const SIGNATORY_ROLES = ['voorzitter', 'vicevoorzitter', 'secretaris', 'lid'] as const;

export interface Signatory {
  name: string;
  role: string;
}

export interface CouncilSettings {
  name: string;
  municipality: string;
  defaultAddressee: string;
  postalAddress: string;
  /** `data:image/png;base64,...` or `data:image/jpeg;base64,...`, or empty. */
  logoDataUrl: string;
  signatories: Signatory[];
  responseTermWeeks: number;
  kenmerkPattern: string;
  updatedAt: string;
}

export interface CurrentUser {
  name: string;
  /** False until the user has confirmed their name at first start. */
  confirmed: boolean;
}

const LOGO_MAX_BYTES = 500 * 1024;
// base64 grows by 4/3; the prefix is at most 23 characters.
const LOGO_MAX_CHARS = Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 32;

const logoDataUrl = z
  .string()
  .max(LOGO_MAX_CHARS, { error: () => t('council.logoTooLarge') })
  .refine((value) => value === '' || /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(value), {
    error: () => t('council.logoWrongType'),
  });

const signatory = z
  .object({
    name: requiredText(LIMITS.name),
    role: requiredText(LIMITS.name),
  })
  .strict();

export const councilSettingsInput = z
  .object({
    name: requiredText(LIMITS.name),
    municipality: optionalText(LIMITS.name),
    defaultAddressee: optionalText(LIMITS.line),
    postalAddress: optionalText(LIMITS.line),
    logoDataUrl: logoDataUrl.default(''),
    signatories: z.array(signatory).max(10, { error: () => t('council.tooManySignatories') }).default([]),
    responseTermWeeks: z
      .number()
      .int({ error: () => t('council.termRange') })
      .min(1, { error: () => t('council.termRange') })
      .max(52, { error: () => t('council.termRange') })
      .default(6),
    kenmerkPattern: requiredText(LIMITS.short).refine((value) => value.includes('{volgnummer}'), {
      error: () => t('council.kenmerkPatternMissingSequence'),
    }),
  })
  .strict();

/** Who is working: the name that goes on every record (first start, and from the sidebar). */
export const userInput = z.object({ name: requiredText(LIMITS.name) }).strict();

export const councilContract = {
  'council.get': method<CouncilSettings>()(noInput),
  'council.update': method<CouncilSettings>()(councilSettingsInput),
  'user.get': method<CurrentUser>()(noInput),
  'user.update': method<CurrentUser>()(userInput),
};
