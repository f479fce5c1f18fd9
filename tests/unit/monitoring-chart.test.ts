import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../shared/api/monitoring';
import { buildTrend } from '../../shared/monitoring/trend';
import { chartToPng, PRINT_SCALE } from '../../electron/core/documents/chart';
import { trendChartSvg } from '../../electron/core/monitoring/chart-svg';

const criterion: Criterion = {
  id: '01900000-0000-7000-8000-000000000001',
  frameworkId: '01900000-0000-7000-8000-000000000002',
  position: 1,
  name: 'Tevredenheid & <bereik>',
  description: '',
  source: '',
  measureType: 'score',
  direction: 'higher_better',
  target: null,
  retiredAt: null,
  assessmentCount: 0,
};

describe('trend chart for the report', () => {
  const periods = ['2026-K1', '2026-K2', '2026-K3'];
  const svg = trendChartSvg({
    title: criterion.name,
    criterion,
    periods,
    series: [
      { name: 'Team A', points: buildTrend(periods, new Map([['2026-K1', 2], ['2026-K3', 4]]), 'score', 'higher_better') },
      { name: 'Team B', points: buildTrend(periods, new Map([['2026-K2', 5]]), 'score', 'higher_better') },
    ],
  });

  it('draws labelled axes, one line per team with a distinct dash pattern, and escapes text', () => {
    expect(svg).toContain('Tevredenheid &amp; &lt;bereik&gt;');
    for (const label of ['2026-K1', '2026-K2', '2026-K3', '1 van 5', '5 van 5', 'Team A', 'Team B']) expect(svg).toContain(label);
    // Team A: one line over the gap (two points); Team B: a single marker, no line.
    const lines = svg.match(/<path d="M[^"]*" fill="none"[^>]*>/g) ?? [];
    expect(lines).toHaveLength(1);
    expect(svg).toMatch(/stroke-dasharray="10 5"/);
  });

  it('renders to a PNG with resvg at print resolution', () => {
    const png = chartToPng(svg);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Width and height from the IHDR chunk.
    expect(png.readUInt32BE(16)).toBe(800 * PRINT_SCALE);
    expect(png.readUInt32BE(20)).toBeGreaterThan(300 * PRINT_SCALE);
  });
});
