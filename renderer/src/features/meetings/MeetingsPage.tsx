import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { MEETING_FORMATS, MEETING_SORTS, meetingInput, programmeInput, type Meeting, type MeetingDetail, type MeetingFormat, type MeetingSort, type Programme } from '../../../../shared/api/meetings';
import { todayInNetherlands } from '../../../../shared/calendar';
import { formatDateLong, formatDateShort, t } from '../../../../shared/i18n';
import { hrefFor, useHashPath } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { QueryState } from '../../ui/QueryState';
import { apiWrite, invalidateDomain, NO_ROWS, useApiMutation, useApiQuery } from '../../data/queries';
import { useMayCall } from '../../data/roles';
import { InlineRename } from '../../ui/InlineRename';
import { linesOf } from '../../ui/lines';
import { PagedQuery } from '../../ui/Pager';
import { usePagedSearch } from '../../ui/usePagedSearch';
import { Heading, Paragraph } from '../../ui/Heading';
import { fieldErrors, formatLabel, SelectField, sourceLabel } from './controls';
import { ExchangeExportSection, ExchangeImportSection } from './ExchangeSections';
import { LiveCapture } from './LiveCapture';
import { MeetingReportSection } from './MeetingReportSection';
import './meetings.css';

/** Routes under /bijeenkomsten: the list, "nieuw", "<id>", "<id>/bewerken" and "<id>/live". */
export function MeetingsPage({ title }: { title: string }) {
  const path = useHashPath();
  const parts = path.split('/').filter(Boolean).slice(1);
  if (parts[0] === 'nieuw') return <MeetingFormPage />;
  if (parts[0] && parts[1] === 'live') return <LiveCapture meetingId={parts[0]} />;
  if (parts[0] && parts[1] === 'bewerken') return <MeetingFormPage meetingId={parts[0]} />;
  if (parts[0]) return <MeetingPage meetingId={parts[0]} />;
  return <MeetingsList title={title} />;
}

function navigate(path: string) {
  window.location.hash = hrefFor(path);
}

const MEETINGS_PAGE = 100;
const SORT_LABEL: Record<MeetingSort, 'lists.sortDateDesc' | 'lists.sortDateAsc' | 'lists.sortTitle'> = {
  dateDesc: 'lists.sortDateDesc',
  dateAsc: 'lists.sortDateAsc',
  title: 'lists.sortTitle',
};

function MeetingsList({ title }: { title: string }) {
  const mayCreate = useMayCall('meetings.create');
  // Searched, filtered and paged by the core (meetings.search): the list stays small at 1,000 meetings.
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<{ programmeId: string; wijkId: string; format: MeetingFormat | ''; sort: MeetingSort }>({ programmeId: '', wijkId: '', format: '', sort: 'dateDesc' });
  const programmes = useApiQuery('programmes.list').data ?? [];
  const wijken = useApiQuery('wijken.list').data ?? [];
  const meetings = usePagedSearch('meetings.search', {
    search,
    input: (query) => ({
      query,
      sort: filter.sort,
      ...(filter.programmeId ? { programmeId: filter.programmeId } : {}),
      ...(filter.wijkId ? { wijkId: filter.wijkId } : {}),
      ...(filter.format ? { format: filter.format } : {}),
    }),
    pageSize: MEETINGS_PAGE,
  });
  const change = (next: Partial<typeof filter>) => setFilter({ ...filter, ...next });
  const filtered = meetings.query !== '' || filter.programmeId !== '' || filter.wijkId !== '' || filter.format !== '';

  const columns = useMemo<ColumnDef<Meeting, unknown>[]>(
    () => [
      { id: 'date', accessorFn: (meeting) => meeting.date, header: t('meetings.date'), cell: ({ row }) => formatDateShort(row.original.date) },
      {
        accessorKey: 'title',
        header: t('meetings.meetingTitle'),
        cell: ({ row }) => <a href={hrefFor(`/bijeenkomsten/${row.original.id}`)}>{row.original.title}</a>,
      },
      { id: 'programme', accessorFn: (meeting) => meeting.programmeName ?? '', header: t('meetings.programme') },
      { id: 'wijken', accessorFn: (meeting) => meeting.wijken.map((wijk) => wijk.name).join(', '), header: t('meetings.wijken') },
      { id: 'format', accessorFn: (meeting) => formatLabel(meeting.format), header: t('meetings.format') },
      { accessorKey: 'findingCount', header: t('meetings.findingCount') },
    ],
    [],
  );

  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph className="aw-muted">{t('meetings.intro')}</Paragraph>
      {mayCreate && (
        <div className="aw-button-row">
          <Button appearance="primary" onClick={() => navigate('/bijeenkomsten/nieuw')}>
            {t('meetings.add')}
          </Button>
        </div>
      )}
      <div className="aw-filters" role="search">
        <TextField
          type="search"
          label={t('lists.search')}
          description={t('lists.searchMeetingsHint')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField label={t('meetings.programme')} value={filter.programmeId} onChange={(event) => change({ programmeId: event.target.value })}>
          <option value="">{t('findings.allProgrammes')}</option>
          {programmes.map((programme) => (
            <option key={programme.id} value={programme.id}>
              {programme.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('findings.wijk')} value={filter.wijkId} onChange={(event) => change({ wijkId: event.target.value })}>
          <option value="">{t('lists.allWijken')}</option>
          {wijken.map((wijk) => (
            <option key={wijk.id} value={wijk.id}>
              {wijk.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('meetings.format')} value={filter.format} onChange={(event) => change({ format: event.target.value as MeetingFormat | '' })}>
          <option value="">{t('lists.allFormats')}</option>
          {MEETING_FORMATS.map((format) => (
            <option key={format} value={format}>
              {formatLabel(format)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('lists.sort')} value={filter.sort} onChange={(event) => change({ sort: event.target.value as MeetingSort })}>
          {MEETING_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(SORT_LABEL[sort])}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedQuery paged={meetings} label={t('lists.pagerMeetings')}>
        {(page) => (
          <>
            {page.rows.length === 0 ? (
              <Paragraph>{filtered ? t('lists.noMatch') : t('meetings.empty')}</Paragraph>
            ) : (
              // The core sorts and pages; the table shows one page in that order.
              <DataTable caption={title} columns={columns} rows={page.rows} getRowId={(meeting) => meeting.id} sortable={false} />
            )}
          </>
        )}
      </PagedQuery>
      <ProgrammesSection />
      <ExchangeImportSection onImported={() => invalidateDomain('meetings')} />
    </>
  );
}

function ProgrammesSection() {
  const programmes = useApiQuery('programmes.list').data ?? [];
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const create = useApiMutation('programmes.create');
  const deletion = useApiMutation('programmes.delete');
  const form = useContractForm(programmeInput, { defaultValues: { name: '' } });

  const add = async (values: z.output<typeof programmeInput>) => {
    setStatus(null);
    const created = await create.run(values);
    if (!created) return;
    form.reset({ name: '' });
    setStatus({ kind: 'ok', message: t('common.savedName', { name: created.name }) });
  };

  const remove = async (programme: Programme) => {
    try {
      await deletion.run({ id: programme.id });
      setStatus({ kind: 'ok', message: t('programmes.deleted', { name: programme.name }) });
    } catch (error) {
      setStatus({ kind: 'error', message: fieldErrors(error).message });
    }
  };

  return (
    <section className="aw-card" aria-labelledby="programmas-titel">
      <Heading level={2} id="programmas-titel">
        {t('programmes.title')}
      </Heading>
      {programmes.length > 0 && (
        <ul>
          {programmes.map((programme) => (
            <li key={programme.id}>
              <InlineRename
                name={programme.name}
                label={t('programmes.newName')}
                method="programmes.update"
                field="name"
                input={(name) => ({ id: programme.id, name })}
              >
                {` (${t('meetings.title').toLowerCase()}: ${programme.meetingCount})`}
              </InlineRename>{' '}
              <Button appearance="subtle" aria-label={`${t('common.delete')}: ${programme.name}`} onClick={() => void remove(programme)}>
                {t('common.delete')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ContractForm form={form} onSubmit={add} submitLabel={t('programmes.add')} id="programma-formulier" aria-labelledby="programmas-titel">
        <TextField label={t('programmes.name')} error={form.formState.errors.name?.message} {...form.register('name')} />
      </ContractForm>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
    </section>
  );
}

/**
 * The meeting form validated by the contract's own meeting schema; only the fields typed as text
 * here (programme choice, attendee count, one theme table per line) are turned into the contract's
 * shape first.
 */
const meetingFormSchema = meetingInput.extend({
  programmeId: z
    .string()
    .transform((value) => value || null)
    .pipe(meetingInput.shape.programmeId.unwrap()),
  attendeeCount: z
    .string()
    .transform((value) => {
      if (value.trim() === '') return null;
      const count = Number(value);
      // Not a number: -1 gets the contract's own Dutch message for an invalid count.
      return Number.isFinite(count) ? count : -1;
    })
    .pipe(meetingInput.shape.attendeeCount.unwrap()),
  tables: z
    .string()
    .transform((text) => linesOf(text).map((theme) => ({ theme })))
    .pipe(meetingInput.shape.tables.unwrap()),
});
type MeetingFormValues = z.input<typeof meetingFormSchema>;

function emptyForm(): MeetingFormValues {
  return {
    title: '',
    programmeId: '',
    date: todayInNetherlands(),
    startTime: '',
    endTime: '',
    location: '',
    format: 'wijkbijeenkomst',
    attendeeCount: '',
    organiser: '',
    notes: '',
    notesContainPersonalData: false,
    wijkIds: [],
    tables: '',
  };
}

function formValuesOf(meeting: MeetingDetail): MeetingFormValues {
  return {
    title: meeting.title,
    programmeId: meeting.programmeId ?? '',
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    location: meeting.location,
    format: meeting.format,
    attendeeCount: meeting.attendeeCount === null ? '' : String(meeting.attendeeCount),
    organiser: meeting.organiser,
    notes: meeting.notes,
    notesContainPersonalData: meeting.notesContainPersonalData,
    wijkIds: meeting.wijken.map((wijk) => wijk.id),
    tables: '',
  };
}

function MeetingFormPage({ meetingId }: { meetingId?: string }) {
  const meeting = useApiQuery('meetings.get', { id: meetingId ?? '' }, { enabled: Boolean(meetingId) });
  if (!meetingId) return <MeetingForm initial={emptyForm()} />;
  return <QueryState query={meeting}>{(loaded) => <MeetingForm meetingId={meetingId} initial={formValuesOf(loaded)} />}</QueryState>;
}

function MeetingForm({ meetingId, initial }: { meetingId?: string; initial: MeetingFormValues }) {
  const programmes = useApiQuery('programmes.list');
  const wijken = useApiQuery('wijken.list');
  const create = useApiMutation('meetings.create');
  const update = useApiMutation('meetings.update');
  const form = useContractForm(meetingFormSchema, { defaultValues: initial });
  const { register, watch, setValue, formState } = form;
  const errors = formState.errors;
  const wijkIds = watch('wijkIds') ?? [];
  const notesContainPersonalData = watch('notesContainPersonalData') ?? false;
  const heading = meetingId ? t('meetings.editTitle') : t('meetings.addTitle');

  const submit = async ({ tables, ...common }: z.output<typeof meetingFormSchema>) => {
    const saved = meetingId ? await update.run({ id: meetingId, ...common }) : await create.run({ ...common, tables });
    if (saved) navigate(`/bijeenkomsten/${saved.id}`);
  };

  return (
    <>
      <Heading level={1}>{heading}</Heading>
      <ContractForm
        form={form}
        onSubmit={submit}
        submitLabel={t('common.save')}
        id="bijeenkomst-formulier"
        className="aw-card"
        aria-label={heading}
        actions={<Button onClick={() => navigate(meetingId ? `/bijeenkomsten/${meetingId}` : '/bijeenkomsten')}>{t('common.cancel')}</Button>}
      >
        <TextField label={t('meetings.meetingTitle')} error={errors.title?.message} {...register('title')} />
        <div className="aw-field-row">
          <TextField label={t('meetings.date')} type="date" error={errors.date?.message} {...register('date')} />
          <TextField label={`${t('meetings.startTime')} ${t('common.optional')}`} type="time" error={errors.startTime?.message} {...register('startTime')} />
          <TextField label={`${t('meetings.endTime')} ${t('common.optional')}`} type="time" error={errors.endTime?.message} {...register('endTime')} />
        </div>
        <div className="aw-field-row">
          <SelectField label={t('meetings.format')} error={errors.format?.message} {...register('format')}>
            {MEETING_FORMATS.map((format) => (
              <option key={format} value={format}>
                {formatLabel(format)}
              </option>
            ))}
          </SelectField>
          <SelectField label={`${t('meetings.programme')} ${t('common.optional')}`} error={errors.programmeId?.message} {...register('programmeId')}>
            <option value="">{t('programmes.none')}</option>
            {(programmes.data ?? []).map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="utrecht-form-fieldset aw-card">
          <legend className="utrecht-form-fieldset__legend">{t('meetings.wijken')}</legend>
          <QueryState query={wijken}>
            {(rows) => (
              <>
                {rows.length === 0 && <Paragraph className="aw-muted">{t('wijken.empty')}</Paragraph>}
                {rows.map((wijk) => (
                  <CheckboxField
                    key={wijk.id}
                    label={wijk.name}
                    checked={wijkIds.includes(wijk.id)}
                    onChange={(checked) =>
                      setValue('wijkIds', checked ? [...wijkIds, wijk.id] : wijkIds.filter((id) => id !== wijk.id), { shouldDirty: true })
                    }
                  />
                ))}
              </>
            )}
          </QueryState>
          {errors.wijkIds?.message && <p className="utrecht-form-field-error-message">{errors.wijkIds.message}</p>}
        </fieldset>
        <TextField label={`${t('meetings.location')} ${t('common.optional')}`} error={errors.location?.message} {...register('location')} />
        <div className="aw-field-row">
          <TextField label={`${t('meetings.attendeeCount')} ${t('common.optional')}`} inputMode="numeric" error={errors.attendeeCount?.message} {...register('attendeeCount')} />
          <TextField label={`${t('meetings.organiser')} ${t('common.optional')}`} error={errors.organiser?.message} {...register('organiser')} />
        </div>
        {!meetingId && (
          <TextAreaField
            label={`${t('meetings.tables')} ${t('common.optional')}`}
            description={t('meetings.tablesHint')}
            error={errors.tables?.message ?? errors.tables?.root?.message}
            {...register('tables')}
          />
        )}
        <TextAreaField label={`${t('meetings.notes')} ${t('common.optional')}`} error={errors.notes?.message} {...register('notes')} />
        <CheckboxField
          label={t('meetings.notesContainPersonalData')}
          checked={notesContainPersonalData}
          onChange={(checked) => setValue('notesContainPersonalData', checked, { shouldDirty: true })}
        />
      </ContractForm>
    </>
  );
}

function MeetingPage({ meetingId }: { meetingId: string }) {
  const meetingQuery = useApiQuery('meetings.get', { id: meetingId });
  const meeting = meetingQuery.data;
  const findings = useApiQuery('findings.listForMeeting', { meetingId }).data ?? NO_ROWS;
  const [newTable, setNewTable] = useState({ theme: '', facilitator: '' });
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayCapture = useMayCall('findings.create');
  const mayEdit = useMayCall('meetings.update');
  const mayTrash = useMayCall('meetings.delete');

  // A failed first load is said instead of the page (a failed refetch keeps what is on screen).
  if (meeting === undefined && meetingQuery.isError) {
    return (
      <>
        <Heading level={1}>{t('meetings.title')}</Heading>
        <Alert kind="error">{meetingQuery.error.message}</Alert>
        <a href={hrefFor('/bijeenkomsten')}>{t('meetings.back')}</a>
      </>
    );
  }
  if (!meeting) return <Paragraph role="status">{t('app.loading')}</Paragraph>;

  const addTable = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await apiWrite('themeTables.create', { meetingId, ...newTable });
      setNewTable({ theme: '', facilitator: '' });
      setStatus(null);
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
    }
  };
  const deleteTable = async (id: string) => {
    try {
      await apiWrite('themeTables.delete', { id });
      setStatus(null);
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
    }
  };
  const deleteMeeting = async () => {
    setConfirmDelete(false);
    try {
      await apiWrite('meetings.delete', { id: meetingId });
      navigate('/bijeenkomsten');
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
    }
  };

  const time = [meeting.startTime, meeting.endTime].filter(Boolean).join(' – ');
  return (
    <>
      <p>
        <a href={hrefFor('/bijeenkomsten')}>{t('meetings.back')}</a>
      </p>
      <Heading level={1}>{meeting.title}</Heading>
      <div className="aw-button-row">
        {mayCapture && (
          <Button appearance="primary" onClick={() => navigate(`/bijeenkomsten/${meetingId}/live`)}>
            {t('meetings.startLive')}
          </Button>
        )}
        {mayEdit && <Button onClick={() => navigate(`/bijeenkomsten/${meetingId}/bewerken`)}>{t('meetings.editTitle')}</Button>}
        {mayTrash && (
          <Button appearance="subtle" onClick={() => setConfirmDelete(true)}>
            {t('meetingTrash.moveMeeting')}
          </Button>
        )}
      </div>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      <section className="aw-card" aria-labelledby="gegevens-titel">
        <Heading level={2} id="gegevens-titel">
          {t('meetings.details')}
        </Heading>
        <dl className="aw-details">
          <dt>{t('meetings.date')}</dt>
          <dd>
            {formatDateLong(meeting.date)}
            {time && `, ${time}`}
          </dd>
          <dt>{t('meetings.format')}</dt>
          <dd>{formatLabel(meeting.format)}</dd>
          {meeting.programmeName && (
            <>
              <dt>{t('meetings.programme')}</dt>
              <dd>{meeting.programmeName}</dd>
            </>
          )}
          <dt>{t('meetings.wijken')}</dt>
          <dd>{meeting.wijken.map((wijk) => wijk.name).join(', ') || '—'}</dd>
          {meeting.location && (
            <>
              <dt>{t('meetings.location')}</dt>
              <dd>{meeting.location}</dd>
            </>
          )}
          {meeting.attendeeCount !== null && (
            <>
              <dt>{t('meetings.attendeeCount')}</dt>
              <dd>{meeting.attendeeCount}</dd>
            </>
          )}
          {meeting.organiser && (
            <>
              <dt>{t('meetings.organiser')}</dt>
              <dd>{meeting.organiser}</dd>
            </>
          )}
          {meeting.notes && (
            <>
              <dt>{t('meetings.notes')}</dt>
              <dd>
                {meeting.notes}
                {meeting.notesContainPersonalData && ` ${t('meetings.notesPersonalDataMarker')}`}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="aw-card" aria-labelledby="tafels-titel">
        <Heading level={2} id="tafels-titel">
          {t('meetings.tables')}
        </Heading>
        {meeting.tables.length === 0 ? (
          <Paragraph>{t('meetings.tablesEmpty')}</Paragraph>
        ) : (
          <ol>
            {meeting.tables.map((table) => (
              <li key={table.id}>
                <InlineRename name={table.theme} label={t('meetings.tableNewTheme')} method="themeTables.update" field="theme" input={(theme) => ({ id: table.id, theme })}>
                  {table.facilitator && ` (${t('meetings.tableFacilitator').toLowerCase()}: ${table.facilitator})`}
                </InlineRename>{' '}
                <Button appearance="subtle" aria-label={`${t('common.delete')}: ${table.theme}`} onClick={() => void deleteTable(table.id)}>
                  {t('common.delete')}
                </Button>
              </li>
            ))}
          </ol>
        )}
        <form onSubmit={addTable} className="aw-field-row" noValidate aria-label={t('meetings.addTable')}>
          <TextField label={t('meetings.tableTheme')} value={newTable.theme} onChange={(e) => setNewTable({ ...newTable, theme: e.target.value })} />
          <TextField
            label={`${t('meetings.tableFacilitator')} ${t('common.optional')}`}
            value={newTable.facilitator}
            onChange={(e) => setNewTable({ ...newTable, facilitator: e.target.value })}
          />
          <div className="utrecht-form-field">
            <Button type="submit">{t('meetings.addTable')}</Button>
          </div>
        </form>
      </section>
      <section className="aw-card" aria-labelledby="inbreng-titel">
        <Heading level={2} id="inbreng-titel">
          {t('meetings.findings')} ({findings.length})
        </Heading>
        {findings.length === 0 ? (
          <Paragraph>{t('live.noEntries')}</Paragraph>
        ) : (
          <ol>
            {findings.map((finding) => (
              <li key={finding.id}>
                {finding.text}{' '}
                <span className="aw-entry-meta">
                  ({[finding.theme, sourceLabel(finding.source), finding.containsPersonalData ? t('findings.personalDataShort') : ''].filter(Boolean).join(', ')})
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <MeetingReportSection meeting={meeting} />
      <ExchangeExportSection meetingId={meeting.id} />
      <ConfirmDialog
        open={confirmDelete}
        title={t('meetingTrash.confirmTitle')}
        message={t('meetingTrash.confirmMeeting', { name: meeting.title, count: meeting.findingCount })}
        confirmLabel={t('meetingTrash.moveToTrash')}
        onConfirm={() => void deleteMeeting()}
        onCancel={() => setConfirmDelete(false)}
      />
    </>
  );
}
