import { zodResolver } from '@hookform/resolvers/zod';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { wijkInput, type Wijk } from '../../../../shared/api/wijken';
import { t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { api } from '../../api';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { applyServerErrors } from '../../ui/formErrors';

type WijkFormInput = z.input<typeof wijkInput>;
type WijkFormOutput = z.output<typeof wijkInput>;
type Editing = { mode: 'new' } | { mode: 'edit'; wijk: Wijk } | null;
type Status = { kind: 'ok' | 'error'; message: string } | null;

const EMPTY: WijkFormInput = { name: '', code: '', description: '' };

function WijkForm({ editing, onSaved, onCancel }: { editing: Exclude<Editing, null>; onSaved(wijk: Wijk): void; onCancel(): void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, setFocus, formState } = useForm<WijkFormInput, unknown, WijkFormOutput>({
    resolver: zodResolver(wijkInput),
    defaultValues: editing.mode === 'edit' ? { name: editing.wijk.name, code: editing.wijk.code, description: editing.wijk.description } : EMPTY,
  });
  useEffect(() => setFocus('name'), [setFocus]);

  const submit = handleSubmit(async (values) => {
    try {
      onSaved(
        editing.mode === 'edit' ? await api.call('wijken.update', { id: editing.wijk.id, ...values }) : await api.call('wijken.create', values),
      );
    } catch (error) {
      setFormError(applyServerErrors(error, setError));
    }
  });

  const title = editing.mode === 'edit' ? t('wijken.editTitle', { name: editing.wijk.name }) : t('wijken.addTitle');
  return (
    <form onSubmit={submit} noValidate aria-labelledby="wijk-form-titel" className="aw-card">
      <Heading level={3} id="wijk-form-titel">
        {title}
      </Heading>
      <TextField label={t('wijken.name')} error={formState.errors.name?.message} {...register('name')} />
      <TextField label={`${t('wijken.code')} ${t('common.optional')}`} error={formState.errors.code?.message} {...register('code')} />
      <TextAreaField
        label={`${t('wijken.description')} ${t('common.optional')}`}
        error={formState.errors.description?.message}
        {...register('description')}
      />
      {formError && <Alert kind="error">{formError}</Alert>}
      <div className="aw-button-row">
        <Button appearance="primary" type="submit" disabled={formState.isSubmitting}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

export function WijkenSection() {
  const [wijken, setWijken] = useState<Wijk[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [toDelete, setToDelete] = useState<Wijk | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => setWijken(await api.call('wijken.list')), []);
  useEffect(() => void load(), [load]);

  const onSaved = useCallback(
    async (wijk: Wijk) => {
      setEditing(null);
      setStatus({ kind: 'ok', message: `${t('common.saved')} ${wijk.name}` });
      await load();
      addButton.current?.focus();
    },
    [load],
  );

  const confirmDelete = useCallback(async () => {
    if (!toDelete) return;
    const wijk = toDelete;
    setToDelete(null);
    try {
      await api.call('wijken.delete', { id: wijk.id });
      setStatus({ kind: 'ok', message: t('wijken.deleted', { name: wijk.name }) });
      await load();
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      setStatus({ kind: 'error', message: error.message });
    }
    addButton.current?.focus();
  }, [toDelete, load]);

  const columns = useMemo<ColumnDef<Wijk, unknown>[]>(
    () => [
      { accessorKey: 'name', header: t('wijken.name') },
      { accessorKey: 'code', header: t('wijken.code') },
      { accessorKey: 'description', header: t('wijken.description'), enableSorting: false },
      {
        id: 'actions',
        header: t('common.actions'),
        enableSorting: false,
        cell: ({ row }) => (
          <div className="aw-button-row">
            <Button appearance="subtle" onClick={() => setEditing({ mode: 'edit', wijk: row.original })} aria-label={`${t('common.edit')}: ${row.original.name}`}>
              {t('common.edit')}
            </Button>
            <Button appearance="subtle" onClick={() => setToDelete(row.original)} aria-label={`${t('common.delete')}: ${row.original.name}`}>
              {t('common.delete')}
            </Button>
          </div>
        ),
      },
    ],
    [],
  );

  return (
    <section className="aw-card" aria-labelledby="wijken-titel">
      <Heading level={2} id="wijken-titel">
        {t('wijken.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('wijken.intro')}</Paragraph>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {editing ? (
        <WijkForm key={editing.mode === 'edit' ? editing.wijk.id : 'new'} editing={editing} onSaved={onSaved} onCancel={() => setEditing(null)} />
      ) : (
        <div className="aw-button-row">
          <Button appearance="primary" ref={addButton} onClick={() => setEditing({ mode: 'new' })}>
            {t('wijken.add')}
          </Button>
        </div>
      )}
      {wijken === null ? (
        <Paragraph>{t('app.loading')}</Paragraph>
      ) : wijken.length === 0 ? (
        <Paragraph>{t('wijken.empty')}</Paragraph>
      ) : (
        <DataTable caption={t('wijken.title')} columns={columns} rows={wijken} getRowId={(wijk) => wijk.id} />
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={t('common.delete')}
        message={toDelete ? t('common.confirmDelete', { name: toDelete.name }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </section>
  );
}
