import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { Heading } from '../../ui/Heading';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** One column of a PlainTable; a rowHeader column names its row for screen readers (th scope="row"). */
export interface PlainColumn<Row> {
  key: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  rowHeader?: boolean;
}

interface PlainTableProps<Row> {
  caption?: string;
  /** Names the table's scrolling region when there is no caption (the section's heading). */
  label?: string;
  /** The rows decide the row type, so a generic column such as the kenmerk link fits any of them. */
  columns: PlainColumn<NoInfer<Row>>[];
  rows: Row[];
  rowKey(row: Row): string | number;
}

/**
 * The responses screens' light table (class aw-table, visible caption when given): one header row,
 * one row per record. Unlike ui/DataTable it does not sort and keeps its caption on screen.
 */
export function PlainTable<Row>({ caption, label, columns, rows, rowKey }: PlainTableProps<Row>) {
  return (
    <ScrollRegion label={label ?? caption ?? ''}>
      <table className="aw-table">
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th scope="row" key={column.key}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A dashboard tile: a section named by its h2. */
export function FigureSection({ id, title, children, screenOnly = false }: { id: string; title: string; children: ReactNode; screenOnly?: boolean }) {
  return (
    <section className={screenOnly ? 'aw-figure aw-screen-only' : 'aw-figure'} aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * A chart for sighted users with the same figures as a table for everyone else: the chart is
 * hidden from assistive technology and out of the Tab order, the table (with its own caption) carries the meaning.
 */
export function ChartWithTable<Row>({ height, chart, caption, ...table }: { height: number; chart: ReactElement; caption: string } & Omit<PlainTableProps<Row>, 'caption'>) {
  return (
    <>
      {/* inert: no part of the SVG is in the Tab order; the table carries the figures. */}
      <div className="aw-chart" aria-hidden="true" inert>
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      </div>
      <PlainTable caption={caption} {...table} />
    </>
  );
}
