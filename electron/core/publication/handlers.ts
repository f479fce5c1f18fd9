import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { findAdviceRow } from '../advices/repository';
import { notFound } from '../api/errors';
import { defineHandlers } from '../api/handler';
import { audited } from '../reliability/audit-trail';
import { saveSiteColour, writePublication } from './repository';
import { loadPublication, loadSiteSettings } from './service';

export const publicationHandlers = defineHandlers({
  'publication.get': async ({ adviceId }, { db }) => loadPublication(db, adviceId),

  'publication.set': async (input, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      const advice = await findAdviceRow(trx, input.adviceId);
      if (!advice || advice.deleted_at !== null) throw notFound('advices.notFound');
      // A concept is never public; deciding in advance "niet openbaar" is allowed.
      if (input.isPublic && advice.status === 'concept')
        throw new AppError('VALIDATION', t('publication.conceptNeverPublic'), [{ path: 'isPublic', message: t('publication.conceptNeverPublic') }]);
      await audited(trx, ctx.session.userName, 'advice_publication', input.adviceId, () =>
        writePublication(trx, input.adviceId, input, ctx.session.userName),
      );
      return loadPublication(trx, input.adviceId);
    }),

  'publication.settings': async (_input, { db }) => loadSiteSettings(db),
  'publication.saveSettings': async ({ colour }, { db }) => {
    await saveSiteColour(db, colour);
    return loadSiteSettings(db);
  },
});
