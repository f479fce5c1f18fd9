import { useCallback, useRef, useState } from 'react';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/api/contract';
import { t } from '../../../shared/i18n';
import { ApiCallError, type FieldIssue } from '../../../shared/result';
import { useApiMutation } from './queries';

/** What a control spreads onto its field (`TextField`, `TextAreaField`, `SelectField`): the message and a ref to focus it. */
export interface InlineFieldProps {
  error: string | undefined;
  ref(element: HTMLElement | null): void;
}

export interface InlineSave<M extends MethodName> {
  /**
   * Checks the input with the method's own schema from the contract, then writes it. Resolves to the
   * answer, or to `undefined` when the input or the write was refused (the message is then at the
   * field, which gets focus) or when a save of this control was still running (a double click).
   * The typed value stays where it is: the control keeps its own state.
   */
  save(input: MethodInput<M>): Promise<MethodOutput<M> | undefined>;
  /** Props for the field that shows `path`; the first path of the control also shows every other message. */
  field(path: string): InlineFieldProps;
  /** "Opgeslagen." after the last save succeeded, else empty: show it in `<SaveStatus>` (a polite live region). */
  status: string;
  isPending: boolean;
  /** Call when the user changes the value: the "Opgeslagen." of the previous save no longer applies. */
  edited(): void;
}

/** Paths as the core reports them (`signatories.0.name`), from the contract's zod issues. */
function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * A small control outside a form that writes one thing where it stands (a note and its "Opslaan", a
 * date and its button, a choice saved on change): the same rules as a contract form, at the control.
 * `fields` are the input paths the control shows, each with its own field; messages for any other
 * path (the record's id), a refused write without issues (NOT_FOUND, CONFLICT) and a lost connection
 * are shown at the first, in Dutch, never by an internal name.
 */
export function useInlineSave<M extends MethodName>(method: M, fields: readonly [string, ...string[]]): InlineSave<M> {
  const mutation = useApiMutation(method);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const elements = useRef(new Map<string, HTMLElement>());
  const running = useRef(false);
  const { run } = mutation;
  const [first] = fields;
  const known = fields.join('\n');

  const refuse = useCallback(
    (issues: FieldIssue[], message: string) => {
      const shown = new Set(known.split('\n'));
      const byField: Record<string, string> = {};
      const rest: string[] = [];
      for (const issue of issues) {
        if (shown.has(issue.path)) byField[issue.path] ??= issue.message;
        else if (!rest.includes(issue.message)) rest.push(issue.message);
      }
      // A VALIDATION message lists the fields' names; with issues, the issues themselves say it at the field.
      if (issues.length === 0) rest.push(message);
      if (rest.length > 0) byField[first] = [byField[first], ...rest].filter(Boolean).join(' ');
      setErrors(byField);
      setSaved(false);
      const target = [...shown].find((path) => byField[path]);
      if (target) elements.current.get(target)?.focus();
    },
    [first, known],
  );

  const save = useCallback(
    async (input: MethodInput<M>): Promise<MethodOutput<M> | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      try {
        const checked = contract[method].input.safeParse(input);
        if (!checked.success) {
          // A refused parse always has issues; they say it at the field.
          refuse(issuesOf(checked.error), '');
          return undefined;
        }
        const answer = await run(input);
        if (answer === undefined) return undefined;
        setErrors({});
        setSaved(true);
        return answer;
      } catch (error) {
        if (error instanceof ApiCallError) refuse(error.issues, error.message);
        else refuse([], t('errors.internal'));
        return undefined;
      } finally {
        running.current = false;
      }
    },
    [method, refuse, run],
  );

  const field = useCallback(
    (path: string): InlineFieldProps => ({
      error: errors[path],
      ref: (element) => {
        if (element) elements.current.set(path, element);
        else elements.current.delete(path);
      },
    }),
    [errors],
  );

  const edited = useCallback(() => setSaved(false), []);

  return { save, field, status: saved ? t('common.saved') : '', isPending: mutation.isPending, edited };
}
