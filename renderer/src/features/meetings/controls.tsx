import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import type { FindingSource, MeetingFormat, TextSegment } from '../../../../shared/api/meetings';
import { t, type MessageKey } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';

export function formatLabel(format: MeetingFormat): string {
  return t(`meetings.format_${format}` as MessageKey);
}

export function sourceLabel(source: FindingSource): string {
  return t(`findings.source_${source}` as MessageKey);
}

export function priorityLabel(priority: number): string {
  return t(`findings.priority_${Math.max(0, Math.min(3, priority))}` as MessageKey);
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  error?: string | undefined;
  children: ReactNode;
  ref?: Ref<HTMLSelectElement>;
};

/** A labelled NL Design System select with its error message wired up. */
export function SelectField({ label, error, children, className, ref, ...select }: SelectFieldProps) {
  const inputId = useId();
  const errorId = `${inputId}-fout`;
  return (
    <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={inputId}>
          {label}
        </label>
      </div>
      {error && (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      )}
      <div className="utrecht-form-field__input">
        <select
          ref={ref}
          id={inputId}
          className={['utrecht-select', 'utrecht-select--html-select', className].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          {...select}
        >
          {children}
        </select>
      </div>
    </div>
  );
}

/** Field errors by path from an API error; anything else is a bug and is rethrown. */
export function fieldErrors(error: unknown): { message: string; fields: Record<string, string> } {
  if (!(error instanceof ApiCallError)) throw error;
  const fields: Record<string, string> = {};
  for (const issue of error.issues) if (issue.path && !fields[issue.path]) fields[issue.path] = issue.message;
  return { message: error.message, fields };
}

/** A text with its search hits marked. */
export function Highlighted({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) => (segment.hit ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}
