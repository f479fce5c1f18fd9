import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', { name: 'Adviesraad', kenmerkPattern: 'WMO-{jaar}-{volgnummer}' });
  await core.value('advices.create', { kind: 'gevraagd', betreft: 'Één loket voor zorg en welzijn', adviceDate: '2026-03-01' });
  await core.value('advices.create', { kind: 'gevraagd', betreft: 'Cliëntondersteuning in de wijk', adviceDate: '2026-03-02' });
  await core.value('advices.create', { kind: 'ongevraagd', betreft: 'ÉÉN AANSPREEKPUNT', adviceDate: '2026-03-03' });
  const withItem = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Vervoer', adviceDate: '2026-03-04', withDefaultSections: true });
  await core.value('advices.addItem', { sectionId: withItem.sections[0]!.id, kind: 'conclusie', text: 'De CLIËNTRAAD wil ÜBERSICHT over de Reïntegratie.' });
});
afterAll(async () => {
  await core.dispose();
});

async function found(search: string): Promise<string[]> {
  return (await core.value('advices.list', { search })).map((advice) => advice.betreft).sort();
}

describe('advice search folds case and diacritics like the findings search', () => {
  it.each([
    ['één', ['Één loket voor zorg en welzijn', 'ÉÉN AANSPREEKPUNT']],
    ['EEN', ['Één loket voor zorg en welzijn', 'ÉÉN AANSPREEKPUNT']],
    ['Één loket', ['Één loket voor zorg en welzijn']],
    ['e\u0301e\u0301n', ['Één loket voor zorg en welzijn', 'ÉÉN AANSPREEKPUNT']],
    ['client', ['Cliëntondersteuning in de wijk', 'Vervoer']],
    ['CLIËNT', ['Cliëntondersteuning in de wijk', 'Vervoer']],
    ['übersicht', ['Vervoer']],
    ['reintegratie', ['Vervoer']],
  ])('%j finds %j', async (search, expected) => {
    expect(await found(search)).toEqual([...expected].sort());
  });

  it('still treats LIKE wildcards as text', async () => {
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
  });
});
