import { useCallback, useState } from 'react';
import type { Criterion, MatrixCell } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { formatDelta, formatValue, STATUS_SYMBOL, statusLabel } from '../../../../shared/monitoring/measures';
import { parsePeriodKey, periodKey, PERIOD_KINDS, type PeriodKind } from '../../../../shared/monitoring/periods';
import type { Change } from '../../../../shared/monitoring/trend';
import { ApiCallError } from '../../../../shared/result';

/** Field errors from an API call, by path, plus the summary message. */
export function useApiErrors() {
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const capture = useCallback((error: unknown) => {
    if (!(error instanceof ApiCallError)) throw error;
    const fields: Record<string, string> = {};
    for (const issue of error.issues) if (issue.path && !(issue.path in fields)) fields[issue.path] = issue.message;
    setErrors({ message: error.message, fields });
  }, []);
  const clear = useCallback(() => setErrors(null), []);
  return { errors, capture, clear, field: (path: string) => errors?.fields[path] };
}

/** Lines of a textarea as a list, empty lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function currentPeriodKey(kind: PeriodKind, date = new Date()): string {
  const month = date.getMonth();
  const index = kind === 'quarter' ? Math.floor(month / 3) + 1 : kind === 'half_year' ? Math.floor(month / 6) + 1 : 1;
  return periodKey(kind, date.getFullYear(), index);
}

/** Chooses a period: kind, year and number, giving the canonical key. */
export function PeriodPicker({ value, onChange, idPrefix }: { value: string; onChange(key: string): void; idPrefix: string }) {
  const period = parsePeriodKey(value) ?? parsePeriodKey(currentPeriodKey('quarter'))!;
  const count = period.kind === 'quarter' ? 4 : period.kind === 'half_year' ? 2 : 1;
  return (
    <div className="aw-field-row">
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor={`${idPrefix}-soort`}>
          {t('monitoring.periodKindLabel')}
        </label>
        <div>
          <select
            id={`${idPrefix}-soort`}
            className="utrecht-select utrecht-select--html-select"
            value={period.kind}
            onChange={(event) => onChange(periodKey(event.target.value as PeriodKind, period.year, 1))}
          >
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`monitoring.periodKind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor={`${idPrefix}-jaar`}>
          {t('monitoring.year')}
        </label>
        <div>
          <input
            id={`${idPrefix}-jaar`}
            className="utrecht-textbox utrecht-textbox--html-input aw-year-input"
            type="number"
            min={1990}
            max={2100}
            value={period.year}
            onChange={(event) => {
              const year = Number(event.target.value);
              if (Number.isInteger(year) && year >= 1990 && year <= 2100) onChange(periodKey(period.kind, year, period.index));
            }}
          />
        </div>
      </div>
      {count > 1 && (
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`${idPrefix}-nummer`}>
            {period.kind === 'quarter' ? t('monitoring.periodKind.quarter') : t('monitoring.periodKind.half_year')}
          </label>
          <div>
            <select
              id={`${idPrefix}-nummer`}
              className="utrecht-select utrecht-select--html-select"
              value={period.index}
              onChange={(event) => onChange(periodKey(period.kind, period.year, Number(event.target.value)))}
            >
              {Array.from({ length: count }, (_, index) => index + 1).map((index) => (
                <option key={index} value={index}>
                  {index}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
    </div>
  );
}

export function describeChange(criterion: Pick<Criterion, 'measureType'>, change: Pick<Change, 'delta' | 'outcome'>): string {
  return `${t(`monitoring.outcomeSymbol.${change.outcome}`)} ${formatDelta(criterion.measureType, change.delta)} (${t(`monitoring.outcome.${change.outcome}`)})`;
}

/** The visible text of a matrix cell: symbol and words, never colour alone. */
export function cellText(criterion: Criterion, cell: MatrixCell): { main: string; change: string; label: string } {
  if (!cell.assessment) return { main: `${STATUS_SYMBOL.missing} ${t('monitoring.missingCell')}`, change: '', label: t('monitoring.missingCell') };
  const value = formatValue(criterion.measureType, cell.assessment.value);
  const status = cell.status === 'neutral' ? '' : ` (${statusLabel(cell.status)})`;
  const change = cell.change ? describeChange(criterion, cell.change) : '';
  return { main: `${STATUS_SYMBOL[cell.status]} ${value}`, change, label: `${value}${status}${change ? `, ${change}` : ''}` };
}
