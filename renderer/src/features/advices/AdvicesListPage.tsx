import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AdviceKind, AdviceRequest, AdviceStatus, AdviceSummary } from '../../../../shared/api/advices';
import { todayInNetherlands } from '../../../../shared/calendar';
import { formatDateShort, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { api } from '../../api';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';

type Status = { kind: 'ok' | 'error'; message: string } | null;

export function daysLeftText(request: AdviceRequest): string {
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

function RequestsSection({ requests, onChanged }: { requests: AdviceRequest[]; onChanged(): void }) {
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [form, setForm] = useState({ receivedOn: todayInNetherlands(), fromWhom: '', subject: '', kenmerk: '', deadline: '', documents: '' });
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
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const documents = form.documents
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const request = await api.call('adviceRequests.create', { ...form, documents });
      setStatus({ kind: 'ok', message: t('advicesUi.requestSaved', { subject: request.subject }) });
      setAdding(false);
      onChanged();
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(error) });
    }
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
        <form onSubmit={submit} aria-labelledby="aanvraag-form-titel" noValidate>
          <Heading level={3} id="aanvraag-form-titel">
            {t('advicesUi.requestAddTitle')}
          </Heading>
          <TextField label={t('advicesUi.requestSubject')} value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} />
          <TextField label={t('advicesUi.requestFrom')} value={form.fromWhom} onChange={(e) => setForm({ ...form, fromWhom: e.target.value })} />
          <TextField label={t('advicesUi.requestKenmerk')} value={form.kenmerk} onChange={(e) => setForm({ ...form, kenmerk: e.target.value })} />
          <TextAreaField
            label={`${t('advicesUi.requestDocuments')} ${t('common.optional')}`}
            value={form.documents}
            onChange={(e) => setForm({ ...form, documents: e.target.value })}
          />
          <div className="aw-field-row">
            <TextField type="date" label={t('advicesUi.requestReceivedOn')} value={form.receivedOn} onChange={(e) => setForm({ ...form, receivedOn: e.target.value })} />
            <TextField type="date" label={t('advicesUi.requestDeadline')} value={form.deadline} onChange={(e) => setForm({ ...form, deadline: e.target.value })} />
          </div>
          <div className="aw-button-row">
            <Button appearance="primary" type="submit">
              {t('common.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </div>
        </form>
      ) : (
        <div className="aw-button-row">
          <Button onClick={() => setAdding(true)}>{t('advicesUi.requestAdd')}</Button>
        </div>
      )}
    </section>
  );
}

function NewAdviceForm({ requests }: { requests: AdviceRequest[] }) {
  const [kind, setKind] = useState<AdviceKind>('ongevraagd');
  const [betreft, setBetreft] = useState('');
  const [kenmerk, setKenmerk] = useState('');
  const [requestId, setRequestId] = useState('');
  const [adviceDate, setAdviceDate] = useState(todayInNetherlands);
  const [withDefaultSections, setWithDefaultSections] = useState(true);
  const [nextKenmerk, setNextKenmerk] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.call('advices.nextKenmerk', { year: Number(adviceDate.slice(0, 4)) || undefined }).then((next) => setNextKenmerk(next.kenmerk), () => undefined);
  }, [adviceDate]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const advice = await api.call('advices.create', {
        kind,
        betreft,
        ...(kenmerk.trim() ? { kenmerk } : {}),
        requestId: requestId || null,
        adviceDate,
        withDefaultSections,
      });
      window.location.hash = hrefFor(`/adviezen/${advice.id}`);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <section className="aw-card" aria-labelledby="nieuw-advies-titel">
      <Heading level={2} id="nieuw-advies-titel">
        {t('advicesUi.newTitle')}
      </Heading>
      <form onSubmit={submit} noValidate>
        <fieldset className="utrecht-form-fieldset aw-radio-row">
          <legend className="utrecht-form-label">{t('advicesUi.kind')}</legend>
          {(['ongevraagd', 'gevraagd'] as const).map((value) => (
            <label key={value} className="aw-radio">
              <input type="radio" name="advies-soort" value={value} checked={kind === value} onChange={() => setKind(value)} /> {t(`advicesUi.kind_${value}`)}
            </label>
          ))}
        </fieldset>
        <TextField label={t('advicesUi.betreft')} value={betreft} onChange={(e) => setBetreft(e.target.value)} {...(error ? { error } : {})} />
        <div className="aw-field-row">
          <TextField label={`${t('advicesUi.kenmerk')} ${t('common.optional')}`} description={t('advicesUi.kenmerkHint', { kenmerk: nextKenmerk })} value={kenmerk} onChange={(e) => setKenmerk(e.target.value)} />
          <TextField type="date" label={t('advicesUi.adviceDate')} value={adviceDate} onChange={(e) => setAdviceDate(e.target.value)} />
        </div>
        {kind === 'gevraagd' && (
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="advies-aanvraag">
              {t('advicesUi.request')}
            </label>
            <select id="advies-aanvraag" className="utrecht-select" value={requestId} onChange={(e) => setRequestId(e.target.value)}>
              <option value="">{t('advicesUi.noRequest')}</option>
              {requests.map((request) => (
                <option key={request.id} value={request.id}>
                  {request.subject} ({daysLeftText(request)})
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="aw-checkbox">
          <input type="checkbox" checked={withDefaultSections} onChange={(e) => setWithDefaultSections(e.target.checked)} /> {t('advicesUi.withDefaultSections')}
        </label>
        <div className="aw-button-row">
          <Button appearance="primary" type="submit">
            {t('advicesUi.create')}
          </Button>
        </div>
      </form>
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
      const advice = await api.call('advices.importJson', { data });
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
  const [advices, setAdvices] = useState<AdviceSummary[] | null>(null);
  const [requests, setRequests] = useState<AdviceRequest[]>([]);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<AdviceStatus | ''>('');
  const [kind, setKind] = useState<AdviceKind | ''>('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [total, setTotal] = useState<number | null>(null);
  const [reload, setReload] = useState(0);
  const [toTrash, setToTrash] = useState<AdviceSummary | null>(null);
  const [notice, setNotice] = useState<Status>(null);

  const loadRequests = useCallback(async () => setRequests(await api.call('adviceRequests.list')), []);
  useEffect(() => void loadRequests(), [loadRequests]);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const rows = await api.call('advices.list', { search, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(includeArchived ? { includeArchived } : {}) });
      if (!cancelled) setAdvices(rows);
      if (!cancelled && !search && !status && !kind) setTotal(rows.length);
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [search, status, kind, includeArchived, reload]);

  // Archive, unarchive and trash from the list; the list reloads and says what happened.
  const act = useCallback(async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      setNotice({ kind: 'ok', message: done });
      setReload((count) => count + 1);
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      setNotice({ kind: 'error', message: error.message });
    }
  }, []);

  const columns = useMemo<ColumnDef<AdviceSummary, unknown>[]>(
    () => [
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
              onClick={() => void act(() => api.call('advices.unarchive', { id: advice.id }), t('adviceTrash.unarchived', { kenmerk: advice.kenmerk }))}
            >
              {t('adviceTrash.unarchive')}
            </Button>
          ) : (
            <Button
              appearance="subtle"
              aria-label={t('adviceTrash.archiveLabel', { kenmerk: advice.kenmerk })}
              onClick={() => void act(() => api.call('advices.archive', { id: advice.id }), t('adviceTrash.archived', { kenmerk: advice.kenmerk }))}
            >
              {t('adviceTrash.archive')}
            </Button>
          );
        },
      },
    ],
    [act],
  );

  return (
    <>
      <Heading level={1}>{title}</Heading>
      <RequestsSection requests={requests} onChanged={() => void loadRequests()} />
      <NewAdviceForm requests={requests.filter((request) => request.daysLeft !== null)} />
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
          <Paragraph>{t('app.loading')}</Paragraph>
        ) : advices.length === 0 ? (
          <Paragraph>{total === 0 ? t('advicesUi.listEmpty') : t('advicesUi.noMatches')}</Paragraph>
        ) : (
          <DataTable caption={t('advicesUi.listTitle')} columns={columns} rows={advices} getRowId={(row) => row.id} />
        )}
        <p className="aw-muted" role="status">
          {advices ? t('advicesUi.count', { count: advices.length }) : ''}
        </p>
        <ImportButton />
      </section>
      <ConfirmDialog
        open={toTrash !== null}
        title={t('advicesUi.deleteAdvice')}
        message={toTrash ? t('adviceTrash.confirmToTrash', { kenmerk: toTrash.kenmerk, betreft: toTrash.betreft }) : ''}
        confirmLabel={t('adviceTrash.toTrash')}
        onConfirm={() => {
          const advice = toTrash;
          setToTrash(null);
          if (advice) void act(() => api.call('advices.delete', { id: advice.id }), t('adviceTrash.trashed', { kenmerk: advice.kenmerk }));
        }}
        onCancel={() => setToTrash(null)}
      />
    </>
  );
}
