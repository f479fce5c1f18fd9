import path from 'node:path';
import { zipSync } from 'fflate';
import { todayInNetherlands } from '../../../shared/calendar';
import { annualReportParams, publicationZipParams } from '../../../shared/api/publication';
import { t } from '../../../shared/i18n';
import { writeNewFileInto } from '../files';
import { throwIfCancelled, type JobEnvironment } from '../jobs/job';
import { exportsDirFor } from '../paths';
import { buildAnnualReport } from './annual-report';
import { loadSiteSettings } from './service';
import { buildSite } from './site';
import { loadSiteData } from './site-data';

/** A fixed time for every entry, so the same site gives the same .zip bytes. */
const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));

/** The site as one .zip (deterministic: sorted paths, fixed times). */
export function zipSite(site: Map<string, Buffer>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [file, bytes] of site) entries[file] = [bytes, { mtime: ZIP_TIME }];
  return zipSync(entries, { level: 6 });
}

/** Job: the public website as a .zip in `exports/` (the API never takes a path). */
export async function publicationZipJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { colour } = publicationZipParams.parse(env.params);
  const db = env.db;
  env.report(0, 1, t('publication.zipStarted'));
  const data = await loadSiteData(db, todayInNetherlands());
  throwIfCancelled(env.signal);
  const site = buildSite(data, { colour: colour ?? (await loadSiteSettings(db)).colour });
  const zip = Buffer.from(zipSite(site));
  const name = t('publication.zipFileName', { council: data.council.name }).replace(/[\\/:*?"<>|\p{Cc}]/gu, '-');
  const written = writeNewFileInto(exportsDirFor(env.dbPath), name, zip, () => throwIfCancelled(env.signal));
  env.report(1, 1, t('publication.zipStarted'));
  return { path: written, message: t('publication.zipDone', { files: site.size }) };
}

/** Job: the jaarverslag of a year as .docx in `exports/`. */
export async function annualReportJob(env: JobEnvironment): Promise<Record<string, unknown>> {
  const { year } = annualReportParams.parse(env.params);
  const db = env.db;
  env.report(0, 0, t('annualReport.started'));
  let done = 0;
  const { bytes, fileName } = await buildAnnualReport(db, year, todayInNetherlands(), () => {
    throwIfCancelled(env.signal);
    env.report(++done, 0, t('annualReport.started'));
  });
  throwIfCancelled(env.signal);
  const written = writeNewFileInto(exportsDirFor(env.dbPath), fileName, bytes, () => throwIfCancelled(env.signal));
  return { path: written, message: t('annualReport.done', { file: path.basename(written) }) };
}
