import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;

beforeAll(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
}, 60_000);
afterAll(async () => core.dispose());

describe('openbaar / niet openbaar per advice', () => {
  it('a sent advice is offered openbaar and asked once; after the decision it is no longer asked', async () => {
    const advice = await sentAdvice(core, 'Vervoer op maat', '2025-04-01', ['Verkort de wachttijd']);
    const before = await core.value('publication.get', { adviceId: advice.id });
    expect(before).toMatchObject({ decided: false, isPublic: true, needsDecision: true, effectivelyPublic: false });

    const after = await core.value('publication.set', { adviceId: advice.id, isPublic: true });
    expect(after).toMatchObject({ decided: true, isPublic: true, needsDecision: false, effectivelyPublic: true, publishedOn: null });
    const history = await core.value('audit.history', { table: 'advices', recordId: advice.id });
    expect(JSON.stringify(history)).toContain('Openbaar');
  });

  it('not public needs a Woo ground or a reason; each is accepted, and the reason is kept', async () => {
    const advice = await sentAdvice(core, 'Casus gezin', '2025-04-02', ['Help het gezin']);
    const refused = await core.failure('publication.set', { adviceId: advice.id, isPublic: false });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.issues?.[0]).toMatchObject({ path: 'reason' });
    expect(refused.issues?.[0]?.message).toMatch(/weigeringsgrond/);

    const withGround = await core.value('publication.set', { adviceId: advice.id, isPublic: false, wooGround: 'art5_1_2e' });
    expect(withGround).toMatchObject({ isPublic: false, wooGround: 'art5_1_2e', effectivelyPublic: false, needsDecision: false });
    const withReason = await core.value('publication.set', { adviceId: advice.id, isPublic: false, reason: '  Nog in overleg met de wethouder  ' });
    expect(withReason).toMatchObject({ wooGround: null, reason: 'Nog in overleg met de wethouder' });
    // Back to openbaar clears the reason.
    expect(await core.value('publication.set', { adviceId: advice.id, isPublic: true, publishedOn: '2025-05-01' })).toMatchObject({
      reason: '',
      wooGround: null,
      publishedOn: '2025-05-01',
    });
  });

  it('a concept is never public: refused with a Dutch message at the field, nothing changes; niet openbaar in advance is allowed', async () => {
    const concept = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Concept over mantelzorg', adviceDate: '2025-06-01' });
    const fingerprint = (await storeFingerprint(core));
    const refused = await core.failure('publication.set', { adviceId: concept.id, isPublic: true });
    expect(refused).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/concept is nooit openbaar/i) });
    expect(refused.issues?.[0]).toMatchObject({ path: 'isPublic' });
    expect((await storeFingerprint(core)).hash).toBe(fingerprint.hash);
    expect(await core.value('publication.get', { adviceId: concept.id })).toMatchObject({ needsDecision: false, effectivelyPublic: false });
    expect(await core.value('publication.set', { adviceId: concept.id, isPublic: false, wooGround: 'art5_2' })).toMatchObject({ decided: true });
  });

  it('bad input is refused with a typed code and changes nothing', async () => {
    const advice = await sentAdvice(core, 'Schuldhulp', '2025-04-03', ['Eerder hulp']);
    const fingerprint = (await storeFingerprint(core));
    for (const input of [
      { adviceId: advice.id, isPublic: 'ja' },
      { adviceId: advice.id, isPublic: false, wooGround: 'art99' },
      { adviceId: advice.id, isPublic: true, publishedOn: '2025-02-30' },
      { adviceId: advice.id, isPublic: false, reason: 'x'.repeat(501) },
      { adviceId: advice.id, isPublic: true, path: '/tmp' },
    ])
      expect((await core.failure('publication.set', input)).code).toBe('VALIDATION');
    expect((await core.failure('publication.set', { adviceId: '01900000-0000-7000-8000-00000000dead', isPublic: true })).code).toBe('NOT_FOUND');
    expect((await storeFingerprint(core)).hash).toBe(fingerprint.hash);
  });
});
