import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiCallError } from '../../../shared/result';

/**
 * Puts the server's field issues next to their fields; returns the message for the form's
 * summary. Anything that is not an API error is a bug and is rethrown.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>): string {
  if (!(error instanceof ApiCallError)) throw error;
  for (const issue of error.issues) {
    if (issue.path) setError(issue.path as Path<T>, { type: 'server', message: issue.message });
  }
  return error.message;
}
