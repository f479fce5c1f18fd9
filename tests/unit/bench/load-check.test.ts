import { describe, expect, it } from 'vitest';
import { checkWrites, verdictHolds, type WriteLog } from '../../../scripts/bench/load-check';

/** Issue 14: the load benchmark's "0 lost, 0 duplicated" comes from this checker; it must be able to say otherwise. */
const A = '019af000-0000-7000-8000-00000000000a';
const B = '019af000-0000-7000-8000-00000000000b';
const C = '019af000-0000-7000-8000-00000000000c';
const D = '019af000-0000-7000-8000-00000000000d';
const ITEM = '019af000-0000-7000-8000-0000000000f1';

const log: WriteLog = {
  findings: [
    { id: A, text: 'lastmeting lid 1 invoer 1', acknowledged: true },
    { id: B, text: 'lastmeting lid 1 invoer 2', acknowledged: true },
    // Sent as the server was killed; never answered.
    { id: C, text: 'lastmeting lid 2 invoer 1', acknowledged: false },
  ],
  itemSaves: [
    { itemId: ITEM, text: 'versie 1', acknowledged: true },
    { itemId: ITEM, text: 'versie 2', acknowledged: true },
    { itemId: ITEM, text: 'versie 3', acknowledged: false },
  ],
};

describe('the load benchmark checker', () => {
  it('passes when every acknowledged write is there once, an unanswered one may or may not have arrived', () => {
    for (const arrived of [[], [{ id: C, text: 'lastmeting lid 2 invoer 1' }]]) {
      const verdict = checkWrites(log, { findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }, { id: B, text: 'lastmeting lid 1 invoer 2' }, ...arrived], items: [{ id: ITEM, text: 'versie 2' }] });
      expect(verdict).toEqual({ acknowledged: 4, unacknowledged: 2, lost: [], duplicated: [], unexpected: [], lostEdits: [] });
      expect(verdictHolds(verdict)).toBe(true);
    }
    // The last save arrived though its answer was lost: also no lost edit.
    expect(checkWrites(log, { findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }, { id: B, text: 'lastmeting lid 1 invoer 2' }], items: [{ id: ITEM, text: 'versie 3' }] }).lostEdits).toEqual([]);
  });

  it('finds an acknowledged write that is missing', () => {
    const verdict = checkWrites(log, { findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }], items: [{ id: ITEM, text: 'versie 2' }] });
    expect(verdict.lost).toEqual([B]);
    expect(verdictHolds(verdict)).toBe(false);
  });

  it('finds a write stored twice: under its own id twice, or resent under a new id', () => {
    const twiceById = checkWrites(log, {
      findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }, { id: A, text: 'lastmeting lid 1 invoer 1' }, { id: B, text: 'lastmeting lid 1 invoer 2' }],
      items: [{ id: ITEM, text: 'versie 2' }],
    });
    expect(twiceById.duplicated).toEqual([A]);
    const resentUnderNewId = checkWrites(log, {
      findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }, { id: B, text: 'lastmeting lid 1 invoer 2' }, { id: D, text: 'lastmeting lid 1 invoer 2' }],
      items: [{ id: ITEM, text: 'versie 2' }],
    });
    expect(resentUnderNewId.duplicated).toEqual([B]);
    // The copy under the new id came from nobody's outbox.
    expect(resentUnderNewId.unexpected).toEqual([D]);
    expect(verdictHolds(twiceById)).toBe(false);
    expect(verdictHolds(resentUnderNewId)).toBe(false);
  });

  it('finds an acknowledged advice edit overwritten by an older one, or gone with its item', () => {
    const older = checkWrites(log, { findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }, { id: B, text: 'lastmeting lid 1 invoer 2' }], items: [{ id: ITEM, text: 'versie 1' }] });
    expect(older.lostEdits).toEqual([ITEM]);
    const gone = checkWrites(log, { findings: [{ id: A, text: 'lastmeting lid 1 invoer 1' }, { id: B, text: 'lastmeting lid 1 invoer 2' }], items: [] });
    expect(gone.lostEdits).toEqual([ITEM]);
    expect(verdictHolds(older)).toBe(false);
  });
});
