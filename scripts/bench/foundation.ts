import type { Core } from '../../electron/core/core';
import { compareWithFloor, type BenchRow } from './measure';

/** The council, its 25 wijken and the member's name: what every other data set is seeded on. */
export async function seedFoundation(core: Core): Promise<void> {
  const existing = (await core.call('wijken.list', {})) as { ok: true; value: unknown[] };
  for (let i = existing.value.length; i < 25; i++) await core.call('wijken.create', { name: `Wijk ${String(i + 1).padStart(2, '0')}`, code: `W${i + 1}` });
  // The name a member confirms at first start; the UI benchmark opens the app as that member.
  await core.call('user.update', { name: 'Benchmark' });
  await core.call('council.update', {
    name: 'Adviesraad Sociaal Domein Benchstad',
    kenmerkPattern: 'ASD-{jaar}-{volgnummer}',
    signatories: [
      { name: 'A. Voorzitter', role: 'voorzitter' },
      { name: 'B. Secretaris', role: 'secretaris' },
    ],
  });
}

/** Council settings and wijken: the foundation's reads, against plain statements. */
export async function benchFoundation(core: Core, _options: { quick: boolean }): Promise<BenchRow[]> {
  await seedFoundation(core);
  const wijkenFloor = core.sqlite.prepare('select id, name, code, description, created_at, updated_at from wijken order by name_key');
  const councilFloor = core.sqlite.prepare('select * from council order by created_at limit 1');
  const signatoriesFloor = core.sqlite.prepare('select name, role from signatories where council_id = ? order by position');
  return [
    await compareWithFloor('wijken.list (25 wijken)', () => core.call('wijken.list', {}), () => wijkenFloor.all()),
    await compareWithFloor(
      'council.get',
      () => core.call('council.get', {}),
      () => {
        const council = councilFloor.get() as { id: string };
        return signatoriesFloor.all(council.id);
      },
    ),
  ];
}
