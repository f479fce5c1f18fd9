import { todayInNetherlands } from '../../shared/calendar';
import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { annualReportParams } from '../../shared/api/publication';
import { siteColour } from '../../shared/publication/colour';
import { buildAnnualReport } from '../core/publication/annual-report';
import { buildPublication } from '../core/publication/service';
import { writeSiteToFolder } from '../core/publication/writer';
import { writeAtomically } from './advices';
import type { CliCommand } from './commands';

/** `publish <map> [--kleur #rrggbb]`: writes the public website into a folder (only the CLI takes paths). */
export const publicationCommands: Record<string, CliCommand> = {
  publish: {
    summary: '<map> [#kleur]  schrijft de openbare website (adviezen, reacties, toezeggingen, open data) in een map',
    async run(core, [folder, colour]) {
      if (!folder) {
        console.error('Geef de map voor de website, bijvoorbeeld: publish ./website');
        return 2;
      }
      // The same check as the settings: a colour too light for text on white is refused.
      const checked = colour === undefined ? undefined : siteColour.safeParse(colour);
      if (checked && !checked.success) {
        console.error(checked.error.issues[0]!.message);
        return 2;
      }
      try {
        const site = await buildPublication(core.db, todayInNetherlands(), { colour: checked?.data });
        const outcome = writeSiteToFolder(folder, site);
        console.log(t('publication.published', { folder, written: outcome.written.length, removed: outcome.removed.length, unchanged: outcome.unchanged }));
        return 0;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        console.error(error.message);
        return 1;
      }
    },
  },
  jaarverslag: {
    summary: '<jaar> <bestand.docx>  schrijft het jaarverslag (adviezen, standpunten, toezeggingen, bijeenkomsten, eigen werk)',
    async run(core, [year, file]) {
      const parsed = annualReportParams.safeParse({ year: Number(year) });
      if (!year || !file || !parsed.success) {
        console.error(parsed.success || !year ? t('annualReport.cliUsage') : `${parsed.error.issues[0]!.message} ${t('annualReport.cliUsage')}`);
        return 2;
      }
      const { bytes } = await buildAnnualReport(core.db, parsed.data.year, todayInNetherlands());
      writeAtomically(file, bytes);
      console.log(t('annualReport.cliWritten', { year: parsed.data.year, file }));
      return 0;
    },
  },
};
