import type { Account, Invitation } from '../../../shared/api/accounts';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { defineHandlers, type Caller, type HandlerContext } from '../api/handler';
import { nowIso } from '../ids';
import { INVITATION_HOURS } from './service';
import { newSecret, secretHash } from './tokens';
import { countActiveBeheerders, findAccount, insertInvitation, listAccounts, loginExists, revokeSessionsOf, updateAccount } from './repository';

/** Accounts exist on the council server only; on one computer nobody signs in. */
function signedIn(ctx: HandlerContext): Caller {
  if (!ctx.caller) throw new AppError('VALIDATION', t('accounts.notOnServer'));
  return ctx.caller;
}

async function existing(ctx: HandlerContext, id: string): Promise<Account> {
  const account = await findAccount(ctx.db, id);
  if (!account) throw new AppError('NOT_FOUND', t('accounts.notFound'));
  return account;
}

/** The council keeps at least one beheerder who can sign in, or nobody could invite or restore again. */
async function keepOneBeheerder(ctx: HandlerContext, account: Account, change: { role?: Account['role']; disabling?: boolean }): Promise<void> {
  const losesBeheer = account.role === 'beheerder' && account.disabledAt === null && ((change.role !== undefined && change.role !== 'beheerder') || change.disabling);
  if (losesBeheer && (await countActiveBeheerders(ctx.db)) <= 1) throw new AppError('CONFLICT', t('accounts.lastBeheerder'));
}

export const accountsHandlers = defineHandlers({
  'session.current': async (_input, ctx) => ({
    account: ctx.caller ? { id: ctx.caller.accountId, login: ctx.caller.login, name: ctx.caller.name, role: ctx.caller.role } : null,
  }),
  'session.logoutEverywhere': async (_input, ctx) => ({ ended: await revokeSessionsOf(ctx.db, signedIn(ctx).accountId, nowIso()) }),
  'accounts.list': async (_input, ctx) => {
    signedIn(ctx);
    return listAccounts(ctx.db);
  },
  'accounts.invite': async (input, ctx): Promise<Invitation> => {
    const caller = signedIn(ctx);
    if (await loginExists(ctx.db, input.login)) throw new AppError('CONFLICT', t('accounts.loginTaken', { login: input.login }), [{ path: 'login', message: t('accounts.loginTaken', { login: input.login }) }]);
    const secret = newSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3_600_000).toISOString();
    await insertInvitation(ctx.db, { tokenHash: secretHash(secret), name: input.name, login: input.login, role: input.role, now: now.toISOString(), by: caller.name, expiresAt });
    // The link's secret sits after '#': browsers never send it to a server or in a Referer header.
    return { link: `#/uitnodiging/${secret}`, login: input.login, name: input.name, role: input.role, expiresAt };
  },
  'accounts.update': async (input, ctx) => {
    const caller = signedIn(ctx);
    const account = await existing(ctx, input.id);
    await ctx.db.transaction().execute(async (trx) => {
      await keepOneBeheerder({ ...ctx, db: trx }, account, { ...(input.role ? { role: input.role } : {}) });
      await updateAccount(trx, input.id, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.role ? { role: input.role } : {}) }, nowIso(), caller.name);
    });
    return existing(ctx, input.id);
  },
  'accounts.disable': async (input, ctx) => {
    const caller = signedIn(ctx);
    const account = await existing(ctx, input.id);
    if (account.disabledAt !== null) return account;
    await ctx.db.transaction().execute(async (trx) => {
      await keepOneBeheerder({ ...ctx, db: trx }, account, { disabling: true });
      const now = nowIso();
      await updateAccount(trx, input.id, { disabledAt: now }, now, caller.name);
      // Signed out everywhere at once, not when the session would have expired.
      await revokeSessionsOf(trx, input.id, now);
    });
    return existing(ctx, input.id);
  },
  'accounts.enable': async (input, ctx) => {
    const caller = signedIn(ctx);
    await existing(ctx, input.id);
    await updateAccount(ctx.db, input.id, { disabledAt: null }, nowIso(), caller.name);
    return existing(ctx, input.id);
  },
});
