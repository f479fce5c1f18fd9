import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/server';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { JOB_KINDS } from '../../shared/api/jobs';
import { JOB_KIND_ROLES, METHOD_ROLES } from '../../shared/api/roles';
import { t } from '../../shared/i18n';
import { createTestCore, onPostgres, type TestCore } from '../helpers/core';
import { HOSTILE_STRINGS, hostileInput } from '../helpers/hostile';
import { HttpMember, type HttpReply } from '../helpers/http-member';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 14, "the hostile-input suite runs against the server with a logged-in lid account": over real
 * HTTP, with a lid's session cookie. Every method the role matrix (shared/api/roles.ts) keeps from a lid
 * is refused with 403 and a Dutch message, whatever the body, and changes nothing; hostile bodies to the
 * methods a lid may call never make the server fail or fall over; a disabled account's session gets
 * nothing at all. Runs on both stores (project `postgres` too).
 */

let core: TestCore;
let server: RunningHost;

const PASSWORD = 'een-lang-genoeg-wachtwoord';
/** Words from English error texts that must never reach a Dutch user. */
const ENGLISH = /\b(invalid|expected|required|received|must|should|cannot|error|failed)\b/i;
const FORBIDDEN_FOR_LID = { code: 'FORBIDDEN', message: t('accounts.forbidden', { role: t('accounts.roles.lid') }) };
const NOT_SIGNED_IN = { code: 'UNAUTHENTICATED', message: t('accounts.notSignedIn') };
/** Hostile bodies per method: fewer on PostgreSQL, where each accepted write and job costs more. */
const CASES_PER_METHOD = onPostgres() ? 4 : 6;

/** One member's browser over loopback, signed in with the suite's password. */
class Browser extends HttpMember {
  constructor() {
    super(() => server.port);
  }
  async login(login: string): Promise<void> {
    const reply = await this.auth('login', { login, password: PASSWORD });
    expect(reply.status, reply.text).toBe(200);
  }
}

const lid = new Browser();
const beheerder = new Browser();
/** A lid who leaves the council: disabled by the beheerder while signed in. */
const leaver = new Browser();
let leaverFindingId = '';
let adviceId = '';

/** The server's body limit (electron/host/server.ts): a larger body is refused with 413 before anything reads it, whoever sends it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const oversized = (body: unknown) => Buffer.byteLength(JSON.stringify(body) ?? '') > MAX_BODY_BYTES;
const TOO_LARGE = { code: 'VALIDATION', message: t('errors.bodyTooLarge', { limit: '16 MB' }) };

const mayLid = (method: MethodName) => (METHOD_ROLES[method] as readonly string[]).includes('lid');

/** Jobs an accepted call started are awaited, so none outlives its case or the store. */
async function settle(reply: HttpReply): Promise<void> {
  const value = reply.json?.ok ? (reply.json.value as { id?: unknown; kind?: unknown; state?: unknown } | null) : null;
  if (value && typeof value.id === 'string' && typeof value.kind === 'string' && typeof value.state === 'string') await core.jobs.wait(value.id);
}

beforeAll(async () => {
  core = await createTestCore();
  server = await startHost({ core, port: 0, council: { log: () => undefined } });
  await core.accounts.createAccount({ name: 'Anna de Vries', login: 'anna', role: 'beheerder', password: PASSWORD, by: 'test' });
  await core.accounts.createAccount({ name: 'Bert Jansen', login: 'bert', role: 'lid', password: PASSWORD, by: 'test' });
  await core.accounts.createAccount({ name: 'Dirk Vos', login: 'dirk', role: 'lid', password: PASSWORD, by: 'test' });
  await beheerder.login('anna');
  await lid.login('bert');
  await leaver.login('dirk');
  // Something to find and something to aim at: a wijk, a meeting with input, an advice the lid may read.
  const wijk = await core.value('wijken.create', { name: 'Noord' });
  const meeting = await core.value('meetings.create', { title: 'Wijkavond Noord', date: '2026-03-12', wijkIds: [wijk.id] });
  await core.value('findings.create', { meetingId: meeting.id, text: 'De buurtbus rijdt niet meer op zondag' });
  adviceId = (await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer', withDefaultSections: true })).id;
  leaverFindingId = (await leaver.call('findings.create', { meetingId: meeting.id, text: 'Bankjes in het park ontbreken' })).json!.value.id;
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
});

/** Ids that exist, so a hostile body can reach past the first checks. */
async function plausibleValues(): Promise<unknown[]> {
  const ids = [
    ...(await core.value('wijken.list')).map((wijk) => wijk.id),
    ...(await core.value('meetings.list', {})).map((meeting: { id: string }) => meeting.id),
    ...(await core.value('advices.list', {})).map((advice) => advice.id),
    ...(await core.value('accounts.list', {}).catch(() => [] as { id: string }[])).map((account: { id: string }) => account.id),
  ];
  return [...ids, ...JOB_KINDS, 'Noord', '', 0, 1, true, [], {}];
}

describe('a lid over HTTP, against the role matrix', () => {
  it('every method a lid may not call: 403 with the Dutch message, with an empty and with hostile bodies, and nothing changes', async () => {
    const forbidden = METHOD_NAMES.filter((method) => !mayLid(method));
    expect(forbidden.length).toBeGreaterThan(50);
    const plausible = await plausibleValues();
    const before = await storeFingerprint(core);
    for (const method of forbidden) {
      const bodies = [{}, ...fc.sample(hostileInput(contract[method].input, plausible), { numRuns: 3, seed: method.length })];
      for (const body of bodies) {
        const reply = await lid.call(method, body);
        const expected = oversized(body) ? { status: 413, error: TOO_LARGE } : { status: 403, error: FORBIDDEN_FOR_LID };
        expect(reply.status, `${method} als lid`).toBe(expected.status);
        expect(reply.json, `${method} als lid`).toEqual({ ok: false, error: expected.error });
      }
    }
    // The kinds of job a lid may not start, though `jobs.start` itself is open to every role.
    const jobsForbidden = JOB_KINDS.filter((kind) => !(JOB_KIND_ROLES[kind] as readonly string[]).includes('lid'));
    expect(jobsForbidden).toContain('backup');
    for (const kind of jobsForbidden) {
      // Valid parameters: the kind is judged after the input is read (electron/core/api/dispatch.ts).
      const reply = await lid.call('jobs.start', { kind, params: kind === 'archivePdf' || kind === 'advicePdf' ? { id: adviceId } : kind === 'moveTakeOver' ? { uploadId: adviceId } : {} });
      expect(reply.status, `jobs.start ${kind}`).toBe(403);
      expect(reply.json?.error, `jobs.start ${kind}`).toEqual(FORBIDDEN_FOR_LID);
    }
    // A body that tries to make itself someone else changes nothing either.
    for (const body of ['{"__proto__":{"role":"beheerder"}}', '{"constructor":{"prototype":{"role":"beheerder"}}}', '{"role":"beheerder","caller":{"role":"beheerder"}}']) {
      const reply = await lid.request({ path: '/api/accounts.list', body });
      expect(reply.status).toBe(403);
    }
    expect(FORBIDDEN_FOR_LID.message).not.toMatch(ENGLISH);
    expect(await storeFingerprint(core)).toEqual(before);
    // Still a lid, still signed in.
    expect((await lid.call('session.current', {})).json?.value.account).toMatchObject({ login: 'bert', role: 'lid' });
  }, 300_000);

  it('hostile bodies to every method a lid may call: answered with the envelope, never a server failure, never a refused role', async () => {
    // Signing out everywhere is the lid's right, and would end this session: its refusals are in council-server.test.ts.
    const allowed = METHOD_NAMES.filter((method) => mayLid(method) && method !== 'session.logoutEverywhere');
    const plausible = await plausibleValues();
    const statuses = new Map<number, number>();
    for (const method of allowed) {
      const bodies = fc.sample(hostileInput(contract[method].input, plausible), { numRuns: CASES_PER_METHOD, seed: method.length * 31 });
      for (const body of bodies) {
        const reply = await lid.call(method, body);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const what = `${method} ${JSON.stringify(body)?.slice(0, 200)}`;
        expect(reply.json, what).toBeDefined();
        // jobs.start is open to a lid, the kind may not be: a valid start of a kind a lid may not start is a 403.
        const kind = (body as { kind?: unknown } | null)?.kind;
        const forbiddenKind = method === 'jobs.start' && typeof kind === 'string' && Object.hasOwn(JOB_KIND_ROLES, kind) && !(JOB_KIND_ROLES[kind as keyof typeof JOB_KIND_ROLES] as readonly string[]).includes('lid');
        expect(oversized(body) ? [413] : [200, 400, 404, 409, ...(forbiddenKind ? [403] : [])], `${what}: ${reply.text.slice(0, 300)}`).toContain(reply.status);
        if (!reply.json!.ok) {
          expect(reply.json!.error!.message.length, what).toBeGreaterThan(0);
          expect(reply.json!.error!.message, what).not.toMatch(ENGLISH);
        } else if (method === 'jobs.start') {
          // Only the kinds a lid may start are started.
          expect((JOB_KIND_ROLES[reply.json!.value.kind as keyof typeof JOB_KIND_ROLES] as readonly string[]).includes('lid'), what).toBe(true);
        }
        await settle(reply);
      }
    }
    // Bodies that are no JSON, or JSON of the wrong shape, to a method a lid may call.
    const raw = ['{"text":', '\u0000', 'null', '[]', '"x"', '1e400', '['.repeat(100_000), `{"text":"${HOSTILE_STRINGS.find((text) => text.startsWith('\u202E'))}"}`];
    for (const body of raw) {
      const reply = await lid.request({ path: '/api/findings.create', body });
      expect([400, 200], `${JSON.stringify(body.slice(0, 40))}: ${reply.text.slice(0, 200)}`).toContain(reply.status);
      if (reply.status === 400) expect(reply.json?.error?.message).not.toMatch(ENGLISH);
    }
    console.log(`[roles-hostile-server] ${allowed.length} methods, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(200) ?? 0, 'some hostile-looking bodies are valid and accepted').toBeGreaterThan(0);
    // The server still serves, and the lid is still who they were.
    expect((await lid.request({ method: 'GET', path: '/health' })).json).toEqual({ ok: true, value: { status: 'ok', app: 'advieswerk' } });
    expect((await lid.call('session.current', {})).json?.value.account).toMatchObject({ login: 'bert', role: 'lid' });
  }, 600_000);
});

describe('a disabled account', () => {
  it("its session gets nothing from any method or the event stream, while its history stays", async () => {
    // Before: the session works.
    expect((await leaver.call('findings.get', { id: leaverFindingId })).status).toBe(200);
    const accounts = (await beheerder.call('accounts.list', {})).json!.value as { id: string; login: string }[];
    const disabled = await beheerder.call('accounts.disable', { id: accounts.find((account) => account.login === 'dirk')!.id });
    expect(disabled.status).toBe(200);

    const before = await storeFingerprint(core);
    for (const method of METHOD_NAMES) {
      const reply = await leaver.call(method, method === 'findings.get' ? { id: leaverFindingId } : {});
      expect(reply.status, method).toBe(401);
      // The envelope and nothing else: no data of the council in any answer.
      expect(reply.json, method).toEqual({ ok: false, error: NOT_SIGNED_IN });
    }
    const events = await leaver.request({ method: 'GET', path: '/api/events' });
    expect(events.status).toBe(401);
    expect(events.json).toEqual({ ok: false, error: NOT_SIGNED_IN });
    const status = await leaver.request({ method: 'GET', path: '/auth/status' });
    expect(status.json?.value.account).toBeNull();
    // Signing in again fails with the words a wrong password gets.
    const again = await new Browser().request({ path: '/auth/login', body: JSON.stringify({ login: 'dirk', password: PASSWORD }) });
    expect(again.status).toBe(401);
    expect(again.json?.error?.message).toBe(t('accounts.loginFailed'));
    expect(await storeFingerprint(core)).toEqual(before);
    // What the member wrote stays, under their name.
    expect((await lid.call('findings.get', { id: leaverFindingId })).json?.value.createdBy).toBe('Dirk Vos');
  }, 120_000);
});
