import { responsesReportParams } from '../../../shared/api/responses';
import { t } from '../../../shared/i18n';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { sha256Hex, writeNewFileInto } from '../files';
import { exportsDirFor } from '../paths';
import path from 'node:path';
import { buildResponsesReport } from './service';

/** Job: the adviezenoverzicht or a terugkoppeling into the exports folder beside the database. */
export async function responsesReportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const params = responsesReportParams.parse(env.params);
  const db = env.db;
  env.report(0, 0, t('reports.jobStarted'));
  const { bytes, fileName } = await buildResponsesReport(db, params, (done) => {
    throwIfCancelled(env.signal);
    env.report(done, 0, t('reports.jobStarted'));
  });
  throwIfCancelled(env.signal);
  const written = writeNewFileInto(exportsDirFor(env.dbPath), fileName, bytes, () => throwIfCancelled(env.signal));
  return { path: written, fileName: path.basename(written), sha256: sha256Hex(bytes), message: t('reports.jobDone', { path: written }) };
}
