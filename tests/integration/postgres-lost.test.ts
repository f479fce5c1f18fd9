import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { databaseUrl, findPostgresBinaries, startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';
import { makeTempDir } from '../helpers/core';

/**
 * Issue 13, "PostgreSQL lost while running": a core whose server goes away answers every call with a
 * Dutch message naming that server, never crashes, leaves no half-written record, and works again as
 * soon as the server is back, without a restart of the core. Its own cluster, so stopping it harms no
 * other test.
 */
describe('the PostgreSQL server lost while the core runs', { timeout: 120_000 }, () => {
  let cluster: PostgresCluster;
  let core: Core;
  let dir: string;
  let server: string;

  beforeAll(async () => {
    const binaries = findPostgresBinaries();
    if (!('bin' in binaries)) throw new Error(binaries.missing);
    cluster = await startPostgresCluster(binaries.bin);
    server = `127.0.0.1:${cluster.port}`;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database advieswerk');
    await admin.end();
    dir = makeTempDir();
    core = await openCore({ databasePath: databaseUrl(cluster.url, 'advieswerk'), mode: 'cli', dataDir: dir });
  });

  afterAll(async () => {
    await core?.close().catch(() => {});
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says so in Dutch, naming the server, writes nothing half, and resumes when the server is back', async () => {
    const meeting = await core.call('meetings.create', { title: 'Wijkavond Noord', date: '2026-03-12', wijkIds: [] });
    expect(meeting.ok).toBe(true);
    const meetingId = (meeting as { value: { id: string } }).value.id;
    // A pooled connection is open and idle when the server goes: the pool must not take the process down with it.
    expect((await core.call('findings.create', { meetingId, text: 'Voor de storing' })).ok).toBe(true);

    cluster.pause();
    for (const [method, input] of [
      ['findings.create', { meetingId, text: 'Tijdens de storing' }],
      ['findings.search', { query: '' }],
      ['meetings.get', { id: meetingId }],
    ] as const) {
      const answer = await core.call(method, input);
      expect(answer.ok, method).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code, method).toBe('IO');
      expect(answer.error.message, method).toContain(server);
      expect(answer.error.message, method).toContain('niet bereikbaar');
    }

    cluster.resume();
    const after = await core.call('findings.create', { meetingId, text: 'Na de storing' });
    expect(after.ok).toBe(true);
    const listed = await core.call('findings.listForMeeting', { meetingId });
    expect(listed.ok && (listed.value as { text: string }[]).map((finding) => finding.text)).toEqual(['Voor de storing', 'Na de storing']);
  });
});
