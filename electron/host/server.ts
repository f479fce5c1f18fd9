import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { METHOD_NAMES } from '../../shared/api/contract';
import { roleMayFollow, type ChangeEvent } from '../../shared/api/live';
import { t } from '../../shared/i18n';
import { AppError, fail, ok, type ErrorCode, type Result } from '../../shared/result';
import { SESSION_DAYS, type SignedIn } from '../core/accounts/service';
import type { Caller } from '../core/api/handler';
import type { Core } from '../core/core';
import {
  bearerToken,
  CONTENT_SECURITY_POLICY,
  cookieValues,
  isAllowedHost,
  isAllowedOrigin,
  realPathInside,
  resolveStaticPath,
  sessionSetCookie,
  tokenCookieName,
  tokenSetCookie,
  tokensMatch,
} from './security';

/**
 * The council server (issue 14): members sign in with an account instead of one launch token. Listens on
 * loopback unless told otherwise; from anywhere but loopback only through a trusted TLS proxy.
 */
export interface CouncilServerOptions {
  /** The address members use, e.g. https://raad.example.nl (behind a TLS proxy): its host and origin are accepted. */
  publicUrl?: string;
  /** Addresses of reverse proxies whose `X-Forwarded-Proto: https` and `X-Forwarded-For` are believed. */
  trustedProxies?: string[];
  /** One line per request (JSON, no personal data); console by default. */
  log?: (entry: Record<string, unknown>) => void;
}

export interface HostOptions {
  core: Core;
  /** Browser mode's launch token; not used by the council server. */
  token?: string;
  /** The council server instead of browser mode: accounts and roles. */
  council?: CouncilServerOptions;
  /** The interface to listen on; loopback unless the council server is told otherwise. */
  listenHost?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (index.html and assets); without it only the API is served. */
  staticDir?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Between heartbeats on an event stream (`GET /api/events`); 20 s unless a test says otherwise. */
  eventsHeartbeatMs?: number;
}

export interface RunningHost {
  server: http.Server;
  port: number;
  /** The URL to open: sets the cookie once, then redirects to the clean address. */
  url: string;
  close(): Promise<void>;
  /** Graceful: no new connections, running requests finish (then resolves); event streams end at once. */
  drain(): Promise<void>;
  /** How many event streams are open (tests: none left once their clients have gone). */
  readonly openEventStreams: number;
}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
/** How often an event stream sends a comment (and re-checks the member's session). */
const DEFAULT_HEARTBEAT_MS = 20_000;

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  IO: 500,
  INTERNAL: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

class BodyTooLarge extends Error {}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, fail(code, message));
}

/**
 * The last word on a request that threw: log it, answer 500 with the envelope if nothing was sent
 * yet, else cut the connection. The host itself keeps serving.
 */
function answerInternalError(res: ServerResponse, error: unknown): void {
  console.error('[advieswerk] host error:', error);
  try {
    if (!res.headersSent) sendError(res, 500, 'INTERNAL', t('errors.internal'));
    else res.destroy();
  } catch {
    res.destroy();
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the body but let it drain: destroying the socket here would lose the 413.
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** Addresses of this computer: a connection from one of them never crossed a network. */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Browser mode: the same handlers as the Electron app, over HTTP on 127.0.0.1 only, behind a
 * per-launch token. The token arrives once in the URL, moves into an HttpOnly cookie, and is
 * then gone from the address bar and out of reach of page scripts.
 *
 * The council server (`council` set): the same API and UI for many members, each signed in with an
 * account (electron/core/accounts); every call carries the caller, whose role the dispatcher checks.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { core, council } = options;
  const token = options.token ?? '';
  if (!council && token === '') throw new Error('Browser mode needs a token');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const heartbeatMs = options.eventsHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  // The real path, so a symlink inside the folder is judged by where it really leads.
  const staticDir = options.staticDir && existsSync(options.staticDir) ? realpathSync(path.resolve(options.staticDir)) : undefined;
  let port = options.port ?? 0;

  const publicUrl = council?.publicUrl ? new URL(council.publicUrl) : undefined;
  // Behind TLS the cookie is Secure and host-only (__Host-); on loopback for a trial it cannot be Secure.
  const secureCookies = publicUrl?.protocol === 'https:';
  const trustedProxies = new Set(council?.trustedProxies ?? [...LOOPBACK]);
  const log = council?.log ?? ((entry: Record<string, unknown>) => console.log(JSON.stringify(entry)));
  const sessionCookie = () => (secureCookies ? '__Host-advieswerk_sessie' : `advieswerk_sessie_${port}`);

  const hostAllowed = (host: string | undefined) =>
    isAllowedHost(host, port) || (publicUrl !== undefined && host !== undefined && host.toLowerCase() === publicUrl.host.toLowerCase());
  const originAllowed = (origin: string | undefined) => isAllowedOrigin(origin, port) || (publicUrl !== undefined && origin === publicUrl.origin);

  const isAuthorized = (req: IncomingMessage) =>
    tokensMatch(bearerToken(req.headers.authorization), token) ||
    cookieValues(req.headers.cookie, tokenCookieName(port)).some((value) => tokensMatch(value, token));

  /**
   * Where a council-server request really comes from. Direct connections from loopback are fine; others
   * only through a trusted proxy that says it spoke TLS to the member. Null: refused.
   */
  function clientOf(req: IncomingMessage): { address: string } | { refused: string } {
    const remote = req.socket.remoteAddress ?? '';
    const forwardedFor = String(req.headers['x-forwarded-for'] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    const proxied = forwardedFor.length > 0 && trustedProxies.has(remote);
    const address = proxied ? forwardedFor[forwardedFor.length - 1]! : remote;
    if (LOOPBACK.has(address)) return { address };
    if (!trustedProxies.has(remote)) return { refused: t('accounts.proxyNotTrusted') };
    if (req.headers['x-forwarded-proto'] !== 'https') return { refused: t('accounts.plainHttp') };
    return { address };
  }

  function sessionSecretOf(req: IncomingMessage): string | undefined {
    return cookieValues(req.headers.cookie, sessionCookie())[0];
  }

  function setSession(res: ServerResponse, secret: string | null): void {
    res.setHeader('Set-Cookie', sessionSetCookie(sessionCookie(), secret, secureCookies, SESSION_DAYS * 86_400));
  }

  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ input: unknown } | undefined> {
    let body: string;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        sendError(res, 413, 'VALIDATION', t('errors.bodyTooLarge', { limit: formatBytes(maxBody) }));
      } else {
        sendError(res, 400, 'IO', t('errors.io', { details: error instanceof Error ? error.message : String(error) }));
      }
      return undefined;
    }
    if (body.trim() === '') return { input: {} };
    try {
      return { input: JSON.parse(body) as unknown };
    } catch {
      sendError(res, 400, 'VALIDATION', t('errors.invalidJson'));
      return undefined;
    }
  }

  function sendResult(res: ServerResponse, result: Result<unknown>): void {
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
  }

  /** Signing in and out on the council server: the session's secret travels only in the cookie. */
  /** The JSON body of a POST; anything else is answered 405 here (undefined: the answer is sent). */
  async function readPostedJson(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<{ input: unknown } | undefined> {
    if (req.method !== 'POST') {
      sendError(res, 405, 'VALIDATION', t('errors.unknownMethod', { method: `${req.method} ${pathname}` }));
      return undefined;
    }
    return readJson(req, res);
  }

  async function handleAuth(req: IncomingMessage, res: ServerResponse, pathname: string, address: string): Promise<void> {
    if (pathname === '/auth/status' && req.method === 'GET') {
      const caller = await core.accounts.callerFor(sessionSecretOf(req));
      const needsSetup = caller ? false : await core.accounts.needsSetup();
      sendJson(res, 200, ok({ mode: 'server', needsSetup, account: caller && { id: caller.accountId, login: caller.login, name: caller.name, role: caller.role } }));
      return;
    }
    const body = await readPostedJson(req, res, pathname);
    if (!body) return;
    if (pathname === '/auth/logout') {
      await core.accounts.logout(sessionSecretOf(req));
      setSession(res, null);
      sendJson(res, 200, ok({ signedOut: true }));
      return;
    }
    const actions: Record<string, (input: unknown, address: string) => Promise<SignedIn>> = {
      '/auth/setup': (input, from) => core.accounts.setup(input, from),
      '/auth/login': (input, from) => core.accounts.login(input, from),
      '/auth/invitation': (input, from) => core.accounts.acceptInvitation(input, from),
    };
    const action = actions[pathname];
    if (!action) {
      sendError(res, 404, 'NOT_FOUND', t('errors.notFound', { what: pathname.slice(0, 100) }));
      return;
    }
    try {
      const signedIn = await action(body.input, address);
      setSession(res, signedIn.sessionSecret);
      const { id, login, name, role } = signedIn.account;
      sendJson(res, 200, ok({ account: { id, login, name, role } }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      sendResult(res, fail(error.code, error.message, error.issues));
    }
  }

  /** Open event streams: ended by `drain`/`close`, so a shutdown never waits for them. */
  const streams = new Set<ServerResponse>();
  /** Set by `drain`/`close`: a stream asked for after that is refused instead of holding the shutdown up. */
  let closing = false;
  /** Requests answered with an event stream: their client leaving (an aborted request) is no error. */
  const streamRequests = new WeakSet<IncomingMessage>();

  /**
   * `GET /api/events`: one server-sent event stream per open app (docs/server.md, "Live"). `event: job` is
   * job progress; `event: change` is a successful write by anyone (`{ topic, method }` only, never what was
   * written or by whom), from the core's change feed, with id `<run>.<seq>`. A reconnecting EventSource
   * sends the last id it saw (`Last-Event-ID`) and first gets the changes since then, or `event: reset`
   * when the feed no longer holds them all (refetch everything). Authenticated before this runs, exactly
   * like an API call: browser mode's launch-token cookie (or bearer token), the council server's session
   * cookie. An EventSource sends the page's cookies and cannot set headers; no token ever goes into a URL.
   * The stream is a GET that changes nothing, and the SameSite=Strict cookie is not sent from another
   * site's page, which could not read the answer anyway (no CORS headers). On the council server a
   * member gets changes only on topics their role may read, and the stream ends once their session does
   * (checked at every heartbeat and after every change to accounts or sessions).
   */
  function serveEvents(req: IncomingMessage, res: ServerResponse, caller: Caller | undefined): void {
    if (closing) {
      res.setHeader('Connection', 'close');
      sendError(res, 503, 'IO', t('errors.hostUnreachable'));
      return;
    }
    const feed = core.changes;
    let role = caller?.role;
    // Node joins a repeated header into one string; the type also allows a list.
    const lastEventId = String(req.headers['last-event-id'] ?? '');
    res.writeHead(200, {
      // Always UTF-8 (the format says so): no charset parameter.
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx passes the stream on at once instead of buffering it.
      'X-Accel-Buffering': 'no',
    });
    streams.add(res);
    streamRequests.add(req);
    const write = (text: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };
    const sendChange = (change: ChangeEvent) => {
      if (role && !roleMayFollow(role, change.topic)) return;
      write(`id: ${feed.idOf(change.seq)}\nevent: change\ndata: ${JSON.stringify({ topic: change.topic, method: change.method })}\n\n`);
    };
    /** The council server: the session still valid, with its role as it is now; else the stream ends. */
    const recheck = async () => {
      if (!caller || res.writableEnded) return;
      try {
        const current = await core.accounts.callerFor(sessionSecretOf(req));
        if (current) role = current.role;
        else res.end();
      } catch {
        // The database did not answer: keep the stream; the next heartbeat asks again.
      }
    };
    // Catching up and subscribing in one synchronous step: no change can fall between them.
    const catchUp = lastEventId !== '' ? feed.since(lastEventId) : null;
    const offChanges = feed.subscribe((change) => {
      sendChange(change);
      if (change.topic === 'accounts' || change.topic === 'session') void recheck();
    });
    // The listener runs outside this request: an event that cannot be sent ends this stream only.
    const offJobs = core.onJobEvent((status) => {
      try {
        write(`event: job\ndata: ${JSON.stringify(status)}\n\n`);
      } catch (error) {
        offJobs();
        answerInternalError(res, error);
      }
    });
    write(': verbonden\n\n');
    if (catchUp === 'reset') write(`id: ${feed.lastId}\nevent: reset\ndata: {}\n\n`);
    else {
      for (const change of catchUp?.changes ?? []) sendChange(change);
      // The client learns where it is, so even its first reconnect can catch up.
      write(`id: ${feed.lastId}\nevent: ready\ndata: {}\n\n`);
    }
    // A comment now and then keeps proxies from closing a quiet stream and finds clients that are gone.
    const heartbeat = setInterval(() => {
      write(': hartslag\n\n');
      void recheck();
    }, heartbeatMs);
    heartbeat.unref();
    // The client went away, or the stream was ended here: nothing of it stays subscribed.
    res.on('close', () => {
      clearInterval(heartbeat);
      offChanges();
      offJobs();
      streams.delete(res);
    });
  }

  /** Ends every event stream (shutdown): the clients' EventSources reconnect to whatever serves next. */
  function endStreams(): void {
    closing = true;
    // The connection closes with it: a kept-alive socket would hold up the server's close.
    for (const res of streams) res.end(() => res.socket?.destroy());
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, caller: Caller | undefined): Promise<void> {
    if (pathname === '/api' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, value: METHOD_NAMES });
      return;
    }
    if (pathname === '/api/events' && req.method === 'GET') {
      serveEvents(req, res, caller);
      return;
    }
    const body = await readPostedJson(req, res, pathname);
    if (!body) return;
    const method = pathname.slice('/api/'.length);
    const result: Result<unknown> = await core.call(method, body.input, caller);
    // Signed out everywhere includes here.
    if (caller && method === 'session.logoutEverywhere' && result.ok) setSession(res, null);
    sendResult(res, result);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (!staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
      sendError(res, 404, 'NOT_FOUND', t('errors.notFound', { what: pathname.slice(0, 100) }));
      return;
    }
    const resolved = resolveStaticPath(staticDir, pathname === '/' ? '/index.html' : pathname);
    // A symlink that leads out of the folder is refused like `..`.
    const real = resolved === null ? null : realPathInside(staticDir, resolved);
    if (real === null) {
      sendError(res, 403, 'VALIDATION', t('errors.forbiddenOrigin'));
      return;
    }
    // Client-side routes fall back to the app's page.
    const file = real !== undefined && statSync(real).isFile() ? real : path.join(staticDir, 'index.html');
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A file that vanished or cannot be read between the check and the read ends this answer only.
    const stream = createReadStream(file);
    stream.on('error', (error) => answerInternalError(res, error));
    stream.pipe(res);
  }

  function setCommonHeaders(res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (secureCookies) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  }

  function originFormUrl(req: IncomingMessage, res: ServerResponse): URL | undefined {
    const target = req.url ?? '/';
    // Only origin-form targets ("/path?query"); the absolute form is for proxies.
    if (!target.startsWith('/')) {
      sendError(res, 400, 'VALIDATION', t('errors.notFound', { what: target.slice(0, 100) }));
      return undefined;
    }
    // Prefixing the origin as text keeps "//evil.example/" a path, never a host.
    return new URL(`http://127.0.0.1:${port}${target}`);
  }

  async function handleBrowserModeRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      sendError(res, 403, 'VALIDATION', t('errors.forbiddenOrigin'));
      return;
    }
    const url = originFormUrl(req, res);
    if (!url) return;
    const offeredToken = url.searchParams.get('token');
    if (offeredToken !== null && req.method === 'GET') {
      if (!tokensMatch(offeredToken, token)) {
        sendError(res, 401, 'VALIDATION', t('errors.unauthorized'));
        return;
      }
      // Always to the app's start page: a path from the link could name another site ("//evil.example/").
      res.writeHead(303, { 'Set-Cookie': tokenSetCookie(port, token), Location: '/' });
      res.end();
      return;
    }
    if (!isAuthorized(req)) {
      sendError(res, 401, 'VALIDATION', t('errors.unauthorized'));
      return;
    }
    const pathname = url.pathname;
    if (pathname === '/auth/status' && req.method === 'GET') sendJson(res, 200, ok({ mode: 'local' }));
    else if (pathname === '/api' || pathname.startsWith('/api/')) await handleApi(req, res, pathname, undefined);
    else serveStatic(req, res, pathname);
  }

  async function handleCouncilRequest(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
    const client = clientOf(req);
    if ('refused' in client) {
      sendError(res, 403, 'VALIDATION', client.refused);
      return undefined;
    }
    // CSRF impossible by construction: a state-changing request must say it comes from our own page.
    const changes = req.method !== 'GET' && req.method !== 'HEAD';
    if (!hostAllowed(req.headers.host) || !originAllowed(req.headers.origin) || (changes && req.headers.origin === undefined)) {
      sendError(res, 403, 'VALIDATION', t('errors.forbiddenOrigin'));
      return undefined;
    }
    const url = originFormUrl(req, res);
    if (!url) return undefined;
    const pathname = url.pathname;
    if (pathname === '/health' && req.method === 'GET') {
      // `app` lets the desktop app tell a council server from any other site at the address typed.
      sendJson(res, 200, ok({ status: 'ok', app: 'advieswerk' }));
      return undefined;
    }
    if (pathname === '/ready' && req.method === 'GET') {
      // Ready when the database answers; a member's request would fail otherwise.
      try {
        await core.accounts.needsSetup();
        sendJson(res, 200, ok({ status: 'ready' }));
      } catch {
        sendError(res, 503, 'IO', t('errors.hostUnreachable'));
      }
      return undefined;
    }
    if (pathname.startsWith('/auth/')) {
      await handleAuth(req, res, pathname, client.address);
      return undefined;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      const caller = await core.accounts.callerFor(sessionSecretOf(req));
      if (!caller) {
        sendError(res, 401, 'UNAUTHENTICATED', t('accounts.notSignedIn'));
        return undefined;
      }
      await handleApi(req, res, pathname, caller);
      return caller.role;
    }
    // The app itself holds no data: served to anyone, who then has to sign in.
    serveStatic(req, res, pathname);
    return undefined;
  }

  /** One line per council-server request: what, how it ended, how long; never who or what was sent. */
  function logRequest(req: IncomingMessage, res: ServerResponse, started: number, role: string | undefined): void {
    const pathname = (req.url ?? '').split('?')[0]!;
    log({
      time: new Date().toISOString(),
      method: req.method,
      path: pathname.startsWith('/api/') || pathname.startsWith('/auth/') || pathname === '/health' || pathname === '/ready' ? pathname.slice(0, 100) : 'app',
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
      ...(role ? { role } : {}),
    });
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res);
    if (!council) {
      await handleBrowserModeRequest(req, res);
      return;
    }
    const started = performance.now();
    // The role is known once the session is read; the line is written when the answer has gone out.
    const seen: { role?: string | undefined } = {};
    res.on('finish', () => logRequest(req, res, started, seen.role));
    seen.role = await handleCouncilRequest(req, res);
  }

  // One guard around every request: whatever it throws, it gets a 500 and the host serves the next.
  const server = http.createServer((req, res) => {
    req.on('error', (error) => {
      if (!streamRequests.has(req)) console.error('[advieswerk] host request error:', error);
    });
    res.on('error', (error) => console.error('[advieswerk] host response error:', error));
    handleRequest(req, res).catch((error: unknown) => answerInternalError(res, error));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.listenHost ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    get openEventStreams() {
      return streams.size;
    },
    url: council ? (publicUrl?.href ?? `http://127.0.0.1:${port}/`) : `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        endStreams();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    drain: () =>
      new Promise<void>((resolve) => {
        // Stops accepting; requests being answered finish; idle keep-alive connections close now;
        // event streams never finish by themselves, so they end here.
        server.close(() => resolve());
        endStreams();
        server.closeIdleConnections();
      }),
  };
}
