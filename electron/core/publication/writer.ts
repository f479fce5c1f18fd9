import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';

/** The file that marks a folder as ours and lists what we wrote there, with each file's sha256. */
export const MANIFEST = '.advieswerk-publicatie.json';

interface Manifest {
  generator: 'advieswerk-publicatie';
  files: Record<string, string>;
}

export interface WriteOutcome {
  written: string[];
  removed: string[];
  unchanged: number;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function readManifest(folder: string): Manifest | null {
  const file = path.join(folder, MANIFEST);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return parsed.generator === 'advieswerk-publicatie' && parsed.files && typeof parsed.files === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Writes the site into `folder` (the CLI's path; the API never takes one). A folder that is empty or
 * missing is made ours; a folder with our manifest is updated: only changed files are written
 * (through a temp file renamed into place), files we wrote earlier that are no longer part of the
 * site are removed, and nothing else in it is touched. A non-empty folder without our manifest is
 * refused, untouched.
 */
export function writeSiteToFolder(folder: string, site: Map<string, Buffer>): WriteOutcome {
  const root = path.resolve(folder);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new AppError('VALIDATION', t('publication.notAFolder', { folder: root }));
  const manifest = existsSync(root) ? readManifest(root) : null;
  if (existsSync(root) && !manifest && readdirSync(root).length > 0) throw new AppError('CONFLICT', t('publication.folderNotOurs', { folder: root }));
  mkdirSync(root, { recursive: true });
  const previous = manifest?.files ?? {};
  const outcome: WriteOutcome = { written: [], removed: [], unchanged: 0 };
  const files: Record<string, string> = {};
  for (const [relative, bytes] of site) {
    const hash = sha256(bytes);
    files[relative] = hash;
    const target = path.join(root, ...relative.split('/'));
    if (previous[relative] === hash && existsSync(target) && sha256(readFileSync(target)) === hash) {
      outcome.unchanged++;
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.tmp-advieswerk`;
    writeFileSync(temp, bytes);
    renameSync(temp, target);
    outcome.written.push(relative);
  }
  for (const relative of Object.keys(previous).sort()) {
    if (files[relative] !== undefined) continue;
    // Only a plain relative path we wrote ourselves: never anything outside the folder.
    if (relative.includes('..') || path.isAbsolute(relative)) continue;
    const target = path.join(root, ...relative.split('/'));
    rmSync(target, { force: true });
    outcome.removed.push(relative);
    // Leave no empty folders of ours behind.
    let dir = path.dirname(target);
    while (dir !== root && existsSync(dir) && readdirSync(dir).length === 0) {
      rmdirSync(dir);
      dir = path.dirname(dir);
    }
  }
  const manifestText = `${JSON.stringify({ generator: 'advieswerk-publicatie', files } satisfies Manifest, null, 2)}\n`;
  writeFileSync(path.join(root, MANIFEST), manifestText);
  return outcome;
}
