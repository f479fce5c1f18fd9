/** A small seeded generator (mulberry32): the same seed gives the same database on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function integerBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Words that carry most Dutch sentences: frequent, so sentences read naturally. */
const FUNCTION_WORDS = [
  'de', 'het', 'een', 'van', 'voor', 'met', 'bij', 'over', 'naar', 'en', 'maar', 'omdat', 'wordt', 'is', 'zijn', 'heeft',
  'niet', 'wel', 'te', 'lang', 'vaak', 'nooit', 'er', 'die', 'dat', 'wij', 'ze', 'men', 'ook', 'nog', 'veel', 'weinig',
];

/** What residents talk about at wijkbijeenkomsten: the terms people search for. */
const DOMAIN_WORDS = [
  'mantelzorg', 'wijkteam', 'cliëntondersteuning', 'eenzaamheid', 'vervoer', 'regiotaxi', 'huishoudelijke', 'hulp',
  'wachttijd', 'indicatie', 'keukentafelgesprek', 'buurthuis', 'ontmoeting', 'bewoners', 'ouderen', 'jongeren',
  'schuldhulpverlening', 'armoede', 'toegankelijkheid', 'stoep', 'scootmobiel', 'informatie', 'loket', 'gemeente',
  'zorgverzekeraar', 'huisarts', 'wijkverpleegkundige', 'dagbesteding', 'vrijwilligers', 'participatie', 'zelfredzaamheid',
  'privacy', 'keuzevrijheid', 'bereikbaarheid', 'telefoon', 'website', 'brief', 'formulier', 'eigen', 'bijdrage',
  'woning', 'aanpassing', 'traplift', 'rolstoel', 'begeleiding', 'dementie', 'geheugen', 'respijtzorg', 'overbelast',
  'duidelijk', 'onduidelijk', 'vriendelijk', 'moeilijk', 'makkelijk', 'snel',
];

const SYLLABLES = ['buurt', 'zorg', 'huis', 'wijk', 'kamer', 'plein', 'straat', 'werk', 'hulp', 'school', 'sport', 'park', 'kerk', 'markt', 'bus', 'post', 'dienst', 'raad', 'team', 'plan'];

/** Rare words (compounds as Dutch makes them), so specific searches match few findings, as in real input. */
const RARE_WORDS = SYLLABLES.flatMap((first) => SYLLABLES.flatMap((second) => SYLLABLES.slice(0, 6).map((third) => `${first}${second}${third}`)));

export const DUTCH_WORDS = [...FUNCTION_WORDS, ...DOMAIN_WORDS, ...RARE_WORDS];

/** Zipf-like weights: the n-th word is about 1/n as frequent as the first. */
const CUMULATIVE_WEIGHTS = (() => {
  let total = 0;
  return DUTCH_WORDS.map((_, index) => (total += 1 / (index + 1)));
})();

function zipfWord(random: () => number): string {
  const target = random() * CUMULATIVE_WEIGHTS[CUMULATIVE_WEIGHTS.length - 1]!;
  let low = 0;
  let high = CUMULATIVE_WEIGHTS.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (CUMULATIVE_WEIGHTS[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return DUTCH_WORDS[low]!;
}

export function dutchSentence(random: () => number, minWords: number, maxWords: number): string {
  const count = integerBetween(random, minWords, maxWords);
  const words = Array.from({ length: count }, () => zipfWord(random));
  const sentence = words.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
