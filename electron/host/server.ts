import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { METHOD_NAMES } from '../../shared/api/contract';
import { t } from '../../shared/i18n';
import { fail, type ErrorCode, type Result } from '../../shared/result';
import type { Core } from '../core/core';
import {
  bearerToken,
  CONTENT_SECURITY_POLICY,
  cookieValues,
  isAllowedHost,
  isAllowedOrigin,
  realPathInside,
  resolveStaticPath,
  tokenCookieName,
  tokenSetCookie,
  tokensMatch,
} from './security';

export interface HostOptions {
  core: Core;
  token: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (index.html and assets); without it only the API is served. */
  staticDir?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface RunningHost {
  server: http.Server;
  port: number;
  /** The URL to open: sets the cookie once, then redirects to the clean address. */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
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

/**
 * Browser mode: the same handlers as the Electron app, over HTTP on 127.0.0.1 only, behind a
 * per-launch token. The token arrives once in the URL, moves into an HttpOnly cookie, and is
 * then gone from the address bar and out of reach of page scripts.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { core, token } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  // The real path, so a symlink inside the folder is judged by where it really leads.
  const staticDir = options.staticDir && existsSync(options.staticDir) ? realpathSync(path.resolve(options.staticDir)) : undefined;
  let port = options.port ?? 0;

  const isAuthorized = (req: IncomingMessage) =>
    tokensMatch(bearerToken(req.headers.authorization), token) ||
    cookieValues(req.headers.cookie, tokenCookieName(port)).some((value) => tokensMatch(value, token));

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === '/api' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, value: METHOD_NAMES });
      return;
    }
    if (pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': verbonden\n\n');
      // The listener runs outside this request: an event that cannot be sent ends this stream only.
      const off = core.onJobEvent((status) => {
        try {
          res.write(`event: job\ndata: ${JSON.stringify(status)}\n\n`);
        } catch (error) {
          off();
          answerInternalError(res, error);
        }
      });
      req.on('close', off);
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, 'VALIDATION', t('errors.unknownMethod', { method: `${req.method} ${pathname}` }));
      return;
    }
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
      return;
    }
    let input: unknown = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        sendError(res, 400, 'VALIDATION', t('errors.invalidJson'));
        return;
      }
    }
    const method = pathname.slice('/api/'.length);
    const result: Result<unknown> = await core.call(method, input);
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
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

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      sendError(res, 403, 'VALIDATION', t('errors.forbiddenOrigin'));
      return;
    }
    const target = req.url ?? '/';
    // Only origin-form targets ("/path?query"); the absolute form is for proxies.
    if (!target.startsWith('/')) {
      sendError(res, 400, 'VALIDATION', t('errors.notFound', { what: target.slice(0, 100) }));
      return;
    }
    // Prefixing the origin as text keeps "//evil.example/" a path, never a host.
    const url = new URL(`http://127.0.0.1:${port}${target}`);
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
    if (pathname === '/api' || pathname.startsWith('/api/')) await handleApi(req, res, pathname);
    else serveStatic(req, res, pathname);
  }

  // One guard around every request: whatever it throws, it gets a 500 and the host serves the next.
  const server = http.createServer((req, res) => {
    req.on('error', (error) => console.error('[advieswerk] host request error:', error));
    res.on('error', (error) => console.error('[advieswerk] host response error:', error));
    handleRequest(req, res).catch((error: unknown) => answerInternalError(res, error));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
