import type { Core } from '../../electron/core/core';
import { newId } from '../../electron/core/ids';
import { compareWithFloor, type BenchRow } from './measure';
import { dutchSentence, integerBetween, pick, seededRandom } from './random';

export interface FindingsScale {
  meetings: number;
  findings: number;
  signals: number;
}

export const LARGE: FindingsScale = { meetings: 1_000, findings: 100_000, signals: 10_000 };
export const SMALL: FindingsScale = { meetings: 10, findings: 1_000, signals: 100 };

const THEMES = ['Wonen', 'Zorg en ondersteuning', 'Mantelzorg', 'Vervoer', 'Eenzaamheid', 'Informatie', 'Armoede', 'Jeugd'];
const SOURCES = ['plenair', 'thematafel', 'babbelbox', 'email', 'enquete', 'anders'] as const;
const FORMATS = ['wijkbijeenkomst', 'expertmeeting', 'inloopuur', 'thematafels', 'anders'] as const;
const RARE_WORD = 'Trapliftsubsidie';
const RARE_MATCHES = 12;
const TAGS = ['wachttijd', 'bereikbaarheid', 'privacy', 'regiotaxi', 'huishoudelijke hulp', 'jongeren', 'ouderen'];

function isoDay(start: Date, offsetDays: number): string {
  return new Date(start.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Twenty years of a large council's input, the same on every run (fixed seed): meetings with theme
 * tables over the wijken, findings of realistic Dutch lengths with tags, signals grouping them.
 * Written with plain inserts in one transaction; the schema's triggers keep the full-text index
 * and the signal counts, exactly as they do for the app.
 */
export function seedFindings(core: Core, scale: FindingsScale, seed = 20_261_125): void {
  const random = seededRandom(seed);
  const sqlite = core.sqlite;
  const wijkIds = sqlite.prepare('select id from wijken order by name_key').pluck().all() as string[];
  const now = new Date().toISOString();
  const by = 'benchmark';
  const start = new Date('2006-01-01T00:00:00Z');

  sqlite.transaction(() => {
    const insertProgramme = sqlite.prepare(
      `insert into programmes (id, name, name_key, description, created_at, updated_at, created_by, updated_by) values (?, ?, ?, '', ?, ?, ?, ?)`,
    );
    const programmeIds = Array.from({ length: 20 }, (_, index) => {
      const id = newId();
      const name = `Wijkronde ${2006 + index}`;
      insertProgramme.run(id, name, name.toLowerCase(), now, now, by, by);
      return id;
    });
    const insertMeeting = sqlite.prepare(
      `insert into meetings (id, title, programme_id, meeting_date, start_time, end_time, location, format, attendee_count, organiser, notes, created_at, updated_at, created_by, updated_by)
       values (?, ?, ?, ?, '19:30', '21:30', ?, ?, ?, 'Secretariaat', '', ?, ?, ?, ?)`,
    );
    const insertMeetingWijk = sqlite.prepare('insert into meeting_wijken (meeting_id, wijk_id) values (?, ?)');
    const insertTable = sqlite.prepare(
      `insert into theme_tables (id, meeting_id, position, theme, facilitator, created_at, updated_at, created_by, updated_by) values (?, ?, ?, ?, '', ?, ?, ?, ?)`,
    );
    const meetings: { id: string; date: string; wijkId: string; tables: { id: string; theme: string }[] }[] = [];
    for (let index = 0; index < scale.meetings; index++) {
      const id = newId();
      const date = isoDay(start, Math.floor((index / scale.meetings) * 365 * 20));
      const wijkId = pick(random, wijkIds);
      insertMeeting.run(id, `Wijkbijeenkomst ${index + 1}`, pick(random, programmeIds), date, `Buurthuis ${index % 40}`, pick(random, FORMATS), integerBetween(random, 8, 120), now, now, by, by);
      insertMeetingWijk.run(id, wijkId);
      const tables = Array.from({ length: integerBetween(random, 0, 3) }, (_, position) => {
        const table = { id: newId(), theme: pick(random, THEMES) };
        insertTable.run(table.id, id, position, table.theme, now, now, by, by);
        return table;
      });
      meetings.push({ id, date, wijkId, tables });
    }

    const insertFinding = sqlite.prepare(
      `insert into findings (id, text, meeting_id, theme_table_id, theme, source, wijk_id, finding_date, contains_personal_data, priority, votes, created_at, updated_at, created_by, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTag = sqlite.prepare('insert into finding_tags (finding_id, tag, tag_key) values (?, ?, ?)');
    const findingIds: string[] = [];
    // A rare word in the same dozen findings at every scale: the "few matches" search, whose cost
    // should barely grow with the data (the other searches match 100× more rows at 100k).
    const rareEvery = Math.floor(scale.findings / RARE_MATCHES);
    for (let index = 0; index < scale.findings; index++) {
      const meeting = meetings[Math.floor((index / scale.findings) * meetings.length)]!;
      const table = meeting.tables.length > 0 && random() < 0.7 ? pick(random, meeting.tables) : undefined;
      const id = newId();
      const text = dutchSentence(random, 6, 40);
      insertFinding.run(
        id,
        index % rareEvery === 0 ? `${text} ${RARE_WORD} duurt te lang.` : text,
        meeting.id,
        table?.id ?? null,
        table?.theme ?? pick(random, THEMES),
        table ? 'thematafel' : pick(random, SOURCES),
        meeting.wijkId,
        meeting.date,
        random() < 0.03 ? 1 : 0,
        random() < 0.1 ? integerBetween(random, 1, 3) : 0,
        random() < 0.2 ? integerBetween(random, 1, 9) : 0,
        now,
        now,
        by,
        by,
      );
      if (random() < 0.3) {
        const tag = pick(random, TAGS);
        insertTag.run(id, tag, tag);
      }
      findingIds.push(id);
    }

    const insertSignal = sqlite.prepare(
      `insert into signals (id, title, description, priority, votes, created_at, updated_at, created_by, updated_by) values (?, ?, '', 0, ?, ?, ?, ?, ?)`,
    );
    const insertSignalFinding = sqlite.prepare('insert into signal_findings (signal_id, finding_id, created_at, created_by) values (?, ?, ?, ?)');
    for (let index = 0; index < scale.signals; index++) {
      const id = newId();
      insertSignal.run(id, dutchSentence(random, 3, 8), integerBetween(random, 0, 5), now, now, by, by);
      const members = new Set<string>();
      const count = integerBetween(random, 2, 12);
      while (members.size < count) members.add(pick(random, findingIds));
      for (const findingId of members) insertSignalFinding.run(id, findingId, now, by);
    }
  })();
}

/** Marks the rows whose growth from 1k to 100k is reported, not held to ≤ 3×: searches that match 100× more rows. */
export const BROAD_SEARCH = Symbol('broad search');

export interface CallCase {
  name: string;
  call: () => Promise<unknown>;
  /** A plain prepared statement returning the same rows the screen shows: what the call cannot beat. */
  floor: () => unknown;
  broad?: boolean;
}

/**
 * The findings screens through the real handlers, each beside a plain prepared statement that
 * returns the same rows the screen shows (the floor). Shared by the timings and `--instructions`.
 */
export function findingsCases(core: Core, label: string): CallCase[] {
  const sqlite = core.sqlite;
  const wijkId = sqlite.prepare('select wijk_id from findings where wijk_id is not null limit 1').pluck().get() as string;
  // The same condition as the handlers (findings/repository.ts VISIBLE_FINDING): not in the trash,
  // nor of a meeting in the trash; so floor and call stay comparable.
  const VISIBLE = 'f.deleted_at is null and f.meeting_deleted_at is null';
  const columns = `f.*, m.title as meeting_title, w.name as wijk_name,
    (select group_concat(tag, '|') from finding_tags t where t.finding_id = f.id) as tags`;

  const firstPageFloor = sqlite.prepare(
    `select ${columns} from findings f left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id
     where ${VISIBLE} order by f.finding_date desc, f.seq desc limit 50`,
  );
  const filteredFloor = sqlite.prepare(
    `select ${columns} from findings f left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id
     where ${VISIBLE} and f.wijk_id = ? and f.finding_date between ? and ? order by f.finding_date desc, f.seq desc limit 50`,
  );
  const searchFloor = sqlite.prepare(
    `select ${columns}, highlight(findings_fts, 0, '[', ']') as marked
     from findings_fts join findings f on f.seq = findings_fts.rowid left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id
     where findings_fts match ? and ${VISIBLE} order by findings_fts.rank limit 50`,
  );
  const signalsFloor = sqlite.prepare('select * from signals order by meeting_count desc, finding_count desc, id desc limit 50');

  const search = (query: string, filters: Record<string, unknown> = {}, sort = 'relevance') =>
    core.call('findings.search', { query, filters, sort, limit: 50 });
  const matches = (expression: string) =>
    (sqlite.prepare('select count(*) from findings_fts where findings_fts match ?').pluck().get(expression) as number).toLocaleString('nl-NL');
  const twoTerms = '("regiotaxi" OR "regiotaxi"*) AND ("wachttijd" OR "wachttijd"*)';
  const broad = '("mantelz" OR "mantelz"*)';
  const rare = '("trapliftsubsidie" OR "trapliftsubsidie"*)';
  const prefix = '("scootm" OR "scootm"*)';
  return [
    { name: `${label}: eerste pagina op datum`, call: () => search('', {}, 'date'), floor: () => firstPageFloor.all() },
    {
      name: `${label}: pagina gefilterd op wijk en periode`,
      call: () => search('', { wijkId, fromDate: '2010-01-01', toDate: '2016-12-31' }, 'date'),
      floor: () => filteredFloor.all(wijkId, '2010-01-01', '2016-12-31'),
    },
    { name: `${label}: zoeken met prefix "scootm" (${matches(prefix)} treffers)`, call: () => search('scootm'), floor: () => searchFloor.all(prefix), broad: true },
    {
      name: `${label}: zoeken met weinig treffers "trapliftsubsidie" (${matches(rare)} treffers)`,
      call: () => search('trapliftsubsidie'),
      floor: () => searchFloor.all(rare),
    },
    {
      name: `${label}: zoeken op twee termen "regiotaxi wachttijd" (${matches(twoTerms)} treffers)`,
      call: () => search('regiotaxi wachttijd'),
      floor: () => searchFloor.all(twoTerms),
      broad: true,
    },
    { name: `${label}: breed zoeken "mantelz" (${matches(broad)} treffers)`, call: () => search('mantelz'), floor: () => searchFloor.all(broad), broad: true },
    {
      name: `${label}: signalen, top 50 op aantal bijeenkomsten`,
      call: () => core.call('signals.list', { sort: 'meetings', limit: 50 }),
      floor: () => signalsFloor.all(),
    },
  ];
}

/** Times each findings case against its floor (interleaved; see measure.ts). */
export async function benchFindings(core: Core, label: string, iterations = 50): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { name, call, floor, broad } of findingsCases(core, label)) {
    const row = await compareWithFloor(name, call, floor, iterations);
    rows.push(broad ? { ...row, [BROAD_SEARCH]: true } : row);
  }
  return rows;
}
