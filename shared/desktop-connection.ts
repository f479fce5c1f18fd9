/**
 * The desktop app's first-start choice (issue 14): work alone on this computer (the embedded SQLite
 * store) or connect to the council's server. Plain TypeScript, no zod: the main process reads it too
 * and its bundle stays free of the contract's schemas. The renderer uses `serverAddress` to show a
 * mistake at the field at once; the main process applies the same rule again to whatever it is sent.
 */
import { t } from './i18n';
import type { Result } from './result';

/** What the main process keeps in `verbinding.json` under the app's data folder. */
export type ConnectionChoice = { mode: 'local' } | { mode: 'server'; address: string };

/** What the page asks at start: whether a choice was made, and which. */
export type ConnectionState = { chosen: false } | { chosen: true; choice: ConnectionChoice };

/**
 * What the Electron preload exposes as `window.advieswerkDesktop` (absent in a browser): the first-start
 * choice. The main process checks whatever is sent; a server choice restarts the app connected.
 */
export interface DesktopBridge {
  getConnection(): Promise<ConnectionState>;
  chooseConnection(choice: unknown): Promise<Result<ConnectionChoice>>;
}

/** A long address is a paste gone wrong, not a server. */
export const SERVER_ADDRESS_MAX_LENGTH = 500;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The server's base address as the app keeps it (`https://raad.example.nl/` or with the path a reverse
 * proxy serves it under, always ending in `/`), or a Dutch message for the field. `https://` is added when
 * the member typed only a name; plain `http://` only on this computer itself, as the server itself refuses
 * plain HTTP from anywhere else (a password must not cross a network unencrypted).
 */
export function serverAddress(input: unknown): { ok: true; address: string } | { ok: false; message: string } {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, message: t('connection.addressMissing') };
  const typed = input.trim();
  if (typed.length > SERVER_ADDRESS_MAX_LENGTH) return { ok: false, message: t('connection.addressTooLong', { max: SERVER_ADDRESS_MAX_LENGTH }) };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: t('connection.addressInvalid') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: t('connection.addressInvalid') };
  if (url.hostname === '' || /\s/.test(typed)) return { ok: false, message: t('connection.addressInvalid') };
  if (url.username !== '' || url.password !== '') return { ok: false, message: t('connection.addressCredentials') };
  if (url.search !== '' || url.hash !== '') return { ok: false, message: t('connection.addressInvalid') };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, message: t('connection.addressPlainHttp') };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { ok: true, address: `${url.origin}${path}` };
}

/**
 * Reads a stored or sent choice; anything else is null (a damaged file means "ask again", never a
 * guess). A server address is checked with the same rule as the field.
 */
export function parseConnectionChoice(value: unknown): ConnectionChoice | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.mode === 'local' && Object.keys(record).length === 1) return { mode: 'local' };
  if (record.mode === 'server' && Object.keys(record).length === 2) {
    const checked = serverAddress(record.address);
    return checked.ok ? { mode: 'server', address: checked.address } : null;
  }
  return null;
}

/** Whether a page address belongs to the chosen server: same origin, under its base path. */
export function isOnServer(pageUrl: string, address: string): boolean {
  let page: URL;
  let base: URL;
  try {
    page = new URL(pageUrl);
    base = new URL(address);
  } catch {
    return false;
  }
  return page.origin === base.origin && page.username === '' && page.password === '' && page.pathname.startsWith(base.pathname);
}
