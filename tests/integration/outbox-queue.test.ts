import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';
import { fail, type Result } from '../../shared/result';
import {
  browserLock,
  classifyFailure,
  createOutbox,
  retryDelay,
  RETRY_MAX_MS,
  type Outbox,
  type OutboxEntry,
  type OutboxStore,
} from '../../renderer/src/data/outbox-queue';
import { createTestCore, pluck, type TestCore } from '../helpers/core';

/**
 * Issue 14, offline during a meeting: the live-capture outbox's decisions (renderer/src/data/outbox-queue.ts)
 * against the real core on each store. The transport in between can be cut ("the Wi-Fi fails") or can lose
 * the answer after the server wrote; IndexedDB itself is exercised in Chromium (tests/e2e/outbox.spec.ts).
 */

/** The outbox's storage as a map (IndexedDB's semantics for put/delete/getAll by key). */
function memoryStore(): OutboxStore & { map: Map<string, OutboxEntry> } {
  const map = new Map<string, OutboxEntry>();
  return {
    map,
    all: async () => [...map.values()].map((entry) => structuredClone(entry)),
    put: async (entry) => void map.set(entry.id, structuredClone(entry)),
    delete: async (id) => void map.delete(id),
  };
}

type Network = 'up' | 'down' | 'loseAnswers';

describe('the live-capture outbox', () => {
  let core: TestCore;
  let meetingId: string;
  let network: Network;
  let sends: number;
  const timers: { callback: () => void; ms: number }[] = [];
  const outboxes: Outbox[] = [];

  beforeEach(async () => {
    core = await createTestCore();
    meetingId = (await core.value('meetings.create', { title: 'Wijkavond Zuid', date: '2026-03-12', wijkIds: [] })).id;
    network = 'up';
    sends = 0;
    timers.length = 0;
  });
  afterEach(async () => {
    for (const outbox of outboxes.splice(0)) outbox.close();
    await core.dispose();
  });

  /** What the browser's transport does: no answer while the network is down; the answer lost after the write. */
  async function send(input: OutboxEntry['input']): Promise<Result<unknown>> {
    sends += 1;
    if (network === 'down') return fail('IO', t('errors.hostUnreachable'));
    const result = await core.call('findings.create', input);
    if (network === 'loseAnswers') return fail('IO', t('errors.hostUnreachable'));
    return result;
  }

  function outboxOn(store: OutboxStore, lock = browserLock(`test-${uuidv7()}`)): Outbox {
    const outbox = createOutbox({ store, send, lock, setTimer: (callback, ms) => timers.push({ callback, ms }), clearTimer: () => undefined });
    outboxes.push(outbox);
    return outbox;
  }

  function entry(text: string, meeting = meetingId): OutboxEntry {
    const id = uuidv7();
    return { id, meetingId: meeting, input: { id, meetingId: meeting, text, source: 'plenair' }, queuedAt: new Date().toISOString(), state: 'pending' };
  }

  async function texts(): Promise<string[]> {
    return (await core.value('findings.listForMeeting', { meetingId })).map((finding) => finding.text).sort();
  }

  async function storedRows(): Promise<number> {
    const [count] = await pluck<number | string>(core.db, sql`select count(*) from findings where meeting_id = ${meetingId}`);
    return Number(count);
  }

  it('keeps 20 points typed without a connection and sends each exactly once when it returns, in order', async () => {
    const store = memoryStore();
    const outbox = outboxOn(store);
    network = 'down';
    const typed = Array.from({ length: 20 }, (_, index) => `Punt ${String(index + 1).padStart(2, '0')}`);
    for (const text of typed) {
      await outbox.add(entry(text));
      await outbox.settled();
    }
    expect(store.map.size).toBe(20);
    expect([...store.map.values()].every((stored) => stored.state === 'pending')).toBe(true);
    expect(await storedRows()).toBe(0);
    expect(outbox.unreachable()).toBe(true);
    // Backing off: each failed round waits longer before the next.
    expect(timers.map((timer) => timer.ms).slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);

    network = 'up';
    timers.at(-1)!.callback();
    await outbox.settled();
    expect(store.map.size).toBe(0);
    expect(outbox.unreachable()).toBe(false);
    expect(await texts()).toEqual(typed);
    expect(await storedRows()).toBe(20);
    // Sent oldest first (UUIDv7 order is typing order), so the server's list keeps the typing order.
    const listed = (await core.value('findings.listForMeeting', { meetingId })).map((finding) => finding.text);
    expect(listed).toEqual(typed);
  });

  it('sends again after an answer lost once the server wrote, and the finding is there once', async () => {
    const store = memoryStore();
    const outbox = outboxOn(store);
    network = 'loseAnswers';
    const lost = entry('Het antwoord ging verloren');
    await outbox.add(lost);
    await outbox.settled();
    expect(store.map.get(lost.id)?.state).toBe('pending');
    expect(await storedRows()).toBe(1);

    network = 'up';
    outbox.flush();
    await outbox.settled();
    expect(store.map.size).toBe(0);
    expect(await storedRows()).toBe(1);
    expect(await texts()).toEqual(['Het antwoord ging verloren']);
  });

  it('keeps a refused point with the Dutch reason, out of the sending queue, and sends the points after it', async () => {
    const store = memoryStore();
    const outbox = outboxOn(store);
    const events: string[] = [];
    outbox.onEvent((event) => events.push(`${event.kind}:${event.entry.input.text}`));
    const gone = (await core.value('meetings.create', { title: 'Verwijderd', date: '2026-03-13', wijkIds: [] })).id;
    await core.value('meetings.delete', { id: gone });

    network = 'down';
    const refused = entry('Bij een verwijderde bijeenkomst', gone);
    await outbox.add(refused);
    await outbox.add(entry('Gewoon een punt'));
    await outbox.settled();
    network = 'up';
    outbox.flush();
    await outbox.settled();

    const kept = store.map.get(refused.id);
    expect(kept?.state).toBe('refused');
    expect(kept?.refusal).toBeTruthy();
    // The message a member reads, not a code.
    expect(kept?.refusal).not.toMatch(/NOT_FOUND|VALIDATION/);
    expect(store.map.size).toBe(1);
    expect(await texts()).toEqual(['Gewoon een punt']);
    expect(events).toEqual(['refused:Bij een verwijderde bijeenkomst', 'sent:Gewoon een punt']);

    // A later round does not send it again; the member dismisses it.
    sends = 0;
    outbox.flush();
    await outbox.settled();
    expect(sends).toBe(0);
    await outbox.dismiss(refused.id);
    expect(store.map.size).toBe(0);
  });

  it('has one sender per browser: two tabs flushing the same outbox at once send each point once', async () => {
    const store = memoryStore();
    const lock = browserLock(`test-${uuidv7()}`);
    const tabA = outboxOn(store, lock);
    const tabB = outboxOn(store, lock);
    network = 'down';
    for (let index = 0; index < 10; index += 1) await tabA.add(entry(`Tab-punt ${index}`));
    await tabA.settled();
    network = 'up';
    sends = 0;
    tabA.flush();
    tabB.flush();
    await Promise.all([tabA.settled(), tabB.settled()]);
    expect(sends).toBe(10);
    expect(await storedRows()).toBe(10);
    expect(store.map.size).toBe(0);
  });

  it('takes an unsent point back on undo, so it is never sent; a sent one is not withdrawn', async () => {
    const store = memoryStore();
    const outbox = outboxOn(store);
    network = 'down';
    const oops = entry('Foutje');
    await outbox.add(oops);
    await outbox.settled();
    expect(await outbox.withdraw(oops.id)).toBe(true);
    network = 'up';
    const kept = entry('Goed punt');
    await outbox.add(kept);
    await outbox.settled();
    expect(await texts()).toEqual(['Goed punt']);
    expect(await outbox.withdraw(kept.id)).toBe(false);
  });

  it('tells an answer from a failure that is none', () => {
    for (const code of ['IO', 'INTERNAL', 'UNAUTHENTICATED'] as const) expect(classifyFailure({ code })).toBe('retry');
    for (const code of ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'] as const) expect(classifyFailure({ code })).toBe('refused');
    expect([1, 2, 3, 6, 100].map(retryDelay)).toEqual([1000, 2000, 4000, RETRY_MAX_MS, RETRY_MAX_MS]);
  });
});
