import { describe, expect, it } from 'vitest';
import { foldText, highlightPrefixes, tokens } from '../../../electron/core/findings/text';

/** The rule in its plain form (every word folded and compared): the fast ASCII path must agree with it. */
function reference(text: string, query: string): { text: string; hit: boolean }[] {
  const terms = [...new Set(tokens(query))];
  if (terms.length === 0) return [{ text, hit: false }];
  const segments: { text: string; hit: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (!terms.some((term) => foldText(match[0]).startsWith(term))) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), hit: false });
    segments.push({ text: match[0], hit: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), hit: false });
  return segments.length > 0 ? segments : [{ text, hit: false }];
}

describe('marking the words a prefix search matched', () => {
  const texts = [
    'De Regiotaxi kwam te laat; regiotaxi-chauffeurs wachten ook.',
    'Mantelzorgers (mantelzorg) vragen om respijtzorg en MANTELZORG-ondersteuning',
    'Trapliftsubsidie trapliftsubsidie2 xtrapliftsubsidie 2trap trap',
    'abab ab ba aab',
    'geen enkele treffer hier',
    '',
    'wachttijd: 12 weken; wacht, wachten, WACHTTIJDEN!',
  ];
  const queries = ['regiotaxi', 'mantelz zorg', 'trap', 'ab', 'wacht wachttijd', 'niets', '12', 'Wachttijd regiotaxi'];

  it('marks the same words in ASCII text as the word-by-word rule', () => {
    for (const text of texts) for (const query of queries) expect(highlightPrefixes(text, query), `${text} / ${query}`).toEqual(reference(text, query));
  });

  it('marks whole words that start with a search word, case-insensitively, and nothing inside a word', () => {
    expect(highlightPrefixes('Een Regiotaxi, geen taxi', 'taxi')).toEqual([
      { text: 'Een Regiotaxi, geen ', hit: false },
      { text: 'taxi', hit: true },
    ]);
    expect(highlightPrefixes('Mantelzorg en mantelzorgers', 'MANTEL')).toEqual([
      { text: 'Mantelzorg', hit: true },
      { text: ' en ', hit: false },
      { text: 'mantelzorgers', hit: true },
    ]);
  });

  it('still folds accents in text that is not ASCII', () => {
    expect(highlightPrefixes('De cliënt en de Cliëntenraad', 'client')).toEqual([
      { text: 'De ', hit: false },
      { text: 'cliënt', hit: true },
      { text: ' en de ', hit: false },
      { text: 'Cliëntenraad', hit: true },
    ]);
  });
});
