import { Resvg } from '@resvg/resvg-js';
import type { Criterion } from '../../../shared/api/monitoring';
import { formatValue } from '../../../shared/monitoring/measures';
import type { TrendPoint } from '../../../shared/monitoring/trend';

/**
 * Trend charts for the .docx report, drawn as SVG here in the core (no browser) and rendered to
 * PNG by resvg, which installs from the npm registry alone. Lines differ in dash pattern and marker
 * shape as well as colour, so the chart also reads in black and white.
 */
const STYLES = [
  { color: '#1d4f91', dash: '', marker: 'circle' },
  { color: '#b34700', dash: '10 5', marker: 'square' },
  { color: '#1e6b34', dash: '3 4', marker: 'triangle' },
  { color: '#6a1b9a', dash: '14 5 3 5', marker: 'diamond' },
  { color: '#333333', dash: '6 6', marker: 'cross' },
] as const;

export interface SvgSeries {
  name: string;
  points: TrendPoint[];
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

function markerPath(kind: (typeof STYLES)[number]['marker'], x: number, y: number, color: string): string {
  const r = 5;
  switch (kind) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}"/>`;
    case 'square':
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
    case 'triangle':
      return `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z" fill="${color}"/>`;
    case 'diamond':
      return `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z" fill="${color}"/>`;
    case 'cross':
      return `<path d="M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}" stroke="${color}" stroke-width="3"/>`;
  }
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
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
  const font = `font-family="DejaVu Sans, Arial, sans-serif"`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="26" ${font} font-size="18" font-weight="bold" fill="#1a1a1a">${escapeXml(title)}</text>`,
  ];
  for (const tick of ticks) {
    parts.push(`<line x1="${left}" y1="${y(tick)}" x2="${left + plotWidth}" y2="${y(tick)}" stroke="#d0d0d0" stroke-width="1"/>`);
    parts.push(
      `<text x="${left - 10}" y="${y(tick) + 5}" ${font} font-size="13" text-anchor="end" fill="#1a1a1a">${escapeXml(formatValue(criterion.measureType, tick))}</text>`,
    );
  }
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="#1a1a1a" stroke-width="2"/>`);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="#1a1a1a" stroke-width="2"/>`);
  const labelEvery = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((period, index) => {
    if (index % labelEvery !== 0 && index !== periods.length - 1) return;
    parts.push(`<text x="${x(index)}" y="${top + plotHeight + 22}" ${font} font-size="13" text-anchor="middle" fill="#1a1a1a">${escapeXml(period)}</text>`);
  });
  series.forEach((item, seriesIndex) => {
    const style = STYLES[seriesIndex % STYLES.length]!;
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
    parts.push(`<text x="${legendX + 44}" y="${legendY}" ${font} font-size="14" fill="#1a1a1a">${escapeXml(item.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' }).render().asPng();
}
