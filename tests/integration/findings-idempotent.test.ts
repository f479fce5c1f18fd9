import { sql } from 'kysely';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { createTestCore, pluck, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

/**
 * Issue 14, capture that keeps working offline: a finding created with an id the client chose is created
 * once, however often it is sent (an answer lost on a failing network, a resend from the outbox, two tabs
 * sending the same entry at once). The first arrival stands.
 */
describe('findings.create with a client id', () => {
  let core: TestCore;
  let meetingId: string;
  beforeEach(async () => {
    core = await createTestCore();
    meetingId = (await core.value('meetings.create', { title: 'Wijkavond Oost', date: '2026-03-12', wijkIds: [] })).id;
  });
  afterEach(async () => {
    await core.dispose();
  });

  async function rowsWithId(id: string): Promise<number> {
    const [count] = await pluck<number | string>(core.db, sql`select count(*) from findings where id = ${id}`);
    return Number(count);
  }

  it('keeps the id and answers a second send with the first finding, writing nothing', async () => {
    const id = uuidv7();
    const first = await core.value('findings.create', { id, meetingId, text: 'Regiotaxi te laat' });
    expect(first.id).toBe(id);
    const before = await storeFingerprint(core);
    const again = await core.value('findings.create', { id, meetingId, text: 'Regiotaxi te laat' });
    expect(again).toEqual(first);
    expect(await storeFingerprint(core)).toEqual(before);
    expect(await core.value('findings.listForMeeting', { meetingId })).toHaveLength(1);
  });

  it('makes exactly one finding when the same entry is sent five times at once', async () => {
    // Many rounds: on PostgreSQL the first arrival can commit between two reads of a later send, a
    // moment that one round seldom hits (CI of 2026-12-07 on a loaded machine did; 40 rounds hit it every time).
    for (let round = 0; round < 40; round += 1) {
      const id = uuidv7();
      const answers = await Promise.all(Array.from({ length: 5 }, () => core.call('findings.create', { id, meetingId, text: 'Bankjes in het park' })));
      for (const answer of answers) expect(answer).toMatchObject({ ok: true, value: { id, text: 'Bankjes in het park' } });
      expect(await rowsWithId(id)).toBe(1);
    }
  });

  it('keeps a change made after the first arrival (the newer version wins) and does not bring a trashed one back', async () => {
    const id = uuidv7();
    await core.value('findings.create', { id, meetingId, text: 'Eerste tekst' });
    await core.value('findings.update', { id, text: 'Verbeterd door de secretaris' });
    const resent = await core.value('findings.create', { id, meetingId, text: 'Eerste tekst' });
    expect(resent.text).toBe('Verbeterd door de secretaris');

    await core.value('findings.delete', { id });
    const trashed = await core.failure('findings.create', { id, meetingId, text: 'Eerste tekst' });
    expect(trashed).toMatchObject({ code: 'NOT_FOUND', message: t('findings.arrivedThenTrashed') });
    expect(await rowsWithId(id)).toBe(1);
    expect(await core.value('findings.listForMeeting', { meetingId })).toHaveLength(0);
  });

  it('refuses an id that is not a UUIDv7 or lies in the future, in Dutch, writing nothing', async () => {
    const before = await storeFingerprint(core);
    const notV7 = await core.failure('findings.create', { id: uuidv4(), meetingId, text: 'x' });
    expect(notV7.code).toBe('VALIDATION');
    expect(notV7.message).toContain(t('errors.invalidId'));
    const tomorrow = uuidv7({ msecs: Date.now() + 24 * 3600_000 });
    const future = await core.failure('findings.create', { id: tomorrow, meetingId, text: 'x' });
    expect(future).toMatchObject({ code: 'VALIDATION' });
    expect(JSON.stringify(future)).toContain(t('findings.idFromFuture'));
    expect(await storeFingerprint(core)).toEqual(before);
    // A few minutes ahead is a laptop's clock, not an attack.
    const soon = uuidv7({ msecs: Date.now() + 2 * 60_000 });
    expect((await core.value('findings.create', { id: soon, meetingId, text: 'x' })).id).toBe(soon);
  });
});
