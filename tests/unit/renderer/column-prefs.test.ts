import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, MAX_WIDTH, MIN_WIDTH, parseColumnPrefs } from '../../../renderer/src/features/findings/column-prefs';

describe("the findings table's remembered columns", () => {
  it('falls back to the defaults for nothing or anything that is not a preference', () => {
    for (const raw of [undefined, null, 'kolommen', 3, [], true]) expect(parseColumnPrefs(raw)).toEqual(DEFAULT_PREFS);
  });

  it('keeps known columns and sane widths, and drops the rest', () => {
    const parsed = parseColumnPrefs({
      hidden: ['wijk', 'wijk', 'text', 'select', 'onbekend', 7],
      widths: { meeting: 200.4, votes: 5, signal: 99_999, theme: 'breed', text: 300, date: Number.NaN },
    });
    expect(parsed).toEqual({ hidden: ['wijk'], widths: { meeting: 200, votes: MIN_WIDTH, signal: MAX_WIDTH } });
  });
});
