import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { acceptInvitationInput, loginInput, setupInput, type Account } from '../../../shared/api/accounts';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import type { Caller } from '../api/handler';
import type { Db } from '../db/connection';
import { newId } from '../ids';
import { parseInput } from '../api/dispatch';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { LoginThrottle } from './throttle';
import { newSecret, secretHash } from './tokens';
import {
  countAccounts,
  deleteStaleSessions,
  findAccountForLogin,
  findOpenInvitation,
  findSessionAccount,
  insertAccount,
  insertSession,
  loginExists,
  markInvitationAccepted,
  revokeSession,
} from './repository';

/** A session lasts a working week and a bit; "Log overal uit" and disabling the account end it sooner. */
export const SESSION_DAYS = 8;
/** An invitation link works for 48 hours, once. */
export const INVITATION_HOURS = 48;

/** Throttle keys for attempts that name no account; a control character can never be part of a login name. */
const SETUP_KEY = '\u0000setup';
const INVITATION_KEY = '\u0000invitation';

export interface SignedIn {
  /** The cookie's secret: the server adapter puts it in an HttpOnly cookie, never in a response body. */
  sessionSecret: string;
  account: Account;
}

export interface AccountServiceOptions {
  /** The clock, for tests of expiry and throttling. */
  now?: () => Date;
}

/**
 * Signing in on the council server: the first beheerder from a one-time setup code, logins (throttled per
 * account and per address), invitations and sessions. The server adapter (electron/server) calls this;
 * what a signed-in account may do is the dispatcher's job (shared/api/roles.ts).
 */
export class AccountService {
  private setupCode: string | null = null;
  private readonly throttle: LoginThrottle;
  private readonly now: () => Date;

  constructor(
    private readonly db: () => Db,
    options: AccountServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.throttle = new LoginThrottle(this.now);
  }

  /**
   * The one-time code that lets the first beheerder in, made when the database has no account yet;
   * null once one exists. Shown on the server's console only; valid until used or the server stops.
   */
  async setupCodeIfNeeded(): Promise<string | null> {
    if ((await countAccounts(this.db())) > 0) return null;
    // 16 characters without look-alikes (0/O, 1/I/L), in groups of four: typed over from a console.
    const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
    const code = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
    this.setupCode = code.match(/.{4}/g)!.join('-');
    return this.setupCode;
  }

  /** True while the database has no account: the first visitor with the setup code becomes beheerder. */
  async needsSetup(): Promise<boolean> {
    return (await countAccounts(this.db())) === 0;
  }

  async setup(rawInput: unknown, address: string): Promise<SignedIn> {
    const input = parse(setupInput, rawInput);
    this.throttle.check(SETUP_KEY, address);
    if (this.setupCode === null || (await countAccounts(this.db())) > 0) throw new AppError('CONFLICT', t('accounts.setupDone'));
    if (normaliseCode(input.setupCode) !== normaliseCode(this.setupCode)) {
      this.throttle.failed(SETUP_KEY, address);
      throw new AppError('VALIDATION', t('accounts.setupCodeWrong'), [{ path: 'setupCode', message: t('accounts.setupCodeWrong') }]);
    }
    const account = await this.createAccount({ name: input.name, login: input.login, role: 'beheerder', password: input.password, by: input.name });
    this.setupCode = null;
    return { sessionSecret: await this.startSession(account.id), account };
  }

  async login(rawInput: unknown, address: string): Promise<SignedIn> {
    const input = parse(loginInput, rawInput);
    this.throttle.check(input.login, address);
    const found = await findAccountForLogin(this.db(), input.login);
    // The same work and the same answer for an unknown name, a disabled account and a wrong password.
    const matches = await verifyPassword(input.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !matches || found.disabledAt !== null) {
      this.throttle.failed(input.login, address);
      throw new AppError('UNAUTHENTICATED', t('accounts.loginFailed'));
    }
    this.throttle.succeeded(input.login);
    const { passwordHash: _hash, ...account } = found;
    return { sessionSecret: await this.startSession(account.id), account };
  }

  async acceptInvitation(rawInput: unknown, address: string): Promise<SignedIn> {
    const input = parse(acceptInvitationInput, rawInput);
    this.throttle.check(INVITATION_KEY, address);
    const tokenHash = secretHash(input.token);
    const db = this.db();
    const invitation = await findOpenInvitation(db, tokenHash, this.now().toISOString());
    if (!invitation) {
      this.throttle.failed(INVITATION_KEY, address);
      throw new AppError('VALIDATION', t('accounts.invitationInvalid'), [{ path: 'token', message: t('accounts.invitationInvalid') }]);
    }
    const passwordHash = await hashPassword(input.password);
    // One account per link, also when the link is opened twice at once: the invitation is marked in the same transaction.
    const account = await db.transaction().execute(async (trx) => {
      if (await loginExists(trx, invitation.login)) throw new AppError('CONFLICT', t('accounts.loginTaken', { login: invitation.login }));
      const id = newId();
      const now = this.now().toISOString();
      await insertAccount(trx, { id, login: invitation.login, name: invitation.name, role: invitation.role, passwordHash, now, by: invitation.name });
      if (!(await markInvitationAccepted(trx, tokenHash, id, now))) throw new AppError('VALIDATION', t('accounts.invitationInvalid'));
      return { id, login: invitation.login, name: invitation.name, role: invitation.role, disabledAt: null, createdAt: now } satisfies Account;
    });
    return { sessionSecret: await this.startSession(account.id), account };
  }

  /** The signed-in account behind a cookie's secret, or null (unknown, expired, ended, disabled). */
  async callerFor(sessionSecret: string | undefined): Promise<Caller | null> {
    if (!sessionSecret) return null;
    const tokenHash = secretHash(sessionSecret);
    const account = await findSessionAccount(this.db(), tokenHash, this.now().toISOString());
    return account ? { accountId: account.id, login: account.login, name: account.name, role: account.role, sessionTokenHash: tokenHash } : null;
  }

  async logout(sessionSecret: string | undefined): Promise<void> {
    if (sessionSecret) await revokeSession(this.db(), secretHash(sessionSecret), this.now().toISOString());
  }

  /** Creates an account (the first beheerder; the CLI). Refuses a login name that exists. */
  async createAccount(account: { name: string; login: string; role: Account['role']; password: string; by: string }): Promise<Account> {
    const passwordHash = await hashPassword(account.password);
    const id = newId();
    const now = this.now().toISOString();
    await this.db()
      .transaction()
      .execute(async (trx) => {
        if (await loginExists(trx, account.login)) throw new AppError('CONFLICT', t('accounts.loginTaken', { login: account.login }));
        await insertAccount(trx, { id, login: account.login, name: account.name, role: account.role, passwordHash, now, by: account.by });
      });
    return { id, login: account.login, name: account.name, role: account.role, disabledAt: null, createdAt: now };
  }

  private async startSession(accountId: string): Promise<string> {
    const secret = newSecret();
    const now = this.now();
    const db = this.db();
    await deleteStaleSessions(db, new Date(now.getTime() - 30 * 86_400_000).toISOString());
    await insertSession(db, {
      tokenHash: secretHash(secret),
      accountId,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    });
    return secret;
  }
}

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = parseInput(schema, raw);
  if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message, parsed.error.issues);
  return parsed.value;
}
