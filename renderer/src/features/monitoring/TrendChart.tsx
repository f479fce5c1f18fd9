import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Criterion } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { formatValue } from '../../../../shared/monitoring/measures';
import { periodLabel } from '../../../../shared/monitoring/periods';
import type { TrendPoint } from '../../../../shared/monitoring/trend';
import { describeChange } from './shared';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** Lines differ in colour AND dash pattern and marker, so they can be told apart without colour. */
export const SERIES_STYLES = [
  { color: '#1d4f91', dash: '', marker: '●' },
  { color: '#b34700', dash: '8 4', marker: '■' },
  { color: '#1e6b34', dash: '2 3', marker: '▲' },
  { color: '#6a1b9a', dash: '12 4 2 4', marker: '◆' },
  { color: '#4a4a4a', dash: '4 4', marker: '✚' },
];

export interface ChartSeries {
  id: string;
  name: string;
  points: TrendPoint[];
}

function yDomain(criterion: Criterion): [number, number] | ['auto', 'auto'] {
  if (criterion.measureType === 'score') return [1, 5];
  if (criterion.measureType === 'traffic_light') return [1, 3];
  if (criterion.measureType === 'percentage') return [0, 100];
  return ['auto', 'auto'];
}

/**
 * A line chart of one criterion over periods, with its table alternative right below: the table
 * carries the same numbers and the change versus the previous period in words.
 */
export function TrendChart({ id, title, criterion, periods, series }: { id: string; title: string; criterion: Criterion; periods: string[]; series: ChartSeries[] }) {
  const data = periods.map((periodKey, index) => {
    const row: Record<string, string | number | null> = { period: periodKey };
    for (const item of series) row[item.id] = item.points[index]?.value ?? null;
    return row;
  });
  const tableId = `${id}-tabel`;
  return (
    <div className="aw-trend">
      <figure className="aw-trend__figure" aria-labelledby={`${id}-titel`} aria-describedby={`${id}-uitleg`}>
        <figcaption id={`${id}-titel`} className="aw-trend__caption">
          {t('monitoring.chartTitle', { title })}
        </figcaption>
        <p id={`${id}-uitleg`} className="aw-muted">
          {t('monitoring.chartAlternative')}
        </p>
        <div className="aw-trend__chart" aria-hidden="true" inert>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={data} margin={{ top: 10, right: 24, bottom: 10, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" tickFormatter={(key: string) => key} />
              <YAxis
                domain={yDomain(criterion)}
                allowDecimals={criterion.measureType === 'percentage'}
                tickFormatter={(value: number) => (criterion.measureType === 'traffic_light' ? formatValue('traffic_light', value) : String(value))}
                width={70}
              />
              <Tooltip formatter={(value) => (typeof value === 'number' ? formatValue(criterion.measureType, value) : String(value))} labelFormatter={(label) => periodLabel(String(label))} />
              <Legend />
              {series.map((item, index) => {
                const style = SERIES_STYLES[index % SERIES_STYLES.length]!;
                return (
                  <Line
                    key={item.id}
                    dataKey={item.id}
                    name={`${style.marker} ${item.name}`}
                    stroke={style.color}
                    strokeWidth={3}
                    strokeDasharray={style.dash}
                    connectNulls
                    isAnimationActive={false}
                  />
                );
              })}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <ScrollRegion label={t('monitoring.tableTitle', { title })}>
        <table className="utrecht-table aw-table" id={tableId}>
          <caption className="utrecht-table__caption">{t('monitoring.tableTitle', { title })}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('monitoring.period')}
              </th>
              {series.map((item) => (
                <th key={item.id} scope="col" className="utrecht-table__header-cell">
                  {item.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {periods.map((periodKey, index) => (
              <tr key={periodKey} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {periodLabel(periodKey)}
                </th>
                {series.map((item) => {
                  const point = item.points[index];
                  return (
                    <td key={item.id} className="utrecht-table__cell">
                      {point?.value === null || point === undefined ? (
                        <span className="aw-muted">? {t('monitoring.missingCell')}</span>
                      ) : (
                        <>
                          {formatValue(criterion.measureType, point.value)}
                          {point.change && (
                            <span className="aw-trend__change">
                              {' '}
                              {describeChange(criterion, point.change)}
                              {point.change.skipped > 0 && ` ${t('monitoring.changeSkipped', { count: point.change.skipped })}`}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
