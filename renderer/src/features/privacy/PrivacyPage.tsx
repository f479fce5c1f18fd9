import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { privacyInput, type PurgeCandidate } from '../../../../shared/api/reliability';
import { formatDateLong, formatDateTime, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiWrite, NO_ROWS, useApiMutation, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';

type Status = { kind: 'ok' | 'error'; message: string } | null;

function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? error.message : String(error);
}

/** The retention as typed (months as text; empty: keep everything), checked by the contract's schema. */
const retentionFormSchema = z
  .object({ retentionMonths: z.string() })
  .transform(({ retentionMonths }) => ({ retentionMonths: retentionMonths.trim() === '' ? null : Number(retentionMonths.trim()) }))
  .pipe(privacyInput);

function RetentionSection() {
  const form = useContractForm(retentionFormSchema, { defaultValues: { retentionMonths: '' } });
  const { register, reset, formState } = form;
  const update = useApiMutation('privacy.update');
  const settingsQuery = useApiQuery('privacy.get');
  const previewQuery = useApiQuery('privacy.purgePreview');
  const logQuery = useApiQuery('privacy.purgeLog');
  const preview = previewQuery.data ?? null;
  const log = logQuery.data ?? NO_ROWS;
  const settings = settingsQuery.data;
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    if (settings) reset({ retentionMonths: settings.retentionMonths === null ? '' : String(settings.retentionMonths) });
  }, [settings, reset]);
  const { refetch: refetchSettings } = settingsQuery;
  const { refetch: refetchPreview } = previewQuery;
  const { refetch: refetchLog } = logQuery;
  const load = useCallback(async () => {
    await Promise.all([refetchSettings(), refetchPreview(), refetchLog()]);
  }, [refetchSettings, refetchPreview, refetchLog]);

  const save = async (values: z.output<typeof retentionFormSchema>) => {
    setStatus(null);
    if (!(await update.run(values))) return;
    setStatus({ kind: 'ok', message: t('privacy.retentionSaved') });
    await load();
  };

  const purge = async () => {
    setConfirming(false);
    if (!preview) return;
    try {
      const outcome = await apiWrite('privacy.purge', { confirm: true, expectedCount: preview.items.length });
      setStatus({ kind: 'ok', message: t('privacy.purged', { count: outcome.purged }) });
    } catch (error) {
      setStatus({ kind: 'error', message: messageOf(error) });
    }
    await load();
  };

  const columns = useMemo<ColumnDef<PurgeCandidate, unknown>[]>(
    () => [
      { id: 'kind', header: t('privacy.kind'), accessorFn: (row) => row.tableLabel },
      { id: 'created', header: t('privacy.created'), accessorFn: (row) => row.createdAt, cell: ({ row }) => formatDateLong(row.original.createdAt) },
      { id: 'content', header: t('privacy.content'), accessorFn: (row) => row.label },
    ],
    [],
  );

  return (
    <section className="aw-card" aria-labelledby="bewaartermijn-titel">
      <Heading level={2} id="bewaartermijn-titel">
        {t('privacy.retentionTitle')}
      </Heading>
      <Paragraph>{t('privacy.retentionText')}</Paragraph>
      <ContractForm id="bewaartermijn" form={form} onSubmit={save} submitLabel={t('common.save')}>
        <TextField
          label={`${t('privacy.retentionMonths')} ${t('common.optional')}`}
          description={t('privacy.retentionHint')}
          inputMode="numeric"
          error={formState.errors.retentionMonths?.message}
          {...register('retentionMonths')}
        />
      </ContractForm>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      <Heading level={3}>{t('privacy.previewTitle')}</Heading>
      {preview &&
        (preview.retentionMonths === null ? (
          <Paragraph>{t('privacy.previewNoRetention')}</Paragraph>
        ) : preview.items.length === 0 ? (
          <Paragraph>{t('privacy.previewNone')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('privacy.previewCount', { count: preview.items.length, date: formatDateLong(preview.olderThan ?? '') })}</Paragraph>
            <DataTable caption={t('privacy.previewCaption')} columns={columns} rows={preview.items} getRowId={(row) => `${row.table}:${row.id}`} />
            <div className="aw-button-row">
              <Button appearance="danger" onClick={() => setConfirming(true)}>
                {t('privacy.purge')}
              </Button>
            </div>
          </>
        ))}
      {log.length > 0 && (
        <>
          <Heading level={3}>{t('privacy.logTitle')}</Heading>
          <ul>
            {log.map((entry) => (
              <li key={entry.id}>
                {t('privacy.logEntry', {
                  date: formatDateTime(entry.purgedAt),
                  count: Object.values(entry.counts).reduce((sum, count) => sum + count, 0),
                  user: entry.purgedBy,
                  months: entry.retentionMonths,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('privacy.purge')}
        message={t('privacy.confirmPurge', { count: preview?.items.length ?? 0 })}
        confirmLabel={t('privacy.purge')}
        onConfirm={() => void purge()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}

/** "Privacy en gegevens": what is stored, where, how to back it up and delete it, and retention. */
export function PrivacyPage({ title }: { title: string }) {
  const info = useApiQuery('system.info').data;
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>{t('privacy.intro')}</Paragraph>
      <section className="aw-card" aria-labelledby="opgeslagen-titel">
        <Heading level={2} id="opgeslagen-titel">
          {t('privacy.storedTitle')}
        </Heading>
        <ul>
          <li>{t('privacy.stored1')}</li>
          <li>{t('privacy.stored2')}</li>
          <li>{t('privacy.stored3')}</li>
          <li>{t('privacy.stored4')}</li>
        </ul>
      </section>
      <section className="aw-card" aria-labelledby="waar-titel">
        <Heading level={2} id="waar-titel">
          {t('privacy.whereTitle')}
        </Heading>
        {info && (
          <dl>
            <dt>{t('privacy.whereDatabase')}</dt>
            <dd>
              <code>{info.databasePath}</code>
            </dd>
          </dl>
        )}
        <Paragraph>{t('privacy.whereBackups')}</Paragraph>
      </section>
      <section className="aw-card" aria-labelledby="backup-uitleg-titel">
        <Heading level={2} id="backup-uitleg-titel">
          {t('privacy.backupTitle')}
        </Heading>
        <Paragraph>{t('privacy.backupText')}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href="#/instellingen">
            {t('privacy.backupLink')}
          </a>
        </Paragraph>
      </section>
      <section className="aw-card" aria-labelledby="verwijderen-titel">
        <Heading level={2} id="verwijderen-titel">
          {t('privacy.deleteTitle')}
        </Heading>
        <Paragraph>{t('privacy.deleteText')}</Paragraph>
      </section>
      <RetentionSection />
    </>
  );
}
