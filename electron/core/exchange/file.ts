import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, exchangeFile, type ExchangeFile, type ExchangeUpload } from '../../../shared/api/exchange';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { newId, nowIso } from '../ids';
import type { Db } from '../db/connection';
import { collectMeetingRecords } from './records';
import { fileNamePart, writeNewFileInto } from '../files';
import { ensurePrivateDir, PRIVATE_FILE_MODE, uploadsDirFor } from '../paths';

function bad(message: string): AppError {
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

/** Parses and checks an exchange file; every problem is a Dutch VALIDATION error. */
export function parseExchangeFile(bytes: Buffer): ExchangeFile {
  if (bytes.length === 0) throw bad(t('exchange.empty'));
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw bad(t('exchange.notExchange'));
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== EXCHANGE_FORMAT) throw bad(t('exchange.notExchange'));
  if ((json as { version?: unknown }).version !== EXCHANGE_VERSION) throw bad(t('exchange.newerVersion'));
  const parsed = exchangeFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(t('exchange.invalid', { details: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` }));
  }
  return parsed.data;
}

/** In the private uploads folder beside the database (uploadsDirFor), removed by the import job. */
function uploadPath(databasePath: string, uploadId: string): string {
  return path.join(uploadsDirFor(databasePath), `${path.basename(uploadId)}.exchange.json`);
}

export function saveExchangeUpload(databasePath: string, fileName: string, bytes: Buffer): ExchangeUpload {
  const file = parseExchangeFile(bytes);
  const uploadId = newId();
  ensurePrivateDir(uploadsDirFor(databasePath));
  writeFileSync(uploadPath(databasePath, uploadId), bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  // Counted in a Map: a type named "__proto__" or "constructor" is counted like any other.
  const countByType = new Map<string, number>();
  for (const record of file.records) countByType.set(record.type, (countByType.get(record.type) ?? 0) + 1);
  const counts: Record<string, number> = Object.fromEntries(countByType);
  return {
    uploadId,
    fileName: path.basename(fileName),
    exportedAt: file.exportedAt,
    exportedBy: file.exportedBy,
    description: file.description,
    containsPersonalData: file.containsPersonalData,
    counts,
  };
}

export function loadExchangeUpload(databasePath: string, uploadId: string): ExchangeFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(uploadPath(databasePath, uploadId));
  } catch {
    throw new AppError('NOT_FOUND', t('import.uploadGone'));
  }
  return parseExchangeFile(bytes);
}

export function removeExchangeUpload(databasePath: string, uploadId: string): void {
  rmSync(uploadPath(databasePath, uploadId), { force: true });
}

export async function buildMeetingExchange(db: Db, meetingId: string, exportedBy: string): Promise<{ file: ExchangeFile; title: string; date: string }> {
  const records = await collectMeetingRecords(db, meetingId);
  const meeting = records.find((record) => record.type === 'meeting');
  if (!meeting) throw new AppError('NOT_FOUND', t('errors.notFound', { what: t('meetings.notFound') }));
  const containsPersonalData = records.some((record) => record.data.containsPersonalData === true || record.data.notesContainPersonalData === true);
  return {
    title: String(meeting.data.title),
    date: String(meeting.data.date),
    file: {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      exportedAt: nowIso(),
      exportedBy,
      containsPersonalData,
      description: t('exchange.description', { title: String(meeting.data.title), date: String(meeting.data.date) }),
      records,
    },
  };
}

export function writeExchangeFile(dir: string, title: string, date: string, file: ExchangeFile): string {
  return writeNewFileInto(dir, `uitwisseling-${date}-${fileNamePart(title, 'bijeenkomst')}.advieswerk.json`, JSON.stringify(file, null, 2));
}
