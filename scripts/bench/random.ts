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

/** Words residents use at wijkbijeenkomsten, for findings of realistic Dutch text. */
export const DUTCH_WORDS = [
  'mantelzorg', 'wijkteam', 'cliëntondersteuning', 'eenzaamheid', 'vervoer', 'regiotaxi', 'huishoudelijke', 'hulp',
  'wachttijd', 'indicatie', 'keukentafelgesprek', 'buurthuis', 'ontmoeting', 'bewoners', 'ouderen', 'jongeren',
  'schuldhulpverlening', 'armoede', 'toegankelijkheid', 'stoep', 'scootmobiel', 'informatie', 'loket', 'gemeente',
  'zorgverzekeraar', 'huisarts', 'wijkverpleegkundige', 'dagbesteding', 'vrijwilligers', 'participatie', 'zelfredzaamheid',
  'privacy', 'keuzevrijheid', 'bereikbaarheid', 'telefoon', 'website', 'brief', 'formulier', 'eigen', 'bijdrage',
  'woning', 'aanpassing', 'traplift', 'rolstoel', 'begeleiding', 'dementie', 'geheugen', 'respijtzorg', 'overbelast',
  'niet', 'wel', 'te', 'lang', 'snel', 'duidelijk', 'onduidelijk', 'vriendelijk', 'moeilijk', 'makkelijk', 'vaak', 'nooit',
  'de', 'het', 'een', 'van', 'voor', 'met', 'bij', 'over', 'naar', 'en', 'maar', 'omdat', 'wordt', 'is', 'zijn', 'heeft',
] as const;

export function dutchSentence(random: () => number, minWords: number, maxWords: number): string {
  const count = integerBetween(random, minWords, maxWords);
  const words = Array.from({ length: count }, () => pick(random, DUTCH_WORDS));
  const sentence = words.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
