import { advicePdfParams } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { sha256Hex, writeNewFileInto } from '../files';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { exportsDirFor } from '../paths';
import { convertDocxToPdf } from './pdf';
import { findArchivedPdf, findVersion, insertArchivedPdf } from './repository';
import { letterBytes, letterFileName, requireAdvice } from './service';

/** Job: the letter as PDF, converted by LibreOffice, into `exports/` under a name the core chooses. */
export async function advicePdfJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { id } = advicePdfParams.parse(env.params);
  const db = env.db;
  env.report(0, 1, t('advices.pdfStarted'));
  const advice = await requireAdvice(db, id);
  // A sent letter whose PDF/A is archived: exactly those bytes, no LibreOffice needed.
  const version = advice.status === 'verzonden' ? await findVersion(db, id, advice.version) : undefined;
  const archived = version ? await findArchivedPdf(db, version.id) : undefined;
  let pdf: Uint8Array;
  if (archived) pdf = archived.pdf;
  else {
    const { bytes } = await letterBytes(db, advice, { annex: false });
    throwIfCancelled(env.signal);
    try {
      pdf = await convertDocxToPdf(bytes, env.signal);
    } catch (error) {
      throwIfCancelled(env.signal);
      throw error;
    }
  }
  const written = writeNewFileInto(exportsDirFor(env.dbPath), letterFileName(advice, 'pdf'), pdf, () => throwIfCancelled(env.signal));
  env.report(1, 1, t('advices.pdfStarted'));
  return { path: written, message: t('advices.pdfDone') };
}

/**
 * Job: the PDF/A-2b of the sent letter, made from its frozen .docx and archived beside it
 * (advice_version_pdfs). Started after sending and by `advices.archivePdf`; one insert, so a cancel
 * leaves nothing; an archive already made is left as it is.
 */
export async function archivePdfJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { id } = advicePdfParams.parse(env.params);
  const db = env.db;
  env.report(0, 1, t('advices.archivePdfStarted'));
  const advice = await requireAdvice(db, id);
  const version = advice.status === 'verzonden' ? await findVersion(db, id, advice.version) : undefined;
  if (!version) throw new AppError('CONFLICT', t('advices.archivePdfOnlySent'));
  if (!(await findArchivedPdf(db, version.id))) {
    let pdf: Buffer;
    try {
      pdf = await convertDocxToPdf(version.docx, env.signal);
    } catch (error) {
      throwIfCancelled(env.signal);
      if (error instanceof AppError) throw new AppError('IO', t('advices.archivePdfUnavailable'));
      throw error;
    }
    throwIfCancelled(env.signal);
    await insertArchivedPdf(db, { versionId: version.id, pdf, sha256: sha256Hex(pdf) }, version.created_by);
  }
  env.report(1, 1, t('advices.archivePdfStarted'));
  return { message: t('advices.archivePdfDone') };
}
