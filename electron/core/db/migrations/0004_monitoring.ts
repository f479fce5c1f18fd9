import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';

// Frozen in time: never import application code here, never edit after release; add a new migration.

interface SeedCriterion {
  name: string;
  description: string;
  measure: 'score' | 'traffic_light' | 'count' | 'percentage';
  direction: 'higher_better' | 'lower_better';
}

interface SeedFramework {
  key: string;
  name: string;
  description: string;
  source: string;
  criteria: SeedCriterion[];
}

/**
 * The three built-in frameworks, in our own words after the sources named. They are ordinary
 * rows from here on: a council may rename, extend or retire them.
 */
const FRAMEWORKS: SeedFramework[] = [
  {
    key: 'avi',
    name: 'AVI: effecten van sociale wijkteams',
    description: 'Vijf effecten waarop een Wmo-raad sociale wijkteams kan volgen.',
    source: 'Aandacht voor iedereen (AVI), De burger in de wijk, hoofdstuk 5, aanbeveling 4 "Monitor de effecten van de sociale wijkteams"',
    criteria: [
      {
        name: 'Tevredenheid van bewoners',
        description: 'Hoe tevreden bewoners en cliënten zijn over het wijkteam: bereikbaarheid, bejegening en wat het heeft opgeleverd.',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Meer zelfredzaamheid en participatie',
        description: 'Of bewoners meer zelf kunnen regelen en meer meedoen in de buurt dan in de vorige periode.',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Minder vraag bij gespecialiseerde instellingen',
        description: 'Aandeel van de hulpvragen dat toch naar gespecialiseerde (tweedelijns) instellingen gaat; lager is beter.',
        measure: 'percentage',
        direction: 'lower_better',
      },
      {
        name: 'Problemen in de wijk opgelost',
        description: 'In welke mate gesignaleerde problemen in de wijk zelf worden opgelost.',
        measure: 'traffic_light',
        direction: 'higher_better',
      },
      {
        name: 'Aantal bewonersinitiatieven',
        description: 'Hoeveel initiatieven van bewoners er in de periode liepen; een groei is het doel.',
        measure: 'count',
        direction: 'higher_better',
      },
    ],
  },
  {
    key: 'lois',
    name: 'LOIS: doelen van een sociaal wijkteam',
    description: 'De doelen die een sociaal wijkteam volgens de LOIS-nieuwsbrief zou moeten nastreven.',
    source: 'LOIS, nieuwsbrief Wijkgericht werken (2014), "Doelen van een sociaal wijkteam"',
    criteria: [
      {
        name: 'Participatie en onderlinge hulp op gang gebracht',
        description: 'Het team activeert meedoen, sociale samenhang en burenhulp in de buurt.',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Steun bij sociaal en maatschappelijk functioneren',
        description: 'Bewoners krijgen ondersteuning om mee te kunnen doen in hun omgeving en de samenleving.',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Toegankelijke plek voor vragen en ideeën',
        description: 'Er is een laagdrempelig aanspreekpunt (voorportaal) waar iedere bewoner terechtkan.',
        measure: 'traffic_light',
        direction: 'higher_better',
      },
      {
        name: 'Eigen kracht en zelfoplossend vermogen versterkt',
        description: 'Bewoners lossen meer zelf of met hun netwerk op.',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Toegang tot intensievere ondersteuning',
        description: 'Wie meer nodig heeft, komt vlot bij intensievere of specialistische ondersteuning terecht.',
        measure: 'traffic_light',
        direction: 'higher_better',
      },
      {
        name: 'Minder dure tweedelijnshulp',
        description: 'Aandeel hulpvragen dat uitkomt bij specialistische, duurdere hulp; lager is beter.',
        measure: 'percentage',
        direction: 'lower_better',
      },
    ],
  },
  {
    key: 'movisie',
    name: 'Movisie: een buurt voor iedereen',
    description: 'Vijf elementen van een buurt waarin ook kwetsbare inwoners goed landen.',
    source: 'Movisie, Een buurt voor iedereen: hoe doen we dat? (2018), vijf elementen',
    criteria: [
      {
        name: 'Open en opbouwende houding',
        description: 'Iedereen die betrokken is staat open voor kwetsbare buurtgenoten; professionals bevorderen dat (kwartiermaken).',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Ruimte om van betekenis te zijn',
        description: 'Mensen om wie het gaat krijgen de ruimte om zelf iets te betekenen voor anderen.',
        measure: 'score',
        direction: 'higher_better',
      },
      {
        name: 'Hulpbronnen in de buurt betrokken',
        description: 'Aantal ontmoetingsplekken, verenigingen, buurthuizen en kerken dat actief meedoet.',
        measure: 'count',
        direction: 'higher_better',
      },
      {
        name: 'Niemand raakt uit beeld',
        description: 'Er zijn afspraken zodat kwetsbare inwoners in beeld blijven, ook bij de informele hulp.',
        measure: 'traffic_light',
        direction: 'higher_better',
      },
      {
        name: 'Veiligheid voor inwoners en werkers',
        description: 'Inwoners en werkers voelen zich veilig in de buurt.',
        measure: 'traffic_light',
        direction: 'higher_better',
      },
    ],
  },
];

function recordColumns(table: CreateTableBuilder<string, string>): CreateTableBuilder<string, string> {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''));
}

export async function up(db: Kysely<any>): Promise<void> {
  await recordColumns(
    db.schema
      .createTable('wijkteams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      // JSON arrays of strings: a team has a handful of organisations and disciplines.
      .addColumn('organisations_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('disciplines_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active_from', 'text')
      .addColumn('active_to', 'text'),
  ).execute();
  await db.schema.createIndex('wijkteams_name_key_unique').on('wijkteams').column('name_key').unique().execute();

  await db.schema
    .createTable('wijkteam_wijken')
    .addColumn('wijkteam_id', 'text', (c) => c.notNull().references('wijkteams.id').onDelete('cascade'))
    // No cascade: a wijk served by a team cannot be deleted.
    .addColumn('wijk_id', 'text', (c) => c.notNull().references('wijken.id'))
    .addPrimaryKeyConstraint('wijkteam_wijken_pk', ['wijkteam_id', 'wijk_id'])
    .execute();
  await db.schema.createIndex('wijkteam_wijken_by_wijk').on('wijkteam_wijken').column('wijk_id').execute();

  await recordColumns(
    db.schema
      .createTable('criteria_frameworks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      // 'avi' | 'lois' | 'movisie' for the seeded ones, null for a council's own.
      .addColumn('builtin_key', 'text'),
  ).execute();
  await db.schema.createIndex('criteria_frameworks_name_key_unique').on('criteria_frameworks').column('name_key').unique().execute();

  await recordColumns(
    db.schema
      .createTable('criteria')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('framework_id', 'text', (c) => c.notNull().references('criteria_frameworks.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('measure_type', 'text', (c) => c.notNull().check(sql`measure_type in ('score', 'traffic_light', 'count', 'percentage')`))
      .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('higher_better', 'lower_better')`))
      .addColumn('target', 'real')
      .addColumn('retired_at', 'text'),
  ).execute();
  await db.schema.createIndex('criteria_by_framework').on('criteria').columns(['framework_id', 'position']).execute();

  await recordColumns(
    db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('wijkteam_id', 'text', (c) => c.notNull().references('wijkteams.id'))
      .addColumn('criterion_id', 'text', (c) => c.notNull().references('criteria.id'))
      // Canonical period key: '2026' (year), '2026-H1' (half year), '2026-K1' (quarter).
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('value', 'real', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sources', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('assessed_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('assessed_on', 'text', (c) => c.notNull()),
  ).execute();
  // One assessment per cell; the same index serves the trend of one criterion for a team.
  await db.schema
    .createIndex('assessments_cell_unique')
    .on('assessments')
    .columns(['criterion_id', 'wijkteam_id', 'period_key'])
    .unique()
    .execute();
  await db.schema.createIndex('assessments_by_period').on('assessments').columns(['period_key', 'wijkteam_id']).execute();
  await db.schema.createIndex('assessments_by_team').on('assessments').columns(['wijkteam_id', 'period_key']).execute();

  // Every earlier version of an assessment, written when it is changed.
  await db.schema
    .createTable('assessment_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('assessed_by', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_versions_by_assessment').on('assessment_versions').columns(['assessment_id', 'valid_until']).execute();

  // Findings from meetings (0002) that an assessment rests on; a linked finding cannot be deleted.
  await db.schema
    .createTable('assessment_findings')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_findings_pk', ['assessment_id', 'finding_id'])
    .execute();
  await db.schema.createIndex('assessment_findings_by_finding').on('assessment_findings').column('finding_id').execute();

  // Advice items (0003) drafted from assessments: the link back to what the item rests on.
  await db.schema
    .createTable('advice_item_assessments')
    .addColumn('item_id', 'text', (c) => c.notNull().references('advice_items.id').onDelete('cascade'))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('advice_item_assessments_pk', ['item_id', 'assessment_id'])
    .execute();
  await db.schema.createIndex('advice_item_assessments_by_assessment').on('advice_item_assessments').column('assessment_id').execute();

  const now = new Date().toISOString();
  for (const framework of FRAMEWORKS) {
    const frameworkId = uuidv7();
    await db
      .insertInto('criteria_frameworks')
      .values({
        id: frameworkId,
        name: framework.name,
        name_key: framework.name.trim().toLocaleLowerCase('nl-NL'),
        description: framework.description,
        source: framework.source,
        builtin_key: framework.key,
        created_at: now,
        updated_at: now,
        created_by: 'Advieswerk',
        updated_by: 'Advieswerk',
      })
      .execute();
    let position = 0;
    for (const criterion of framework.criteria) {
      position += 1;
      await db
        .insertInto('criteria')
        .values({
          id: uuidv7(),
          framework_id: frameworkId,
          position,
          name: criterion.name,
          description: criterion.description,
          source: framework.source,
          measure_type: criterion.measure,
          direction: criterion.direction,
          target: null,
          retired_at: null,
          created_at: now,
          updated_at: now,
          created_by: 'Advieswerk',
          updated_by: 'Advieswerk',
        })
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('advice_item_assessments').execute();
  await db.schema.dropTable('assessment_findings').execute();
  await db.schema.dropTable('assessment_versions').execute();
  await db.schema.dropTable('assessments').execute();
  await db.schema.dropTable('criteria').execute();
  await db.schema.dropTable('criteria_frameworks').execute();
  await db.schema.dropTable('wijkteam_wijken').execute();
  await db.schema.dropTable('wijkteams').execute();
}
