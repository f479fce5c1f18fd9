import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublication } from '../../electron/core/publication/service';
import { createTestCore, type TestCore } from '../helpers/core';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
});
afterAll(async () => core.dispose());

describe('the site colour setting', () => {
  it('is stored and used in style.css; a colour below 4.5:1 on white is refused at the field and changes nothing', async () => {
    expect((await core.value('publication.settings')).colour).toBe('#1d4f91');
    expect(await core.value('publication.saveSettings', { colour: '#8A1538' })).toEqual({ colour: '#8a1538' });
    expect((await buildPublication(core.db, '2026-01-01')).get('style.css')!.toString('utf8')).toContain('--kleur: #8a1538;');
    const before = await storeFingerprint(core);
    const error = await core.failure('publication.saveSettings', { colour: '#ffdd00' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]?.path).toBe('colour');
    expect(error.issues?.[0]?.message).toMatch(/^Deze kleur is te licht voor tekst op wit: het contrast is 1,\d op 1/);
    expect(await storeFingerprint(core)).toEqual(before);
  });
});
