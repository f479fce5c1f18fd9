import type { Role } from '../../../shared/api/accounts';
import { ApiCallError, type Result } from '../../../shared/result';
import { queryClient } from './queries';

/** Who is signed in on the council server; `local` on one computer (the app, browser mode), where nobody signs in. */
export type AuthStatus =
  | { mode: 'local' }
  | { mode: 'server'; needsSetup: boolean; account: { id: string; login: string; name: string; role: Role } | null };

export { SIGNED_OUT_EVENT } from '../api';

export async function fetchAuthStatus(): Promise<AuthStatus> {
  // The Electron app has no server to sign in to.
  if (window.advieswerk) return { mode: 'local' };
  const response = await fetch('auth/status', { credentials: 'same-origin' });
  const result = (await response.json()) as Result<AuthStatus>;
  // An older host without accounts answers 404: one computer.
  return result.ok ? result.value : { mode: 'local' };
}

/**
 * Signing in, setting up the first beheerder, accepting an invitation, signing out: the forms before the
 * contract's methods can be called. The session's secret comes back only as an HttpOnly cookie.
 */
export async function postAuth(action: 'setup' | 'login' | 'invitation' | 'logout', input: unknown): Promise<void> {
  const response = await fetch(`auth/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<unknown>;
  if (!result.ok) throw new ApiCallError(result.error);
  // Nothing one account saw stays in the cache for the next.
  queryClient.clear();
}
