import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { todayInNetherlands } from '../../../../shared/calendar';
import { MEETING_FORMATS, type Meeting, type MeetingDetail, type MeetingFormat, type Programme } from '../../../../shared/api/meetings';
import type { Wijk } from '../../../../shared/api/wijken';
import { formatDateLong, formatDateShort, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { api } from '../../api';
import { hrefFor, useHashPath } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field';
import { InlineRename } from '../../ui/InlineRename';
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

function MeetingsList({ title }: { title: string }) {
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const load = useCallback(async () => setMeetings(await api.call('meetings.list', {})), []);
  useEffect(() => void load(), [load]);

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
      <div className="aw-button-row">
        <Button appearance="primary" onClick={() => navigate('/bijeenkomsten/nieuw')}>
          {t('meetings.add')}
        </Button>
      </div>
      {meetings === null ? (
        <Paragraph>{t('app.loading')}</Paragraph>
      ) : meetings.length === 0 ? (
        <Paragraph>{t('meetings.empty')}</Paragraph>
      ) : (
        <DataTable caption={title} columns={columns} rows={meetings} getRowId={(meeting) => meeting.id} initialSorting={[{ id: 'date', desc: true }]} />
      )}
      <ProgrammesSection />
      <ExchangeImportSection onImported={load} />
    </>
  );
}

function ProgrammesSection() {
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const load = useCallback(async () => setProgrammes(await api.call('programmes.list')), []);
  useEffect(() => void load(), [load]);

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const created = await api.call('programmes.create', { name });
      setName('');
      setStatus({ kind: 'ok', message: `${t('common.saved')} ${created.name}` });
      await load();
    } catch (error) {
      setStatus({ kind: 'error', message: fieldErrors(error).message });
    }
  };

  const rename = async (programme: Programme, newName: string) => {
    try {
      const renamed = await api.call('programmes.update', { id: programme.id, name: newName });
      setStatus({ kind: 'ok', message: t('programmes.renamed', { name: renamed.name }) });
      await load();
    } catch (error) {
      setStatus({ kind: 'error', message: fieldErrors(error).message });
      throw error;
    }
  };
  const remove = async (programme: Programme) => {
    try {
      await api.call('programmes.delete', { id: programme.id });
      setStatus({ kind: 'ok', message: t('programmes.deleted', { name: programme.name }) });
      await load();
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
              <InlineRename name={programme.name} label={t('programmes.newName')} save={(newName) => rename(programme, newName)}>
                {` (${t('meetings.title').toLowerCase()}: ${programme.meetingCount})`}
              </InlineRename>{' '}
              <Button appearance="subtle" aria-label={`${t('common.delete')}: ${programme.name}`} onClick={() => void remove(programme)}>
                {t('common.delete')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="aw-field-row" noValidate>
        <TextField label={t('programmes.name')} value={name} onChange={(event) => setName(event.target.value)} />
        <div className="utrecht-form-field">
          <Button type="submit">{t('programmes.add')}</Button>
        </div>
      </form>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
    </section>
  );
}

interface MeetingFormState {
  title: string;
  programmeId: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  format: MeetingFormat;
  attendeeCount: string;
  organiser: string;
  notes: string;
  notesContainPersonalData: boolean;
  wijkIds: string[];
  tables: string;
}

function emptyForm(): MeetingFormState {
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

function MeetingFormPage({ meetingId }: { meetingId?: string }) {
  const [form, setForm] = useState<MeetingFormState | null>(meetingId ? null : emptyForm());
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [wijken, setWijken] = useState<Wijk[]>([]);
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  useEffect(() => {
    void api.call('programmes.list').then(setProgrammes);
    void api.call('wijken.list').then(setWijken);
    if (meetingId) {
      void api.call('meetings.get', { id: meetingId }).then((meeting) =>
        setForm({
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
        }),
      );
    }
  }, [meetingId]);

  if (!form) return <Paragraph>{t('app.loading')}</Paragraph>;
  const set = <K extends keyof MeetingFormState>(key: K, value: MeetingFormState[K]) => setForm({ ...form, [key]: value });
  const heading = meetingId ? t('meetings.editTitle') : t('meetings.addTitle');

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const attendees = form.attendeeCount.trim() === '' ? null : Number(form.attendeeCount);
    const common = {
      title: form.title,
      programmeId: form.programmeId || null,
      date: form.date,
      startTime: form.startTime,
      endTime: form.endTime,
      location: form.location,
      format: form.format,
      attendeeCount: attendees !== null && Number.isFinite(attendees) ? attendees : attendees === null ? null : -1,
      organiser: form.organiser,
      notes: form.notes,
      notesContainPersonalData: form.notesContainPersonalData,
      wijkIds: form.wijkIds,
    };
    try {
      const saved: MeetingDetail = meetingId
        ? await api.call('meetings.update', { id: meetingId, ...common })
        : await api.call('meetings.create', {
            ...common,
            tables: form.tables
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((theme) => ({ theme })),
          });
      navigate(`/bijeenkomsten/${saved.id}`);
    } catch (error) {
      setErrors(fieldErrors(error));
    }
  };

  const fieldError = (key: string) => errors?.fields[key];
  return (
    <>
      <Heading level={1}>{heading}</Heading>
      <form onSubmit={submit} noValidate className="aw-card" aria-label={heading}>
        <TextField label={t('meetings.meetingTitle')} value={form.title} onChange={(e) => set('title', e.target.value)} error={fieldError('title')} />
        <div className="aw-field-row">
          <TextField label={t('meetings.date')} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} error={fieldError('date')} />
          <TextField label={`${t('meetings.startTime')} ${t('common.optional')}`} type="time" value={form.startTime} onChange={(e) => set('startTime', e.target.value)} error={fieldError('startTime')} />
          <TextField label={`${t('meetings.endTime')} ${t('common.optional')}`} type="time" value={form.endTime} onChange={(e) => set('endTime', e.target.value)} error={fieldError('endTime')} />
        </div>
        <div className="aw-field-row">
          <SelectField label={t('meetings.format')} value={form.format} onChange={(e) => set('format', e.target.value as MeetingFormat)}>
            {MEETING_FORMATS.map((format) => (
              <option key={format} value={format}>
                {formatLabel(format)}
              </option>
            ))}
          </SelectField>
          <SelectField label={`${t('meetings.programme')} ${t('common.optional')}`} value={form.programmeId} onChange={(e) => set('programmeId', e.target.value)} error={fieldError('programmeId')}>
            <option value="">{t('programmes.none')}</option>
            {programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="utrecht-form-fieldset aw-card">
          <legend className="utrecht-form-fieldset__legend">{t('meetings.wijken')}</legend>
          {wijken.length === 0 && <Paragraph className="aw-muted">{t('wijken.empty')}</Paragraph>}
          {wijken.map((wijk) => (
            <CheckboxField
              key={wijk.id}
              label={wijk.name}
              checked={form.wijkIds.includes(wijk.id)}
              onChange={(checked) => set('wijkIds', checked ? [...form.wijkIds, wijk.id] : form.wijkIds.filter((id) => id !== wijk.id))}
            />
          ))}
          {fieldError('wijkIds') && <Alert kind="error">{fieldError('wijkIds')}</Alert>}
        </fieldset>
        <TextField label={`${t('meetings.location')} ${t('common.optional')}`} value={form.location} onChange={(e) => set('location', e.target.value)} error={fieldError('location')} />
        <div className="aw-field-row">
          <TextField label={`${t('meetings.attendeeCount')} ${t('common.optional')}`} inputMode="numeric" value={form.attendeeCount} onChange={(e) => set('attendeeCount', e.target.value)} error={fieldError('attendeeCount')} />
          <TextField label={`${t('meetings.organiser')} ${t('common.optional')}`} value={form.organiser} onChange={(e) => set('organiser', e.target.value)} error={fieldError('organiser')} />
        </div>
        {!meetingId && (
          <TextAreaField
            label={`${t('meetings.tables')} ${t('common.optional')}`}
            description={t('meetings.tablesHint')}
            value={form.tables}
            onChange={(e) => set('tables', e.target.value)}
            error={fieldError('tables')}
          />
        )}
        <TextAreaField label={`${t('meetings.notes')} ${t('common.optional')}`} value={form.notes} onChange={(e) => set('notes', e.target.value)} error={fieldError('notes')} />
        <CheckboxField label={t('meetings.notesContainPersonalData')} checked={form.notesContainPersonalData} onChange={(checked) => set('notesContainPersonalData', checked)} />
        {errors && <Alert kind="error">{errors.message}</Alert>}
        <div className="aw-button-row">
          <Button appearance="primary" type="submit">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(meetingId ? `/bijeenkomsten/${meetingId}` : '/bijeenkomsten')}>{t('common.cancel')}</Button>
        </div>
      </form>
    </>
  );
}

function MeetingPage({ meetingId }: { meetingId: string }) {
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [findings, setFindings] = useState<Awaited<ReturnType<typeof api.call<'findings.listForMeeting'>>>>([]);
  const [error, setError] = useState<string | null>(null);
  const [newTable, setNewTable] = useState({ theme: '', facilitator: '' });
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const load = useCallback(async () => {
    try {
      setMeeting(await api.call('meetings.get', { id: meetingId }));
      setFindings(await api.call('findings.listForMeeting', { meetingId }));
    } catch (caught) {
      if (!(caught instanceof ApiCallError)) throw caught;
      setError(caught.message);
    }
  }, [meetingId]);
  useEffect(() => void load(), [load]);

  if (error) {
    return (
      <>
        <Heading level={1}>{t('meetings.title')}</Heading>
        <Alert kind="error">{error}</Alert>
        <a href={hrefFor('/bijeenkomsten')}>{t('meetings.back')}</a>
      </>
    );
  }
  if (!meeting) return <Paragraph>{t('app.loading')}</Paragraph>;

  const addTable = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api.call('themeTables.create', { meetingId, ...newTable });
      setNewTable({ theme: '', facilitator: '' });
      setStatus(null);
      await load();
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
    }
  };
  const renameTable = async (id: string, theme: string) => {
    try {
      await api.call('themeTables.update', { id, theme });
      setStatus(null);
      await load();
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
      throw caught;
    }
  };
  const deleteTable = async (id: string) => {
    try {
      await api.call('themeTables.delete', { id });
      setStatus(null);
      await load();
    } catch (caught) {
      setStatus({ kind: 'error', message: fieldErrors(caught).message });
    }
  };
  const deleteMeeting = async () => {
    setConfirmDelete(false);
    try {
      await api.call('meetings.delete', { id: meetingId });
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
        <Button appearance="primary" onClick={() => navigate(`/bijeenkomsten/${meetingId}/live`)}>
          {t('meetings.startLive')}
        </Button>
        <Button onClick={() => navigate(`/bijeenkomsten/${meetingId}/bewerken`)}>{t('meetings.editTitle')}</Button>
        <Button appearance="subtle" onClick={() => setConfirmDelete(true)}>
          {t('meetingTrash.moveMeeting')}
        </Button>
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
                <InlineRename name={table.theme} label={t('meetings.tableNewTheme')} save={(theme) => renameTable(table.id, theme)}>
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
