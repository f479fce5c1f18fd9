import { sql, type Kysely, type RawBuilder } from 'kysely';
import { buildAnyTermExpression, prefixMatchExpression } from '../findings/text';
import { isPostgres, type DerivedColumn } from './dialect';

/**
 * The full-text search of findings: the part of db/dialect.ts big enough for a file of its own. The
 * SQL that differs between SQLite (FTS5 `findings_fts`, migration 0002) and PostgreSQL (the
 * `search_vector` tsvector column with its GIN index, the PostgreSQL form of migration 0015) lives
 * here; findings/repository.ts writes one query around the pieces returned.
 *
 * Both stores get the same safe term list (findings/text.ts `searchWords`: folded letters and digits
 * only, so nothing the user types is ever query syntax) and match alike: every word as a whole word
 * or as a prefix, diacritics and case folded, no stemming (PostgreSQL's `simple` configuration, as
 * FTS5's unicode61 tokenizer does not stem either).
 */
export interface FindingsTextMatch {
  /** What to select from, with `findings f` in it. */
  from: RawBuilder<unknown>;
  /**
   * SQLite only: the full-text index read alone (without `findings f`); it orders by rank itself.
   * Null where the store has no such shortcut (PostgreSQL: the vector is a column of findings).
   */
  indexOnly: RawBuilder<unknown> | null;
  /** The finding's `seq`, readable from `from` and from `indexOnly`. */
  seq: RawBuilder<number>;
  /** The match condition. */
  condition: RawBuilder<unknown>;
  /** ORDER BY: best match first. */
  rank: RawBuilder<unknown>;
  /** Leaves out the findings whose seq the subquery lists (also with `indexOnly`). */
  notAmong(seqs: RawBuilder<unknown>): RawBuilder<unknown>;
}

/** Every word, each as a whole word or as a prefix (findings.search). Null without words. */
export function findingsPrefixMatch(db: Kysely<any>, words: string[]): FindingsTextMatch | null {
  if (words.length === 0) return null;
  return isPostgres(db) ? tsMatch(words, 'allPrefix') : fts5Match(prefixMatchExpression(words)!);
}

/** Any of the terms as whole words (signals.suggestDuplicates). Null without terms. */
export function findingsAnyTermMatch(db: Kysely<any>, terms: string[]): FindingsTextMatch | null {
  const expression = buildAnyTermExpression(terms);
  if (!expression) return null;
  return isPostgres(db) ? tsMatch(terms.slice(0, 24), 'anyWord') : fts5Match(expression);
}

function fts5Match(expression: string): FindingsTextMatch {
  return {
    // CROSS JOIN keeps the full-text index driving the join.
    from: sql`findings_fts cross join findings f on f.seq = findings_fts.rowid`,
    indexOnly: sql`findings_fts`,
    seq: sql<number>`findings_fts.rowid`,
    condition: sql`findings_fts match ${expression}`,
    rank: sql`findings_fts.rank`,
    notAmong: (seqs) => sql`findings_fts.rowid not in (${seqs})`,
  };
}

/**
 * A `tsquery` in the `simple` configuration. The words are split once more by the SQL function that
 * made the vectors (advieswerk_search_text: unaccent, lower case, letters and digits only), so query
 * and documents are always split alike even where unaccent and the JavaScript folding differ (ß, ø);
 * what remains are letters and digits, quoted as lexemes, never syntax. Computed once per query
 * (an uncorrelated subquery). `lexeme` is SQL over the word `w`.
 */
function tsquery(words: string[], lexeme: string, operator: ' & ' | ' | '): RawBuilder<unknown> {
  return sql`(select to_tsquery('simple', string_agg(${sql.raw(lexeme)}, ${operator}))
    from unnest(regexp_split_to_array(advieswerk_search_text(${words.join(' ')}), ' ')) as w where w <> '')`;
}

const WHOLE_WORD = `'''' || w || ''''`;
const WORD_OR_PREFIX = `'(''' || w || ''' | ''' || w || ''':*)'`;

function tsMatch(words: string[], mode: 'allPrefix' | 'anyWord'): FindingsTextMatch {
  const query = mode === 'allPrefix' ? tsquery(words, WORD_OR_PREFIX, ' & ') : tsquery(words, WHOLE_WORD, ' | ');
  // ts_rank, normalisation 1 (divided by 1 + log(length): like bm25, the shorter of two equal matches
  // first). It scores `w | w:*` the same for a whole word as for a prefix, so whole words score again:
  // as with FTS5's bm25, "mantelzorg" ranks "Mantelzorg: respijt…" above "Mantelzorgers…".
  const rank =
    mode === 'allPrefix'
      ? sql`ts_rank(f.search_vector, ${query}, 1) + ts_rank(f.search_vector, ${tsquery(words, WHOLE_WORD, ' | ')}, 1) desc, f.seq desc`
      : sql`ts_rank(f.search_vector, ${query}, 1) desc, f.seq desc`;
  return {
    from: sql`findings f`,
    indexOnly: null,
    seq: sql<number>`f.seq`,
    condition: sql`f.search_vector @@ ${query}`,
    rank,
    notAmong: (seqs) => sql`f.seq not in (${seqs})`,
  };
}

/**
 * A finding's tags (`f`), sorted by key, as one text joined by `separator` (null without tags). On
 * PostgreSQL the separator is a literal: a list without filters then has no bound values, which is
 * what gets named (pg-statements.ts). SQLite names nothing, and there the literal made a search with
 * few matches count 0.12 M more instructions per call (callgrind, `npm run bench -- --instructions`),
 * so it stays a bound value.
 */
export function findingTagList(db: Kysely<any>, separator: string): RawBuilder<string | null> {
  return isPostgres(db)
    ? sql<string | null>`(select string_agg(tag, ${sql.lit(separator)} order by tag_key) from finding_tags t where t.finding_id = f.id)`
    : sql<string | null>`(select group_concat(tag, ${separator}) from (select tag from finding_tags t where t.finding_id = f.id order by t.tag_key))`;
}

/**
 * What a bulk copy with the triggers paused (`move`) adds to each row of `table` so the row arrives
 * as its trigger would have left it: on PostgreSQL a finding's search column, computed in the same
 * insert (filling it afterwards with one `update` wrote every row and all its index entries twice:
 * 24 of `move`'s 60 s at 100k findings). None where nothing is added: SQLite's FTS5 index is kept by
 * triggers that a copy does not pause, and a database before 0015 has no search column.
 */
export async function copiedDerivedColumns(db: Kysely<any>, table: string): Promise<DerivedColumn[]> {
  if (!isPostgres(db) || table !== 'findings') return [];
  const column = await sql`select 1 from information_schema.columns
    where table_schema = current_schema() and table_name = 'findings' and column_name = 'search_vector'`.execute(db);
  if (column.rows.length === 0) return [];
  return [{ column: 'search_vector', value: (of) => sql`to_tsvector('simple', advieswerk_search_text(${of('text')}))` }];
}
