import type { ColumnDef } from '@tanstack/react-table';
import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { adviceCreateInput, adviceRequestInput, type AdviceKind, type AdviceRequest, type AdviceStatus, type AdviceSummary } from '../../../../shared/api/advices';
import { todayInNetherlands } from '../../../../shared/calendar';
import { formatDateShort, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { apiWrite, NO_ROWS, useApiMutation, useApiQuery } from '../../data/queries';
import { useMayCall } from '../../data/roles';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { linesOf } from '../../ui/lines';
import { QueryError } from '../../ui/QueryState';
import { useDebounced } from '../../ui/useDebounced';
import { SelectField } from '../meetings/controls';

type Status = { kind: 'ok' | 'error'; message: string } | null;

export function daysLeftText(request: Pick<AdviceRequest, 'daysLeft'>): string {
  if (request.daysLeft === null) return t('advicesUi.answered');
  if (request.daysLeft === 0) return t('advicesUi.dueToday');
  if (request.daysLeft === 1) return t('advicesUi.dayLeft');
  if (request.daysLeft < 0) return t('advicesUi.overdue', { days: -request.daysLeft });
  return t('advicesUi.daysLeft', { days: request.daysLeft });
}

function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  throw error;
}

/** The request form: the contract's own schema, with the documents typed one per line. */
const requestFormSchema = adviceRequestInput.extend({
  documents: z
    .string()
    .transform(linesOf)
    // The contract's items accept any pasted value (unknown in); here they are already strings.
    .pipe(adviceRequestInput.shape.documents.unwrap() as unknown as z.ZodType<string[], string[]>),
});

/** The new-advice form: the contract's schema; an empty kenmerk or request means "none chosen". */
const adviceFormSchema = adviceCreateInput.extend({
  kenmerk: z
    .string()
    .transform((value) => (value.trim() ? value : undefined))
    .pipe(adviceCreateInput.shape.kenmerk as unknown as z.ZodType<string | undefined, string | undefined>),
  requestId: z
    .string()
    .transform((value) => value || null)
    .pipe(adviceCreateInput.shape.requestId.unwrap()),
});

function RequestsSection({ requests }: { requests: AdviceRequest[] }) {
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const columns = useMemo<ColumnDef<AdviceRequest, unknown>[]>(
    () => [
      { accessorKey: 'subject', header: t('advicesUi.requestSubject') },
      { accessorKey: 'fromWhom', header: t('advicesUi.requestFrom') },
      { id: 'documents', header: t('advicesUi.requestDocumentsShort'), enableSorting: false, cell: ({ row }) => row.original.documents.join(', ') },
      { accessorKey: 'receivedOn', header: t('advicesUi.requestReceivedOn'), cell: ({ row }) => formatDateShort(row.original.receivedOn) },
      { accessorKey: 'deadline', header: t('advicesUi.requestDeadline'), cell: ({ row }) => formatDateShort(row.original.deadline) },
      {
        id: 'daysLeft',
        accessorFn: (row) => row.daysLeft ?? 100_000,
        header: t('advicesUi.daysLeftColumn'),
        cell: ({ row }) => (
          <span className={row.original.daysLeft !== null && row.original.daysLeft < 7 ? 'aw-urgent' : undefined}>{daysLeftText(row.original)}</span>
        ),
      },
    ],
    [],
  );
  const create = useApiMutation('adviceRequests.create');
  const mayAdd = useMayCall('adviceRequests.create');
  const form = useContractForm(requestFormSchema, {
    defaultValues: { receivedOn: todayInNetherlands(), fromWhom: '', subject: '', kenmerk: '', deadline: '', documents: '' },
  });
  const { register, formState } = form;
  const submit = async (values: z.output<typeof requestFormSchema>) => {
    setStatus(null);
    const request = await create.run(values);
    if (!request) return;
    setStatus({ kind: 'ok', message: t('advicesUi.requestSaved', { subject: request.subject }) });
    setAdding(false);
  };
  return (
    <section className="aw-card" aria-labelledby="aanvragen-titel">
      <Heading level={2} id="aanvragen-titel">
        {t('advicesUi.requestsTitle')}
      </Heading>
      <Paragraph className="aw-muted">{t('advicesUi.requestsIntro')}</Paragraph>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {requests.length === 0 ? (
        <Paragraph>{t('advicesUi.requestsEmpty')}</Paragraph>
      ) : (
        <DataTable caption={t('advicesUi.requestsTitle')} columns={columns} rows={requests} getRowId={(row) => row.id} initialSorting={[{ id: 'daysLeft', desc: false }]} />
      )}
      {adding ? (
        <ContractForm
          form={form}
          onSubmit={submit}
          submitLabel={t('common.save')}
          id="aanvraag-formulier"
          aria-labelledby="aanvraag-form-titel"
          actions={<Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>}
        >
          <Heading level={3} id="aanvraag-form-titel">
            {t('advicesUi.requestAddTitle')}
          </Heading>
          <TextField label={t('advicesUi.requestSubject')} error={formState.errors.subject?.message} {...register('subject')} />
          <TextField label={t('advicesUi.requestFrom')} error={formState.errors.fromWhom?.message} {...register('fromWhom')} />
          <TextField label={t('advicesUi.requestKenmerk')} error={formState.errors.kenmerk?.message} {...register('kenmerk')} />
          <TextAreaField
            label={`${t('advicesUi.requestDocuments')} ${t('common.optional')}`}
            error={formState.errors.documents?.message}
            {...register('documents')}
          />
          <div className="aw-field-row">
            <TextField type="date" label={t('advicesUi.requestReceivedOn')} error={formState.errors.receivedOn?.message} {...register('receivedOn')} />
            <TextField type="date" label={t('advicesUi.requestDeadline')} error={formState.errors.deadline?.message} {...register('deadline')} />
          </div>
        </ContractForm>
      ) : (
        mayAdd && (
          <div className="aw-button-row">
            <Button onClick={() => setAdding(true)}>{t('advicesUi.requestAdd')}</Button>
          </div>
        )
      )}
    </section>
  );
}

function NewAdviceForm({ requests }: { requests: AdviceRequest[] }) {
  const create = useApiMutation('advices.create');
  const form = useContractForm(adviceFormSchema, {
    defaultValues: { kind: 'ongevraagd', betreft: '', kenmerk: '', requestId: '', adviceDate: todayInNetherlands(), withDefaultSections: true },
  });
  const { register, watch, formState } = form;
  const kind = watch('kind');
  const adviceDate = watch('adviceDate') ?? '';
  const nextKenmerk = useApiQuery('advices.nextKenmerk', { year: Number(adviceDate.slice(0, 4)) || undefined }).data?.kenmerk ?? '';
  const submit = async (values: z.output<typeof adviceFormSchema>) => {
    const advice = await create.run(values);
    if (advice) window.location.hash = hrefFor(`/adviezen/${advice.id}`);
  };
  return (
    <section className="aw-card" aria-labelledby="nieuw-advies-titel">
      <Heading level={2} id="nieuw-advies-titel">
        {t('advicesUi.newTitle')}
      </Heading>
      <ContractForm form={form} onSubmit={submit} submitLabel={t('advicesUi.create')} id="nieuw-advies" aria-labelledby="nieuw-advies-titel">
        <fieldset className="utrecht-form-fieldset aw-radio-row">
          <legend className="utrecht-form-label">{t('advicesUi.kind')}</legend>
          {(['ongevraagd', 'gevraagd'] as const).map((value) => (
            <label key={value} className="aw-radio">
              <input type="radio" value={value} {...register('kind')} /> {t(`advicesUi.kind_${value}`)}
            </label>
          ))}
        </fieldset>
        <TextField label={t('advicesUi.betreft')} error={formState.errors.betreft?.message} {...register('betreft')} />
        <div className="aw-field-row">
          <TextField
            label={`${t('advicesUi.kenmerk')} ${t('common.optional')}`}
            description={t('advicesUi.kenmerkHint', { kenmerk: nextKenmerk })}
            error={formState.errors.kenmerk?.message}
            {...register('kenmerk')}
          />
          <TextField type="date" label={t('advicesUi.adviceDate')} error={formState.errors.adviceDate?.message} {...register('adviceDate')} />
        </div>
        {kind === 'gevraagd' && (
          <SelectField label={t('advicesUi.request')} error={formState.errors.requestId?.message} {...register('requestId')}>
            <option value="">{t('advicesUi.noRequest')}</option>
            {requests.map((request) => (
              <option key={request.id} value={request.id}>
                {request.subject} ({daysLeftText(request)})
              </option>
            ))}
          </SelectField>
        )}
        <label className="aw-checkbox">
          <input type="checkbox" {...register('withDefaultSections')} /> {t('advicesUi.withDefaultSections')}
        </label>
      </ContractForm>
    </section>
  );
}

function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch {
      setStatus({ kind: 'error', message: t('advicesUi.importNotJson') });
      return;
    }
    try {
      const advice = await apiWrite('advices.importJson', { data });
      window.location.hash = hrefFor(`/adviezen/${advice.id}`);
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(error) });
    }
  };
  return (
    <div className="utrecht-form-field aw-import">
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      <label className="utrecht-form-label aw-block" htmlFor="advies-import">
        {t('advicesUi.importJson')}
      </label>
      <input id="advies-import" ref={input} type="file" accept="application/json,.json" onChange={(e) => void onFile(e.target.files?.[0])} />
    </div>
  );
}

export function AdvicesListPage({ title }: { title: string }) {
  const requests = useApiQuery('adviceRequests.list').data ?? NO_ROWS;
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<AdviceStatus | ''>('');
  const [kind, setKind] = useState<AdviceKind | ''>('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [toTrash, setToTrash] = useState<AdviceSummary | null>(null);
  const [notice, setNotice] = useState<Status>(null);

  // The search waits until typing stops; the previous list stays on screen while the next one loads.
  const query = useDebounced(search, 200);
  const filtered = query !== '' || status !== '' || kind !== '';
  const listQuery = useApiQuery(
    'advices.list',
    { search: query, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(includeArchived ? { includeArchived } : {}) },
    { placeholderData: keepPreviousData },
  );
  const advices = listQuery.data ?? null;
  // Archive and trash belong to the secretariat; other roles read the list (the server refuses them too).
  const mayManage = useMayCall('advices.delete');
  const mayCreate = useMayCall('advices.create');

  // Archive, unarchive and trash from the list; the write refetches the list, and the page says what happened.
  const act = useCallback(async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      setNotice({ kind: 'ok', message: done });
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      setNotice({ kind: 'error', message: error.message });
    }
  }, []);

  const columns = useMemo<ColumnDef<AdviceSummary, unknown>[]>(() => {
    const shown: ColumnDef<AdviceSummary, unknown>[] = [
      {
        accessorKey: 'kenmerk',
        header: t('advicesUi.kenmerk'),
        cell: ({ row }) => <a href={hrefFor(`/adviezen/${row.original.id}`)}>{row.original.kenmerk}</a>,
      },
      { accessorKey: 'betreft', header: t('advicesUi.betreft') },
      { accessorKey: 'kind', header: t('advicesUi.filterKind'), cell: ({ row }) => t(`advicesUi.kind_${row.original.kind}`) },
      {
        accessorKey: 'status',
        header: t('advicesUi.status'),
        cell: ({ row }) => (
          <>
            {t(`advicesUi.status_${row.original.status}`)}
            {row.original.archivedAt && <span className="aw-archived-marker">{t('adviceTrash.archivedMarker')}</span>}
          </>
        ),
      },
      { accessorKey: 'adviceDate', header: t('advicesUi.date'), cell: ({ row }) => formatDateShort(row.original.adviceDate) },
      { accessorKey: 'adoptedOn', header: t('advicesUi.adoptedOn'), cell: ({ row }) => (row.original.adoptedOn ? formatDateShort(row.original.adoptedOn) : '') },
      { accessorKey: 'sentOn', header: t('advicesUi.sentOn'), cell: ({ row }) => (row.original.sentOn ? formatDateShort(row.original.sentOn) : '') },
    ];
    if (!mayManage) return shown;
    return [
      ...shown,
      {
        id: 'actions',
        header: t('adviceTrash.actions'),
        enableSorting: false,
        cell: ({ row }) => {
          const advice = row.original;
          if (advice.status !== 'verzonden')
            // An advice sent before (a later version) is public record: neither trash nor archive.
            return advice.version === 1 ? (
              <Button appearance="subtle" aria-label={t('adviceTrash.toTrashLabel', { kenmerk: advice.kenmerk })} onClick={() => setToTrash(advice)}>
                {t('adviceTrash.toTrash')}
              </Button>
            ) : null;
          return advice.archivedAt ? (
            <Button
              appearance="subtle"
              aria-label={t('adviceTrash.unarchiveLabel', { kenmerk: advice.kenmerk })}
              onClick={() => void act(() => apiWrite('advices.unarchive', { id: advice.id }), t('adviceTrash.unarchived', { kenmerk: advice.kenmerk }))}
            >
              {t('adviceTrash.unarchive')}
            </Button>
          ) : (
            <Button
              appearance="subtle"
              aria-label={t('adviceTrash.archiveLabel', { kenmerk: advice.kenmerk })}
              onClick={() => void act(() => apiWrite('advices.archive', { id: advice.id }), t('adviceTrash.archived', { kenmerk: advice.kenmerk }))}
            >
              {t('adviceTrash.archive')}
            </Button>
          );
        },
      },
    ];
  }, [act, mayManage]);

  return (
    <>
      <Heading level={1}>{title}</Heading>
      <RequestsSection requests={requests} />
      {mayCreate && <NewAdviceForm requests={requests.filter((request) => request.daysLeft !== null)} />}
      <section className="aw-card" aria-labelledby="adviezen-lijst-titel">
        <Heading level={2} id="adviezen-lijst-titel">
          {t('advicesUi.listTitle')}
        </Heading>
        <div className="aw-field-row" role="search">
          <TextField type="search" label={t('advicesUi.search')} description={t('advicesUi.searchHint')} value={search} onChange={(e) => setSearch(e.target.value)} />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="filter-status">
              {t('advicesUi.filterStatus')}
            </label>
            <select id="filter-status" className="utrecht-select" value={status} onChange={(e) => setStatus(e.target.value as AdviceStatus | '')}>
              <option value="">{t('advicesUi.all')}</option>
              {(['concept', 'vastgesteld', 'verzonden'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`advicesUi.status_${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="filter-soort">
              {t('advicesUi.filterKind')}
            </label>
            <select id="filter-soort" className="utrecht-select" value={kind} onChange={(e) => setKind(e.target.value as AdviceKind | '')}>
              <option value="">{t('advicesUi.all')}</option>
              {(['gevraagd', 'ongevraagd'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`advicesUi.kind_${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="aw-checkbox">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> {t('adviceTrash.showArchived')}
        </label>
        {notice && <Alert kind={notice.kind}>{notice.message}</Alert>}
        {advices === null ? (
          listQuery.isError ? (
            <QueryError error={listQuery.error} retry={() => void listQuery.refetch()} />
          ) : (
            <Paragraph>{t('app.loading')}</Paragraph>
          )
        ) : advices.length === 0 ? (
          <Paragraph>{filtered ? t('advicesUi.noMatches') : t('advicesUi.listEmpty')}</Paragraph>
        ) : (
          <DataTable caption={t('advicesUi.listTitle')} columns={columns} rows={advices} getRowId={(row) => row.id} />
        )}
        <p className="aw-muted" role="status">
          {advices ? t('advicesUi.count', { count: advices.length }) : ''}
        </p>
        {mayCreate && <ImportButton />}
      </section>
      <ConfirmDialog
        open={toTrash !== null}
        title={t('advicesUi.deleteAdvice')}
        message={toTrash ? t('adviceTrash.confirmToTrash', { kenmerk: toTrash.kenmerk, betreft: toTrash.betreft }) : ''}
        confirmLabel={t('adviceTrash.toTrash')}
        onConfirm={() => {
          const advice = toTrash;
          setToTrash(null);
          if (advice) void act(() => apiWrite('advices.delete', { id: advice.id }), t('adviceTrash.trashed', { kenmerk: advice.kenmerk }));
        }}
        onCancel={() => setToTrash(null)}
      />
    </>
  );
}
