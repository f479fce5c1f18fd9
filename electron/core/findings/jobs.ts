import os from 'node:os';
import { findingsExportParams, importCheckInput, meetingReportParams } from '../../../shared/api/meetings';
import { t } from '../../../shared/i18n';
import { getCurrentUser } from '../council/repository';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { buildMeetingReport, writeReportFile } from '../meetings/report';
import { exportsDirFor } from '../paths';
import { checkRows, exportFindings, importRows, loadUpload, pauseBetweenChunks, removeUpload } from './transfer';
import { discardImportBatch } from './import-batch-repository';
import { newId } from '../ids';
import { searchFindings } from './repository';

/**
 * Job: writes the valid rows of a checked upload in short journalled chunks (see import-batch.ts),
 * so other saves keep working meanwhile; cancel or failure undoes every chunk already written.
 */
export async function findingsImportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const params = importCheckInput.parse(env.params);
  // The job's own connection; the worker closes it.
  const db = env.db;
  const table = loadUpload(env.dbPath, params.uploadId);
  const checked = await checkRows(db, table, params.mapping, params.defaults);
  const user = await getCurrentUser(db, os.userInfo().username);
  const batchId = newId();
  env.report(0, checked.valid.length, t('import.started'));
  let count: number;
  try {
    count = await importRows(
      db,
      checked.valid,
      user.name,
      batchId,
      (done) => env.report(done, checked.valid.length, t('import.started')),
      () => throwIfCancelled(env.signal),
    );
  } catch (error) {
    // Undoing may take longer than the runner's grace period after a cancel: say it is under way.
    env.undoing(t('import.undoing'));
    await discardImportBatch(db, batchId, pauseBetweenChunks);
    throw error;
  }
  removeUpload(env.dbPath, params.uploadId);
  env.report(count, count, t('import.done', { count }));
  return { count, skipped: new Set(checked.issues.map((issue) => issue.row)).size, message: t('import.done', { count }) };
}

/** Job: the filtered findings to CSV or XLSX, through a temporary file renamed when complete. */
export async function findingsExportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { format, includePersonalData, ...request } = findingsExportParams.parse(env.params);
  const db = env.db;
  // Flagged findings stay out unless asked for; how many were left out is said, never hidden.
  const leftOut = includePersonalData
    ? 0
    : (await searchFindings(db, { ...request, filters: { ...request.filters, containsPersonalData: true }, offset: 0, limit: 1 })).total;
  const exported = includePersonalData ? request : { ...request, filters: { ...request.filters, containsPersonalData: false } };
  const { path, count } = await exportFindings(
    db,
    exported,
    format,
    exportsDirFor(env.dbPath),
    (done, total) => env.report(done, total, t('export.started')),
    () => throwIfCancelled(env.signal),
  );
  const message = t('export.done', { count, path }) + (leftOut > 0 ? ` ${t('export.leftOut', { count: leftOut })}` : '');
  return { path, count, leftOut, message };
}

/** Job: the meeting report (.docx); personal-data findings only when asked for. */
export async function meetingReportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const params = meetingReportParams.parse(env.params);
  const db = env.db;
  env.report(0, 1, t('report.started'));
  const { bytes, meeting, count, left, notesLeftOut } = await buildMeetingReport(db, params.meetingId, params.includePersonalData);
  throwIfCancelled(env.signal);
  const path = writeReportFile(exportsDirFor(env.dbPath), meeting, bytes);
  env.report(1, 1, t('report.started'));
  const leftOut = [
    ...(left > 0 ? [t('report.findingsLeftOutShort', { count: left })] : []),
    ...(notesLeftOut ? [t('report.notesLeftOutShort')] : []),
  ];
  const message = leftOut.length > 0 ? t('report.doneLeftOut', { path, what: leftOut.join(t('report.and')) }) : t('report.done', { path });
  return { path, count, left, notesLeftOut, message };
}
