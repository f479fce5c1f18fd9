import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseConnection,
  connectionWindowTitle,
  forgetConnectionChoice,
  probeCouncilServer,
  readConnectionChoice,
  type FetchLike,
} from '../../electron/main/connection-choice';
import { startHost, type RunningHost } from '../../electron/host/server';
import { createTestCore, type TestCore } from '../helpers/core';

/**
 * Issue 14, the desktop app's first start: the choice between this computer and the council server is
 * checked, a server's address probed against a real council server (and against what is not one), and
 * kept whole in a file. The Electron binary cannot run here; this is the main process's logic without
 * its window (electron/main/connection-choice.ts), with Node's fetch where the app passes Electron's.
 */

let dir: string;
let core: TestCore;
let council: RunningHost;
let otherSite: http.Server;
let tlsSite: https.Server;
const nodeFetch = fetch as unknown as FetchLike;

const listen = async (server: http.Server | https.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'advieswerk-verbinding-'));
  core = await createTestCore();
  council = await startHost({ core, port: 0, council: { log: () => {} } });
  // Any other site at a mistyped address: it answers /health, but not as Advieswerk.
  otherSite = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, value: { status: 'ok' } }));
  });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  tlsSite = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, value: { status: 'ok', app: 'advieswerk' } }));
  });
}, 60_000);

afterAll(async () => {
  await council?.close();
  await core?.dispose();
  otherSite?.close();
  tlsSite?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('probeCouncilServer', () => {
  it('accepts a running council server', async () => {
    expect(await probeCouncilServer(`http://127.0.0.1:${council.port}/`, nodeFetch)).toEqual({ ok: true, value: null });
  });

  it('names what is wrong at the address field: another site, nobody there, an untrusted certificate', async () => {
    const otherPort = await listen(otherSite);
    const other = await probeCouncilServer(`http://127.0.0.1:${otherPort}/`, nodeFetch);
    expect(other).toMatchObject({ ok: false, error: { issues: [{ path: 'address', message: `Op 127.0.0.1:${otherPort} draait geen raadsserver van Advieswerk. Controleer het adres.` }] } });

    // A port nobody listens on: the one the other site just gave up.
    await new Promise<void>((resolve) => otherSite.close(() => resolve()));
    const nobody = await probeCouncilServer(`http://127.0.0.1:${otherPort}/`, nodeFetch);
    expect(nobody).toMatchObject({ ok: false, error: { code: 'IO', issues: [{ path: 'address', message: expect.stringMatching(/^De raadsserver op 127\.0\.0\.1:\d+ antwoordt niet\./) }] } });

    const tlsPort = await listen(tlsSite);
    const untrusted = await probeCouncilServer(`https://localhost:${tlsPort}/`, nodeFetch);
    expect(untrusted).toMatchObject({ ok: false, error: { issues: [{ path: 'address', message: expect.stringMatching(/^Het certificaat van localhost:\d+ wordt niet vertrouwd/) }] } });
  });

  it('says so when the server answers but its database does not', async () => {
    const broken = await createTestCore();
    const host = await startHost({ core: broken, port: 0, council: { log: () => {} } });
    try {
      await broken.close();
      const result = await probeCouncilServer(`http://127.0.0.1:${host.port}/`, nodeFetch);
      expect(result).toMatchObject({ ok: false, error: { issues: [{ path: 'address', message: expect.stringMatching(/antwoordt, maar kan zijn database nu niet bereiken/) }] } });
    } finally {
      await host.close();
      await broken.dispose().catch(() => undefined);
    }
  });

  it('gives up on a server that never answers, within its time', async () => {
    const silent = http.createServer(() => {});
    const port = await listen(silent);
    try {
      const result = await probeCouncilServer(`http://127.0.0.1:${port}/`, nodeFetch, 300);
      expect(result).toMatchObject({ ok: false, error: { code: 'IO', message: expect.stringMatching(/antwoordt niet/) } });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('chooseConnection: checked, then kept whole', () => {
  const file = () => path.join(dir, 'profiel', 'verbinding.json');
  const choose = (sent: unknown) => chooseConnection(sent, { file: file(), probe: (address) => probeCouncilServer(address, nodeFetch) });

  it('refuses bad and hostile input with a Dutch message at its field, and keeps nothing', async () => {
    for (const sent of [null, 'local', [], {}, { mode: 'elders' }, { mode: 'local', extra: true }, JSON.parse('{"__proto__":{"mode":"local"}}')]) {
      expect(await choose(sent), JSON.stringify(sent)).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'mode', message: 'Kies een van de twee mogelijkheden.' }] } });
    }
    for (const address of ['', 'http://raad.voorbeeldstad.nl', 'https://anna:geheim@raad.nl', `https://${'a'.repeat(600)}.nl`, '<img src=x onerror=alert(1)>', 42]) {
      const result = await choose({ mode: 'server', address });
      expect(result.ok, String(address)).toBe(false);
      expect(result.ok ? null : result.error.issues?.[0]?.path).toBe('address');
    }
    expect(existsSync(file())).toBe(false);
    expect(await readConnectionChoice(file())).toBeNull();
  });

  it('keeps a council server it reached, and this computer; the next start reads it back', async () => {
    const address = `http://127.0.0.1:${council.port}`;
    expect(await choose({ mode: 'server', address })).toEqual({ ok: true, value: { mode: 'server', address: `${address}/` } });
    expect(await readConnectionChoice(file())).toEqual({ mode: 'server', address: `${address}/` });
    expect(connectionWindowTitle('Advieswerk', { mode: 'server', address: `${address}/` })).toBe(`Advieswerk — raadsserver 127.0.0.1:${council.port}`);
    // Written through a temporary file and a rename: nothing else is left in the folder.
    expect(readdirSync(path.dirname(file()))).toEqual(['verbinding.json']);

    expect(await choose({ mode: 'local' })).toEqual({ ok: true, value: { mode: 'local' } });
    expect(await readConnectionChoice(file())).toEqual({ mode: 'local' });
    expect(connectionWindowTitle('Advieswerk', { mode: 'local' })).toBe('Advieswerk — alleen op deze computer');
  });

  it('a server it cannot reach is not kept: the previous choice stays', async () => {
    expect(await choose({ mode: 'server', address: 'http://127.0.0.1:9/' })).toMatchObject({ ok: false, error: { code: 'IO' } });
    expect(await readConnectionChoice(file())).toEqual({ mode: 'local' });
  });

  it('a damaged or edited file means: ask again (never a guess), and "Verbinding wijzigen" forgets it', async () => {
    for (const text of ['', '{"mode":', '{"mode":"server","address":"http://raad.voorbeeldstad.nl/"}', '"local"', '\u0000\u0001']) {
      writeFileSync(file(), text);
      expect(await readConnectionChoice(file()), text).toBeNull();
    }
    writeFileSync(file(), '{"mode":"local"}');
    await forgetConnectionChoice(file());
    expect(existsSync(file())).toBe(false);
    await forgetConnectionChoice(file());
  });
});
