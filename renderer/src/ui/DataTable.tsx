import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import { t } from '../../../shared/i18n';
import { ScrollRegion } from './ScrollRegion';

interface DataTableProps<Row> {
  caption: string;
  columns: ColumnDef<Row, unknown>[];
  rows: Row[];
  getRowId(row: Row): string;
  initialSorting?: SortingState;
  /** False for short lists in a fixed order: plain column headers, no sort buttons. */
  sortable?: boolean;
}

const SORT_ARIA = { asc: 'ascending', desc: 'descending' } as const;
const SORT_MARK = { asc: ' ▲', desc: ' ▼' } as const;

/**
 * A sortable table on @tanstack/react-table with the NL Design System table styles. Sorting is
 * by buttons in the headers (keyboard-usable) and announced through aria-sort.
 */
export function DataTable<Row>({ caption, columns, rows, getRowId, initialSorting = [], sortable = true }: DataTableProps<Row>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    enableSorting: sortable,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <ScrollRegion label={caption}>
      <table className="utrecht-table aw-table">
        <caption className="utrecht-table__caption aw-visually-hidden">{caption}</caption>
        <thead className="utrecht-table__header">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="utrecht-table__row">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="utrecht-table__header-cell"
                    aria-sort={sorted ? SORT_ARIA[sorted] : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="aw-sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                        title={t('common.sortBy', { column: String(header.column.columnDef.header ?? '') })}
                      >
                        {label}
                        {sorted ? SORT_MARK[sorted] : ''}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="utrecht-table__body">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="utrecht-table__row">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="utrecht-table__cell">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
