import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type OnChangeFn,
  type SortingState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { FindingHit, FindingSort } from '../../../../shared/api/meetings';
import { formatDateShort, formatInteger, t } from '../../../../shared/i18n';
import { hrefFor } from '../../app/router';
import { Highlighted, sourceLabel } from '../meetings/controls';
import { clampWidth, MAX_WIDTH, MIN_WIDTH, OPTIONAL_COLUMNS, SELECT_WIDTH, TEXT_MIN_WIDTH, widthOf, type ColumnPrefs, type OptionalColumn } from './column-prefs';

/** Asks for the next page when the last rendered row is this close to the end of what is loaded. */
const LOAD_AHEAD = 40;
/** Sample of finding text, to learn the average width of a character in the table's font (once, on a canvas: no layout). */
const SAMPLE = 'Het wijkteam is slecht bereikbaar en de wachttijd voor dagbesteding is te lang';

export const SORTABLE: Record<string, FindingSort> = { text: 'text', meeting: 'meeting', theme: 'theme', source: 'source', wijk: 'wijk', date: 'date', votes: 'votes' };

type ColumnId = 'select' | 'text' | OptionalColumn;

const shortDates = new Map<string, string>();
/** A finding's date as shown: formatted once per day, not once per row that scrolls into view. */
function shortDate(date: string): string {
  let text = shortDates.get(date);
  if (text === undefined) {
    text = formatDateShort(date);
    shortDates.set(date, text);
  }
  return text;
}

/** What each column shows of a finding. Plain functions of the row: a row renders again only when its finding or selection changes. */
const CELLS: Record<Exclude<ColumnId, 'select'>, (hit: FindingHit) => ReactNode> = {
  text: (hit) => <Highlighted segments={hit.highlighted} />,
  meeting: (hit) => hit.meetingTitle ?? '—',
  theme: (hit) => hit.theme || '—',
  source: (hit) => sourceLabel(hit.source),
  wijk: (hit) => hit.wijkName ?? '—',
  date: (hit) => shortDate(hit.date),
  votes: (hit) => hit.votes,
  signal: (hit) =>
    hit.signals && hit.signals.length > 0 ? (
      <ul className="aw-cell-list">
        {hit.signals.map((signal) => (
          <li key={signal.id}>
            <a className="utrecht-link" href={hrefFor(`/inbreng/signalen/${signal.id}`)}>
              {signal.title}
            </a>
          </li>
        ))}
      </ul>
    ) : (
      '—'
    ),
};

export const COLUMN_LABELS: Record<Exclude<ColumnId, 'select'>, string> = {
  text: t('findings.text'),
  meeting: t('findings.meeting'),
  theme: t('findings.theme'),
  source: t('findings.source'),
  wijk: t('findings.wijk'),
  date: t('findings.date'),
  votes: t('findings.votes'),
  signal: t('findings.signal'),
};

// The table only lays out headers, visibility and sizes; rows are drawn by FindingRow from CELLS.
const COLUMNS: ColumnDef<FindingHit, unknown>[] = [
  { id: 'select', header: () => <span className="aw-visually-hidden">{t('findings.selectColumn')}</span>, enableSorting: false, enableResizing: false, enableHiding: false },
  { id: 'text', header: COLUMN_LABELS.text, enableResizing: false, enableHiding: false },
  ...OPTIONAL_COLUMNS.map((id): ColumnDef<FindingHit, unknown> => ({ id, header: COLUMN_LABELS[id], enableSorting: id in SORTABLE })),
];

interface RowProps {
  hit: FindingHit;
  index: number;
  columns: readonly ColumnId[];
  checked: boolean;
  onToggle(id: string): void;
}

/** One row; memoised, so scrolling renders only the rows that come into view. */
const FindingRow = memo(function FindingRow({ hit, index, columns, checked, onToggle }: RowProps) {
  return (
    <tr aria-rowindex={index + 2}>
      {columns.map((column) =>
        column === 'select' ? (
          <td key={column}>
            <input
              type="checkbox"
              className="utrecht-checkbox utrecht-checkbox--html-input"
              checked={checked}
              onChange={() => onToggle(hit.id)}
              aria-label={t('findings.select', { text: hit.text.slice(0, 80) })}
            />
          </td>
        ) : (
          <td key={column}>{CELLS[column](hit)}</td>
        ),
      )}
    </tr>
  );
});

interface FindingsTableProps {
  rows: FindingHit[];
  total: number;
  /** The rows shown are those of the previous search while the next one loads. */
  busy: boolean;
  /** Changes when another list is asked for (search, filters, sort): the table goes back to its top. */
  listKey: unknown;
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  prefs: ColumnPrefs;
  onPrefsChange(change: (current: ColumnPrefs) => ColumnPrefs): void;
  /** Called when the rows near the end of what is loaded come into view. */
  onNearEnd(): void;
}

/**
 * The virtualised findings table: its own component, so scrolling re-renders the rows in view
 * and nothing else of the page (not the filters with their hundreds of options).
 */
export function FindingsTable({ rows, total, busy, listKey, selected, onToggle, sorting, onSortingChange, prefs, onPrefsChange, onNearEnd }: FindingsTableProps) {
  const columnVisibility = useMemo<VisibilityState>(() => Object.fromEntries(prefs.hidden.map((column) => [column, false])), [prefs.hidden]);
  const columnSizing = useMemo<ColumnSizingState>(
    () => Object.fromEntries(OPTIONAL_COLUMNS.map((column) => [column, widthOf(prefs, column)])),
    [prefs],
  );
  const onColumnSizingChange = useCallback(
    (updater: Updater<ColumnSizingState>) =>
      onPrefsChange((current) => {
        const sizes = Object.fromEntries(OPTIONAL_COLUMNS.map((column) => [column, widthOf(current, column)]));
        const next = typeof updater === 'function' ? updater(sizes) : updater;
        // A column missing from the result was reset (double-click on its edge): back to its default.
        const widths: ColumnPrefs['widths'] = {};
        for (const column of OPTIONAL_COLUMNS) if (typeof next[column] === 'number') widths[column] = clampWidth(next[column]);
        return { ...current, widths };
      }),
    [onPrefsChange],
  );

  const table = useReactTable({
    data: rows,
    columns: COLUMNS,
    state: { sorting, columnVisibility, columnSizing },
    onSortingChange,
    onColumnSizingChange,
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    enableColumnResizing: true,
    defaultColumn: { minSize: MIN_WIDTH, maxSize: MAX_WIDTH },
    columnResizeMode: 'onChange',
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
  });

  const visibleColumns = table.getVisibleLeafColumns();
  const columnKey = visibleColumns.map((column) => column.id).join(',');
  // The same array while the same columns show, so memoised rows stay put.
  const columnIds = useMemo(() => columnKey.split(',') as ColumnId[], [columnKey]);
  const fixedWidth = visibleColumns.reduce((sum, column) => sum + (column.id === 'text' ? 0 : column.id === 'select' ? SELECT_WIDTH : column.getSize()), 0);

  const scrollRef = useRef<HTMLDivElement>(null);
  const metrics = useTextMetrics(scrollRef);
  // A new search starts at its first row, also while the last search's rows are still shown.
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [listKey]);
  // Each row's height is estimated from its text and the column widths, once per row and layout:
  // nothing is measured in the layout per row, so scrolling costs only the rows coming into view.
  const estimateSize = useMemo(() => {
    const widths = Object.fromEntries(visibleColumns.map((column) => [column.id, column.getSize()]));
    const textWidth = Math.max(metrics.width - fixedWidth, TEXT_MIN_WIDTH);
    const cache = new WeakMap<FindingHit, number>();
    const lines = (length: number, width: number) => Math.max(1, Math.ceil((length * metrics.charWidth) / Math.max(width - metrics.cellPadding, metrics.charWidth)));
    const estimate = (hit: FindingHit) => {
      let most = lines(hit.text.length, textWidth);
      if (widths.meeting) most = Math.max(most, lines((hit.meetingTitle ?? '—').length, widths.meeting));
      if (widths.theme) most = Math.max(most, lines(hit.theme.length, widths.theme));
      if (widths.wijk) most = Math.max(most, lines((hit.wijkName ?? '—').length, widths.wijk));
      if (widths.signal && hit.signals) most = Math.max(most, hit.signals.reduce((sum, signal) => sum + lines(signal.title.length, widths.signal!), 0));
      return most * metrics.lineHeight + metrics.rowPadding;
    };
    return (index: number) => {
      const hit = rows[index];
      if (!hit) return metrics.lineHeight + metrics.rowPadding;
      let size = cache.get(hit);
      if (size === undefined) {
        size = estimate(hit);
        cache.set(hit, size);
      }
      return size;
    };
  }, [rows, visibleColumns, fixedWidth, metrics]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 3,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - LOAD_AHEAD) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const sortState = sorting[0];
  const sortLabel = (id: string) => (sortState?.id === id ? (sortState.desc ? 'descending' : 'ascending') : undefined);
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;

  return (
    <div ref={scrollRef} className="aw-virtual-scroll" tabIndex={0} role="region" aria-label={t('findings.tableLabel')}>
      <table className="aw-virtual-table" aria-rowcount={total + 1} aria-busy={busy || undefined} style={{ minWidth: fixedWidth + TEXT_MIN_WIDTH }}>
        <caption className="aw-visually-hidden">{t('findings.title')}</caption>
        <colgroup>
          {visibleColumns.map((column) => (
            <col key={column.id} style={column.id === 'text' ? undefined : { width: column.id === 'select' ? SELECT_WIDTH : column.getSize() }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" aria-sort={sortLabel(header.column.id)}>
                  {header.column.getCanSort() ? (
                    <button type="button" className="aw-sort-button" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {sortState?.id === header.column.id ? (sortState.desc ? ' ▼' : ' ▲') : ''}
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                  {header.column.getCanResize() && (
                    // Mouse and touch only; the keyboard way is "Smaller"/"Breder" in the column chooser.
                    <div
                      aria-hidden="true"
                      className={`aw-column-resizer${header.column.getIsResizing() ? ' aw-column-resizer--active' : ''}`}
                      onMouseDown={header.getResizeHandler()}
                      onTouchStart={header.getResizeHandler()}
                      onDoubleClick={() => header.column.resetSize()}
                    />
                  )}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: paddingTop }} colSpan={columnIds.length} />
            </tr>
          )}
          {items.map((item) => {
            const hit = rows[item.index];
            if (!hit) return null;
            return (
              <FindingRow
                key={hit.id}
                hit={hit}
                index={item.index}
                columns={columnIds}
                checked={selected.has(hit.id)}
                onToggle={onToggle}
              />
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: paddingBottom }} colSpan={columnIds.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface TextMetrics {
  /** The scroll region's inner width (CSS px). */
  width: number;
  /** The average width of a character of finding text, a little low: a row estimated too short only means a few more rows drawn. */
  charWidth: number;
  lineHeight: number;
  /** A cell's padding left and right together; a row's padding and border top and bottom. */
  cellPadding: number;
  rowPadding: number;
}

/** The font's measures, read once, and the region's width, from one ResizeObserver on the region (not per row). */
function useTextMetrics(scrollRef: RefObject<HTMLDivElement | null>): TextMetrics {
  const [metrics, setMetrics] = useState<TextMetrics>({ width: 1024, charWidth: 8, lineHeight: 24, cellPadding: 16, rowPadding: 9 });
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const style = getComputedStyle(element);
    const fontSize = parseFloat(style.fontSize) || 16;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const lineHeight = style.lineHeight === 'normal' ? fontSize * 1.15 : parseFloat(style.lineHeight) || fontSize * 1.15;
    const context = document.createElement('canvas').getContext('2d');
    let charWidth = fontSize * 0.5;
    if (context) {
      context.font = `${style.fontWeight} ${fontSize}px ${style.fontFamily}`;
      charWidth = (context.measureText(SAMPLE).width / SAMPLE.length) * 0.95;
    }
    const base = { charWidth, lineHeight, cellPadding: rem, rowPadding: rem * 0.5 + 1 };
    setMetrics({ ...base, width: element.clientWidth });
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentBoxSize?.[0]?.inlineSize ?? element.clientWidth);
      setMetrics((current) => (current.width === width ? current : { ...current, width }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef]);
  return metrics;
}

/**
 * The findings as paper gets them: every given row in a plain table (the screen's table draws only the
 * rows in view), in the columns shown on screen. Rendered only while printing.
 */
export function FindingsPrintTable({ rows, total, limit, hidden }: { rows: FindingHit[]; total: number; limit: number; hidden: readonly string[] }) {
  const columns = (['text', ...OPTIONAL_COLUMNS] as const).filter((column) => !hidden.includes(column));
  return (
    <div className="aw-print-only">
      {rows.length < total && <p>{t('findings.printPartial', { shown: formatInteger(rows.length), total: formatInteger(total), limit: formatInteger(limit) })}</p>}
      <table className="aw-table aw-print-table">
        <colgroup>
          {columns.map((column) => (
            <col key={column} className={`aw-print-col--${column}`} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {COLUMN_LABELS[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((hit) => (
            <tr key={hit.id}>
              {columns.map((column) => (
                <td key={column} className={`aw-print-cell--${column}`}>
                  {CELLS[column](hit)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
