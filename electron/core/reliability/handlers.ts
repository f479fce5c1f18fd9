import { defineHandlers } from '../api/handler';
import { listAudit } from './audit';
import { recordHistory } from './history';
import { getPrivacySettings, listPurges, previewPurge, purgePersonalData, setPrivacySettings } from './privacy';
import { emptyTrash, listTrash, restoreFromTrash } from './trash';

export const reliabilityHandlers = defineHandlers({
  'privacy.get': async (_input, { db }) => getPrivacySettings(db),
  'privacy.update': async (input, { db }) => {
    await setPrivacySettings(db, input);
    return getPrivacySettings(db);
  },
  'privacy.purgePreview': async (_input, { db }) => previewPurge(db),
  'privacy.purge': async ({ expectedCount }, ctx) =>
    ctx.db.transaction().execute((trx) => purgePersonalData(trx, expectedCount, ctx.session.userName)),
  'privacy.purgeLog': async (_input, { db }) => listPurges(db),
  'trash.list': async (_input, { db }) => listTrash(db),
  'trash.restore': async ({ table, id }, ctx) =>
    ctx.db.transaction().execute(async (trx) => {
      await restoreFromTrash(trx, table, id, ctx.session.userName);
      return { table, id };
    }),
  'trash.empty': async (_input, ctx) =>
    ctx.db.transaction().execute((trx) => emptyTrash(trx, ctx.session.userName)),
  'audit.list': async (input, { db }) => listAudit(db, input),
  'audit.history': async ({ table, recordId }, { db }) => recordHistory(db, table, recordId),
});
