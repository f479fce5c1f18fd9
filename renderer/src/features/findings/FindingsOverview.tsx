import { keepPreviousData } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import {
  FINDING_SOURCES,
  type DuplicateSuggestion,
  type FindingFilters,
  type FindingHit,
  type FindingSource,
  type Signal,
} from '../../../../shared/api/meetings';
import type { Wijk } from '../../../../shared/api/wijken';
import { formatDateShort, formatInteger, t } from '../../../../shared/i18n';
import { apiFetch, apiWrite, NO_ROWS, prefetchApiInfiniteQuery, useApiInfiniteQuery, useApiQuery } from '../../data/queries';
import type { PageSizes } from '../../data/paging';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { CheckboxField } from '../../ui/Field';
import { QueryError } from '../../ui/QueryState';
import { useDebounced } from '../../ui/useDebounced';
import { useStoredState } from '../../ui/useStoredState';
import { fieldErrors, SelectField, sourceLabel } from '../meetings/controls';
import { ColumnChooser } from './ColumnChooser';
import { parseColumnPrefs, PREFS_KEY } from './column-prefs';
import { ExportSection } from './ExportSection';
import { FindingsPrintTable, FindingsTable, SORTABLE } from './FindingsTable';
import type { OverviewQuery } from './overview-query';
import './findings.css';

/**
 * The first page is what a search waits for: 100 rows fill a tall screen with the table's 40 rows of
 * look-ahead to spare (FindingsTable), at half the cost of 200 in the core, on the wire and in JSON.
 * Scrolling then reads 200 at a time.
 */
const PAGE_SIZES: PageSizes = { first: 100, rest: 200 };
/** Paper for more findings than this helps nobody: the print says how many more there are. */
const PRINT_LIMIT = 2_000;
/** The signals offered in "Toevoegen aan signaal", by title. */
const SIGNAL_CHOICES = 500;

/**
 * Typing pauses this long before a search runs. A search takes a few ms even at 100,000 findings
 * and stale answers are discarded, so the pause only spares work between quick keystrokes; results
 * must show within 150 ms of the last one. The request leaves the moment the pause ends
 * (prefetch in `onSettle`), not after the page has drawn its new state.
 */
const SEARCH_PAUSE_MS = 80;

export function FindingsOverview() {
  const [queryText, setQueryText] = useState('');
  const [filters, setFilters] = useState<FindingFilters>({});
  const [sorting, setSorting] = useState<SortingState>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const [prefs, setPrefs] = useStoredState(PREFS_KEY, parseColumnPrefs);

  const sortState = sorting[0];
  // The signal column needs each row's signals; a hidden column does not pay for the lookup.
  const withSignals = !prefs.hidden.includes('signal');
  const requestFor = useCallback(
    (query: string): OverviewQuery => ({
      query,
      filters,
      sort: sortState ? SORTABLE[sortState.id] ?? 'relevance' : 'relevance',
      direction: sortState && !sortState.desc ? 'asc' : 'desc',
    }),
    [filters, sortState],
  );
  const query = useDebounced(queryText, SEARCH_PAUSE_MS, (text) =>
    prefetchApiInfiniteQuery('findings.search', { ...requestFor(text), withSignals }, PAGE_SIZES),
  );
  const request = useMemo(() => requestFor(query), [requestFor, query]);

  // While a new search loads, the rows of the last one stay (marked busy) instead of an empty table
  // that is drawn and laid out once more only to be replaced a few ms later.
  const search = useApiInfiniteQuery('findings.search', { ...request, withSignals }, PAGE_SIZES, { placeholderData: keepPreviousData });
  const pages = search.data?.pages;
  const rows = useMemo(() => pages?.flatMap((page) => page.rows) ?? NO_ROWS, [pages]);
  const loading = search.isPlaceholderData;
  const total = loading ? null : pages?.[0]?.total ?? null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !loading) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, loading, fetchNextPage]);

  const wijken = useApiQuery('wijken.list').data ?? NO_ROWS;
  const signals = useApiQuery('signals.list', { sort: 'title', limit: SIGNAL_CHOICES }).data?.rows ?? NO_ROWS;

  // Printing: the screen's table draws only the rows in view, so paper gets a plain table of the
  // loaded rows (Ctrl+P), or of every match up to PRINT_LIMIT ("Afdrukken" loads them first).
  const [printing, setPrinting] = useState(false);
  const [preparing, setPreparing] = useState<{ loaded: number } | null>(null);
  const printRun = useRef<{ cancelled: boolean } | null>(null);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  // A new search or filter leaves the preparation of the old one.
  useEffect(() => {
    if (printRun.current) printRun.current.cancelled = true;
    setPreparing(null);
  }, [request]);
  const printAll = async () => {
    if (printRun.current && !printRun.current.cancelled) return;
    const run = { cancelled: false };
    printRun.current = run;
    let loaded = rows.length;
    let more = hasNextPage;
    setPreparing({ loaded });
    while (more && loaded < PRINT_LIMIT && !run.cancelled) {
      const next = await fetchNextPage();
      if (next.isError) break;
      loaded = next.data?.pages.reduce((sum, page) => sum + page.rows.length, 0) ?? loaded;
      more = next.hasNextPage;
      if (!run.cancelled) setPreparing({ loaded });
    }
    if (run.cancelled) return;
    run.cancelled = true;
    setPreparing(null);
    flushSync(() => setPrinting(true));
    window.print();
  };
  const cancelPrint = () => {
    if (printRun.current) printRun.current.cancelled = true;
    setPreparing(null);
  };

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const setFilter = useCallback(
    <K extends keyof FindingFilters>(key: K, value: FindingFilters[K] | '') =>
      setFilters((current) => {
        const next = { ...current };
        if (value === '' || value === undefined) delete next[key];
        else next[key] = value as FindingFilters[K];
        return next;
      }),
    [],
  );
  const clear = useCallback(() => {
    setFilters({});
    setQueryText('');
  }, []);

  // The write refetches the findings and signals it changed (data layer); here only the message.
  const afterSignalChange = async (message: string) => {
    setSelected(new Set());
    setStatus({ kind: 'ok', message });
  };

  return (
    <>
      <FindingsFilters queryText={queryText} onQueryText={setQueryText} filters={filters} onFilter={setFilter} onClear={clear} total={total} />

      <SelectionActions
        selected={[...selected]}
        rows={rows}
        wijken={wijken}
        signals={signals}
        onDone={afterSignalChange}
        onError={(message) => setStatus({ kind: 'error', message })}
        onSelect={(ids) => setSelected((current) => new Set([...current, ...ids]))}
      />
      {status && <Alert kind={status.kind}>{status.message}</Alert>}

      <div className="aw-screen-only">
        <ColumnChooser prefs={prefs} onChange={setPrefs} />
      </div>
      {total !== null && total > 0 && (
        <div className="aw-button-row aw-screen-only">
          <Button appearance="secondary" onClick={() => void printAll()} disabled={preparing !== null}>
            {t('findings.print')}
          </Button>
        </div>
      )}
      {preparing && (
        <div className="aw-button-row aw-screen-only">
          <p role="status">{t('findings.printPreparing', { loaded: formatInteger(preparing.loaded), total: formatInteger(Math.min(total ?? 0, PRINT_LIMIT)) })}</p>
          <Button appearance="subtle" onClick={cancelPrint}>
            {t('common.cancel')}
          </Button>
        </div>
      )}
      {search.isError && rows.length === 0 ? (
        <QueryError error={search.error} retry={() => void search.refetch()} />
      ) : total === 0 ? (
        <Paragraph>{t('findings.noResults')}</Paragraph>
      ) : (
        <FindingsTable
          rows={rows}
          total={pages?.[0]?.total ?? 0}
          busy={loading}
          listKey={request}
          selected={selected}
          onToggle={toggle}
          sorting={sorting}
          onSortingChange={setSorting}
          prefs={prefs}
          onPrefsChange={setPrefs}
          onNearEnd={loadMore}
        />
      )}
      {printing && total !== null && <FindingsPrintTable rows={rows.slice(0, PRINT_LIMIT)} total={total} limit={PRINT_LIMIT} hidden={prefs.hidden} />}
      <ExportSection request={request} />
    </>
  );
}

interface FiltersProps {
  queryText: string;
  onQueryText(text: string): void;
  filters: FindingFilters;
  onFilter<K extends keyof FindingFilters>(key: K, value: FindingFilters[K] | ''): void;
  onClear(): void;
  total: number | null;
}

/** The search box and filters; memoised, so loading more rows does not draw its hundreds of options again. */
const FindingsFilters = memo(function FindingsFilters({ queryText, onQueryText, filters, onFilter, onClear, total }: FiltersProps) {
  const meetings = useApiQuery('meetings.list', {}).data ?? NO_ROWS;
  const programmes = useApiQuery('programmes.list').data ?? NO_ROWS;
  const wijken = useApiQuery('wijken.list').data ?? NO_ROWS;
  const themes = useApiQuery('findings.themes').data ?? NO_ROWS;
  const tags = useApiQuery('findings.tags').data ?? NO_ROWS;
  const meetingOptions = useMemo(
    () =>
      meetings.map((meeting) => (
        <option key={meeting.id} value={meeting.id}>
          {meeting.title} ({formatDateShort(meeting.date)})
        </option>
      )),
    [meetings],
  );
  return (
    <section className="aw-card" aria-labelledby="zoek-titel">
      <Heading level={2} id="zoek-titel">
        {t('findings.filters')}
      </Heading>
      <TextField type="search" label={t('findings.search')} description={t('findings.searchHint')} value={queryText} onChange={(event) => onQueryText(event.target.value)} />
      <div className="aw-filters">
        <SelectField label={t('findings.meeting')} value={filters.meetingId ?? ''} onChange={(e) => onFilter('meetingId', e.target.value)}>
          <option value="">{t('findings.allMeetings')}</option>
          {meetingOptions}
        </SelectField>
        <SelectField label={t('meetings.programme')} value={filters.programmeId ?? ''} onChange={(e) => onFilter('programmeId', e.target.value)}>
          <option value="">{t('findings.allProgrammes')}</option>
          {programmes.map((programme) => (
            <option key={programme.id} value={programme.id}>
              {programme.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('findings.wijk')} value={filters.wijkId ?? ''} onChange={(e) => onFilter('wijkId', e.target.value)}>
          <option value="">{t('findings.allWijken')}</option>
          {wijken.map((wijk) => (
            <option key={wijk.id} value={wijk.id}>
              {wijk.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('findings.theme')} value={filters.theme ?? ''} onChange={(e) => onFilter('theme', e.target.value)}>
          <option value="">{t('findings.allThemes')}</option>
          {themes.map((theme) => (
            <option key={theme} value={theme}>
              {theme}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('findings.source')} value={filters.source ?? ''} onChange={(e) => onFilter('source', e.target.value as FindingSource | '')}>
          <option value="">{t('findings.allSources')}</option>
          {FINDING_SOURCES.map((source) => (
            <option key={source} value={source}>
              {sourceLabel(source)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('findings.tags')} value={filters.tag ?? ''} onChange={(e) => onFilter('tag', e.target.value)}>
          <option value="">{t('findings.allTags')}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </SelectField>
        <TextField type="date" label={t('findings.fromDate')} value={filters.fromDate ?? ''} onChange={(e) => onFilter('fromDate', e.target.value)} />
        <TextField type="date" label={t('findings.toDate')} value={filters.toDate ?? ''} onChange={(e) => onFilter('toDate', e.target.value)} />
      </div>
      <div className="aw-button-row">
        <Button onClick={onClear}>{t('findings.clearFilters')}</Button>
        <span role="status">{total === null ? t('app.loading') : t('findings.resultCount', { count: formatInteger(total) })}</span>
      </div>
    </section>
  );
});

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
