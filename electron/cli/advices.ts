import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AdviceSummary, ExportedFile } from '../../shared/api/advices';
import type { Core } from '../core/core';
import { printResult, type CliCommand } from './commands';

/** An advice named by its id or its kenmerk (case-insensitive). */
async function resolveAdvice(core: Core, reference: string | undefined): Promise<string | null> {
  if (!reference) {
    console.error('Geef het kenmerk of id van het advies.');
    return null;
  }
  // An archived advice is still exported by kenmerk; one in the trash is not found.
  const listed = await core.call('advices.list', { search: '', includeArchived: true });
  if (!listed.ok) return null;
  const advices = listed.value as AdviceSummary[];
  const wanted = reference.trim().toLocaleLowerCase('nl-NL');
  const match = advices.find((advice) => advice.id === reference || advice.kenmerk.toLocaleLowerCase('nl-NL') === wanted);
  if (!match) console.error(`Geen advies met kenmerk of id "${reference}".`);
  return match?.id ?? null;
}

/** Writes through a `.deel` file renamed at the end, so a cut-off write leaves no half file under the name. */
export function writeAtomically(file: string, content: string | Buffer): void {
  const partial = `${file}.deel`;
  writeFileSync(partial, content);
  renameSync(partial, file);
}

export const adviceCommands: Record<string, CliCommand> = {
  'export-docx': {
    summary: '<advies> <bestand.docx>  schrijft de adviesbrief als Word-bestand (advies = kenmerk of id)',
    async run(core, [reference, file]) {
      const id = await resolveAdvice(core, reference);
      if (!id) return 2;
      if (!file) {
        console.error('Geef het bestand om naar te schrijven, bijvoorbeeld: export-docx WMO-2026-001 brief.docx');
        return 2;
      }
      // The API never takes a path; the CLI is the user's own shell, so it writes the bytes where asked.
      const result = await core.call('advices.exportDocx', { id });
      if (!result.ok) return printResult(result);
      const target = path.resolve(file);
      writeAtomically(target, Buffer.from((result.value as ExportedFile).bytesBase64, 'base64'));
      console.log(target);
      return 0;
    },
  },
  'export-json': {
    summary: '<advies> [bestand.json]  exporteert een advies als uitwisselbestand (zonder bestand: naar de uitvoer)',
    async run(core, [reference, file]) {
      const id = await resolveAdvice(core, reference);
      if (!id) return 2;
      const result = await core.call('advices.exportJson', { id });
      if (!result.ok) return printResult(result);
      const json = `${JSON.stringify(result.value, null, 2)}\n`;
      if (file) writeAtomically(path.resolve(file), json);
      else process.stdout.write(json);
      return 0;
    },
  },
  'import-json': {
    summary: '<bestand.json>  leest een uitwisselbestand in als nieuw conceptadvies',
    async run(core, [file]) {
      if (!file) {
        console.error('Geef het uitwisselbestand, bijvoorbeeld: import-json advies.json');
        return 2;
      }
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path.resolve(file), 'utf8'));
      } catch (error) {
        console.error(`Het bestand kon niet als JSON worden gelezen: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      const result = await core.call('advices.importJson', { data });
      if (!result.ok) return printResult(result);
      const advice = result.value as { kenmerk: string; betreft: string };
      console.log(`Ingelezen als ${advice.kenmerk}: ${advice.betreft}`);
      return 0;
    },
  },
};
