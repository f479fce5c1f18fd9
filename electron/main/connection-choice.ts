/**
 * The desktop app's first-start choice (issue 14), as plain Node so it is tested without Electron:
 * where it is kept, how a sent choice is checked, how a server address is checked for being a council
 * server, and the window title that says which one the window shows.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConnectionChoice, serverAddress, type ConnectionChoice } from '../../shared/desktop-connection';
import { t } from '../../shared/i18n';
import { fail, ok, type Result } from '../../shared/result';

/** In the app's data folder, beside the database. */
export const CONNECTION_FILE_NAME = 'verbinding.json';

const PROBE_TIMEOUT_MS = 8_000;

/** The kept choice; null when none was made yet or the file is unreadable (then the app asks again). */
export async function readConnectionChoice(file: string): Promise<ConnectionChoice | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return parseConnectionChoice(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Written whole or not at all: a crash mid-write leaves the previous choice (or none), never half a file. */
export async function writeConnectionChoice(file: string, choice: ConnectionChoice): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(choice)}\n`, 'utf8');
  await rename(temporary, file);
}

/** "Verbinding wijzigen": the next start asks again. */
export async function forgetConnectionChoice(file: string): Promise<void> {
  await rm(file, { force: true });
}

export type FetchLike = (url: string, init: { signal: AbortSignal; redirect: 'error'; headers: Record<string, string> }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

/** A TLS failure names the certificate, in Node's codes or Chromium's (`net::ERR_CERT_…`). */
function isCertificateError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS/i.test(code)) return true;
    if (typeof message === 'string' && /ERR_CERT|certificate/i.test(message)) return true;
    current = cause;
  }
  return false;
}

/**
 * Whether `address` is a council server that can work now: `/health` must say it is Advieswerk (any
 * other site at a mistyped address is refused by name), `/ready` that its database answers. The main
 * process passes Electron's `net.fetch`, which trusts what the system trusts; tests pass Node's.
 */
export async function probeCouncilServer(address: string, fetchImpl: FetchLike, timeoutMs = PROBE_TIMEOUT_MS): Promise<Result<null>> {
  const shown = { address: new URL(address).host };
  const get = async (endpoint: string) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await fetchImpl(new URL(endpoint, address).toString(), { signal, redirect: 'error', headers: { accept: 'application/json' } });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { status: response.status, body };
  };
  try {
    const health = await get('health');
    const value = (health.body as { ok?: unknown; value?: { app?: unknown } } | null)?.value;
    if (health.status !== 200 || (health.body as { ok?: unknown } | null)?.ok !== true || value?.app !== 'advieswerk') {
      return fail('VALIDATION', t('connection.notAdvieswerk', shown), [{ path: 'address', message: t('connection.notAdvieswerk', shown) }]);
    }
    const ready = await get('ready');
    if (ready.status !== 200) return fail('IO', t('connection.notReady', shown), [{ path: 'address', message: t('connection.notReady', shown) }]);
    return ok(null);
  } catch (error) {
    const message = isCertificateError(error) ? t('connection.certificate', shown) : t('connection.unreachable', shown);
    return fail('IO', message, [{ path: 'address', message }]);
  }
}

/**
 * What the page sent as its choice, checked, a server's address probed, then kept. Bad input gets the
 * field's Dutch message and changes nothing; only a kept choice is returned.
 */
export async function chooseConnection(
  sent: unknown,
  { file, probe }: { file: string; probe(address: string): Promise<Result<null>> },
): Promise<Result<ConnectionChoice>> {
  const mode = (sent as { mode?: unknown } | null)?.mode;
  if (mode === 'server') {
    const checked = serverAddress((sent as { address?: unknown }).address);
    if (!checked.ok) return fail('VALIDATION', checked.message, [{ path: 'address', message: checked.message }]);
  }
  const choice = parseConnectionChoice(sent);
  if (!choice) return fail('VALIDATION', t('connection.notAChoice'), [{ path: 'mode', message: t('connection.notAChoice') }]);
  if (choice.mode === 'server') {
    const reachable = await probe(choice.address);
    if (!reachable.ok) return reachable;
  }
  try {
    await writeConnectionChoice(file, choice);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('IO', t('connection.saveFailed', { reason }));
  }
  return ok(choice);
}

/** The window title says where the data lives: this computer, or which council server. */
export function connectionWindowTitle(appName: string, choice: ConnectionChoice | null): string {
  if (choice?.mode === 'server') return t('connection.windowTitleServer', { app: appName, host: new URL(choice.address).host });
  return t('connection.windowTitleLocal', { app: appName });
}
