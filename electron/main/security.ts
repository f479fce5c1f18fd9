/**
 * The shell's security decisions as pure functions, so each can be tested without Electron.
 * The renderer is trusted only while it shows the app's own pages from `app://advieswerk`. Connected to
 * a council server, the window shows the server's pages like a browser: no bridge, no IPC, and only
 * that server's address (`server`, from the kept choice) besides the app's own.
 */
import { isOnServer } from '../../shared/desktop-connection';

export const APP_SCHEME = 'app';
export const APP_HOST = 'advieswerk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * No remote hosts, no eval, no inline script. Styles are 'self' only: React sets `style` props
 * through the CSSOM, which style-src does not govern, so 'unsafe-inline' is not needed.
 */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  ['img-src', ["'self'", 'data:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['worker-src', ["'self'"]],
  ['frame-src', ["'none'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for pages of the app itself; credentials or a port make a look-alike, not the app. */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Whether an IPC call may be served: only the app's own frame may call the API. A frame that
 * has navigated away or been destroyed has no URL (`senderFrame` is null) and is refused.
 */
export function isTrustedSender(senderFrameUrl: string | null | undefined): boolean {
  return isAppUrl(senderFrameUrl);
}

/** Web links the user may open in the system browser: https only, no embedded credentials. */
export function isSafeExternalUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

export type NavigationDecision = 'allow' | 'open-external' | 'block';

/** The window only ever shows the app (or the chosen council server); a clicked web link opens in the browser instead. */
export function decideNavigation(url: string, server?: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  if (server !== undefined && isOnServer(url, server)) return 'allow';
  if (isSafeExternalUrl(url)) return 'open-external';
  return 'block';
}

/**
 * Every permission is refused except writing to the clipboard from the app's own pages, which
 * "Kopiëren"-buttons need and which cannot leak anything.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | null | undefined, server?: string): boolean {
  // A permission check names only the origin (no path), so the server counts by its origin here.
  const fromOurPages = isAppUrl(requestingUrl) || (server !== undefined && parseUrl(requestingUrl)?.origin === new URL(server).origin);
  return permission === 'clipboard-sanitized-write' && fromOurPages;
}
