import { mkdirSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/server';
import { METHOD_NAMES } from '../../shared/api/contract';
import type { JobStatus } from '../../shared/api/jobs';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { databaseFingerprint } from '../helpers/snapshot';

const TOKEN = 'test-token-0123456789abcdefghij';
const INDEX_HTML = '<!doctype html><title>Advieswerk</title><script src="/assets/app.js"></script>';
const APP_JS = 'console.log("advieswerk");';
const SECRET = 'GEHEIM-buiten-de-statische-map';

let core: TestCore;
let host: RunningHost;
/** A second host over the same core with a tiny body limit. */
let smallHost: RunningHost;

beforeAll(async () => {
  core = await createTestCore();
  const staticDir = path.join(core.dir, 'static');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), APP_JS);
  // A file beside the static folder that traversal must never reach.
  writeFileSync(path.join(core.dir, 'secret.txt'), SECRET);
  host = await startHost({ core, token: TOKEN, port: 0, staticDir });
  smallHost = await startHost({ core, token: TOKEN, port: 0, staticDir, maxBodyBytes: 1024 });
});
afterAll(async () => {
  await host.close();
  await smallHost.close();
  await core.dispose();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  /** Sent as-is, so `..` and encodings reach the server unnormalised. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body in chunks without a Content-Length. */
  chunked?: boolean;
  port?: number;
}

function request(options: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port ?? host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined && options.chunked) {
      const half = Math.floor(options.body.length / 2);
      req.write(options.body.slice(0, half));
      setTimeout(() => req.end(options.body!.slice(half)), 20);
    } else {
      req.end(options.body);
    }
  });
}

const bearer = { Authorization: `Bearer ${TOKEN}` };

function post(method: string, body: unknown, headers: Record<string, string> = bearer, port?: number): Promise<Reply> {
  return request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(port ? { port } : {}),
  });
}

function json(reply: Reply): { ok: boolean; value?: unknown; error?: { code: string; message: string; issues?: { path: string }[] } } {
  return JSON.parse(reply.body);
}

describe('the API token', () => {
  it('is required: no token → 401 with a Dutch message', async () => {
    const reply = await request({ path: '/api' });

    expect(reply.status).toBe(401);
    expect(json(reply)).toEqual({ ok: false, error: { code: 'VALIDATION', message: t('errors.unauthorized') } });
  });

  it.each([
    { title: 'a wrong bearer token', headers: { Authorization: 'Bearer verkeerd' } },
    { title: 'a bearer token one character off', headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}X` } },
    { title: 'the token with something appended', headers: { Authorization: `Bearer ${TOKEN}x` } },
    { title: 'the token without "Bearer"', headers: { Authorization: TOKEN } },
    { title: 'a wrong cookie', headers: { Cookie: 'advieswerk_token=verkeerd' } },
  ] as { title: string; headers: Record<string, string> }[])('refuses $title with 401', async ({ headers }) => {
    expect((await request({ path: '/api', headers })).status).toBe(401);
  });

  it('lets the right bearer token list the methods', async () => {
    const reply = await request({ path: '/api', headers: bearer });

    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({ ok: true, value: METHOD_NAMES });
  });

  it('runs nothing for a request without it', async () => {
    const before = databaseFingerprint(core.sqlite);

    const reply = await post('wijken.create', { name: 'Zonder sleutel' }, {});

    expect(reply.status).toBe(401);
    expect(databaseFingerprint(core.sqlite)).toEqual(before);
  });

  it('protects the static files too', async () => {
    const reply = await request({ path: '/index.html' });

    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('<title>Advieswerk');
  });
});

describe('API calls over HTTP', () => {
  it('creates a wijk with POST /api/wijken.create', async () => {
    const reply = await post('wijken.create', { name: 'Over HTTP' });

    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(json(reply)).toMatchObject({ ok: true, value: { name: 'Over HTTP' } });
    expect((await core.value('wijken.list')).map((wijk) => wijk.name)).toContain('Over HTTP');
  });

  it('answers invalid input with 400 and the VALIDATION envelope, writing nothing', async () => {
    const before = databaseFingerprint(core.sqlite);

    const reply = await post('wijken.create', { name: 42 });

    expect(reply.status).toBe(400);
    const body = json(reply);
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('VALIDATION');
    expect(body.error?.message).toMatch(/^De invoer klopt niet/);
    expect(body.error?.issues?.map((issue) => issue.path)).toEqual(['name']);
    expect(databaseFingerprint(core.sqlite)).toEqual(before);
  });

  it('maps CONFLICT to 409 and an unknown method to 404', async () => {
    await post('wijken.create', { name: 'Dubbel' });

    expect((await post('wijken.create', { name: 'dubbel' })).status).toBe(409);
    const unknown = await post('wijken.vernietig', {});
    expect(unknown.status).toBe(404);
    expect(json(unknown).error?.code).toBe('NOT_FOUND');
  });

  it('treats an empty body as no input', async () => {
    const reply = await request({ method: 'POST', path: '/api/wijken.list', headers: bearer });

    expect(reply.status).toBe(200);
    expect(json(reply).ok).toBe(true);
  });

  it('answers invalid JSON with 400', async () => {
    const reply = await post('wijken.create', '{"name": "Noord"');

    expect(reply.status).toBe(400);
    expect(json(reply)).toEqual({ ok: false, error: { code: 'VALIDATION', message: t('errors.invalidJson') } });
  });

  it('refuses other verbs than POST for methods', async () => {
    expect((await request({ method: 'GET', path: '/api/wijken.list', headers: bearer })).status).toBe(405);
    expect((await request({ method: 'DELETE', path: '/api/wijken.list', headers: bearer })).status).toBe(405);
  });
});

describe('request bodies over the limit', () => {
  it('are refused with 413 when the Content-Length is too large', async () => {
    const before = databaseFingerprint(core.sqlite);

    const reply = await post('wijken.create', { name: 'Groot', description: 'x'.repeat(2048) }, bearer, smallHost.port);

    expect(reply.status).toBe(413);
    expect(json(reply).error?.message).toMatch(/^De aanvraag is te groot/);
    expect(databaseFingerprint(core.sqlite)).toEqual(before);
  });

  it('are refused with 413 when streamed without a Content-Length', async () => {
    const before = databaseFingerprint(core.sqlite);

    const reply = await request({
      port: smallHost.port,
      method: 'POST',
      path: '/api/wijken.create',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Groot', description: 'x'.repeat(4096) }),
      chunked: true,
    });

    expect(reply.status).toBe(413);
    expect(databaseFingerprint(core.sqlite)).toEqual(before);
  });

  it('are accepted just under the limit', async () => {
    const reply = await post('wijken.create', { name: 'Klein', description: 'x'.repeat(900) }, bearer, smallHost.port);

    expect(reply.status).toBe(200);
  });
});

describe('cross-site and DNS-rebinding requests', () => {
  it.each(['http://evil.example', 'null', 'http://127.0.0.1.evil.example', 'https://127.0.0.1', 'file://', 'not a url'])(
    'refuses Origin %j with 403, even with the token, and runs nothing',
    async (origin) => {
      const before = databaseFingerprint(core.sqlite);

      const reply = await post('wijken.create', { name: 'Van buiten' }, { ...bearer, Origin: origin });

      expect(reply.status).toBe(403);
      expect(json(reply).error?.message).toBe(t('errors.forbiddenOrigin'));
      expect(databaseFingerprint(core.sqlite)).toEqual(before);
    },
  );

  it('accepts its own origin', async () => {
    const reply = await request({ path: '/api', headers: { ...bearer, Origin: `http://127.0.0.1:${host.port}` } });

    expect(reply.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, `127.0.0.1.evil.example:${host.port}`]) {
      const reply = await request({ path: '/api', headers: { ...bearer, Host: hostHeader } });
      expect(reply.status, hostHeader).toBe(403);
    }
  });

  it('accepts localhost as Host', async () => {
    expect((await request({ path: '/api', headers: { ...bearer, Host: `localhost:${host.port}` } })).status).toBe(200);
  });
});

describe('static files', () => {
  it('serves the app page with a strict CSP and its assets', async () => {
    const page = await request({ path: '/', headers: bearer });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');

    const script = await request({ path: '/assets/app.js', headers: bearer });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toBe(APP_JS);
  });

  it('falls back to the app page for client-side routes', async () => {
    const reply = await request({ path: '/instellingen/wijken', headers: bearer });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
  });

  it.each([
    '/../../etc/passwd',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%2e%2e%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/secret.txt%00.html',
    '/%c0%ae%c0%ae/secret.txt',
    '//etc/passwd',
  ])('never serves a file outside the folder for %s', async (rawPath) => {
    const reply = await request({ path: rawPath, headers: bearer });

    expect([200, 403]).toContain(reply.status);
    if (reply.status === 200) expect(reply.body).toBe(INDEX_HTML);
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toMatch(/root:.*:0:0:/);
  });
});

describe('the token link', () => {
  it('moves the token into an HttpOnly SameSite=Strict cookie and redirects to a clean address', async () => {
    const reply = await request({ path: `/?token=${encodeURIComponent(TOKEN)}` });

    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const cookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^advieswerk_token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//);
  });

  it('keeps other query parameters but drops the token', async () => {
    const reply = await request({ path: `/instellingen?tab=wijken&token=${encodeURIComponent(TOKEN)}` });

    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/instellingen?tab=wijken');
    expect(reply.headers.location).not.toContain(TOKEN);
  });

  it('refuses a wrong token in the link and sets no cookie', async () => {
    const reply = await request({ path: '/?token=verkeerd' });

    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('gives a cookie that alone authorizes API calls', async () => {
    const link = await request({ path: `/?token=${encodeURIComponent(TOKEN)}` });
    const cookie = link.headers['set-cookie']![0]!.split(';')[0]!;

    const reply = await post('wijken.create', { name: 'Met cookie' }, { Cookie: cookie });

    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ ok: true, value: { name: 'Met cookie' } });
  });
});

describe('GET /api/events', () => {
  it('needs the token', async () => {
    expect((await request({ path: '/api/events' })).status).toBe(401);
  });

  it('streams job events of a backup as server-sent events', async () => {
    const events: JobStatus[] = [];
    let buffer = '';
    let stream: http.ClientRequest | undefined;
    const connected = new Promise<http.IncomingMessage>((resolve, reject) => {
      stream = http.get({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: bearer, agent: false }, resolve);
      stream.on('error', reject);
    });
    const response = await connected;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');

    const finished = new Promise<void>((resolve) => {
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = message.split('\n');
          if (!lines.includes('event: job')) continue;
          const data = lines.find((line) => line.startsWith('data: '));
          const status = JSON.parse(data!.slice('data: '.length)) as JobStatus;
          events.push(status);
          if (status.state === 'done' || status.state === 'failed' || status.state === 'cancelled') resolve();
        }
      });
    });

    try {
      const started = json(await post('jobs.start', { kind: 'backup' }));
      expect(started.ok).toBe(true);
      await finished;

      const id = (started.value as JobStatus).id;
      const own = events.filter((status) => status.id === id);
      expect(own.at(-1)?.state).toBe('done');
      expect(own.at(-1)?.result?.path).toEqual(expect.any(String));
    } finally {
      stream?.destroy();
    }
  });
});
