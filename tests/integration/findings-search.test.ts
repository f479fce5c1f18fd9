import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrefixMatchExpression } from '../../electron/core/findings/text';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

describe('findings.search (full text: FTS5 on SQLite, tsvector on PostgreSQL)', () => {
  let core: TestCore;
  const ids: Record<string, string> = {};
  let meetingB: string;
  let programme: string;
  let noord: string;

  beforeAll(async () => {
    core = await createTestCore();
    noord = (await core.value('wijken.create', { name: 'Noord' })).id;
    const zuid = (await core.value('wijken.create', { name: 'Zuid' })).id;
    programme = (await core.value('programmes.create', { name: 'Ronde 2026' })).id;
    const a = await core.value('meetings.create', { title: 'Avond Noord', programmeId: programme, date: '2026-03-01', wijkIds: [noord], tables: [{ theme: 'Mantelzorg' }] });
    const b = await core.value('meetings.create', { title: 'Avond Zuid', date: '2026-05-01', wijkIds: [zuid] });
    meetingB = b.id;
    const add = async (key: string, input: Record<string, unknown>) => {
      ids[key] = (await core.value('findings.create', input as never)).id;
    };
    await add('client', { meetingId: a.id, text: 'De cliëntondersteuner is onbekend bij bewoners', tags: ['Informatie'] });
    await add('mantel', { meetingId: a.id, themeTableId: a.tables[0]!.id, source: 'thematafel', text: 'Mantelzorgers raken overbelast' });
    await add('respijt', { meetingId: a.id, themeTableId: a.tables[0]!.id, source: 'thematafel', text: 'Mantelzorg: respijtzorg is nauwelijks te vinden' });
    await add('vervoer', { meetingId: b.id, source: 'babbelbox', text: 'Het "Wmo-vervoer" komt vaak te laat (AND soms NIET)' });
    await add('email', { source: 'email', date: '2026-06-10', text: 'Client vindt het loket ingewikkeld' });
    await add('quote', { meetingId: b.id, text: "Bewoners zeggen: 'we worden niet gehoord' * NEAR(x) ^" });
  });
  afterAll(async () => {
    await core.dispose();
  });

  const search = (input: Record<string, unknown>) => core.value('findings.search', input as never);
  const idsOf = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);

  it('folds diacritics both ways and matches prefixes', async () => {
    expect(idsOf(await search({ query: 'client' })).sort()).toEqual([ids.client, ids.email].sort());
    expect(idsOf(await search({ query: 'cliënt' })).sort()).toEqual([ids.client, ids.email].sort());
    expect(idsOf(await search({ query: 'CLIËNTONDERSTEUNER' }))).toEqual([ids.client]);
    expect(idsOf(await search({ query: 'mantel' })).sort()).toEqual([ids.mantel, ids.respijt].sort());
    expect(idsOf(await search({ query: 'mantel respijt' }))).toEqual([ids.respijt]);
    expect(idsOf(await search({ query: 'enquête' }))).toEqual([]);
  });

  it('highlights the matched words', async () => {
    const page = await search({ query: 'cliënt' });
    const row = page.rows.find((hit) => hit.id === ids.client)!;
    expect(row.highlighted).toEqual([
      { text: 'De ', hit: false },
      { text: 'cliëntondersteuner', hit: true },
      { text: ' is onbekend bij bewoners', hit: false },
    ]);
    expect(row.highlighted.map((segment) => segment.text).join('')).toBe(row.text);
  });

  it('ranks better matches first', async () => {
    const page = await search({ query: 'mantelzorg' });
    expect(page.rows[0]!.id).toBe(ids.respijt);
  });

  it('treats quotes, operators and FTS syntax in the query as plain words', async () => {
    for (const query of ['"', '"Wmo-vervoer', 'AND', 'NOT', 'OR vervoer', 'NEAR(x)', '*', '^', "we worden'", 'vervoer)', '(((', 'text:vervoer', '-', '"" OR ""', '\\']) {
      const result = await core.call('findings.search', { query });
      expect(result.ok, `query ${query}`).toBe(true);
    }
    expect(idsOf(await search({ query: '"Wmo-vervoer' }))).toEqual([ids.vervoer]);
    expect(idsOf(await search({ query: 'NIET soms' }))).toEqual([ids.vervoer]);
    expect(idsOf(await search({ query: 'NEAR(x)' }))).toEqual([ids.quote]);
    expect(idsOf(await search({ query: 'text:vervoer' }))).toEqual([]);
    expect(buildPrefixMatchExpression('a" OR "b')).toBe('("a" OR "a"*) AND ("or" OR "or"*) AND ("b" OR "b"*)');
    expect(buildPrefixMatchExpression('  *** ')).toBeNull();
  });

  it('never lets any typed text break the full-text query (property test)', async () => {
    const ftsSyntax = fc.constantFrom('"', "'", '*', '^', ':', '(', ')', 'AND', 'OR', 'NOT', 'NEAR', '-', '+', '{', '}', ' ', 'ë', 'é', '&', '|', '!', '<', '>', '\\', 'ß', 'ø');
    const queries = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(ftsSyntax, { maxLength: 20 }).map((parts) => parts.join('')));
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        const result = await core.call('findings.search', { query });
        // Either a page, or (for invisible control characters) a Dutch validation message: never an internal error.
        if (!result.ok) expect(result.error.code).toBe('VALIDATION');
      }),
      { numRuns: 300 },
    );
  });

  it('finds words with diacritics typed without them, prefixes of them, and words joined by punctuation', async () => {
    const extra = [
      (await core.value('findings.create', { text: 'Cliënten van de coöperatie willen één loket; de enquête volgt' })).id,
      (await core.value('findings.create', { text: 'Wmo-consulent: re-integratie na ziekte, mail naar jan@voorbeeld.nl' })).id,
    ];
    try {
      expect(idsOf(await search({ query: 'clienten' }))).toEqual([extra[0]]);
      expect(idsOf(await search({ query: 'CLIËNTEN' }))).toEqual([extra[0]]);
      expect(idsOf(await search({ query: 'cooperatie een' }))).toEqual([extra[0]]);
      expect(idsOf(await search({ query: 'enquete' }))).toEqual([extra[0]]);
      expect(idsOf(await search({ query: 'coöp enq' }))).toEqual([extra[0]]);
      // As FTS5's tokenizer sees them: every run of letters and digits is a word of its own.
      expect(idsOf(await search({ query: 'integratie' }))).toEqual([extra[1]]);
      expect(idsOf(await search({ query: 'voorbeeld' }))).toEqual([extra[1]]);
      expect(idsOf(await search({ query: 'consulent wmo' }))).toEqual([extra[1]]);
      expect(idsOf(await search({ query: 'jan@voorbeeld.nl' }))).toEqual([extra[1]]);
    } finally {
      await core.db.deleteFrom('findings').where('id', 'in', extra).execute();
    }
  });

  it('treats tsquery syntax as plain words too (& | ! <-> :* and friends)', async () => {
    for (const query of ['&', '|', '!', '!!', '<->', '<2>', ':*', "'", "''", 'vervoer:*', 'vervoer & !laat', '!vervoer', '-vervoer', 'vervoer | x', "vervoer'", '(vervoer', 'a:A', '\\:*']) {
      const result = await core.call('findings.search', { query });
      expect(result.ok, `query ${query}`).toBe(true);
    }
    expect(idsOf(await search({ query: 'vervoer & !laat' }))).toEqual([ids.vervoer]);
    expect(idsOf(await search({ query: '!vervoer' }))).toEqual([ids.vervoer]);
    expect(idsOf(await search({ query: '-vervoer' }))).toEqual([ids.vervoer]);
    expect(idsOf(await search({ query: 'vervoer | mantelzorg' }))).toEqual([]);
    expect(idsOf(await search({ query: 'vervoer:*' }))).toEqual([ids.vervoer]);
  });

  it('filters by meeting, programme, wijk, theme, source, date range and tag', async () => {
    const all = (filters: Record<string, unknown>) => search({ filters }).then((page) => idsOf(page).sort());
    expect(await all({ meetingId: meetingB })).toEqual([ids.vervoer, ids.quote].sort());
    expect(await all({ programmeId: programme })).toEqual([ids.client, ids.mantel, ids.respijt].sort());
    expect(await all({ wijkId: noord })).toEqual([ids.client, ids.mantel, ids.respijt].sort());
    expect(await all({ theme: 'Mantelzorg' })).toEqual([ids.mantel, ids.respijt].sort());
    expect(await all({ source: 'babbelbox' })).toEqual([ids.vervoer]);
    expect(await all({ fromDate: '2026-04-01', toDate: '2026-05-31' })).toEqual([ids.vervoer, ids.quote].sort());
    expect(await all({ tag: 'informatie' })).toEqual([ids.client]);
    expect(idsOf(await search({ query: 'client', filters: { source: 'email' } }))).toEqual([ids.email]);
  });

  it('pages and sorts, with the total of all matches', async () => {
    const first = await search({ sort: 'date', direction: 'desc', limit: 2 });
    expect(first.total).toBe(6);
    expect(idsOf(first)).toEqual([ids.email, ids.quote]);
    const second = await search({ sort: 'date', direction: 'desc', limit: 2, offset: 2 });
    expect(idsOf(second)).toEqual([ids.vervoer, ids.respijt]);
    const byText = await search({ sort: 'text', direction: 'asc', limit: 1 });
    expect(byText.rows[0]!.text).toMatch(/^Bewoners/);
  });

  it('counts every match of a broad search exactly, on every page and past the end', async () => {
    const now = new Date().toISOString();
    const ids = Array.from({ length: 1100 }, (_, i) => `0190a0a0-0000-7000-8000-${String(i).padStart(12, '0')}`);
    await core.db.transaction().execute((trx) =>
      trx
        .insertInto('findings')
        .values(
          ids.map((id, i) => ({
            id,
            text: `Zebrapad ${i} is gevaarlijk`,
            source: 'anders' as const,
            theme: '',
            finding_date: '2020-01-01',
            contains_personal_data: 0,
            priority: 0,
            votes: 0,
            created_at: now,
            updated_at: now,
            created_by: '',
            updated_by: '',
          })),
        )
        .execute(),
    );
    const first = await search({ query: 'zebra', limit: 500 });
    expect(first.total).toBe(1100);
    expect(first.rows).toHaveLength(500);
    const last = await search({ query: 'zebra', limit: 500, offset: 1000 });
    expect(last).toMatchObject({ total: 1100, offset: 1000 });
    expect(last.rows).toHaveLength(100);
    const pastTheEnd = await search({ query: 'zebra', limit: 500, offset: 2000 });
    expect(pastTheEnd).toMatchObject({ total: 1100, rows: [] });
    const filtered = await search({ query: 'zebra gevaarlijk', limit: 10, filters: { fromDate: '2020-01-01', toDate: '2020-01-01' }, sort: 'date' });
    expect(filtered.total).toBe(1100);
    expect(filtered.rows.map((row) => row.id)).toEqual([...ids].reverse().slice(0, 10));
    const none = await search({ query: 'zebra', filters: { fromDate: '2021-01-01' } });
    expect(none).toMatchObject({ total: 0, rows: [] });
    const plain = await search({ filters: { fromDate: '2020-01-01', toDate: '2020-01-01' } });
    expect(plain.total).toBe(1100);
    await core.db.deleteFrom('findings').where('id', 'in', ids).execute();
  });

  it('rejects bad search input without touching the database', async () => {
    const before = await storeFingerprint(core);
    expect((await core.failure('findings.search', { query: 'x'.repeat(501) })).code).toBe('VALIDATION');
    expect((await core.failure('findings.search', { limit: 100_000 })).code).toBe('VALIDATION');
    expect((await core.failure('findings.search', { filters: { fromDate: '1-1-2026' } })).message).toContain('Geen geldige datum');
    expect((await core.failure('findings.search', { filters: { unknown: 1 } })).code).toBe('VALIDATION');
    expect((await storeFingerprint(core)).hash).toBe(before.hash);
  });
});
