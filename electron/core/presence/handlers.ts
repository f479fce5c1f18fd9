import { findAdviceRow } from '../advices/repository';
import { notFound } from '../api/errors';
import { defineHandlers, type HandlerContext } from '../api/handler';

/** Presence is about an advice that exists: an unknown id is refused, so nothing fills the board with made-up ones. */
async function requireAdviceExists(ctx: HandlerContext, adviceId: string): Promise<void> {
  if (!(await findAdviceRow(ctx.db, adviceId))) throw notFound('advices.notFound');
}

/** Who else has an advice open (issue 14): only on the council server; on one computer nobody else can. */
export const presenceHandlers = defineHandlers({
  'presence.enter': async (input, ctx) => {
    await requireAdviceExists(ctx, input.adviceId);
    if (!ctx.caller) return { viewers: [] };
    return { viewers: ctx.presence.enter(input.adviceId, ctx.caller) };
  },
  'presence.leave': async (input, ctx) => ({ left: ctx.caller ? ctx.presence.leave(input.adviceId, ctx.caller.accountId) : false }),
  'presence.list': async (input, ctx) => {
    await requireAdviceExists(ctx, input.adviceId);
    return { viewers: ctx.caller ? ctx.presence.list(input.adviceId, ctx.caller.accountId) : [] };
  },
});
