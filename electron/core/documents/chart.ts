import { Resvg } from '@resvg/resvg-js';

/**
 * The one chart engine of the .docx documents (the monitoring report's trend lines, the jaarverslag's
 * bars): SVG strings drawn here in the core (no DOM, no browser: this runs in a job's worker thread)
 * and rendered to PNG by resvg, which installs from the npm registry alone. What every chart shares
 * lives here: escaping, the series styles (each differs in colour *and* in dash, marker and fill
 * pattern, so a chart also reads when printed in black and white), the font of the documents
 * (Arial, or its metric twin Liberation Sans), whole-number axes, the legend, and rendering at print
 * resolution. Line charts are `monitoring/chart-svg.ts`; bar charts are `bar-chart.ts`.
 */

/** Arial as the documents name it; Liberation Sans is what Linux and CI have (fonts-liberation2). */
export const CHART_FONT_FAMILY = 'Liberation Sans, Arial, sans-serif';
export const CHART_FONT = `font-family="${CHART_FONT_FAMILY}"`;
export const INK = '#1a1a1a';

/** Per series: colour, a lighter ground for its fill pattern, a dash pattern and a marker for lines. */
export const SERIES_STYLES = [
  { color: '#1d4f91', ground: '#1d4f91', dash: '', marker: 'circle', pattern: 'solid' },
  { color: '#b34700', ground: '#f6d9c4', dash: '10 5', marker: 'square', pattern: 'diagonal' },
  { color: '#1e6b34', ground: '#d3ead9', dash: '3 4', marker: 'triangle', pattern: 'dots' },
  { color: '#6a1b9a', ground: '#e7d5ef', dash: '14 5 3 5', marker: 'diamond', pattern: 'cross' },
  { color: '#333333', ground: '#ffffff', dash: '6 6', marker: 'cross', pattern: 'horizontal' },
  { color: '#555555', ground: '#d9d9d9', dash: '2 2', marker: 'circle', pattern: 'light' },
] as const;
export type SeriesStyle = (typeof SERIES_STYLES)[number];

export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length]!;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

/** A rough width of a text in the chart font (no measuring without a layout engine); for placing, not clipping. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

/** `<defs>` with one fill pattern per series style; `fillOf(index)` is the fill to use. */
export function patternDefs(prefix = 'fill'): string {
  const patterns = SERIES_STYLES.map((style, index) => {
    const id = `${prefix}-${index}`;
    const ground = `<rect width="8" height="8" fill="${style.ground}"/>`;
    switch (style.pattern) {
      case 'solid':
      case 'light':
        return '';
      case 'diagonal':
        return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">${ground}<rect width="3.5" height="8" fill="${style.color}"/></pattern>`;
      case 'dots':
        return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8">${ground}<circle cx="4" cy="4" r="2.2" fill="${style.color}"/></pattern>`;
      case 'cross':
        return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8">${ground}<path d="M0 0L8 8M8 0L0 8" stroke="${style.color}" stroke-width="1.6"/></pattern>`;
      case 'horizontal':
        return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="6">${ground}<rect y="0" width="8" height="2.5" fill="${style.color}"/></pattern>`;
    }
  });
  return `<defs>${patterns.join('')}</defs>`;
}

export function fillOf(index: number, prefix = 'fill'): string {
  const style = seriesStyle(index);
  return style.pattern === 'solid' || style.pattern === 'light' ? style.ground : `url(#${prefix}-${index % SERIES_STYLES.length})`;
}

/** The line marker of a style at (x, y). */
export function markerPath(kind: SeriesStyle['marker'], x: number, y: number, color: string): string {
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

/** 1, 2, 2.5, 5 or 10 times a power of ten at or above `value`; 1 for nothing (never a zero range). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

/**
 * An axis of counts from 0: whole-number ticks (at most about six), the top one at or above `highest`.
 * With nothing to count the axis still runs 0–1, so nothing divides by zero.
 */
export function countAxis(highest: number): { max: number; ticks: number[] } {
  const top = Math.max(1, Math.ceil(highest));
  const step = Math.max(1, niceMax(top / 5));
  const wholeStep = Number.isInteger(step) ? step : Math.ceil(step);
  const max = Math.ceil(top / wholeStep) * wholeStep;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += wholeStep) ticks.push(tick);
  return { max, ticks };
}

/**
 * A legend under the plot: each entry a swatch (drawn by `swatch` at its top-left corner, 36×14)
 * and its name, flowing into rows that fit `width`. Returns the SVG and the height it takes.
 */
export function legendSvg(
  names: string[],
  options: { x: number; y: number; width: number; fontSize?: number; swatch: (index: number, x: number, y: number) => string },
): { svg: string; height: number } {
  const fontSize = options.fontSize ?? 14;
  const rowHeight = fontSize + 12;
  const parts: string[] = [];
  let x = options.x;
  let row = 0;
  names.forEach((name, index) => {
    const entryWidth = 44 + textWidth(name, fontSize) + 24;
    if (x > options.x && x + entryWidth > options.x + options.width) {
      row += 1;
      x = options.x;
    }
    const y = options.y + row * rowHeight;
    parts.push(options.swatch(index, x, y));
    parts.push(`<text x="${x + 44}" y="${y + Math.round(fontSize * 0.85)}" ${CHART_FONT} font-size="${fontSize}" fill="${INK}">${escapeXml(name)}</text>`);
    x += entryWidth;
  });
  return { svg: parts.join(''), height: names.length === 0 ? 0 : (row + 1) * rowHeight };
}

/** Opens a chart: the SVG element on white and the title. */
export function chartOpening(width: number, height: number, title: string, titleX: number): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${titleX}" y="26" ${CHART_FONT} font-size="18" font-weight="bold" fill="${INK}">${escapeXml(title)}</text>`,
  ].join('');
}

/** Pixels per SVG unit of the PNG: a chart 800 units wide, placed about 16 cm wide on the page, prints at about 250 dpi. */
export const PRINT_SCALE = 2;

/** Renders an SVG chart to PNG at print resolution (`PRINT_SCALE`), text in the documents' font. */
export function chartToPng(svg: string, scale = PRINT_SCALE): Buffer {
  return new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
    background: '#ffffff',
  })
    .render()
    .asPng();
}

/** Width and height of a PNG (from its IHDR chunk). */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The size to place a chart image at in a .docx (docx's pixels, 96 per inch): `width` wide, height in proportion. */
export function placedSize(png: Buffer, width: number): { width: number; height: number } {
  const size = pngSize(png);
  return { width, height: Math.round((width * size.height) / size.width) };
}
