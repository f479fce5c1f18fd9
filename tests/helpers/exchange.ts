import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeRecord, type ExchangeReport } from '../../shared/api/exchange';
import type { Sqlite } from '../../electron/core/db/connection';
import type { TestCore } from './core';

/** An exchange file holding these records, as bytes. */
export function exchangeFileBytes(records: ExchangeRecord[], exportedAt = '2030-01-01T00:00:00.000Z'): Buffer {
  return Buffer.from(
    JSON.stringify({ format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, exportedAt, exportedBy: 'Test', containsPersonalData: false, description: 'test', records }),
  );
}

/** Imports records through the real path: exchange.readFile, then the exchangeImport job. */
export async function importThroughJob(core: TestCore, records: ExchangeRecord[]): Promise<ExchangeReport> {
  const upload = await core.value('exchange.readFile', { fileName: 'uitwisseling.json', dataBase64: exchangeFileBytes(records).toString('base64') });
  const started = await core.value('jobs.start', { kind: 'exchangeImport', params: { uploadId: upload.uploadId } });
  const done = await core.jobs.wait(started.id);
  if (done.state !== 'done') throw new Error(`exchange import ended ${done.state}: ${done.message}`);
  return done.result!.report as ExchangeReport;
}

const RECORD_TABLES: Record<string, [table: string, links?: string, owner?: string]> = {
  wijk: ['wijken'],
  programme: ['programmes'],
  meeting: ['meetings', 'meeting_wijken', 'meeting_id'],
  themeTable: ['theme_tables'],
  finding: ['findings', 'finding_tags', 'finding_id'],
};

/**
 * Columns that triggers keep from another record: a finding's `meeting_deleted_at` follows its
 * meeting into the trash, so it changes when the meeting's record is written, not the finding's.
 */
const DERIVED_COLUMNS = new Set(['meeting_deleted_at']);

/** A record's own row and its links straight from SQLite (not through the importer); '' for other types. */
export function recordRow(sqlite: Sqlite, type: string, id: string): string {
  if (!Object.hasOwn(RECORD_TABLES, type)) return '';
  const [table, links, owner] = RECORD_TABLES[type]!;
  const fullRow = sqlite.prepare(`select * from ${table} where id = ?`).get(id) as Record<string, unknown> | undefined;
  const row = fullRow && Object.fromEntries(Object.entries(fullRow).filter(([column]) => !DERIVED_COLUMNS.has(column)));
  const linkRows = links ? sqlite.prepare(`select * from ${links} where ${owner} = ? order by 2`).all(id) : [];
  return JSON.stringify([row ?? null, linkRows]);
}

/** What recordRow gives for a record that is not there. */
export const NO_ROW = JSON.stringify([null, []]);
