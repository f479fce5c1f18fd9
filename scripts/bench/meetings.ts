import type { Core } from '../../electron/core/core';
import { newId } from '../../electron/core/ids';
import { compareWithFloor, type BenchRow } from './measure';
import { dutchSentence, integerBetween, pick, seededRandom } from './random';

const SOURCES = ['plenair', 'thematafel', 'babbelbox', 'email', 'enquete', 'anders'] as const;
const THEMES = ['Mantelzorg', 'Vervoer', 'Wonen', 'Zorg', 'Eenzaamheid', 'Informatie', 'Armoede', 'Toegang'];

/**
 * Bijeenkomsten en inbreng: 100,000 findings over 1,000 meetings and 2,000 signals, seeded
 * straight into SQLite (the triggers keep the full-text index and the signal counts), then the
 * overview's first page, a filtered page, a search and the signals list through the real handlers.
 */
export async function benchMeetings(core: Core, options: { quick: boolean; findings?: number }): Promise<BenchRow[]> {
  const findingCount = options.findings ?? (options.quick ? 20_000 : 100_000);
  const meetingCount = Math.max(10, Math.round(findingCount / 100));
  const signalCount = Math.round(findingCount / 50);
  const random = seededRandom(20260312);
  const sqlite = core.sqlite;
  let wijkIds = sqlite.prepare('select id from wijken order by name_key').pluck().all() as string[];
  if (wijkIds.length === 0) {
    for (let i = 0; i < 25; i++) await core.call('wijken.create', { name: `Wijk ${i + 1}` });
    wijkIds = sqlite.prepare('select id from wijken order by name_key').pluck().all() as string[];
  }

  const now = new Date().toISOString();
  const meetingIds: string[] = [];
  const meetingDates: string[] = [];
  const findingIds: string[] = [];
  const findingMeeting: string[] = [];
  sqlite.transaction(() => {
    const meeting = sqlite.prepare(
      `insert into meetings (id, title, meeting_date, format, created_at, updated_at, created_by, updated_by) values (?, ?, ?, 'wijkbijeenkomst', ?, ?, 'bench', 'bench')`,
    );
    const link = sqlite.prepare('insert into meeting_wijken (meeting_id, wijk_id) values (?, ?)');
    for (let i = 0; i < meetingCount; i++) {
      const id = newId();
      const date = new Date(Date.UTC(2018, 0, 1) + integerBetween(random, 0, 3000) * 86_400_000).toISOString().slice(0, 10);
      meeting.run(id, `Wijkbijeenkomst ${i + 1}`, date, now, now);
      link.run(id, wijkIds[i % wijkIds.length]);
      meetingIds.push(id);
      meetingDates.push(date);
    }
    const finding = sqlite.prepare(
      `insert into findings (id, text, meeting_id, theme, source, wijk_id, finding_date, votes, created_at, updated_at, created_by, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', 'bench')`,
    );
    const tag = sqlite.prepare('insert into finding_tags (finding_id, tag, tag_key) values (?, ?, ?)');
    for (let i = 0; i < findingCount; i++) {
      const id = newId();
      const m = integerBetween(random, 0, meetingCount - 1);
      finding.run(id, dutchSentence(random, 5, 18), meetingIds[m], pick(random, THEMES), pick(random, SOURCES), wijkIds[m % wijkIds.length], meetingDates[m], integerBetween(random, 0, 5), now, now);
      if (random() < 0.1) tag.run(id, 'Bench', 'bench');
      findingIds.push(id);
      findingMeeting.push(meetingIds[m]!);
    }
    const signal = sqlite.prepare(`insert into signals (id, title, created_at, updated_at, created_by, updated_by) values (?, ?, ?, ?, 'bench', 'bench')`);
    const member = sqlite.prepare('insert or ignore into signal_findings (signal_id, finding_id, created_at, created_by) values (?, ?, ?, ?)');
    for (let i = 0; i < signalCount; i++) {
      const id = newId();
      signal.run(id, `Signaal ${i + 1}: ${dutchSentence(random, 2, 5)}`, now, now);
      const size = integerBetween(random, 2, 12);
      for (let j = 0; j < size; j++) member.run(id, findingIds[integerBetween(random, 0, findingCount - 1)], now, 'bench');
    }
  })();
  sqlite.pragma('optimize');
  sqlite.exec('analyze');

  const wijkId = wijkIds[3]!;
  const rowColumns = `f.seq, f.id, f.text, f.meeting_id, f.theme_table_id, f.theme, f.source, f.wijk_id, f.finding_date, f.contains_personal_data,
    f.priority, f.votes, f.created_at, f.created_by, f.updated_at, f.updated_by, m.title as meeting_title, w.name as wijk_name,
    (select group_concat(tag, ',') from finding_tags t where t.finding_id = f.id) as tags`;
  const firstPageFloor = sqlite.prepare(
    `select ${rowColumns} from findings f left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id
     order by f.finding_date desc, f.seq desc limit 100`,
  );
  const countAll = sqlite.prepare('select count(*) from findings');
  const filteredFloor = sqlite.prepare(
    `select ${rowColumns} from findings f left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id
     where f.wijk_id = ? and f.source = 'babbelbox' order by f.finding_date desc, f.seq desc limit 100`,
  );
  const countFiltered = sqlite.prepare(`select count(*) from findings f where f.wijk_id = ? and f.source = 'babbelbox'`);
  const searchExpression = '("mantelzorg" OR "mantelzorg"*) AND ("wacht" OR "wacht"*)';
  const searchFloor = sqlite.prepare(
    `select ${rowColumns}, highlight(findings_fts, 0, '[', ']') as marked from findings_fts join findings f on f.seq = findings_fts.rowid
     left join meetings m on m.id = f.meeting_id left join wijken w on w.id = f.wijk_id
     where findings_fts match ? order by findings_fts.rank limit 100`,
  );
  const countSearch = sqlite.prepare('select count(*) from findings_fts where findings_fts match ?');
  const signalsFloor = sqlite.prepare('select * from signals order by meeting_count desc, finding_count desc, id desc limit 50');
  const countSignals = sqlite.prepare('select count(*) from signals');
  const countMeetings = sqlite.prepare('select count(*) from meetings');

  const scale = `${(findingCount / 1000).toFixed(0)}k inbreng, ${meetingCount} bijeenkomsten`;
  return [
    await compareWithFloor(
      `findings.search: eerste pagina van 100 (${scale})`,
      () => core.call('findings.search', { limit: 100 }),
      () => [firstPageFloor.all(), countAll.get()],
    ),
    await compareWithFloor(
      `findings.search: gefilterd op wijk en bron (${scale})`,
      () => core.call('findings.search', { limit: 100, filters: { wijkId, source: 'babbelbox' } }),
      () => [filteredFloor.all(wijkId), countFiltered.get(wijkId)],
    ),
    await compareWithFloor(
      `findings.search: zoeken "mantelzorg wacht", gerangschikt (${scale})`,
      () => core.call('findings.search', { query: 'mantelzorg wacht', limit: 100 }),
      () => [searchFloor.all(searchExpression), countSearch.get(searchExpression)],
    ),
    await compareWithFloor(
      `signals.list: top 50 op aantal bijeenkomsten (${signalCount} signalen)`,
      () => core.call('signals.list', { limit: 50 }),
      () => [signalsFloor.all(), countSignals.get(), countMeetings.get()],
    ),
  ];
}
