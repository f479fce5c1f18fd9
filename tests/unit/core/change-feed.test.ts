import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { isReadMethod, isWriteMethod, roleMayFollow } from '../../../shared/api/live';
import { ChangeFeed } from '../../../electron/core/api/change-feed';

describe('change feed (live updates)', () => {
  it('classes every method of the contract as exactly one of read or write', () => {
    const both = METHOD_NAMES.filter((method) => isReadMethod(method) === isWriteMethod(method));
    expect(both).toEqual([]);
    // The dashboard marks its notices as seen when read: as a write it would make every dashboard refetch for ever.
    expect(isReadMethod('dashboard.newlyOverdue')).toBe(true);
    expect(isWriteMethod('findings.create')).toBe(true);
  });

  it('publishes writes only, numbered one by one, to every listener', () => {
    const feed = new ChangeFeed();
    const seen: unknown[] = [];
    const off = feed.subscribe((change) => seen.push(change));
    expect(feed.published('findings.search', 'a')).toBeNull();
    feed.published('findings.create', 'a');
    feed.published('advices.update', null);
    expect(seen).toEqual([
      { seq: 1, topic: 'findings', method: 'findings.create', actorId: 'a' },
      { seq: 2, topic: 'advices', method: 'advices.update', actorId: null },
    ]);
    off();
    expect(feed.listenerCount).toBe(0);
  });

  it('catches up from an id it still holds, and resets for an id too old, from another run or not an id', () => {
    const feed = new ChangeFeed(3);
    const start = feed.lastId;
    for (let i = 0; i < 3; i++) feed.published('findings.create', null);
    expect(feed.since(start)).toEqual({ changes: [1, 2, 3].map((seq) => expect.objectContaining({ seq })) });
    expect(feed.since(feed.idOf(2))).toEqual({ changes: [expect.objectContaining({ seq: 3 })] });
    expect(feed.since(feed.lastId)).toEqual({ changes: [] });
    feed.published('findings.create', null);
    // Event 1 fell out of the buffer: catching up from 0 would miss it.
    expect(feed.since(start)).toBe('reset');
    expect(feed.since(feed.idOf(1))).toEqual({ changes: [2, 3, 4].map((seq) => expect.objectContaining({ seq })) });
    expect(feed.since(new ChangeFeed().idOf(4))).toBe('reset');
    expect(feed.since(feed.idOf(99))).toBe('reset');
    expect(feed.since('nonsense')).toBe('reset');
  });

  it('keeps a listener that throws from stopping the others', () => {
    const feed = new ChangeFeed();
    const seen: number[] = [];
    feed.subscribe(() => {
      throw new Error('stream gone');
    });
    feed.subscribe((change) => seen.push(change.seq));
    const error = console.error;
    console.error = () => {};
    try {
      feed.published('meetings.create', null);
    } finally {
      console.error = error;
    }
    expect(seen).toEqual([1]);
  });

  it("keeps the beheerder's topics out of a lid's stream", () => {
    expect(roleMayFollow('lid', 'findings')).toBe(true);
    expect(roleMayFollow('lid', 'accounts')).toBe(false);
    expect(roleMayFollow('beheerder', 'accounts')).toBe(true);
    // Read through its meeting: everyone who reads meetings.
    expect(roleMayFollow('alleen_lezen', 'themeTables')).toBe(true);
  });
});
