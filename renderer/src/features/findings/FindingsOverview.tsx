import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  FINDING_SOURCES,
  type DuplicateSuggestion,
  type FindingFilters,
  type FindingHit,
  type FindingSort,
  type FindingSource,
  type Meeting,
  type Programme,
  type Signal,
} from '../../../../shared/api/meetings';
import type { Wijk } from '../../../../shared/api/wijken';
import { formatDateShort, formatInteger, t } from '../../../../shared/i18n';
import { apiFetch, apiWrite } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { CheckboxField } from '../../ui/Field';
import { useDebounced } from '../../ui/useDebounced';
import { fieldErrors, Highlighted, SelectField, sourceLabel } from '../meetings/controls';
import { ExportSection } from './ExportSection';
import type { OverviewQuery } from './overview-query';

const PAGE_SIZE = 200;
const ROW_HEIGHT = 44;
const SORTABLE: Record<string, FindingSort> = { text: 'text', meeting: 'meeting', theme: 'theme', source: 'source', wijk: 'wijk', date: 'date', votes: 'votes' };

/**
 * Typing pauses this long before a search runs. A search takes a few ms even at 100,000 findings
 * and stale answers are discarded, so the pause only spares work between quick keystrokes; results
 * must show within 150 ms of the last one.
 */
const SEARCH_PAUSE_MS = 80;

export function FindingsOverview() {
  const [queryText, setQueryText] = useState('');
  const query = useDebounced(queryText, SEARCH_PAUSE_MS);
  const [filters, setFilters] = useState<FindingFilters>({});
  const [sorting, setSorting] = useState<SortingState>([]);
  const [rows, setRows] = useState<FindingHit[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [options, setOptions] = useState<{ meetings: Meeting[]; programmes: Programme[]; wijken: Wijk[]; themes: string[]; tags: string[]; signals: Signal[] }>({
    meetings: [],
    programmes: [],
    wijken: [],
    themes: [],
    tags: [],
    signals: [],
  });
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);

  const sortState = sorting[0];
  const request: OverviewQuery = useMemo(
    () => ({
      query,
      filters,
      sort: sortState ? SORTABLE[sortState.id] ?? 'relevance' : 'relevance',
      direction: sortState && !sortState.desc ? 'asc' : 'desc',
    }),
    [query, filters, sortState],
  );

  const loadOptions = useCallback(async () => {
    const [meetings, programmes, wijken, themes, tags, signals] = await Promise.all([
      apiFetch('meetings.list', {}),
      apiFetch('programmes.list'),
      apiFetch('wijken.list'),
      apiFetch('findings.themes'),
      apiFetch('findings.tags'),
      apiFetch('signals.list', { sort: 'title', limit: 500 }),
    ]);
    setOptions({ meetings, programmes, wijken, themes, tags, signals: signals.rows });
  }, []);
  useEffect(() => void loadOptions(), [loadOptions]);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    loading.current = true;
    const page = await apiFetch('findings.search', { ...request, offset: 0, limit: PAGE_SIZE });
    if (mine !== generation.current) return;
    setRows(page.rows);
    setTotal(page.total);
    setHasMore(page.rows.length === PAGE_SIZE);
    loading.current = false;
  }, [request]);
  useEffect(() => void reload(), [reload]);

  const loadMore = useCallback(async () => {
    if (loading.current || !hasMore) return;
    const mine = generation.current;
    loading.current = true;
    const page = await apiFetch('findings.search', { ...request, offset: rows.length, limit: PAGE_SIZE });
    if (mine !== generation.current) return;
    setRows((current) => [...current, ...page.rows]);
    setHasMore(page.rows.length === PAGE_SIZE);
    loading.current = false;
  }, [request, rows.length, hasMore]);

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const columns = useMemo<ColumnDef<FindingHit, unknown>[]>(
    () => [
      {
        id: 'select',
        header: () => <span className="aw-visually-hidden">{t('findings.selectColumn')}</span>,
        size: 4,
        enableSorting: false,
        cell: ({ row }) => (
          <input
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={selected.has(row.original.id)}
            onChange={() => toggle(row.original.id)}
            aria-label={t('findings.select', { text: row.original.text.slice(0, 80) })}
          />
        ),
      },
      { id: 'text', header: t('findings.text'), size: 33, cell: ({ row }) => <Highlighted segments={row.original.highlighted} /> },
      { id: 'meeting', header: t('findings.meeting'), size: 14, cell: ({ row }) => row.original.meetingTitle ?? '—' },
      { id: 'theme', header: t('findings.theme'), size: 11, cell: ({ row }) => row.original.theme || '—' },
      { id: 'source', header: t('findings.source'), size: 9, cell: ({ row }) => sourceLabel(row.original.source) },
      { id: 'wijk', header: t('findings.wijk'), size: 9, cell: ({ row }) => row.original.wijkName ?? '—' },
      { id: 'date', header: t('findings.date'), size: 10, cell: ({ row }) => formatDateShort(row.original.date) },
      { id: 'votes', header: t('findings.votes'), size: 10, cell: ({ row }) => row.original.votes },
    ],
    [selected, toggle],
  );

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    // Sizes are percentages of the table width; the default minimum of 20 would distort them.
    defaultColumn: { minSize: 1 },
    enableMultiSort: false,
    sortDescFirst: false,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 40) void loadMore();
  }, [lastIndex, rows.length, loadMore]);

  const setFilter = <K extends keyof FindingFilters>(key: K, value: FindingFilters[K] | '') =>
    setFilters((current) => {
      const next = { ...current };
      if (value === '' || value === undefined) delete next[key];
      else next[key] = value as FindingFilters[K];
      return next;
    });

  const afterSignalChange = async (message: string) => {
    setSelected(new Set());
    setStatus({ kind: 'ok', message });
    await Promise.all([reload(), loadOptions()]);
  };

  const tableRows = table.getRowModel().rows;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;
  const sortLabel = (id: string) => (sortState?.id === id ? (sortState.desc ? 'descending' : 'ascending') : undefined);

  return (
    <>
      <section className="aw-card" aria-labelledby="zoek-titel">
        <Heading level={2} id="zoek-titel">
          {t('findings.filters')}
        </Heading>
        <TextField type="search" label={t('findings.search')} description={t('findings.searchHint')} value={queryText} onChange={(event) => setQueryText(event.target.value)} />
        <div className="aw-filters">
          <SelectField label={t('findings.meeting')} value={filters.meetingId ?? ''} onChange={(e) => setFilter('meetingId', e.target.value)}>
            <option value="">{t('findings.allMeetings')}</option>
            {options.meetings.map((meeting) => (
              <option key={meeting.id} value={meeting.id}>
                {meeting.title} ({formatDateShort(meeting.date)})
              </option>
            ))}
          </SelectField>
          <SelectField label={t('meetings.programme')} value={filters.programmeId ?? ''} onChange={(e) => setFilter('programmeId', e.target.value)}>
            <option value="">{t('findings.allProgrammes')}</option>
            {options.programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('findings.wijk')} value={filters.wijkId ?? ''} onChange={(e) => setFilter('wijkId', e.target.value)}>
            <option value="">{t('findings.allWijken')}</option>
            {options.wijken.map((wijk) => (
              <option key={wijk.id} value={wijk.id}>
                {wijk.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('findings.theme')} value={filters.theme ?? ''} onChange={(e) => setFilter('theme', e.target.value)}>
            <option value="">{t('findings.allThemes')}</option>
            {options.themes.map((theme) => (
              <option key={theme} value={theme}>
                {theme}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('findings.source')} value={filters.source ?? ''} onChange={(e) => setFilter('source', e.target.value as FindingSource | '')}>
            <option value="">{t('findings.allSources')}</option>
            {FINDING_SOURCES.map((source) => (
              <option key={source} value={source}>
                {sourceLabel(source)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('findings.tags')} value={filters.tag ?? ''} onChange={(e) => setFilter('tag', e.target.value)}>
            <option value="">{t('findings.allTags')}</option>
            {options.tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </SelectField>
          <TextField type="date" label={t('findings.fromDate')} value={filters.fromDate ?? ''} onChange={(e) => setFilter('fromDate', e.target.value)} />
          <TextField type="date" label={t('findings.toDate')} value={filters.toDate ?? ''} onChange={(e) => setFilter('toDate', e.target.value)} />
        </div>
        <div className="aw-button-row">
          <Button
            onClick={() => {
              setFilters({});
              setQueryText('');
            }}
          >
            {t('findings.clearFilters')}
          </Button>
          <span role="status">{total === null ? t('app.loading') : t('findings.resultCount', { count: formatInteger(total) })}</span>
        </div>
      </section>

      <SelectionActions
        selected={[...selected]}
        rows={rows}
        wijken={options.wijken}
        signals={options.signals}
        onDone={afterSignalChange}
        onError={(message) => setStatus({ kind: 'error', message })}
        onSelect={(ids) => setSelected((current) => new Set([...current, ...ids]))}
      />
      {status && <Alert kind={status.kind}>{status.message}</Alert>}

      {total === 0 ? (
        <Paragraph>{t('findings.noResults')}</Paragraph>
      ) : (
        <div ref={scrollRef} className="aw-virtual-scroll" tabIndex={0} role="region" aria-label={t('findings.tableLabel')}>
          <table className="aw-virtual-table" aria-rowcount={(total ?? 0) + 1}>
            <caption className="aw-visually-hidden">{t('findings.title')}</caption>
            <colgroup>
              {table.getVisibleLeafColumns().map((column) => (
                <col key={column.id} style={{ width: `${column.getSize()}%` }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} scope="col" aria-sort={sortLabel(header.column.id)}>
                      {header.column.id in SORTABLE ? (
                        <button type="button" className="aw-sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sortState?.id === header.column.id ? (sortState.desc ? ' ▼' : ' ▲') : ''}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {paddingTop > 0 && (
                <tr aria-hidden="true">
                  <td style={{ height: paddingTop }} colSpan={columns.length} />
                </tr>
              )}
              {items.map((item) => {
                const row = tableRows[item.index];
                if (!row) return null;
                return (
                  <tr key={row.id} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                    ))}
                  </tr>
                );
              })}
              {paddingBottom > 0 && (
                <tr aria-hidden="true">
                  <td style={{ height: paddingBottom }} colSpan={columns.length} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <ExportSection request={request} />
    </>
  );
}

function SelectionActions({
  selected,
  rows,
  wijken,
  signals,
  onDone,
  onError,
  onSelect,
}: {
  selected: string[];
  rows: FindingHit[];
  wijken: Wijk[];
  signals: Signal[];
  onDone(message: string): Promise<void>;
  onError(message: string): void;
  onSelect(ids: string[]): void;
}) {
  const [title, setTitle] = useState('');
  const [signalId, setSignalId] = useState('');
  const [suggestions, setSuggestions] = useState<DuplicateSuggestion[] | null>(null);
  useEffect(() => setSuggestions(null), [selected.length]);
  if (selected.length === 0) return null;

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const signal = await apiWrite('signals.create', { title, findingIds: selected });
      setTitle('');
      await onDone(t('signals.created', { title: signal.title }));
    } catch (error) {
      onError(fieldErrors(error).message);
    }
  };
  const add = async () => {
    if (!signalId) return;
    try {
      const signal = await apiWrite('signals.addFindings', { signalId, findingIds: selected });
      await onDone(t('signals.added', { title: signal.title }));
    } catch (error) {
      onError(fieldErrors(error).message);
    }
  };
  const suggest = async () => setSuggestions(await apiFetch('signals.suggestDuplicates', { findingId: selected[0]! }));

  return (
    <section className="aw-card" aria-labelledby="selectie-titel">
      <Heading level={2} id="selectie-titel">
        {t('findings.selectedCount', { count: selected.length })}
      </Heading>
      <form className="aw-field-row" onSubmit={create} noValidate aria-label={t('signals.create')}>
        <TextField label={t('signals.signalTitle')} value={title} onChange={(event) => setTitle(event.target.value)} />
        <div className="utrecht-form-field">
          <Button type="submit" appearance="primary">
            {t('signals.create')}
          </Button>
        </div>
      </form>
      {signals.length > 0 && (
        <div className="aw-field-row">
          <SelectField label={t('signals.chooseSignal')} value={signalId} onChange={(event) => setSignalId(event.target.value)}>
            <option value="">—</option>
            {signals.map((signal) => (
              <option key={signal.id} value={signal.id}>
                {signal.title}
              </option>
            ))}
          </SelectField>
          <div className="utrecht-form-field">
            <Button onClick={() => void add()} disabled={!signalId}>
              {t('signals.addTo')}
            </Button>
          </div>
        </div>
      )}
      {selected.length === 1 && (
        <div className="aw-button-row">
          <Button onClick={() => void suggest()}>{t('signals.suggest')}</Button>
        </div>
      )}
      {selected.length === 1 && rows.some((row) => row.id === selected[0]) && (
        <FindingEditForm key={selected[0]} finding={rows.find((row) => row.id === selected[0])!} wijken={wijken} onDone={onDone} onError={onError} />
      )}
      {suggestions && (
        <div>
          <Heading level={3}>{t('signals.suggestions')}</Heading>
          {suggestions.length === 0 ? (
            <Paragraph>{t('signals.noSuggestions')}</Paragraph>
          ) : (
            <ul className="aw-entry-list">
              {suggestions.map((suggestion) => (
                <li key={suggestion.finding.id}>
                  <div>
                    <div>{suggestion.finding.text}</div>
                    <div className="aw-entry-meta">
                      {suggestion.finding.meetingTitle ?? t('findings.noMeeting')} · {t('signals.sharedTerms', { terms: suggestion.sharedTerms.join(', ') })}
                      {suggestion.signals.length > 0 && ` · ${t('signals.title')}: ${suggestion.signals.map((signal) => signal.title).join(', ')}`}
                    </div>
                  </div>
                  <Button
                    appearance="subtle"
                    onClick={() => onSelect([suggestion.finding.id])}
                    aria-label={`${t('signals.addSuggestion')}: ${suggestion.finding.text.slice(0, 60)}`}
                  >
                    {t('signals.addSuggestion')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** Edits one selected finding: text, source, wijk, labels and the personal-data flag. */
function FindingEditForm({
  finding,
  wijken,
  onDone,
  onError,
}: {
  finding: FindingHit;
  wijken: Wijk[];
  onDone(message: string): Promise<void>;
  onError(message: string): void;
}) {
  const [text, setText] = useState(finding.text);
  const [source, setSource] = useState<FindingSource>(finding.source);
  const [wijkId, setWijkId] = useState(finding.wijkId ?? '');
  const [tags, setTags] = useState(finding.tags.join(', '));
  const [personal, setPersonal] = useState(finding.containsPersonalData);
  const [confirmTrash, setConfirmTrash] = useState(false);
  const moveToTrash = async () => {
    setConfirmTrash(false);
    try {
      await apiWrite('findings.delete', { id: finding.id });
      await onDone(t('meetingTrash.findingTrashed', { text: shortText(finding.text) }));
    } catch (error) {
      onError(fieldErrors(error).message);
    }
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await apiWrite('findings.update', {
        id: finding.id,
        text,
        source,
        wijkId: wijkId || null,
        tags: tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
        containsPersonalData: personal,
      });
      await onDone(t('common.saved'));
    } catch (error) {
      onError(fieldErrors(error).message);
    }
  };
  return (
    <form onSubmit={save} noValidate aria-labelledby="bewerk-inbreng-titel">
      <Heading level={3} id="bewerk-inbreng-titel">
        {t('findings.edit')}
      </Heading>
      <TextAreaField label={t('findings.text')} value={text} onChange={(event) => setText(event.target.value)} />
      <div className="aw-filters">
        <SelectField label={t('findings.source')} value={source} onChange={(event) => setSource(event.target.value as FindingSource)}>
          {FINDING_SOURCES.map((option) => (
            <option key={option} value={option}>
              {sourceLabel(option)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('findings.wijk')} value={wijkId} onChange={(event) => setWijkId(event.target.value)}>
          <option value="">{t('findings.noWijk')}</option>
          {wijken.map((wijk) => (
            <option key={wijk.id} value={wijk.id}>
              {wijk.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('findings.tags')} description={t('findings.tagsHint')} value={tags} onChange={(event) => setTags(event.target.value)} />
      </div>
      <CheckboxField label={t('findings.personalData')} checked={personal} onChange={setPersonal} />
      <div className="aw-button-row">
        <Button type="submit" appearance="primary">
          {t('common.save')}
        </Button>
        <Button appearance="subtle" onClick={() => setConfirmTrash(true)}>
          {t('meetingTrash.moveFinding')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirmTrash}
        title={t('meetingTrash.confirmTitle')}
        message={t('meetingTrash.confirmFinding', { text: shortText(finding.text) })}
        confirmLabel={t('meetingTrash.moveToTrash')}
        onConfirm={() => void moveToTrash()}
        onCancel={() => setConfirmTrash(false)}
      />
    </form>
  );
}

/** The start of a finding, for messages. */
function shortText(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
