import { advicePdfParams } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { writeNewFileInto } from '../files';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { exportsDirFor } from '../paths';
import { convertDocxToPdf } from './pdf';
import { letterBytes, letterFileName, requireAdvice } from './service';

/** Job: the letter as PDF, converted by LibreOffice, into `exports/` under a name the core chooses. */
export async function advicePdfJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { id } = advicePdfParams.parse(env.params);
  const db = env.db;
  env.report(0, 1, t('advices.pdfStarted'));
  const advice = await requireAdvice(db, id);
  const { bytes } = await letterBytes(db, advice, { annex: false });
  throwIfCancelled(env.signal);
  let pdf: Buffer;
  try {
    pdf = await convertDocxToPdf(bytes, env.signal);
  } catch (error) {
    throwIfCancelled(env.signal);
    throw error;
  }
  const written = writeNewFileInto(exportsDirFor(env.dbPath), letterFileName(advice, 'pdf'), pdf, () => throwIfCancelled(env.signal));
  env.report(1, 1, t('advices.pdfStarted'));
  return { path: written, message: t('advices.pdfDone') };
}
