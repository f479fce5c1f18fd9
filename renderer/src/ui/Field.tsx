import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';

interface FieldFrameProps {
  label: string;
  description?: string;
  error?: string;
  required?: boolean;
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, description and error message wired to their control with ids, as screen readers need. */
function FieldFrame({ label, description, error, children }: FieldFrameProps) {
  const inputId = useId();
  const descriptionId = `${inputId}-beschrijving`;
  const errorId = `${inputId}-fout`;
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={inputId}>
          {label}
        </label>
      </div>
      {description && (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      )}
      {error && (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      )}
      <div className="utrecht-form-field__input">{children({ inputId, describedBy, invalid: Boolean(error) })}</div>
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  description?: string;
  error?: string;
  ref?: Ref<HTMLInputElement>;
};

export function TextField({ label, description, error, className, ref, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} {...(description ? { description } : {})} {...(error ? { error } : {})}>
      {({ inputId, describedBy, invalid }) => (
        <input
          ref={ref}
          id={inputId}
          className={['utrecht-textbox', 'utrecht-textbox--html-input', invalid ? 'utrecht-textbox--invalid' : '', className]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  label: string;
  description?: string;
  error?: string;
  ref?: Ref<HTMLTextAreaElement>;
};

export function TextAreaField({ label, description, error, className, ref, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} {...(description ? { description } : {})} {...(error ? { error } : {})}>
      {({ inputId, describedBy, invalid }) => (
        <textarea
          ref={ref}
          id={inputId}
          className={['utrecht-textarea', 'utrecht-textarea--html-textarea', invalid ? 'utrecht-textarea--invalid' : '', className]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          rows={textarea.rows ?? 3}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
}

/** A single checkbox with its label after it, for yes/no settings such as "bevat persoonsgegevens". */
export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  const inputId = useId();
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox aw-checkbox-field">
      <input
        id={inputId}
        type="checkbox"
        className="utrecht-checkbox utrecht-checkbox--html-input"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={inputId}>
        {label}
      </label>
    </div>
  );
}
