import { useCallback, useState, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import { todayInNetherlands } from '../../../../shared/calendar';
import type { CriteriaFramework, Criterion, MatrixCell } from '../../../../shared/api/monitoring';
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

export function currentPeriodKey(kind: PeriodKind, today = todayInNetherlands()): string {
  const month = Number(today.slice(5, 7)) - 1;
  const index = kind === 'quarter' ? Math.floor(month / 3) + 1 : kind === 'half_year' ? Math.floor(month / 6) + 1 : 1;
  return periodKey(kind, Number(today.slice(0, 4)), index);
}

type LabelledSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
  /** react-hook-form's `register` gives one. */
  ref?: Ref<HTMLSelectElement>;
};

/**
 * The monitoring screens' select with its label (and error, when given) above it, under a fixed id.
 * Not meetings' SelectField: that one wraps label and control in other elements, so the monitoring
 * forms would no longer render exactly as before.
 */
export function LabelledSelect({ id, label, error, children, ...select }: LabelledSelectProps) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      {error && <div className="utrecht-form-field-error-message">{error}</div>}
      <div>
        <select id={id} className="utrecht-select utrecht-select--html-select" {...select}>
          {children}
        </select>
      </div>
    </div>
  );
}

/** Chooses one criteria framework (matrix and trend per team). */
export function FrameworkSelect({ id, frameworks, value, onChange }: { id: string; frameworks: CriteriaFramework[]; value: string; onChange(id: string): void }) {
  return (
    <LabelledSelect id={id} label={t('monitoring.framework')} value={value} onChange={(event) => onChange(event.target.value)}>
      {frameworks.map((framework) => (
        <option key={framework.id} value={framework.id}>
          {framework.name}
        </option>
      ))}
    </LabelledSelect>
  );
}

/** Chooses a period: kind, year and number, giving the canonical key. */
export function PeriodPicker({ value, onChange, idPrefix }: { value: string; onChange(key: string): void; idPrefix: string }) {
  const period = parsePeriodKey(value) ?? parsePeriodKey(currentPeriodKey('quarter'))!;
  const count = period.kind === 'quarter' ? 4 : period.kind === 'half_year' ? 2 : 1;
  return (
    <div className="aw-field-row">
      <LabelledSelect
        id={`${idPrefix}-soort`}
        label={t('monitoring.periodKindLabel')}
        value={period.kind}
        onChange={(event) => onChange(periodKey(event.target.value as PeriodKind, period.year, 1))}
      >
        {PERIOD_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`monitoring.periodKind.${kind}`)}
          </option>
        ))}
      </LabelledSelect>
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
        <LabelledSelect
          id={`${idPrefix}-nummer`}
          label={period.kind === 'quarter' ? t('monitoring.periodKind.quarter') : t('monitoring.periodKind.half_year')}
          value={period.index}
          onChange={(event) => onChange(periodKey(period.kind, period.year, Number(event.target.value)))}
        >
          {Array.from({ length: count }, (_, index) => index + 1).map((index) => (
            <option key={index} value={index}>
              {index}
            </option>
          ))}
        </LabelledSelect>
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
