import { CHART_FONT, chartOpening, countAxis, escapeXml, fillOf, INK, legendSvg, patternDefs, textWidth } from './chart';

/**
 * A stacked bar chart of counts for the .docx documents (the jaarverslag): one bar per category (a
 * year), one segment per series, each series its own colour *and* fill pattern (black-and-white
 * print), a whole-number axis from 0, the total above each bar, and a legend under the plot.
 */
export interface BarSeries {
  name: string;
  /** One count per category, in the categories' order. */
  values: number[];
}

export interface BarChart {
  svg: string;
  width: number;
  height: number;
}

/** The size of the labels, ticks and legend: the chart is placed about 16 cm wide, so 16 units print at 9 pt. */
const FONT_SIZE = 16;

export function stackedBarChartSvg(options: { title: string; categories: string[]; series: BarSeries[]; axisLabel?: string; width?: number; plotHeight?: number }): BarChart {
  const { title, categories, series } = options;
  const width = options.width ?? 800;
  const plotHeight = options.plotHeight ?? 260;
  const totals = categories.map((_category, index) => series.reduce((sum, item) => sum + (item.values[index] ?? 0), 0));
  const { max, ticks } = countAxis(Math.max(0, ...totals));
  const tickLabelWidth = Math.max(...ticks.map((tick) => textWidth(String(tick), FONT_SIZE)));
  const left = 30 + Math.ceil(tickLabelWidth) + (options.axisLabel ? 24 : 0);
  const right = 24;
  const top = 62;
  const plotWidth = width - left - right;
  const bottom = top + plotHeight;
  const legend = legendSvg(
    series.map((item) => item.name),
    {
      x: left,
      y: bottom + 44,
      width: plotWidth,
      fontSize: FONT_SIZE,
      swatch: (index, x, y) => `<rect x="${x}" y="${y}" width="36" height="16" fill="${fillOf(index)}" stroke="${INK}" stroke-width="1"/>`,
    },
  );
  const height = bottom + 44 + legend.height + 10;
  const y = (value: number) => bottom - (value / max) * plotHeight;
  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.min(90, slot * 0.6);

  const parts: string[] = [chartOpening(width, height, title, 16), patternDefs()];
  if (options.axisLabel)
    parts.push(
      `<text transform="translate(20 ${top + plotHeight / 2}) rotate(-90)" ${CHART_FONT} font-size="${FONT_SIZE}" text-anchor="middle" fill="${INK}">${escapeXml(options.axisLabel)}</text>`,
    );
  for (const tick of ticks) {
    parts.push(`<line x1="${left}" y1="${y(tick)}" x2="${left + plotWidth}" y2="${y(tick)}" stroke="#c8c8c8" stroke-width="1"/>`);
    parts.push(`<text x="${left - 10}" y="${y(tick) + 5}" ${CHART_FONT} font-size="${FONT_SIZE}" text-anchor="end" fill="${INK}">${tick}</text>`);
  }
  categories.forEach((category, index) => {
    const x = left + slot * index + (slot - barWidth) / 2;
    let base = 0;
    series.forEach((item, seriesIndex) => {
      const value = item.values[index] ?? 0;
      if (value <= 0) return;
      const y0 = y(base);
      const y1 = y(base + value);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y0 - y1).toFixed(1)}" fill="${fillOf(seriesIndex)}" stroke="${INK}" stroke-width="1"/>`,
      );
      base += value;
    });
    parts.push(
      `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y(totals[index]!) - 8).toFixed(1)}" ${CHART_FONT} font-size="${FONT_SIZE}" font-weight="bold" text-anchor="middle" fill="${INK}">${totals[index]}</text>`,
    );
    parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${bottom + 24}" ${CHART_FONT} font-size="${FONT_SIZE}" text-anchor="middle" fill="${INK}">${escapeXml(category)}</text>`);
  });
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${left + plotWidth}" y2="${bottom}" stroke="${INK}" stroke-width="2"/>`);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="${INK}" stroke-width="2"/>`);
  parts.push(legend.svg, '</svg>');
  return { svg: parts.join(''), width, height };
}
