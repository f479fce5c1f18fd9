import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/server';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';

/**
 * Issue 14: the council server behind a real TLS reverse proxy (Debian's nginx, configured as
 * docs/server.md says, with a certificate made here by openssl). The members are pretended to be at
 * 192.0.2.10 (nginx sends that as X-Forwarded-For), so the server's rules for remote members apply:
 * over TLS the session cookie is Secure and __Host-, plain HTTP through a proxy is refused.
 */

const NGINX = '/usr/sbin/nginx';
const MEMBER_ADDRESS = '192.0.2.10';

let dir: string;
let core: TestCore;
let server: RunningHost;
let nginx: ChildProcess;
let tlsPort: number;
let plainPort: number;
let certificate: Buffer;
const logLines: Record<string, unknown>[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(transport: typeof http | typeof https, options: https.RequestOptions, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = transport.request(
      { host: '127.0.0.1', method: 'POST', agent: false, ...options, headers: { ...(text ? { 'Content-Type': 'application/json' } : {}), ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** A member's browser on https://localhost:<tlsPort>/ that trusts the test certificate. */
function overTls(pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(https, { port: tlsPort, path: pathname, servername: 'localhost', ca: certificate, headers: { Host: `localhost:${tlsPort}`, ...headers }, ...(body === undefined ? { method: 'GET' } : {}) }, body);
}

async function waitForNginx(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const reply = await overTls('/health');
      if (reply.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not start: ${readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  certificate = readFileSync(path.join(dir, 'cert.pem'));
  tlsPort = await freePort();
  plainPort = await freePort();

  core = await createTestCore();
  server = await startHost({ core, port: 0, council: { publicUrl: `https://localhost:${tlsPort}`, trustedProxies: ['127.0.0.1'], log: (entry) => logLines.push(entry) } });

  // The proxy block of docs/server.md; the member's address fixed instead of $remote_addr (see above).
  const proxy = (proto: string) => `
      proxy_pass http://127.0.0.1:${server.port};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For ${MEMBER_ADDRESS};
      proxy_set_header X-Forwarded-Proto ${proto};
      proxy_buffering off;
      proxy_read_timeout 1h;`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 60m;
  server {
    listen 127.0.0.1:${tlsPort} ssl;
    server_name localhost;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / {${proxy('https')}
    }
  }
  # A proxy that forwards plain HTTP (misconfigured): the server must refuse what comes through it.
  server {
    listen 127.0.0.1:${plainPort};
    location / {${proxy('http')}
    }
  }
}
`,
  );
  nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await waitForNginx();
}, 60_000);

afterAll(async () => {
  nginx?.kill('SIGTERM');
  await server?.close();
  await core?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the council server behind nginx with TLS', () => {
  it('sets the first beheerder up over TLS with a Secure, host-only, HttpOnly, SameSite=Strict session cookie', async () => {
    const setupCode = await core.accounts.setupCodeIfNeeded();
    expect(setupCode).toBeTruthy();
    const origin = `https://localhost:${tlsPort}`;
    const setup = await overTls('/auth/setup', { setupCode, name: 'Anna de Vries', login: 'anna@adviesraad.nl', password: 'lang-genoeg-wachtwoord-1' }, { Origin: origin });
    expect(setup.status, setup.body).toBe(200);
    const cookie = setup.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^__Host-advieswerk_sessie=[^;]{20,};/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);

    const session = await overTls('/api/session.current', {}, { Origin: origin, Cookie: cookie.split(';')[0]! });
    expect(session.status, session.body).toBe(200);
    expect(JSON.parse(session.body).value.account).toMatchObject({ name: 'Anna de Vries', role: 'beheerder' });

    // A change from another site's page is refused, even with the cookie.
    const forged = await overTls('/api/wijken.create', { name: 'Zuid' }, { Origin: 'https://kwaadaardig.example', Cookie: cookie.split(';')[0]! });
    expect(forged.status).toBe(403);
    const wijken = await overTls('/api/wijken.list', {}, { Origin: origin, Cookie: cookie.split(';')[0]! });
    expect(JSON.parse(wijken.body).value).toEqual([]);
  });

  it('refuses a member reached over plain HTTP through a proxy, in Dutch, and changes nothing', async () => {
    const reply = await send(http, { port: plainPort, path: '/auth/login', headers: { Origin: `http://127.0.0.1:${plainPort}` } }, { login: 'anna@adviesraad.nl', password: 'lang-genoeg-wachtwoord-1' });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error.message).toBe(t('accounts.plainHttp'));
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('logs each request through the proxy without the member\'s address, name or password', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const text = JSON.stringify(logLines);
    expect(text).not.toContain(MEMBER_ADDRESS);
    expect(text).not.toContain('Anna');
    expect(text).not.toContain('lang-genoeg');
  });
});
