import { t } from '../../../shared/i18n';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { buildMonitoringCsv, buildMonitoringReport } from './report';
import { writeNewFileInto } from '../files';
import { exportsDirFor } from '../paths';

/** Exports go to `exports/` beside the database, written to a temporary name and renamed when complete. */
function writeExport(env: JobEnvironment, fileName: string, content: Buffer | string): string {
  return writeNewFileInto(exportsDirFor(env.dbPath), fileName, content, () => throwIfCancelled(env.signal));
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export async function monitoringReportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const periodKey = String(env.params.periodKey);
  const frameworkId = typeof env.params.frameworkId === 'string' ? env.params.frameworkId : null;
  env.report(0, 1, t('monitoring.exportStarted'));
  const db = env.db;
  const bytes = await buildMonitoringReport(db, {
    periodKey,
    frameworkId,
    report: (done, total) => env.report(done, total, t('monitoring.exportStarted')),
    throwIfCancelled: () => throwIfCancelled(env.signal),
  });
  return { path: writeExport(env, `monitoring-${periodKey}-${stamp()}.docx`, bytes) };
}

export async function monitoringCsvJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const frameworkId = typeof env.params.frameworkId === 'string' ? env.params.frameworkId : null;
  env.report(0, 1, t('monitoring.exportStarted'));
  const csv = await buildMonitoringCsv(env.db, { frameworkId });
  throwIfCancelled(env.signal);
  env.report(1, 1);
  return { path: writeExport(env, `monitoring-${stamp()}.csv`, csv) };
}
