/**
 * `npm run seed:large -- --db PATH`: fills a database with the benchmark's large, deterministic data
 * (25 wijken, 1,000 meetings, 100,000 findings, 10,000 signals), so the UI can be tried at scale:
 * `npm run serve -- --db PATH`.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCore } from '../electron/core/core';
import { benchFoundation } from './bench/foundation';
import { LARGE, seedFindings } from './bench/findings';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' } } });
  if (!values.db) throw new Error('Geef een pad: npm run seed:large -- --db PAD');
  if (existsSync(values.db)) throw new Error(`${values.db} bestaat al; kies een nieuw bestand, zodat er geen gegevens verloren gaan.`);
  const core = await openCore({ databasePath: values.db, mode: 'cli' });
  try {
    await benchFoundation(core, { quick: true });
    seedFindings(core, LARGE);
    const counts = core.sqlite.prepare('select (select count(*) from meetings) as meetings, (select count(*) from findings) as findings, (select count(*) from signals) as signals').get();
    console.log(`Gevuld: ${JSON.stringify(counts)} in ${values.db}`);
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
