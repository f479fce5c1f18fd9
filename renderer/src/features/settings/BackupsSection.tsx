import type { ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import type { BackupInfo, BackupReason } from '../../../../shared/api/backups';
import { formatDateTime, formatInteger, t, tableLabel, type MessageKey } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiWrite, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';

const REASON_LABEL: Record<BackupReason, MessageKey> = {
  automatisch: 'backups.reasonAutomatisch',
  handmatig: 'backups.reasonHandmatig',
  'voor-migratie': 'backups.reasonVoorMigratie',
  'voor-terugzetten': 'backups.reasonVoorTerugzetten',
};

type Status = { kind: 'ok' | 'error'; message: string } | null;

const RESTORED_KEY = 'advieswerk.backupRestored';

/** The message a restore left before reloading; removed in an effect (initialisers must stay pure). */
function restoredMessage(): Status {
  const message = sessionStorage.getItem(RESTORED_KEY);
  return message ? { kind: 'ok', message } : null;
}

function formatSize(bytes: number): string {
  return `${formatInteger(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** "Back-up maken" and "Terugzetten" (with confirmation), with a preview of each backup. */
export function BackupsSection() {
  const backupList = useApiQuery('backups.list');
  const backups = backupList.data ?? null;
  const { refetch } = backupList;
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [status, setStatus] = useState<Status>(restoredMessage);
  const backup = useJob();

  useEffect(() => sessionStorage.removeItem(RESTORED_KEY), []);

  useEffect(() => {
    if (backup.job?.state === 'done') void refetch();
  }, [backup.job?.state, refetch]);

  const create = async () => {
    setStatus(null);
    // backups.create starts the backup job; useJob follows it from there.
    await backup.start({ kind: 'backup', params: { reason: 'handmatig' } });
  };

  const restore = async (chosen: BackupInfo) => {
    setRestoring(null);
    try {
      const outcome = await apiWrite('backups.restore', { file: chosen.file });
      // Every screen holds data from before the restore: reload them all, and say so afterwards.
      sessionStorage.setItem(RESTORED_KEY, t('backups.restored', { path: outcome.safetyBackup }));
      window.location.reload();
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof ApiCallError ? error.message : String(error) });
    }
  };

  const columns = useMemo<ColumnDef<BackupInfo, unknown>[]>(
    () => [
      { id: 'takenAt', header: t('backups.taken'), accessorFn: (row) => row.takenAt, cell: ({ row }) => formatDateTime(row.original.takenAt) },
      { id: 'reason', header: t('backups.reason'), accessorFn: (row) => t(REASON_LABEL[row.reason]) },
      {
        id: 'contents',
        header: t('backups.contents'),
        accessorFn: (row) => row.totalRows,
        cell: ({ row }) =>
          row.original.readable ? (
            <span title={row.original.tables.map((table) => t('backups.tableRows', { table: tableLabel(table.table), count: table.rows })).join(', ')}>
              {t('backups.rows', { count: formatInteger(row.original.totalRows) })}
              {row.original.tables.length > 0 && (
                <>
                  {' '}
                  ({row.original.tables
                    .filter((table) => table.rows > 0)
                    .map((table) => t('backups.tableRows', { table: tableLabel(table.table), count: formatInteger(table.rows) }))
                    .join(', ')}
                  )
                </>
              )}
            </span>
          ) : (
            t('backups.unreadable')
          ),
      },
      { id: 'schema', header: t('backups.schema'), accessorFn: (row) => row.schemaVersion },
      { id: 'size', header: t('backups.size'), accessorFn: (row) => row.sizeBytes, cell: ({ row }) => formatSize(row.original.sizeBytes) },
      {
        id: 'actions',
        header: t('common.actions'),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.readable ? (
            <Button
              appearance="secondary"
              aria-label={t('backups.restoreLabel', { date: formatDateTime(row.original.takenAt) })}
              onClick={() => setRestoring(row.original)}
            >
              {t('backups.restore')}
            </Button>
          ) : null,
      },
    ],
    [],
  );

  return (
    <section className="aw-card" aria-labelledby="backups-titel">
      <Heading level={2} id="backups-titel">
        {t('backups.title')}
      </Heading>
      <Paragraph>{t('backups.intro')}</Paragraph>
      {backups?.[0] && <Paragraph>{t('backups.folder', { path: backups[0].path.replace(/[\\/][^\\/]+$/, '') })}</Paragraph>}
      <div className="aw-button-row">
        <Button appearance="primary" onClick={() => void create()} disabled={backup.running}>
          {t('backups.create')}
        </Button>
      </div>
      {backup.job && <JobProgress job={backup.job} label={t('backups.create')} onCancel={() => void backup.cancel()} />}
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {backups &&
        (backups.length === 0 ? (
          <Paragraph>{t('backups.empty')}</Paragraph>
        ) : (
          <DataTable caption={t('backups.tableCaption')} columns={columns} rows={backups} getRowId={(row) => row.file} />
        ))}
      <ConfirmDialog
        open={restoring !== null}
        title={t('backups.restore')}
        message={restoring ? t('backups.confirmRestore', { date: formatDateTime(restoring.takenAt) }) : ''}
        confirmLabel={t('backups.restore')}
        onConfirm={() => restoring && void restore(restoring)}
        onCancel={() => setRestoring(null)}
      />
    </section>
  );
}
