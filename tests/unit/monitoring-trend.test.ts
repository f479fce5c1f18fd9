import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDelta, formatValue, valueProblem, valueStatus } from '../../shared/monitoring/measures';
import { comparePeriodKeys, parsePeriodKey, periodLabel, periodRange, previousPeriodKey, shiftPeriodKey } from '../../shared/monitoring/periods';
import { buildTrend, compareValues, summarizeTrend } from '../../shared/monitoring/trend';

describe('periods', () => {
  it('parses canonical keys and refuses others', () => {
    expect(parsePeriodKey('2026-K1')).toEqual({ key: '2026-K1', kind: 'quarter', year: 2026, index: 1 });
    expect(parsePeriodKey('2026-H2')).toMatchObject({ kind: 'half_year', index: 2 });
    expect(parsePeriodKey('2026')).toMatchObject({ kind: 'year', index: 1 });
    for (const bad of ['2026-K5', '2026-H3', '2026-Q1', '26-K1', '2026-k1', '1800', '2026-K1 ']) expect(parsePeriodKey(bad), bad).toBeNull();
  });

  it('steps over year boundaries', () => {
    expect(previousPeriodKey('2026-K1')).toBe('2025-K4');
    expect(previousPeriodKey('2026-H1')).toBe('2025-H2');
    expect(previousPeriodKey('2026')).toBe('2025');
    expect(shiftPeriodKey('2025-K3', 3)).toBe('2026-K2');
    expect(periodRange('2025-K3', '2026-K2')).toEqual(['2025-K3', '2025-K4', '2026-K1', '2026-K2']);
    expect(periodRange('2026-K2', '2026-K1')).toEqual([]);
    expect(periodRange('2026', '2026-K1')).toEqual([]);
  });

  it('orders keys of different kinds by their end', () => {
    expect(['2026', '2026-H1', '2026-K2', '2026-K1', '2025'].sort(comparePeriodKeys)).toEqual(['2025', '2026-K1', '2026-K2', '2026-H1', '2026']);
  });

  it('names periods in Dutch', () => {
    expect(periodLabel('2026-K1')).toBe('1e kwartaal 2026');
    expect(periodLabel('2026-H2')).toBe('2e halfjaar 2026');
    expect(periodLabel('2026')).toBe('2026');
  });

  it('shifting back and forth returns the same key (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -30, max: 30 }), (year, quarter, delta) => {
        const key = `${year}-K${quarter}`;
        expect(shiftPeriodKey(shiftPeriodKey(key, delta), -delta)).toBe(key);
        expect(periodRange(key, shiftPeriodKey(key, Math.abs(delta)))).toHaveLength(Math.abs(delta) + 1);
      }),
    );
  });
});

describe('values per measure type', () => {
  it('accepts only values that fit', () => {
    expect(valueProblem('score', 3)).toBeNull();
    expect(valueProblem('score', 0)).not.toBeNull();
    expect(valueProblem('score', 2.5)).not.toBeNull();
    expect(valueProblem('traffic_light', 3)).toBeNull();
    expect(valueProblem('traffic_light', 4)).not.toBeNull();
    expect(valueProblem('count', 0)).toBeNull();
    expect(valueProblem('count', -1)).not.toBeNull();
    expect(valueProblem('percentage', 12.5)).toBeNull();
    expect(valueProblem('percentage', 100.1)).not.toBeNull();
    expect(valueProblem('percentage', Number.NaN)).not.toBeNull();
  });

  it('formats values and changes in words and symbols', () => {
    expect(formatValue('score', 4)).toBe('4 van 5');
    expect(formatValue('traffic_light', 2)).toBe('Oranje');
    expect(formatValue('percentage', 45.5)).toBe('45,5%');
    expect(formatDelta('percentage', -2.5)).toBe('−2,5 procentpunt');
    expect(formatDelta('count', 3)).toBe('+3');
  });

  it('derives a status from the target in the criterion direction', () => {
    expect(valueStatus({ measureType: 'count', direction: 'lower_better', target: 10 }, 8)).toBe('good');
    expect(valueStatus({ measureType: 'count', direction: 'lower_better', target: 10 }, 11)).toBe('fair');
    expect(valueStatus({ measureType: 'count', direction: 'lower_better', target: 10 }, 20)).toBe('poor');
    expect(valueStatus({ measureType: 'percentage', direction: 'higher_better', target: null }, 20)).toBe('neutral');
    expect(valueStatus({ measureType: 'score', direction: 'higher_better', target: null }, 2)).toBe('poor');
    expect(valueStatus({ measureType: 'traffic_light', direction: 'higher_better', target: null }, 3)).toBe('good');
  });
});

describe('trend arithmetic', () => {
  it('reads a change in the direction of the criterion', () => {
    expect(compareValues(3, 4, 'higher_better')).toEqual({ delta: 1, outcome: 'improved' });
    expect(compareValues(3, 4, 'lower_better')).toEqual({ delta: 1, outcome: 'declined' });
    expect(compareValues(30, 25.5, 'lower_better')).toEqual({ delta: -4.5, outcome: 'improved' });
    expect(compareValues(2, 2, 'lower_better')).toEqual({ delta: 0, outcome: 'unchanged' });
    // No floating-point noise: 0.3 - 0.1 is 0.2, not 0.19999999999999998.
    expect(compareValues(0.1, 0.3, 'higher_better').delta).toBe(0.2);
  });

  it('skips gaps but counts them, and compares with the last assessed period', () => {
    const periods = ['2025-K3', '2025-K4', '2026-K1', '2026-K2', '2026-K3'];
    const values = new Map([
      ['2025-K4', 3],
      ['2026-K2', 2],
      ['2026-K3', 2],
    ]);
    const points = buildTrend(periods, values, 'score', 'higher_better');
    expect(points.map((point) => point.value)).toEqual([null, 3, null, 2, 2]);
    expect(points[1]!.change).toBeNull();
    expect(points[3]!.change).toEqual({ delta: -1, outcome: 'declined', previousPeriodKey: '2025-K4', previousValue: 3, skipped: 1 });
    expect(points[4]!.change).toMatchObject({ outcome: 'unchanged', skipped: 0 });
    const summary = summarizeTrend(points, 'score', 'higher_better');
    expect(summary).toEqual({
      assessed: 3,
      missing: 2,
      first: { periodKey: '2025-K4', value: 3 },
      last: { periodKey: '2026-K3', value: 2 },
      overall: { delta: -1, outcome: 'declined' },
      improvements: 0,
      declines: 1,
    });
  });

  it('treats traffic lights as green-is-better whatever the stored direction', () => {
    const points = buildTrend(['2026', '2027'], new Map([['2026', 1], ['2027', 3]]), 'traffic_light', 'lower_better');
    expect(points[1]!.change?.outcome).toBe('improved');
  });

  it('has no overall change with fewer than two values', () => {
    expect(summarizeTrend(buildTrend(['2026'], new Map([['2026', 4]]), 'score', 'higher_better'), 'score', 'higher_better').overall).toBeNull();
    expect(summarizeTrend(buildTrend(['2026'], new Map(), 'score', 'higher_better'), 'score', 'higher_better')).toMatchObject({ assessed: 0, first: null });
  });

  it('the sum of changes equals the overall change (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 1, maxLength: 30 }), (raw) => {
        const periods = periodRange('2020-K1', shiftPeriodKey('2020-K1', raw.length - 1));
        const values = new Map<string, number>();
        raw.forEach((value, index) => value !== undefined && values.set(periods[index]!, value));
        const points = buildTrend(periods, values, 'count', 'higher_better');
        const summary = summarizeTrend(points, 'count', 'higher_better');
        const sum = points.reduce((total, point) => total + (point.change?.delta ?? 0), 0);
        expect(sum).toBe(summary.overall?.delta ?? 0);
        expect(summary.assessed + summary.missing).toBe(periods.length);
      }),
    );
  });
});
