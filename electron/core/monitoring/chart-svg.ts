import type { Criterion } from '../../../shared/api/monitoring';
import { formatValue } from '../../../shared/monitoring/measures';
import type { TrendPoint } from '../../../shared/monitoring/trend';
import { CHART_FONT, chartOpening, escapeXml, INK, markerPath, niceMax, seriesStyle } from '../documents/chart';

/**
 * Trend charts for the monitoring .docx report: one line per wijkteam. Drawn with the documents'
 * chart module (`documents/chart.ts`: styles, font, escaping, rendering to PNG); lines differ in dash
 * pattern and marker shape as well as colour, so the chart also reads in black and white.
 */

export interface SvgSeries {
  name: string;
  points: TrendPoint[];
}

function yRange(criterion: Criterion, series: SvgSeries[]): { min: number; max: number; ticks: number[] } {
  if (criterion.measureType === 'score') return { min: 1, max: 5, ticks: [1, 2, 3, 4, 5] };
  if (criterion.measureType === 'traffic_light') return { min: 1, max: 3, ticks: [1, 2, 3] };
  if (criterion.measureType === 'percentage') return { min: 0, max: 100, ticks: [0, 25, 50, 75, 100] };
  const highest = Math.max(0, ...series.flatMap((item) => item.points.map((point) => point.value ?? 0)));
  const max = niceMax(highest);
  return { min: 0, max, ticks: [0, max / 4, max / 2, (3 * max) / 4, max] };
}

export function trendChartSvg(options: { title: string; criterion: Criterion; periods: string[]; series: SvgSeries[]; width?: number; height?: number }): string {
  const { title, criterion, periods, series } = options;
  const width = options.width ?? 800;
  const legendRows = Math.ceil(series.length / 3);
  const height = (options.height ?? 360) + legendRows * 24;
  const left = 110;
  const right = 30;
  const top = 46;
  const plotHeight = (options.height ?? 360) - top - 50;
  const plotWidth = width - left - right;
  const { min, max, ticks } = yRange(criterion, series);
  const x = (index: number) => left + (periods.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (periods.length - 1));
  const y = (value: number) => top + plotHeight - ((value - min) / (max - min || 1)) * plotHeight;
  const font = CHART_FONT;
  const parts: string[] = [chartOpening(width, height, title, left)];
  for (const tick of ticks) {
    parts.push(`<line x1="${left}" y1="${y(tick)}" x2="${left + plotWidth}" y2="${y(tick)}" stroke="#d0d0d0" stroke-width="1"/>`);
    parts.push(
      `<text x="${left - 10}" y="${y(tick) + 5}" ${font} font-size="13" text-anchor="end" fill="${INK}">${escapeXml(formatValue(criterion.measureType, tick))}</text>`,
    );
  }
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="${INK}" stroke-width="2"/>`);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="${INK}" stroke-width="2"/>`);
  const labelEvery = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((period, index) => {
    if (index % labelEvery !== 0 && index !== periods.length - 1) return;
    parts.push(`<text x="${x(index)}" y="${top + plotHeight + 22}" ${font} font-size="13" text-anchor="middle" fill="${INK}">${escapeXml(period)}</text>`);
  });
  series.forEach((item, seriesIndex) => {
    const style = seriesStyle(seriesIndex);
    const assessed = item.points.map((point, index) => ({ point, index })).filter(({ point }) => point.value !== null);
    if (assessed.length > 1) {
      const d = assessed.map(({ point, index }, order) => `${order === 0 ? 'M' : 'L'}${x(index).toFixed(1)} ${y(point.value!).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${style.color}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    }
    for (const { point, index } of assessed) parts.push(markerPath(style.marker, x(index), y(point.value!), style.color));
    const legendX = left + (seriesIndex % 3) * Math.floor(plotWidth / 3);
    const legendY = top + plotHeight + 50 + Math.floor(seriesIndex / 3) * 24;
    parts.push(`<line x1="${legendX}" y1="${legendY - 5}" x2="${legendX + 36}" y2="${legendY - 5}" stroke="${style.color}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    parts.push(markerPath(style.marker, legendX + 18, legendY - 5, style.color));
    parts.push(`<text x="${legendX + 44}" y="${legendY}" ${font} font-size="14" fill="${INK}">${escapeXml(item.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
