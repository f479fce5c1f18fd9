import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/server';
import { METHOD_NAMES } from '../../shared/api/contract';
import type { JobStatus } from '../../shared/api/jobs';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { startHostProcess } from '../helpers/host-process';
import { storeFingerprint } from '../helpers/snapshot';

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
  // Symlinks out of the folder (to a file and to a folder) and one that stays inside.
  symlinkSync(path.join(core.dir, 'secret.txt'), path.join(staticDir, 'assets', 'leak.txt'));
  symlinkSync(core.dir, path.join(staticDir, 'outside'));
  symlinkSync(path.join(staticDir, 'assets', 'app.js'), path.join(staticDir, 'alias.js'));
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
    const before = (await storeFingerprint(core));

    const reply = await post('wijken.create', { name: 'Zonder sleutel' }, {});

    expect(reply.status).toBe(401);
    expect((await storeFingerprint(core))).toEqual(before);
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
    const before = (await storeFingerprint(core));

    const reply = await post('wijken.create', { name: 42 });

    expect(reply.status).toBe(400);
    const body = json(reply);
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('VALIDATION');
    expect(body.error?.message).toMatch(/^De invoer klopt niet/);
    expect(body.error?.issues?.map((issue) => issue.path)).toEqual(['name']);
    expect((await storeFingerprint(core))).toEqual(before);
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
    const before = (await storeFingerprint(core));

    const reply = await post('wijken.create', { name: 'Groot', description: 'x'.repeat(2048) }, bearer, smallHost.port);

    expect(reply.status).toBe(413);
    expect(json(reply).error?.message).toMatch(/^De aanvraag is te groot/);
    expect((await storeFingerprint(core))).toEqual(before);
  });

  it('are refused with 413 when streamed without a Content-Length', async () => {
    const before = (await storeFingerprint(core));

    const reply = await request({
      port: smallHost.port,
      method: 'POST',
      path: '/api/wijken.create',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Groot', description: 'x'.repeat(4096) }),
      chunked: true,
    });

    expect(reply.status).toBe(413);
    expect((await storeFingerprint(core))).toEqual(before);
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
      const before = (await storeFingerprint(core));

      const reply = await post('wijken.create', { name: 'Van buiten' }, { ...bearer, Origin: origin });

      expect(reply.status).toBe(403);
      expect(json(reply).error?.message).toBe(t('errors.forbiddenOrigin'));
      expect((await storeFingerprint(core))).toEqual(before);
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

describe('symlinks in the static folder', () => {
  it.each(['/assets/leak.txt', '/outside/secret.txt', '/outside/advieswerk.sqlite'])(
    'are refused with 403 when they lead out of the folder: %s',
    async (linkPath) => {
      const reply = await request({ path: linkPath, headers: bearer });

      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain(SECRET);
      expect(json(reply).error?.message).toBe(t('errors.forbiddenOrigin'));
    },
  );

  it('are followed when they stay inside it', async () => {
    const reply = await request({ path: '/alias.js', headers: bearer });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe(APP_JS);
  });
});

describe('the token link', () => {
  it('moves the token into an HttpOnly SameSite=Strict cookie and redirects to a clean address', async () => {
    const reply = await request({ path: `/?token=${encodeURIComponent(TOKEN)}` });

    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const cookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^advieswerk_token_${host.port}=`));
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//);
  });

  it('redirects to the start page only, whatever path the link had', async () => {
    const reply = await request({ path: `/instellingen?tab=wijken&token=${encodeURIComponent(TOKEN)}` });

    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
  });

  it.each(['/.//evil.example/', '//evil.example/', '/.//evil.example/x/..', '/%2F%2Fevil.example/', '/\\evil.example/', '/./\\/evil.example/'])(
    'never redirects off the host for the link %s?token=… (open redirect)',
    async (linkPath) => {
      const reply = await request({ path: `${linkPath}?token=${encodeURIComponent(TOKEN)}` });

      expect(reply.status).toBe(303);
      expect(reply.headers.location).toBe('/');
    },
  );

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

/** The cookie a host's link sets, as a browser would send it back ("name=value"). */
async function linkCookie(port: number, token: string): Promise<string> {
  const link = await request({ port, path: `/?token=${encodeURIComponent(token)}` });
  expect(link.status).toBe(303);
  return link.headers['set-cookie']![0]!.split(';')[0]!;
}

describe('two hosts on one computer (cookies are not scoped by port)', () => {
  const OTHER_TOKEN = 'other-token-abcdefghij0123456789';
  let other: RunningHost;
  beforeAll(async () => {
    other = await startHost({ core, token: OTHER_TOKEN, port: 0 });
  });
  afterAll(async () => {
    await other.close();
  });

  it('each set a cookie of their own name, and each accepts only its own', async () => {
    const mine = await linkCookie(host.port, TOKEN);
    const theirs = await linkCookie(other.port, OTHER_TOKEN);

    expect(mine.split('=')[0]).not.toBe(theirs.split('=')[0]);
    expect((await request({ path: '/api', headers: { Cookie: mine } })).status).toBe(200);
    expect((await request({ port: other.port, path: '/api', headers: { Cookie: theirs } })).status).toBe(200);
    expect((await request({ path: '/api', headers: { Cookie: theirs } })).status).toBe(401);
    expect((await request({ port: other.port, path: '/api', headers: { Cookie: mine } })).status).toBe(401);
  });

  it('both keep working when the browser sends both cookies to each (the second link does not overwrite the first)', async () => {
    const both = `${await linkCookie(host.port, TOKEN)}; ${await linkCookie(other.port, OTHER_TOKEN)}`;

    expect((await request({ path: '/api', headers: { Cookie: both } })).status).toBe(200);
    expect((await request({ port: other.port, path: '/api', headers: { Cookie: both } })).status).toBe(200);
  });

  it('a cookie of the same name planted by another page does not lock the user out', async () => {
    const mine = await linkCookie(host.port, TOKEN);
    const planted = `advieswerk_token_${host.port}=geplant`;

    expect((await request({ path: '/api', headers: { Cookie: `${planted}; ${mine}` } })).status).toBe(200);
    expect((await request({ path: '/api', headers: { Cookie: planted } })).status).toBe(401);
  });
});

describe('a request that throws', () => {
  it('gets 500 with the envelope, and the host serves the next request', async () => {
    // Fault injection: a core whose call throws stands for any bug in a handler.
    const faulty: typeof core = Object.assign(Object.create(core) as typeof core, {
      call: () => {
        throw new Error('kapot');
      },
    });
    const faultyHost = await startHost({ core: faulty, token: TOKEN, port: 0 });
    try {
      const reply = await post('wijken.list', {}, bearer, faultyHost.port);
      expect(reply.status).toBe(500);
      expect(json(reply)).toEqual({ ok: false, error: { code: 'INTERNAL', message: t('errors.internal') } });
      expect(reply.body).not.toContain('kapot');

      const next = await request({ port: faultyHost.port, path: '/api', headers: bearer });
      expect(next.status).toBe(200);
    } finally {
      await faultyHost.close();
    }
  });
});

interface RawReply {
  status: number;
  text: string;
}

/** Sends bytes as they are (headers and targets that http.request would refuse) and reads the status. */
function rawRequest(port: number, head: Buffer | string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.end(head);
  });
}

describe('browser mode as its own process, under hostile requests', () => {
  const PROCESS_TOKEN = 'process-token-0123456789abcdefghij';
  let dir: string;
  let child: ChildProcess;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-host-'));
    const started = await startHostProcess(path.join(dir, 'advieswerk.sqlite'), PROCESS_TOKEN);
    child = started.child;
    port = Number(new URL(started.url).port);
  }, 60_000);
  afterAll(() => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (target: string, headers: string[] = []) =>
    Buffer.concat([Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`, 'latin1'), Buffer.from(headers.map((line) => `${line}\r\n`).join(''), 'latin1'), Buffer.from('\r\n')]);

  async function stillServes(): Promise<void> {
    expect(child.exitCode, 'the host process ended').toBeNull();
    const reply = await rawRequest(port, get('/api', [`Authorization: Bearer ${PROCESS_TOKEN}`]));
    expect(reply.status).toBe(200);
  }

  it.each([
    'advieswerk_token=%',
    'advieswerk_token_PORT=%',
    'advieswerk_token_PORT=%E0%A4%A',
    'advieswerk_token_PORT=%ZZ; advieswerk_token_PORT=%',
    'advieswerk_token_PORT',
    '=%; ;;; =',
    '%',
    'advieswerk_token_PORT="%"',
    'advieswerk_token_PORT=\xff\xfe%',
    `advieswerk_token_PORT=%${'%25'.repeat(10)}…`.replace('…', '%'.repeat(8000)),
    'advieswerk_token_PORT=process-token-0123456789abcdefghi%6',
    '__proto__=%; constructor=%; advieswerk_token_PORT=%',
  ])('a malformed cookie is not a token: 401, and the host keeps serving (%#)', async (cookie) => {
    const reply = await rawRequest(port, get('/api', [`Cookie: ${cookie.replaceAll('PORT', String(port))}`]));

    expect(reply.status).toBe(401);
    await stillServes();
  });

  it('a percent-encoded cookie that decodes to the token is accepted', async () => {
    const encoded = [...PROCESS_TOKEN].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
    expect((await rawRequest(port, get('/api', [`Cookie: advieswerk_token_${port}=${encoded}`]))).status).toBe(200);
  });

  it.each([
    ['a bad percent-escape in the path', get('/%')],
    ['a bad escape with the token link', get('/%E0%A4%A?token=%')],
    ['a token link with a broken token', get('/?token=%ZZ')],
    ['the open-redirect link', get(`/.//evil.example/?token=${PROCESS_TOKEN}`)],
    ['an absolute-form target', get('http://evil.example/api')],
    ['an asterisk target', get('*')],
    ['an API path with a bad escape', get('/api/%', [`Authorization: Bearer ${PROCESS_TOKEN}`])],
    ['a POST to a bad escape', Buffer.from(`POST /api/%E0 HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Bearer ${PROCESS_TOKEN}\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{"a`)],
    ['a NUL in the path', get('/index.html%00', [`Authorization: Bearer ${PROCESS_TOKEN}`])],
    ['Latin-1 bytes in headers', get('/api', ['Authorization: Bearer \xff\xfe', 'Origin: http://\xff', 'X-Weird: \x7f'])],
    ['a broken Origin', get('/api', [`Authorization: Bearer ${PROCESS_TOKEN}`, 'Origin: http://[::1'])],
    ['a Host of only a colon', Buffer.from(`GET /api HTTP/1.1\r\nHost: :\r\nConnection: close\r\n\r\n`)],
    ['no Host header', Buffer.from(`GET /api HTTP/1.1\r\nConnection: close\r\n\r\n`)],
    ['a huge Content-Length', Buffer.from(`POST /api/wijken.list HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Bearer ${PROCESS_TOKEN}\r\nContent-Length: 99999999999999999999\r\nConnection: close\r\n\r\n`)],
    ['events with a bad query', get('/api/events?x=%', [`Authorization: Bearer ${PROCESS_TOKEN}`, 'Last-Event-ID: %'])],
    ['garbage instead of HTTP', Buffer.from('\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03', 'latin1')],
  ] as [string, Buffer][])('%s: an answer, never a crash, and the host keeps serving', async (_title, head) => {
    const reply = await rawRequest(port, Buffer.from(head.toString('latin1').replaceAll('PORT', String(port)), 'latin1'));

    expect(reply.status === 0 || (reply.status >= 200 && reply.status < 600)).toBe(true);
    expect(reply.status).not.toBe(500);
    await stillServes();
  });
});
