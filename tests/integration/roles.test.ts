import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/core/api/handler';
import { ROLES, type Role } from '../../shared/api/accounts';
import { METHOD_NAMES } from '../../shared/api/contract';
import { JOB_KINDS } from '../../shared/api/jobs';
import { JOB_KIND_ROLES, METHOD_ROLES, roleMayCallWith } from '../../shared/api/roles';
import { t } from '../../shared/i18n';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

/** Issue 14: the role matrix lives in the contract and the dispatcher enforces it, for every method and every role. */
let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
});
afterAll(() => core.dispose());

function caller(role: Role): Caller {
  return { accountId: '01900000-0000-7000-8000-00000000a001', login: `test-${role}`, name: `Test ${role}`, role, sessionTokenHash: 'x' };
}

describe('the role matrix', () => {
  it('names every method of the contract, and nothing else', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(JOB_KIND_ROLES).sort()).toEqual([...JOB_KINDS].sort());
  });

  it('says what the issue says of each role', () => {
    const may = (role: Role, method: keyof typeof METHOD_ROLES) => (METHOD_ROLES[method] as readonly Role[]).includes(role);
    // lid: meetings, input, signals, prioritising; reads advices and responses.
    for (const method of ['meetings.create', 'findings.create', 'signals.create', 'findings.vote', 'signals.vote', 'advices.get', 'responses.forAdvice'] as const) expect(may('lid', method), method).toBe(true);
    for (const method of ['advices.create', 'advices.updateItem', 'responses.record', 'commitments.create', 'council.update', 'accounts.invite'] as const) expect(may('lid', method), method).toBe(false);
    // Only the voorzitter sets an advice to vastgesteld or verzonden.
    expect(ROLES.filter((role) => may(role, 'advices.setStatus'))).toEqual(['voorzitter']);
    // beheerder: accounts and settings.
    expect(ROLES.filter((role) => may(role, 'accounts.invite'))).toEqual(['beheerder']);
    expect(ROLES.filter((role) => may(role, 'backups.restore'))).toEqual(['beheerder']);
    // alleen lezen writes nothing: every method it may call only reads (or makes a document of what it reads).
    const readOnly = METHOD_NAMES.filter((method) => may('alleen_lezen', method));
    for (const method of readOnly) expect(method, method).toMatch(/\.(list|get|search|info|history|periods|teamFindings|matrix|trend|teamTrend|listForMeeting|themes|tags|suggestDuplicates|nextKenmerk|frozen|traceItem|citingFinding|export\w*|forAdvice|attachment|positions|badge|newlyOverdue|adviezenoverzicht|terugkoppeling|termSettings|adoptionOf|attention|overview|settings|current|logoutEverywhere|update|start|cancel|resultFile|enter|leave)$/);
    expect(readOnly.filter((method) => method.endsWith('.update'))).toEqual(['user.update']);
    // Saying one has an advice open (presence) is no council data: memory only, for every role.
    expect(readOnly.filter((method) => /\.(enter|leave)$/.test(method))).toEqual(['presence.enter', 'presence.leave']);
    expect(JOB_KINDS.filter((kind) => roleMayCallWith('alleen_lezen', 'jobs.start', { kind }))).not.toContain('findingsImport');
  });

  it('is enforced by the dispatcher: every method × every role, refused before anything changes', async () => {
    const before = await storeFingerprint(core);
    for (const method of METHOD_NAMES) {
      for (const role of ROLES) {
        const allowed = (METHOD_ROLES[method] as readonly Role[]).includes(role);
        if (allowed) continue;
        const result = await core.call(method, {}, caller(role));
        expect(result, `${method} als ${role}`).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: t('accounts.forbidden', { role: t(`accounts.roles.${role}`) }) } });
      }
    }
    expect(await storeFingerprint(core)).toEqual(before);
    for (const method of METHOD_NAMES) {
      for (const role of ROLES) {
        if (!(METHOD_ROLES[method] as readonly Role[]).includes(role)) continue;
        const result = await core.call(method, {}, caller(role));
        if (!result.ok) expect(result.error.code, `${method} als ${role}: ${result.error.message}`).not.toBe('FORBIDDEN');
      }
    }
  });

  it('looks at the kind of job: a lid imports findings but does not make back-ups', async () => {
    const backup = await core.call('jobs.start', { kind: 'backup' }, caller('lid'));
    expect(backup.ok ? 'ok' : backup.error.code).toBe('FORBIDDEN');
    expect(roleMayCallWith('lid', 'jobs.start', { kind: 'findingsImport' })).toBe(true);
    expect(roleMayCallWith('beheerder', 'jobs.start', { kind: 'backup' })).toBe(true);
  });

  it('on one computer there are no roles: the person at the computer may do everything', async () => {
    expect((await core.call('wijken.create', { name: 'Merenwijk' })).ok).toBe(true);
    expect(await core.call('accounts.list', {})).toEqual({ ok: false, error: { code: 'VALIDATION', message: t('accounts.notOnServer') } });
    expect(await core.value('session.current')).toEqual({ account: null });
  });
});
