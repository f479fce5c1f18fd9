/**
 * Text handling for search: turning user input into safe FTS5 expressions and comparing texts by
 * their normalised terms. Pure functions, no SQL.
 */

/** Common Dutch words that say nothing about what a finding is about. */
const DUTCH_STOPWORDS = new Set(
  (
    'aan al alle als andere ben bij bijna binnen daar daarom dan dat de deze die dit doen door dus een eens en er ' +
    'ge geen geweest had heb hebben heeft hem het hier hij hoe hun ik in is ja je jij kan kon kunnen maar me meer ' +
    'men met mij mijn moet moeten na naar niet niets nog nu of om omdat ons onze ook op over te tegen toch toen tot ' +
    'u uit uw van veel voor waar wanneer want was wat we wel werd wie wij wil worden wordt zal ze zei zich zij zijn ' +
    'zo zoals zonder zou zeer erg heel goed graag weinig vaak soms komen komt gaat gaan'
  ).split(' '),
);

/** Lower case without diacritics: "Cliënt" -> "client", matching the tokenizer's remove_diacritics 2. */
export function foldText(text: string): string {
  // Most Dutch text is plain ASCII, which needs neither decomposition nor locale rules; the
  // shortcut makes marking the matched words of a search page several times cheaper.
  // (Dutch has no special lower-casing: toLowerCase equals the nl-NL locale's result.)
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * A LIKE pattern for "contains", folded like the `fold()` SQL function, with LIKE wildcards
 * escaped (use with `escape '\\'`) so a search for "50%" finds "50%".
 */
export function likePattern(search: string): string {
  return `%${foldText(search).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The words of a text as the full-text tokenizer sees them (letters and digits only). */
export function tokens(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The safe term list of a search, for either store: the distinct folded words of what the user typed
 * (letters and digits only, so never query syntax), at most `maxTerms`.
 */
export function searchWords(query: string, maxTerms = 16): string[] {
  return [...new Set(tokens(query))].slice(0, maxTerms);
}

/**
 * Builds an FTS5 MATCH expression from what the user typed. Every word becomes a quoted term and
 * a quoted prefix term ("mantel"*), all words must match. Quotes, operators (AND, OR, NEAR), parentheses, colons and
 * asterisks in the input never reach FTS5 as syntax because only letters and digits survive.
 * Returns null when there is nothing to search for.
 */
export function buildPrefixMatchExpression(query: string, maxTerms = 16): string | null {
  return prefixMatchExpression(searchWords(query, maxTerms));
}

/** The FTS5 expression of a term list from `searchWords`: all words, each as a whole word or a prefix. */
export function prefixMatchExpression(words: string[]): string | null {
  if (words.length === 0) return null;
  // Each word as exact term OR prefix: both match the same rows, but bm25 then ranks whole-word hits higher.
  return words.map((word) => `("${word}" OR "${word}"*)`).join(' AND ');
}

/** Normalised, meaningful terms of a text: folded, at least 3 characters, no stop words. */
export function significantTerms(text: string): string[] {
  return [...new Set(tokens(text).filter((word) => word.length >= 3 && !DUTCH_STOPWORDS.has(word) && !/^\d+$/.test(word)))];
}

/** An FTS5 expression matching any of the terms (quoted, so never syntax). */
export function buildAnyTermExpression(terms: string[], maxTerms = 24): string | null {
  const chosen = terms.slice(0, maxTerms);
  if (chosen.length === 0) return null;
  return chosen.map((term) => `"${term}"`).join(' OR ');
}

/**
 * Marks the words of a text that the prefix search matched: a word matches when its folded form
 * starts with a folded search word, the same rule as the MATCH expression above. Done here rather
 * than with FTS5's highlight(), which on a large index costs far more than the search itself.
 */
export function highlightPrefixes(text: string, query: string): { text: string; hit: boolean }[] {
  const terms = [...new Set(tokens(query))];
  if (terms.length === 0) return [{ text, hit: false }];
  // Plain ASCII (most Dutch text): lower case keeps every position, so the terms are found with
  // indexOf instead of folding every word of the text (a third of a search page's cost).
  if (ASCII_ONLY.test(text)) return highlightAscii(text, terms);
  const segments: { text: string; hit: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = foldText(match[0]);
    if (!terms.some((term) => word.startsWith(term))) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), hit: false });
    segments.push({ text: match[0], hit: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), hit: false });
  return segments.length > 0 ? segments : [{ text, hit: false }];
}

/** A letter or digit in ASCII: what `[\p{L}\p{N}\p{M}]` matches in ASCII text. */
function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** highlightPrefixes for ASCII text: the same words marked (those starting with a term), found by indexOf. */
function highlightAscii(text: string, terms: string[]): { text: string; hit: boolean }[] {
  const lower = text.toLowerCase();
  const wordStarts = new Set<number>();
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      if (at === 0 || !isAsciiWordChar(lower.charCodeAt(at - 1))) wordStarts.add(at);
    }
  }
  if (wordStarts.size === 0) return [{ text, hit: false }];
  const segments: { text: string; hit: boolean }[] = [];
  let last = 0;
  for (const start of [...wordStarts].sort((a, b) => a - b)) {
    let end = start;
    while (end < text.length && isAsciiWordChar(text.charCodeAt(end))) end += 1;
    if (start > last) segments.push({ text: text.slice(last, start), hit: false });
    segments.push({ text: text.slice(start, end), hit: true });
    last = end;
  }
  if (last < text.length) segments.push({ text: text.slice(last), hit: false });
  return segments;
}
