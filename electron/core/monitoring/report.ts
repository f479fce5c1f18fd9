import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { MonitoringMatrix } from '../../../shared/api/monitoring';
import { formatDateLong, t } from '../../../shared/i18n';
import { formatDelta, formatValue, STATUS_SYMBOL, statusLabel } from '../../../shared/monitoring/measures';
import { comparePeriodKeys, parsePeriodKey, periodLabel, shiftPeriodKey } from '../../../shared/monitoring/periods';
import { csvDocument } from '../csv';
import type { Db } from '../db/connection';
import { nowIso } from '../ids';
import { chartToPng, placedSize } from '../documents/chart';
import { trendChartSvg } from './chart-svg';
import { buildCriterionTrend, buildMatrix } from './queries';
import { assessmentsOfLiveTeams, listCriteria, listFrameworkNames, listWijkteamRefs } from './repository';

export interface ReportOptions {
  periodKey: string;
  frameworkId: string | null;
  /** How many periods the trend charts cover, ending with the report's period. */
  trendLength?: number;
  report?: (done: number, total: number) => void;
  throwIfCancelled?: () => void;
}

function cellText(matrix: MonitoringMatrix, rowIndex: number, colIndex: number): string {
  const criterion = matrix.criteria[colIndex]!;
  const cell = matrix.rows[rowIndex]!.cells[colIndex]!;
  if (!cell.assessment) return `${STATUS_SYMBOL.missing} ${t('monitoring.missingCell')}`;
  const status = cell.status === 'neutral' ? '' : ` (${statusLabel(cell.status)})`;
  const change = cell.change ? ` ${t(`monitoring.outcomeSymbol.${cell.change.outcome}`)} ${formatDelta(criterion.measureType, cell.change.delta)}` : '';
  return `${STATUS_SYMBOL[cell.status]} ${formatValue(criterion.measureType, cell.assessment.value)}${status}${change}`;
}

function textCell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
}

/** The monitoring report: the matrix of one period as a table and a trend chart per criterion. */
export async function buildMonitoringReport(db: Db, options: ReportOptions): Promise<Buffer> {
  const matrix = await buildMatrix(db, { periodKey: options.periodKey, frameworkId: options.frameworkId, includeRetired: false });
  const total = matrix.criteria.length + 2;
  options.report?.(1, total);
  const teams = await listWijkteamRefs(db);
  const kind = parsePeriodKey(options.periodKey)!.kind;
  const length = options.trendLength ?? 8;

  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t('monitoring.reportTitle'))] }),
    new Paragraph({ children: [new TextRun({ text: t('monitoring.reportPeriod', { period: periodLabel(options.periodKey) }), bold: true })] }),
  ];
  if (matrix.framework) children.push(new Paragraph(`${t('monitoring.framework')}: ${matrix.framework.name}`));
  children.push(new Paragraph(t('monitoring.reportGenerated', { date: formatDateLong(nowIso().slice(0, 10)) })));
  children.push(new Paragraph({ children: [new TextRun({ text: t('monitoring.reportLegend'), italics: true })] }));

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t('monitoring.reportMatrix'))] }));
  const header = new TableRow({
    tableHeader: true,
    children: [textCell(t('monitoring.team'), true), ...matrix.criteria.map((criterion) => textCell(criterion.name, true))],
  });
  const rows = matrix.rows.map(
    (row, rowIndex) =>
      new TableRow({ children: [textCell(row.team.name, true), ...row.cells.map((_cell, colIndex) => textCell(cellText(matrix, rowIndex, colIndex)))] }),
  );
  children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
  options.report?.(2, total);

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(t('monitoring.reportTrends'))] }));
  let done = 2;
  for (const criterion of matrix.criteria) {
    options.throwIfCancelled?.();
    const trend = await buildCriterionTrend(db, {
      criterionId: criterion.id,
      wijkteamIds: teams.map((team) => team.id),
      kind,
      from: shiftPeriodKey(options.periodKey, -(length - 1)),
      to: options.periodKey,
    });
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(criterion.name)] }));
    const png = chartToPng(
      trendChartSvg({
        title: criterion.name,
        criterion,
        periods: trend.periods,
        series: trend.series.map((item) => ({ name: item.subject.name, points: item.points })),
      }),
    );
    children.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [new ImageRun({ type: 'png', data: png, transformation: placedSize(png, 600), altText: { name: criterion.name, description: t('monitoring.reportChartAlt', { title: criterion.name }) } })],
      }),
    );
    for (const item of trend.series) {
      const summary = item.summary;
      const overall =
        summary.overall && summary.first && summary.last
          ? t('monitoring.overallChange', {
              first: `${formatValue(criterion.measureType, summary.first.value)} (${summary.first.periodKey})`,
              last: `${formatValue(criterion.measureType, summary.last.value)} (${summary.last.periodKey})`,
              outcome: `${t(`monitoring.outcomeSymbol.${summary.overall.outcome}`)} ${formatDelta(criterion.measureType, summary.overall.delta)} (${t(`monitoring.outcome.${summary.overall.outcome}`)})`,
            })
          : t('monitoring.overallNone');
      children.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(t('monitoring.summaryLine', { subject: item.subject.name, assessed: summary.assessed, total: trend.periods.length, overall }))],
        }),
      );
    }
    done += 1;
    options.report?.(done, total);
  }

  const document = new Document({
    creator: 'Advieswerk',
    title: t('monitoring.reportTitle'),
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 20 } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(document);
}

/** All assessments of a framework (or all), period by period, as CSV for a spreadsheet (semicolons, BOM). */
export async function buildMonitoringCsv(db: Db, options: { frameworkId: string | null }): Promise<string> {
  const criteria = await listCriteria(db, { frameworkId: options.frameworkId, includeRetired: true });
  const frameworkNames = new Map((await listFrameworkNames(db)).map((row) => [row.id, row.name]));
  const teams = await listWijkteamRefs(db);
  const teamOrder = new Map(teams.map((team, index) => [team.id, index]));
  const criterionOrder = new Map(criteria.map((criterion, index) => [criterion.id, index]));
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const rows = (await assessmentsOfLiveTeams(db, options.frameworkId ? criteria.map((criterion) => criterion.id) : undefined)).sort(
    (a, b) =>
      comparePeriodKeys(a.period_key, b.period_key) ||
      (teamOrder.get(a.wijkteam_id) ?? 0) - (teamOrder.get(b.wijkteam_id) ?? 0) ||
      (criterionOrder.get(a.criterion_id) ?? 0) - (criterionOrder.get(b.criterion_id) ?? 0),
  );
  const header = t('monitoring.csvHeader').split(';');
  const data = rows.map((row) => {
    const criterion = byId.get(row.criterion_id)!;
    return [
      row.period_key,
      teamNames.get(row.wijkteam_id) ?? '',
      criterion.name,
      frameworkNames.get(criterion.frameworkId) ?? '',
      t(`monitoring.measure.${criterion.measureType}`),
      String(row.value).replace('.', ','),
      formatValue(criterion.measureType, row.value),
      row.evidence,
      row.sources,
      row.assessed_by,
      row.assessed_on,
    ];
  });
  return csvDocument(header, data);
}
