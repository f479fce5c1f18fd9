import { t } from '../../shared/i18n';
import { AppError } from '../../shared/result';
import { moveStore, MoveVerificationError, type MoveProgress, type TableCheck } from '../core/db/move';
import { redactUrl } from '../core/db/postgres';

/**
 * `move --from <bron> --to <doel>`: a thin adapter over `moveStore` (electron/core/db/move.ts). It
 * opens no core of its own: the source is only read and the target is written by the move alone.
 * Progress per table on stderr; Ctrl+C cancels, and the target is left without records.
 */
export const moveSummary = (): string => t('move.summary');

function checksTable(checks: TableCheck[]): string {
  const lines = checks.map((check) =>
    [check.table, check.sourceRows, check.targetRows, check.sourceHash.slice(0, 16), check.targetHash.slice(0, 16), check.equal ? t('move.equal') : t('move.different')].join(' | '),
  );
  return [t('move.header'), ...lines].join('\n');
}

export async function runMove(options: { from?: string | undefined; to?: string | undefined; fromDataDir?: string | undefined; toDataDir?: string | undefined }): Promise<number> {
  if (!options.from || !options.to) {
    console.error(t('move.usage'));
    return 2;
  }
  const controller = new AbortController();
  const onInterrupt = () => {
    if (!controller.signal.aborted) process.stderr.write(`\n${t('move.cancelling')}\n`);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  let last = '';
  const onProgress = (progress: MoveProgress) => {
    const line = t(progress.phase === 'copy' ? 'move.progressCopy' : 'move.progressVerify', { ...progress });
    // One line per table, rewritten in place while it runs.
    if (last && !line.startsWith(last.split(':')[0] as string)) process.stderr.write('\n');
    process.stderr.write(`\r${line}`);
    last = line;
  };
  try {
    const outcome = await moveStore({
      from: options.from,
      to: options.to,
      ...(options.fromDataDir ? { fromDataDir: options.fromDataDir } : {}),
      ...(options.toDataDir ? { toDataDir: options.toDataDir } : {}),
      onProgress,
      signal: controller.signal,
    });
    process.stderr.write('\n');
    console.log(checksTable(outcome.tables));
    const files = outcome.attachments ?? [];
    if (files.length > 0) {
      console.log(t('move.attachmentsHeader'));
      for (const file of files) console.log([file.file, file.bytes, file.sourceSha256.slice(0, 16), file.targetSha256.slice(0, 16), file.equal ? t('move.equal') : t('move.different')].join(' | '));
      console.log(t('move.attachmentsDone', { count: files.length, folder: outcome.attachmentsFolder ?? '' }));
    }
    console.log(t('move.done', { rows: outcome.rows, tables: outcome.tables.length, target: redactUrl(options.to), version: outcome.schemaVersion }));
    return 0;
  } catch (error) {
    if (last) process.stderr.write('\n');
    if (error instanceof MoveVerificationError) console.log(checksTable(error.tables));
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
