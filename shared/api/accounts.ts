import { z } from 'zod';
import { t } from '../i18n';
import { method } from './define';
import { boundedText, id, LIMITS, noInput, requiredText } from './fields';

/**
 * The roles of a council on the council server (issue 14). What each role may call is in ./roles.ts.
 * On one computer (the app, browser mode, the CLI) there are no accounts: the person at the computer
 * may do everything.
 */
export const ROLES = ['beheerder', 'secretaris', 'voorzitter', 'lid', 'alleen_lezen'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: string;
  login: string;
  name: string;
  role: Role;
  /** Set when the member left the council: the account cannot sign in, its history stays. */
  disabledAt: string | null;
  createdAt: string;
}

export interface Invitation {
  /** The one-time link, shown once to the beheerder; only a hash of its secret is kept. */
  link: string;
  login: string;
  name: string;
  role: Role;
  expiresAt: string;
}

/** Who is signed in; `null` account on one computer, where nobody signs in. */
export interface SessionInfo {
  account: Pick<Account, 'id' | 'login' | 'name' | 'role'> | null;
}

/** Passwords: long enough to withstand guessing offline, bounded so hashing stays cheap. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const role = z.enum(ROLES, { error: () => t('accounts.invalidRole') });
export const password = z
  .string()
  .min(PASSWORD_MIN, { error: () => t('accounts.passwordTooShort', { min: PASSWORD_MIN }) })
  .max(PASSWORD_MAX, { error: () => t('errors.textTooLong', { max: PASSWORD_MAX }) });
/** The name a member signs in with: an e-mail address or a short name, compared without case. */
export const login = requiredText(LIMITS.name)
  .refine((value) => /^[^\s]+$/.test(value), { error: () => t('accounts.loginNoSpaces') })
  .transform((value) => value.toLowerCase());

/** The forms before anyone is signed in (served by the council server outside the contract's methods). */
export const setupInput = z.object({ setupCode: boundedText(100), name: requiredText(LIMITS.name), login, password }).strict();
export const loginInput = z.object({ login: boundedText(LIMITS.name).transform((value) => value.toLowerCase()), password: z.string().max(PASSWORD_MAX) }).strict();
export const acceptInvitationInput = z.object({ token: boundedText(200), password }).strict();

export const accountsContract = {
  'session.current': method<SessionInfo>()(noInput),
  /** Ends every session of the signed-in account, on every computer ("Log overal uit"). */
  'session.logoutEverywhere': method<{ ended: number }>()(noInput),
  'accounts.list': method<Account[]>()(noInput),
  'accounts.invite': method<Invitation>()(z.object({ name: requiredText(LIMITS.name), login, role }).strict()),
  'accounts.update': method<Account>()(z.object({ id, name: requiredText(LIMITS.name).optional(), role: role.optional() }).strict()),
  /** A member leaves the council: the account can no longer sign in; what it wrote keeps its name. */
  'accounts.disable': method<Account>()(z.object({ id }).strict()),
  'accounts.enable': method<Account>()(z.object({ id }).strict()),
};
