import os from 'node:os';
import { exchangeExportParams, exchangeImportParams } from '../../../shared/api/exchange';
import { t } from '../../../shared/i18n';
import { getCurrentUser } from '../council/repository';
import { exportsDirFor } from '../paths';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { buildMeetingExchange, loadExchangeUpload, removeExchangeUpload, writeExchangeFile } from './file';
import { mergeRecords } from './records';

/** Job: a meeting with its records as an exchange file. */
export async function exchangeExportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { meetingId } = exchangeExportParams.parse(env.params);
  const db = env.db;
  const user = await getCurrentUser(db, os.userInfo().username);
  const { file, title, date } = await buildMeetingExchange(db, meetingId, user.name);
  throwIfCancelled(env.signal);
  const path = writeExchangeFile(exportsDirFor(env.dbPath), title, date, file);
  const message = t(file.containsPersonalData ? 'exchange.doneWithPersonalData' : 'exchange.done', { path });
  return { path, count: file.records.length, containsPersonalData: file.containsPersonalData, message };
}

/** Job: merges an exchange file in one transaction; the report lists what the newer version replaced. */
export async function exchangeImportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { uploadId } = exchangeImportParams.parse(env.params);
  const file = loadExchangeUpload(env.dbPath, uploadId);
  const db = env.db;
  const user = await getCurrentUser(db, os.userInfo().username);
  const total = file.records.length;
  env.report(0, total, t('exchange.importing'));
  const report = await db.transaction().execute(async (trx) =>
    mergeRecords(trx, file.records, user.name, async (done) => {
      env.report(done, total, t('exchange.importing'));
      await new Promise((resolve) => setImmediate(resolve));
      throwIfCancelled(env.signal);
    }),
  );
  removeExchangeUpload(env.dbPath, uploadId);
  const message = t('exchange.imported', { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, conflicts: report.conflicts.length });
  return { report, message };
}
