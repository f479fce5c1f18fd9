import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { t } from '../../../shared/i18n';
import { ApiCallError } from '../../../shared/result';
import { Button } from './Button';

/**
 * The one way to build a form: react-hook-form validated by the contract's own zod schema, so the
 * form refuses exactly what the core would. Validation runs on submit, never on blur: a message
 * appearing on blur moves the buttons under the pointer and the click that follows is lost.
 */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    // The resolver's overloads cannot see through a generic schema; its input and output are S's.
    resolver: zodResolver(schema as never) as never,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // Focus goes to the error summary, which links to each field.
    shouldFocusError: false,
    ...options,
  });
}

interface SummaryEntry {
  path: string;
  message: string;
}

const FIELD_ERROR_KEYS = new Set(['type', 'message', 'ref', 'types', 'root']);

/** Every field error with its dotted path; nested objects and arrays (signatories.0.name) included. */
function flattenErrors(errors: Record<string, unknown>, prefix = ''): SummaryEntry[] {
  const entries: SummaryEntry[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object' || FIELD_ERROR_KEYS.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string' && message) entries.push({ path, message });
    entries.push(...flattenErrors(value as Record<string, unknown>, path));
  }
  return entries;
}

/** The control named `path` in the form and its visible label, to link and name it in the summary. */
function controlFor(form: HTMLFormElement | null, path: string): { element: HTMLElement; label: string } | null {
  const found = form?.elements.namedItem(path);
  const element = found instanceof RadioNodeList ? (found[0] as HTMLElement | undefined) : (found as HTMLElement | null | undefined);
  if (!element) return null;
  const label = (element as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? element.getAttribute('aria-label') ?? '';
  return { element, label };
}

type ContractFormProps<TIn extends FieldValues, TOut> = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'children'> & {
  form: UseFormReturn<TIn, unknown, TOut>;
  /** Saves the values; a rejected call's field issues go to their fields, the rest to the summary. */
  onSubmit(values: TOut): Promise<unknown>;
  submitLabel: string;
  children: ReactNode;
  /** Further buttons beside the submit button (Annuleren, Verwijderen). */
  actions?: ReactNode;
  /** A message after a save ("Opgeslagen."), shown beside the buttons. */
  status?: ReactNode;
  /** Inside a framed dialog (`.aw-dialog--framed`): the fields scroll, the buttons stay in view. */
  framed?: boolean;
};

/**
 * A form with the NL Design System / GOV.UK error pattern: each error at its field, and a summary
 * near the submit button that names the fields by their Dutch label and links to them; focus moves
 * to the summary on a failed submit. A second submit while one is running is ignored.
 */
export function ContractForm<TIn extends FieldValues, TOut>({ form, onSubmit, submitLabel, children, actions, status, framed = false, ...formProps }: ContractFormProps<TIn, TOut>) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const submitting = useRef(false);
  const [generalErrors, setGeneralErrors] = useState<string[]>([]);
  const [, setFailures] = useState(0);
  const focusSummaryPending = useRef(false);
  const { formState, handleSubmit, setError } = form;

  // After a failed submit, focus the summary in the first render that shows it (the errors may
  // arrive a render after the failure itself).
  useEffect(() => {
    if (focusSummaryPending.current && summaryRef.current) {
      focusSummaryPending.current = false;
      summaryRef.current.focus();
    }
  });

  const failed = () => {
    focusSummaryPending.current = true;
    setFailures((count) => count + 1);
  };

  const submit = handleSubmit(async (values) => {
    setGeneralErrors([]);
    try {
      await onSubmit(values);
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      const unplaced: string[] = [];
      for (const issue of error.issues) {
        if (issue.path && controlFor(formRef.current, issue.path)) setError(issue.path as Path<TIn>, { type: 'server', message: issue.message });
        else unplaced.push(issue.message);
      }
      // A VALIDATION message lists internal field names; the fields themselves say it better.
      setGeneralErrors(error.issues.length > 0 ? unplaced : [error.message]);
      failed();
    }
  }, failed);

  const entries = flattenErrors(formState.errors);
  const hasSummary = entries.length > 0 || generalErrors.length > 0;

  const fields = (
    <>
      {children}
      {hasSummary && (
        <div className="utrecht-alert utrecht-alert--error aw-error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby={`${formProps.id ?? 'form'}-fouten`}>
          <div className="utrecht-alert__content">
            <p className="utrecht-heading-3" id={`${formProps.id ?? 'form'}-fouten`}>
              {entries.length > 0 ? t('forms.summaryTitle') : t('common.errorTitle')}
            </p>
            <ul className="aw-error-summary__list">
              {entries.map((entry) => {
                const control = controlFor(formRef.current, entry.path);
                return (
                  <li key={entry.path}>
                    {control ? (
                      <a
                        href={`#${control.element.id}`}
                        onClick={(event) => {
                          // Routing uses the hash: move focus without navigating.
                          event.preventDefault();
                          control.element.focus();
                        }}
                      >
                        {control.label ? `${control.label}: ${entry.message}` : entry.message}
                      </a>
                    ) : (
                      entry.message
                    )}
                  </li>
                );
              })}
              {generalErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </>
  );
  const buttons = (
    <>
      <Button appearance="primary" type="submit" disabled={formState.isSubmitting} aria-busy={formState.isSubmitting || undefined}>
        {submitLabel}
      </Button>
      {actions}
    </>
  );

  return (
    <form
      ref={formRef}
      noValidate
      {...formProps}
      className={[formProps.className, framed ? 'aw-dialog__frame' : undefined].filter(Boolean).join(' ') || undefined}
      onSubmit={(event) => {
        if (submitting.current) {
          event.preventDefault();
          return;
        }
        submitting.current = true;
        void submit(event).finally(() => {
          submitting.current = false;
        });
      }}
    >
      {framed ? (
        <>
          <div className="aw-dialog__body">
            {fields}
            {status}
          </div>
          <div className="aw-dialog__footer aw-button-row">{buttons}</div>
        </>
      ) : (
        <>
          {fields}
          {status}
          <div className="aw-button-row">{buttons}</div>
        </>
      )}
    </form>
  );
}
