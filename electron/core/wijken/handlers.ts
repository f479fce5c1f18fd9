import { describeUses, t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { defineHandlers } from '../api/handler';
import { findReferences } from '../db/references';
import { deleteWijk, findWijk, findWijkByName, insertWijk, listWijken, updateWijk } from './repository';
import { notFound } from '../api/errors';

async function requireWijk(db: Parameters<typeof findWijk>[0], id: string) {
  const wijk = await findWijk(db, id);
  if (!wijk) throw notFound('wijken.notFound');
  return wijk;
}

function nameTaken(name: string): AppError {
  const message = t('wijken.nameTaken', { name });
  return new AppError('CONFLICT', message, [{ path: 'name', message }]);
}

export const wijkenHandlers = defineHandlers({
  'wijken.list': async (_input, { db }) => listWijken(db),

  'wijken.create': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      if (await findWijkByName(trx, input.name)) throw nameTaken(input.name);
      return insertWijk(trx, input, ctx.session.userName);
    }),

  'wijken.update': async ({ id, ...fields }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await requireWijk(trx, id);
      if (fields.name !== undefined) {
        const sameName = await findWijkByName(trx, fields.name);
        if (sameName && sameName.id !== id) throw nameTaken(fields.name);
      }
      await updateWijk(trx, id, fields, ctx.session.userName);
      return requireWijk(trx, id);
    }),

  'wijken.delete': async ({ id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const wijk = await requireWijk(trx, id);
      const references = await findReferences(trx, 'wijken', id);
      if (references.length > 0) {
        const uses = describeUses(references);
        throw new AppError('CONFLICT', t('wijken.inUse', { name: wijk.name, uses }));
      }
      await deleteWijk(trx, id);
      return { id };
    }),
});
