import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS } from '../../../shared/api/presence';
import { MAX_OPEN_PER_ACCOUNT, PresenceBoard } from '../../../electron/core/presence/board';

const ADVICE = 'a1';
const bert = { accountId: 'bert', name: 'Bert Jansen' };
const carla = { accountId: 'carla', name: 'Carla Smit' };

function board() {
  let now = 1_000_000;
  const changes: string[] = [];
  const presence = new PresenceBoard((accountId, method) => changes.push(`${method} ${accountId}`), () => now);
  return { presence, changes, later: (ms: number) => (now += ms) };
}

describe('presence board', () => {
  it('tells each member who else has the advice open, and announces arrivals and departures only', () => {
    const { presence, changes } = board();
    expect(presence.enter(ADVICE, carla)).toEqual([]);
    expect(presence.enter(ADVICE, bert)).toEqual([{ accountId: 'carla', name: 'Carla Smit' }]);
    expect(presence.list(ADVICE, 'carla')).toEqual([{ accountId: 'bert', name: 'Bert Jansen' }]);
    // A renewal is no news.
    presence.enter(ADVICE, bert);
    expect(changes).toEqual(['presence.enter carla', 'presence.enter bert']);
    expect(presence.leave(ADVICE, 'bert')).toBe(true);
    expect(presence.leave(ADVICE, 'bert')).toBe(false);
    expect(changes).toEqual(['presence.enter carla', 'presence.enter bert', 'presence.leave bert']);
    expect(presence.list(ADVICE, 'carla')).toEqual([]);
  });

  it('forgets an entry that is not renewed in time (a closed laptop), and keeps one that is', () => {
    const { presence, later } = board();
    presence.enter(ADVICE, carla);
    presence.enter(ADVICE, bert);
    later(PRESENCE_TTL_MS - 1);
    presence.enter(ADVICE, bert);
    expect(presence.list(ADVICE, 'bert')).toEqual([{ accountId: 'carla', name: 'Carla Smit' }]);
    later(1);
    expect(presence.list(ADVICE, 'bert')).toEqual([]);
    expect(presence.size).toBe(1);
    later(PRESENCE_TTL_MS);
    presence.list(ADVICE, 'bert');
    expect(presence.size).toBe(0);
  });

  it('holds at most a bounded number of open advices per member', () => {
    const { presence, later } = board();
    for (let i = 0; i < MAX_OPEN_PER_ACCOUNT + 5; i++) {
      presence.enter(`advice-${i}`, bert);
      later(1);
    }
    expect(presence.size).toBe(MAX_OPEN_PER_ACCOUNT);
    // The ones renewed longest ago went.
    presence.enter('advice-0', carla);
    expect(presence.list('advice-0', 'carla')).toEqual([]);
    expect(presence.list(`advice-${MAX_OPEN_PER_ACCOUNT + 4}`, 'carla')).toEqual([{ accountId: 'bert', name: 'Bert Jansen' }]);
  });
});
