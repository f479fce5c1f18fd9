import path from 'node:path';
import { responsesReportParams } from '../../../shared/api/responses';
import { t } from '../../../shared/i18n';
import { createKysely } from '../db/connection';
import { exportDir } from '../findings/transfer';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { writeExportFile } from '../files';
import { buildResponsesReport } from './service';

/** Job: the adviezenoverzicht or a terugkoppeling into the exports folder beside the database. */
export async function responsesReportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const params = responsesReportParams.parse(env.params);
  const db = createKysely(env.sqlite);
  env.report(0, 0, t('reports.jobStarted'));
  const { bytes, fileName } = await buildResponsesReport(db, params, (done) => {
    throwIfCancelled(env.signal);
    env.report(done, 0, t('reports.jobStarted'));
  });
  throwIfCancelled(env.signal);
  const file = writeExportFile(bytes, fileName, path.join(exportDir(env.dbPath), fileName));
  return { path: file.path, fileName: file.fileName, sha256: file.sha256, message: t('reports.jobDone', { path: file.path ?? '' }) };
}
