import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { wijkInput, type Wijk } from '../../../../shared/api/wijken';
import { t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { useApiMutation, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryState } from '../../ui/QueryState';

type WijkFormInput = z.input<typeof wijkInput>;
type Editing = { mode: 'new' } | { mode: 'edit'; wijk: Wijk } | null;
type Status = { kind: 'ok' | 'error'; message: string } | null;

const EMPTY: WijkFormInput = { name: '', code: '', description: '' };

function WijkForm({ editing, onSaved, onCancel }: { editing: Exclude<Editing, null>; onSaved(wijk: Wijk): void; onCancel(): void }) {
  const form = useContractForm(wijkInput, {
    defaultValues: editing.mode === 'edit' ? { name: editing.wijk.name, code: editing.wijk.code, description: editing.wijk.description } : EMPTY,
  });
  const { register, setFocus, formState } = form;
  const create = useApiMutation('wijken.create');
  const update = useApiMutation('wijken.update');
  useEffect(() => setFocus('name'), [setFocus]);

  const submit = async (values: z.output<typeof wijkInput>) => {
    const saved = editing.mode === 'edit' ? await update.run({ id: editing.wijk.id, ...values }) : await create.run(values);
    if (saved) onSaved(saved);
  };

  const title = editing.mode === 'edit' ? t('wijken.editTitle', { name: editing.wijk.name }) : t('wijken.addTitle');
  return (
    <ContractForm
      form={form}
      onSubmit={submit}
      submitLabel={t('common.save')}
      id="wijk-form"
      aria-labelledby="wijk-form-titel"
      className="aw-card"
      actions={<Button onClick={onCancel}>{t('common.cancel')}</Button>}
    >
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
    </ContractForm>
  );
}

export function WijkenSection() {
  const wijken = useApiQuery('wijken.list');
  const remove = useApiMutation('wijken.delete');
  const [editing, setEditingState] = useState<Editing>(null);
  const [toDelete, setToDelete] = useState<Wijk | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // A message about the last save never stands beside the form of the next one.
  const setEditing = useCallback((next: Editing) => {
    if (next) setStatus(null);
    setEditingState(next);
  }, []);

  // After a save the add button comes back; it takes focus in the effect after that render, not in a
  // frame callback that can run before React has committed it (seen under load).
  const focusAddButton = useRef(false);
  const onSaved = useCallback((wijk: Wijk) => {
    focusAddButton.current = true;
    setEditingState(null);
    setStatus({ kind: 'ok', message: t('common.savedName', { name: wijk.name }) });
  }, []);
  useEffect(() => {
    if (editing !== null || !focusAddButton.current) return;
    focusAddButton.current = false;
    addButton.current?.focus();
  }, [editing]);

  const confirmDelete = useCallback(async () => {
    if (!toDelete) return;
    const wijk = toDelete;
    setToDelete(null);
    try {
      await remove.run({ id: wijk.id });
      setStatus({ kind: 'ok', message: t('wijken.deleted', { name: wijk.name }) });
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      setStatus({ kind: 'error', message: error.message });
    }
    addButton.current?.focus();
  }, [toDelete, remove]);

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
    [setEditing],
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
      <QueryState query={wijken}>
        {(rows) =>
          rows.length === 0 ? (
            <Paragraph>{t('wijken.empty')}</Paragraph>
          ) : (
            <DataTable caption={t('wijken.title')} columns={columns} rows={rows} getRowId={(wijk) => wijk.id} />
          )
        }
      </QueryState>
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
