import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import type { TrashItem } from '../../../../shared/api/reliability';
import { formatDateTime, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiWrite, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { Heading, Paragraph } from '../../ui/Heading';

type Status = { kind: 'ok' | 'error'; message: string; details?: string[] } | null;

/** The trash of every table that has a `deleted_at` column: restore one item, or empty it after a question. */
export function TrashSection() {
  const trash = useApiQuery('trash.list');
  const items = trash.data ?? null;
  const { refetch } = trash;
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status>(null);


  const run = useCallback(
    async (work: () => Promise<string | { message: string; details: string[] }>) => {
      try {
        const outcome = await work();
        setStatus(typeof outcome === 'string' ? { kind: 'ok', message: outcome } : { kind: 'ok', ...outcome });
      } catch (error) {
        setStatus({ kind: 'error', message: error instanceof ApiCallError ? error.message : String(error) });
      }
      await refetch();
    },
    [refetch],
  );

  const columns = useMemo<ColumnDef<TrashItem, unknown>[]>(
    () => [
      { id: 'kind', header: t('trash.kind'), accessorFn: (row) => row.tableLabel },
      { id: 'name', header: t('trash.name'), accessorFn: (row) => row.label },
      { id: 'deletedAt', header: t('trash.deletedAt'), accessorFn: (row) => row.deletedAt, cell: ({ row }) => formatDateTime(row.original.deletedAt) },
      {
        id: 'actions',
        header: t('common.actions'),
        enableSorting: false,
        cell: ({ row }) => (
          <Button
            aria-label={t('trash.restoreLabel', { name: row.original.label || row.original.id })}
            onClick={() =>
              void run(async () => {
                await apiWrite('trash.restore', { table: row.original.table, id: row.original.id });
                return t('trash.restored', { name: row.original.label || row.original.id });
              })
            }
          >
            {t('trash.restore')}
          </Button>
        ),
      },
    ],
    [run],
  );

  return (
    <section className="aw-card" aria-labelledby="prullenbak-titel">
      <Heading level={2} id="prullenbak-titel">
        {t('trash.title')}
      </Heading>
      <Paragraph>{t('trash.intro')}</Paragraph>
      {status && (
        <Alert kind={status.kind}>
          {status.message}
          {status.details && status.details.length > 0 && (
            <ul>
              {status.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {items &&
        (items.length === 0 ? (
          <Paragraph>{t('trash.empty')}</Paragraph>
        ) : (
          <>
            <DataTable caption={t('trash.caption')} columns={columns} rows={items} getRowId={(row) => `${row.table}:${row.id}`} />
            <div className="aw-button-row">
              <Button appearance="danger" onClick={() => setConfirming(true)}>
                {t('trash.emptyButton')}
              </Button>
            </div>
          </>
        ))}
      <ConfirmDialog
        open={confirming}
        title={t('trash.emptyButton')}
        message={t('trash.confirmEmpty', { count: items?.length ?? 0 })}
        confirmLabel={t('trash.emptyButton')}
        onConfirm={() => {
          setConfirming(false);
          void run(async () => {
            const { removed, kept } = await apiWrite('trash.empty', { confirm: true });
            const message = [t('trash.emptied', { count: removed }), ...(kept.length > 0 ? [t('trash.kept', { count: kept.length })] : [])].join(' ');
            return { message, details: kept.map((item) => t('trash.keptItem', { kind: item.tableLabel, name: item.label || item.id, uses: item.usedBy })) };
          });
        }}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
