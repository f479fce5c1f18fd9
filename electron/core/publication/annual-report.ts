import { AlignmentType, Document, Footer, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { CouncilAction, PlanningItem } from '../../../shared/api/council-own';
import { COMMITMENT_STATUSES, type CommitmentStatus, type Position, type ResponseOverview } from '../../../shared/api/responses';
import { formatDateLong, formatMonth, t } from '../../../shared/i18n';
import { getCouncil } from '../council/repository';
import { listActions, listMeetings, listPlanning, loadMeeting } from '../councilOwn/repository';
import type { Db } from '../db/connection';
import { stackedBarChartSvg } from '../documents/bar-chart';
import { chartToPng, placedSize } from '../documents/chart';
import { loadOverview } from '../responses/service';
import {
  COMMITMENT_COLUMNS,
  commitmentColumn,
  countPerYear,
  figureYears,
  hasFigures,
  POSITION_COLUMNS,
  positionColumn,
  type CommitmentColumn,
  type PositionColumn,
  type YearFigures,
} from './annual-figures';
import { advicesSentInYear, commitmentsDueInYear, meetingsOfYear } from './repository';

/**
 * The jaarverslag: the council's year in one .docx, ready to edit in Word. Advices sent that year
 * with the college's position per recommendation, the commitments due that year and their status,
 * the wijkbijeenkomsten and raadsvergaderingen held (with attendance), and the council's own work
 * (the year's planning and the actions of its meetings), and figures over the last years with a bar
 * chart each (positions per year, commitments kept; a PNG from documents/bar-chart.ts, see docs/publication.md)
 * followed by their numbers as a Word table, the editable source. Sections are numbered in the text (1, 2,
 * 2.1 …) so the numbering survives any editor. Everything goes in as text runs: markup stays text.
 */
export interface AnnualReport {
  year: number;
  councilName: string;
  advices: (ResponseOverview & { kind: 'gevraagd' | 'ongevraagd' })[];
  commitmentsDue: Awaited<ReturnType<typeof commitmentsDueInYear>>;
  wijkMeetings: Awaited<ReturnType<typeof meetingsOfYear>>;
  councilMeetings: { date: string; place: string; present: number; absent: number }[];
  planning: PlanningItem[];
  actions: CouncilAction[];
  /** Per year of sending (up to `FIGURE_YEARS`, ending with this year): the college's position per recommendation. */
  positionsPerYear: YearFigures<PositionColumn>[];
  /** Per year of the due date: what became of the commitments. */
  commitmentsPerYear: YearFigures<CommitmentColumn>[];
}

export async function loadAnnualReport(db: Db, year: number, today: string, progress: () => void = () => undefined): Promise<AnnualReport> {
  const council = await getCouncil(db);
  const advices: AnnualReport['advices'] = [];
  for (const row of await advicesSentInYear(db, year)) {
    advices.push({ ...(await loadOverview(db, row.id, council.responseTermWeeks, today)), kind: row.kind });
    progress();
  }
  const commitmentsDue = await commitmentsDueInYear(db, year);
  const positions: { year: number; column: PositionColumn }[] = [];
  const commitments: { year: number; column: CommitmentColumn }[] = [];
  for (const other of figureYears(year)) {
    const overviews: Pick<ResponseOverview, 'recommendations'>[] = other === year ? advices : [];
    if (other !== year) for (const row of await advicesSentInYear(db, other)) overviews.push(await loadOverview(db, row.id, council.responseTermWeeks, today));
    for (const advice of overviews) for (const item of advice.recommendations) positions.push({ year: other, column: positionColumn(item.position?.position) });
    for (const row of other === year ? commitmentsDue : await commitmentsDueInYear(db, other)) commitments.push({ year: other, column: commitmentColumn(row.status, row.dueOn, today) });
  }
  const inYear = (date: string) => date.startsWith(`${year}-`);
  const councilMeetings: AnnualReport['councilMeetings'] = [];
  for (const meeting of (await listMeetings(db)).filter((row) => inYear(row.date)).reverse()) {
    const detail = await loadMeeting(db, meeting.id, today);
    const attendance = detail?.attendance ?? [];
    councilMeetings.push({ date: meeting.date, place: meeting.place, present: attendance.filter((row) => row.present).length, absent: attendance.filter((row) => !row.present).length });
  }
  return {
    year,
    councilName: council.name,
    advices,
    commitmentsDue,
    wijkMeetings: await meetingsOfYear(db, year),
    councilMeetings,
    planning: await listPlanning(db, { year }),
    actions: (await listActions(db, today)).filter((action) => inYear(action.meetingDate)).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.id.localeCompare(b.id)),
    positionsPerYear: countPerYear(figureYears(year), POSITION_COLUMNS, positions),
    commitmentsPerYear: countPerYear(figureYears(year), COMMITMENT_COLUMNS, commitments),
  };
}

// ---- the document ----

/** A4 with 2.5 cm margins, in twentieths of a point; the house style of the letters (Arial 10.5). */
const TEXT_WIDTH = 9070;

const positionText = (value: Position | undefined) => (value ? t(`responses.position.${value}`) : t('responses.position.none'));
const commitmentText = (value: CommitmentStatus) => t(`responses.commitmentStatus.${value}`);
const positionColumnText = (value: PositionColumn) => (value === 'none' ? t('responses.position.none') : positionText(value));
const commitmentColumnText = (value: CommitmentColumn) => (value === 'te_laat' ? t('annualReport.commitmentLate') : commitmentText(value));

function para(text: string, options: { bold?: boolean; after?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ keepNext: options.keepNext ?? false, children: [new TextRun({ text, bold: options.bold ?? false })], spacing: { after: options.after ?? 120 } });
}

function heading(text: string, level: 1 | 2, pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)], spacing: { before: 240, after: 120 }, keepNext: true, pageBreakBefore });
}

function cell(text: string, bold = false, alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]): TableCell {
  return new TableCell({ children: [new Paragraph({ alignment, children: [new TextRun({ text, bold })] })] });
}

/** A table with a repeated header row; columns from `numericFrom` on are right-aligned; `totalsRow`: the last row in bold. */
function table(header: string[], rows: string[][], shares: number[], numericFrom = Infinity, totalsRow = false): Table {
  const align = (index: number) => (index >= numericFrom ? AlignmentType.RIGHT : undefined);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: shares.map((share) => Math.round(share * TEXT_WIDTH)),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text, index) => cell(text, true, align(index))) }),
      ...rows.map(
        (row, rowIndex) => new TableRow({ cantSplit: true, children: row.map((text, index) => cell(text, totalsRow && rowIndex === rows.length - 1, align(index))) }),
      ),
    ],
  });
}

function caption(text: string, keepNext: boolean): Paragraph {
  return new Paragraph({ keepNext, spacing: { before: 60, after: 120 }, children: [new TextRun({ text, italics: true })] });
}

/** The chart's content in words, for its alt text: per year the total and its non-zero parts. */
function chartAltText<K extends string>(title: string, figures: YearFigures<K>[], columns: readonly K[], label: (column: K) => string): string {
  const years = figures
    .map((entry) =>
      entry.total === 0
        ? t('annualReport.chartAltYearEmpty', { year: entry.year })
        : t('annualReport.chartAltYear', {
            year: entry.year,
            total: entry.total,
            parts: columns
              .filter((column) => entry.counts[column] > 0)
              .map((column) => `${entry.counts[column]} ${label(column)}`)
              .join(', '),
          }),
    )
    .join(' ');
  return t('annualReport.chartAlt', { title, from: figures[0]!.year, to: figures.at(-1)!.year, years });
}

/**
 * A figure over the years: the stacked bar chart (a PNG with its alt text and caption) directly
 * followed by its numbers as a Word table, the editable and readable source. The table has the
 * chart's shape: a column per year (the bars), a row per series (the legend, in its order) and a row
 * with the totals (the numbers above the bars), so the long Dutch labels get the wide first column.
 * With nothing to count in any year there is neither chart nor table, only a sentence saying so.
 */
function figureWithTable<K extends string>(options: {
  title: string;
  axisLabel: string;
  emptyText: string;
  rowHeader: string;
  figures: YearFigures<K>[];
  columns: readonly K[];
  label: (column: K) => string;
  numbers: { figure: number; table: number };
}): { children: (Paragraph | Table)[]; drawn: boolean } {
  const { title, figures, columns, label } = options;
  if (!hasFigures(figures)) return { children: [para(options.emptyText)], drawn: false };
  const chart = stackedBarChartSvg({
    title,
    axisLabel: options.axisLabel,
    categories: figures.map((entry) => String(entry.year)),
    series: columns.map((column) => ({ name: label(column), values: figures.map((entry) => entry.counts[column]) })),
  });
  const png = chartToPng(chart.svg);
  const yearShare = Math.min(0.13, 0.62 / figures.length);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: png, transformation: placedSize(png, 600), altText: { name: title, title, description: chartAltText(title, figures, columns, label) } })],
    }),
    caption(t('annualReport.figureCaption', { n: options.numbers.figure, title }), true),
    caption(t('annualReport.tableCaption', { n: options.numbers.table, figure: options.numbers.figure }), true),
    table(
      [options.rowHeader, ...figures.map((entry) => String(entry.year))],
      [
        ...columns.map((column) => [label(column), ...figures.map((entry) => String(entry.counts[column]))]),
        [t('annualReport.total'), ...figures.map((entry) => String(entry.total))],
      ],
      [1 - yearShare * figures.length, ...figures.map(() => yearShare)],
      1,
      true,
    ),
  ];
  return { children, drawn: true };
}

function count<T extends string>(values: T[], keys: readonly T[]): [T, number][] {
  return keys.map((key) => [key, values.filter((value) => value === key).length]);
}

export async function annualReportDocx(report: AnnualReport): Promise<Buffer> {
  const title = t('annualReport.title', { year: report.year });
  const recommendations = report.advices.flatMap((advice) => advice.recommendations);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    para(report.councilName, { after: 240 }),

    heading(t('annualReport.summary', { n: 1 }), 1),
    para(
      t('annualReport.summaryAdvices', {
        count: report.advices.length,
        asked: report.advices.filter((advice) => advice.kind === 'gevraagd').length,
        unasked: report.advices.filter((advice) => advice.kind === 'ongevraagd').length,
        recommendations: recommendations.length,
      }),
    ),
    para(t('annualReport.summaryMeetings', { wijk: report.wijkMeetings.length, council: report.councilMeetings.length })),
  ];

  // 1.1 and 1.2: the figures over the years, each a chart and its table (numbered as they appear).
  const looked = figureYears(report.year);
  const span = { from: looked[0]!, to: looked.at(-1)! };
  children.push(heading(t('annualReport.positionsTitle', { n: '1.1' }), 2), para(t('annualReport.positionsIntro'), { keepNext: true }));
  const positions = figureWithTable({
    title: t('annualReport.positionsChart'),
    axisLabel: t('annualReport.recommendationsAxis'),
    emptyText: t('annualReport.positionsEmpty', span),
    rowHeader: t('annualReport.positionsRowHeader'),
    figures: report.positionsPerYear,
    columns: POSITION_COLUMNS,
    label: positionColumnText,
    numbers: { figure: 1, table: 1 },
  });
  children.push(...positions.children);
  const next = positions.drawn ? 2 : 1;
  // After a drawn figure 1.1 the page is full (title, summary, chart, table: about 21 of 25 cm), and LibreOffice does not
  // carry a heading kept with its chart over to the next page: 1.2 starts a page of its own, its chart under its heading.
  children.push(heading(t('annualReport.commitmentsTitle', { n: '1.2' }), 2, positions.drawn), para(t('annualReport.commitmentsIntro'), { keepNext: true }));
  children.push(
    ...figureWithTable({
      title: t('annualReport.commitmentsChart'),
      axisLabel: t('annualReport.commitmentsAxis'),
      emptyText: t('annualReport.commitmentsEmpty', span),
      rowHeader: t('annualReport.commitmentsRowHeader'),
      figures: report.commitmentsPerYear,
      columns: COMMITMENT_COLUMNS,
      label: commitmentColumnText,
      numbers: { figure: next, table: next },
    }).children,
  );

  // 2. Advices, one numbered subsection each.
  children.push(heading(t('annualReport.advices', { n: 2 }), 1));
  if (report.advices.length === 0) children.push(para(t('annualReport.noAdvices')));
  report.advices.forEach((advice, index) => {
    children.push(heading(t('annualReport.advice', { n: `2.${index + 1}`, kenmerk: advice.kenmerk, betreft: advice.betreft }), 2));
    children.push(
      para(
        `${t('annualReport.adviceLine', { kind: t(`site.kind_${advice.kind}`), sent: advice.sentOn ? formatDateLong(advice.sentOn) : '–' })} ${
          advice.responses[0] ? t('annualReport.responseLine', { date: formatDateLong(advice.responses[0].receivedOn) }) : t('annualReport.noResponse')
        }`,
      ),
    );
    if (advice.recommendations.length > 0)
      children.push(
        table(
          [t('reports.number'), t('reports.recommendation'), t('reports.position'), t('reports.collegeText')],
          advice.recommendations.map((row) => [row.number, row.text, positionText(row.position?.position), row.position?.collegeText ?? '']),
          [0.08, 0.4, 0.2, 0.32],
        ),
      );
  });

  // 3. Commitments due this year.
  children.push(heading(t('annualReport.commitments', { n: 3 }), 1));
  if (report.commitmentsDue.length === 0) children.push(para(t('annualReport.noCommitments')));
  else {
    const counts = count(
      report.commitmentsDue.map((row) => row.status),
      COMMITMENT_STATUSES,
    ).filter(([, n]) => n > 0);
    children.push(para(t('annualReport.commitmentsLine', { count: report.commitmentsDue.length, states: counts.map(([key, n]) => `${commitmentText(key)}: ${n}`).join(', ') })));
    children.push(
      table(
        [t('reports.kenmerk'), t('reports.commitment'), t('reports.dueOn'), t('reports.status')],
        report.commitmentsDue.map((row) => [row.kenmerk, row.description, formatDateLong(row.dueOn), commitmentText(row.status)]),
        [0.18, 0.44, 0.2, 0.18],
      ),
    );
  }

  // 4. Meetings held.
  children.push(heading(t('annualReport.meetings', { n: 4 }), 1));
  children.push(heading(t('annualReport.wijkMeetings', { n: '4.1' }), 2));
  if (report.wijkMeetings.length === 0) children.push(para(t('annualReport.noMeetings')));
  else
    children.push(
      table(
        [t('annualReport.date'), t('annualReport.meeting'), t('annualReport.place'), t('annualReport.attendees')],
        report.wijkMeetings.map((row) => [formatDateLong(row.date), row.title, row.location, row.attendees === null ? '–' : String(row.attendees)]),
        [0.22, 0.38, 0.26, 0.14],
      ),
    );
  children.push(heading(t('annualReport.councilMeetings', { n: '4.2' }), 2));
  if (report.councilMeetings.length === 0) children.push(para(t('annualReport.noMeetings')));
  else
    children.push(
      table(
        [t('annualReport.date'), t('annualReport.place'), t('annualReport.present'), t('annualReport.absent')],
        report.councilMeetings.map((row) => [formatDateLong(row.date), row.place, String(row.present), String(row.absent)]),
        [0.3, 0.4, 0.15, 0.15],
      ),
    );

  // 5. The council's own work.
  children.push(heading(t('annualReport.ownWork', { n: 5 }), 1));
  children.push(heading(t('annualReport.planning', { n: '5.1' }), 2));
  if (report.planning.length === 0) children.push(para(t('annualReport.noPlanning')));
  else
    children.push(
      table(
        [t('councilOwn.month'), t('councilOwn.planningTitleField'), t('councilOwn.state')],
        report.planning.map((row) => [formatMonth(row.month), row.title, t(`councilOwn.state_${row.state}`)]),
        [0.2, 0.6, 0.2],
      ),
    );
  children.push(heading(t('annualReport.actions', { n: '5.2' }), 2));
  if (report.actions.length === 0) children.push(para(t('annualReport.noActions')));
  else
    children.push(
      table(
        [t('annualReport.action'), t('annualReport.owner'), t('reports.dueOn'), t('reports.status')],
        report.actions.map((row) => [row.description, row.ownerName, formatDateLong(row.dueOn), t(`councilOwn.status_${row.status}`)]),
        [0.46, 0.2, 0.2, 0.14],
      ),
    );

  const document = new Document({
    creator: report.councilName || 'Advieswerk',
    title,
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The jaarverslag of a year as .docx bytes with the file name the core gives it. */
export async function buildAnnualReport(db: Db, year: number, today: string, progress?: () => void): Promise<{ bytes: Buffer; fileName: string }> {
  const report = await loadAnnualReport(db, year, today, progress);
  return { bytes: await annualReportDocx(report), fileName: t('annualReport.fileName', { year }) };
}
