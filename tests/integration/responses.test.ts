import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayInNetherlands } from '../../shared/calendar';
import { createTestCore, type TestCore } from '../helpers/core';
import { RESPONSE_COUNCIL, sentAdvice } from '../helpers/responses';
import { storeFingerprint } from '../helpers/snapshot';

let core: TestCore;
const today = todayInNetherlands();

beforeEach(async () => {
  core = await createTestCore();
  await core.value('council.update', RESPONSE_COUNCIL);
  await core.value('user.update', { name: 'Bert Jansen' });
});
afterEach(async () => core.dispose());

const PDF = Buffer.from('%PDF-1.4\n% Antwoord van het college op advies ASD-2026-001\n%%EOF\n');

describe('college responses', () => {
  it('records a response with its letter in bijlagen/, checksummed, and moves the advice to "reactie ontvangen"', async () => {
    const advice = await sentAdvice(core, 'Bereikbaarheid wijkteams', addDays(today, -20), ['Open een telefonisch spreekuur', 'Zorg voor één loket']);
    const overview = await core.value('responses.record', {
      adviceId: advice.id,
      receivedOn: addDays(today, -2),
      kenmerk: 'GR-2026-4471',
      summary: 'Het college neemt het advies grotendeels over.',
      attachment: { fileName: 'antwoord college.pdf', mediaType: 'application/pdf', bytesBase64: PDF.toString('base64') },
    });
    expect(overview.status).toBe('reactie_ontvangen');
    expect(overview.responses).toHaveLength(1);
    const attachment = overview.responses[0]!.attachment!;
    expect(attachment).toMatchObject({ fileName: 'antwoord college.pdf', size: PDF.length });
    expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
    const folder = path.join(core.dir, 'bijlagen');
    expect(readdirSync(folder).filter((file) => file.endsWith('.pdf'))).toHaveLength(1);
    const letter = await core.value('responses.attachment', { id: overview.responses[0]!.id });
    expect(Buffer.from(letter.bytesBase64, 'base64').equals(PDF)).toBe(true);
    expect(overview.statusLog.map((change) => change.toStatus)).toEqual(['concept', 'vastgesteld', 'verzonden', 'reactie_ontvangen']);
    expect(overview.statusLog.every((change) => change.changedAt.length > 0)).toBe(true);

    // A damaged letter is noticed through its checksum.
    const stored = readdirSync(folder).find((file) => file.endsWith('.pdf'))!;
    writeFileSync(path.join(folder, stored), 'iets anders');
    const damaged = await core.failure('responses.attachment', { id: overview.responses[0]!.id });
    expect(damaged.code).toBe('CONFLICT');
    expect(damaged.message).toContain('controlesom');

    // Deleting the only response removes the letter and goes back to "verzonden".
    const after = await core.value('responses.delete', { id: overview.responses[0]!.id });
    expect(after.status).toBe('verzonden');
    expect(existsSync(path.join(folder, stored))).toBe(false);
  });

  it('refuses a response for an unsent advice, before sending, in the future or with a wrong file, changing nothing', async () => {
    const draft = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg' });
    const advice = await sentAdvice(core, 'Cliëntondersteuning', addDays(today, -10), ['Maak cliëntondersteuning bekend']);
    const before = (await storeFingerprint(core));
    const notSent = await core.failure('responses.record', { adviceId: draft.id, receivedOn: today });
    expect(notSent.code).toBe('CONFLICT');
    expect(notSent.message).toContain('nog niet verzonden');
    const early = await core.failure('responses.record', { adviceId: advice.id, receivedOn: addDays(today, -11) });
    expect(early.code).toBe('VALIDATION');
    expect(early.message).toContain('eerder');
    const future = await core.failure('responses.record', { adviceId: advice.id, receivedOn: addDays(today, 3) });
    expect(future.message).toContain('toekomst');
    const wrongType = await core.failure('responses.record', {
      adviceId: advice.id,
      receivedOn: today,
      attachment: { fileName: 'virus.exe', mediaType: 'application/x-msdownload', bytesBase64: 'AAAA' },
    });
    expect(wrongType.code).toBe('VALIDATION');
    expect(wrongType.message).toContain('PDF- of Word');
    const badName = await core.failure('responses.record', {
      adviceId: advice.id,
      receivedOn: today,
      attachment: { fileName: '../../etc/passwd', mediaType: 'application/pdf', bytesBase64: 'AAAA' },
    });
    expect(badName.code).toBe('VALIDATION');
    expect((await storeFingerprint(core))).toEqual(before);
    expect(existsSync(path.join(core.dir, 'bijlagen'))).toBe(false);
  });
});

describe('status transitions', () => {
  it('allows verzonden → reactie ontvangen → afgerond and back, refusing illegal moves in Dutch', async () => {
    const draft = await core.value('advices.create', { kind: 'ongevraagd', betreft: 'Mantelzorg' });
    const concept = await core.failure('responses.setStatus', { adviceId: draft.id, status: 'afgerond' });
    expect(concept.code).toBe('CONFLICT');
    expect(concept.message).toBe('Een advies met status "concept" kan niet naar "afgerond": het moet eerst worden vastgesteld en verzonden.');

    const advice = await sentAdvice(core, 'Vervoer', addDays(today, -30), ['Verruim de regiotaxi']);
    const skip = await core.failure('responses.setStatus', { adviceId: advice.id, status: 'afgerond' });
    expect(skip.message).toBe('De status kan niet van "verzonden" naar "afgerond" worden gezet.');
    const noResponse = await core.failure('responses.setStatus', { adviceId: advice.id, status: 'reactie_ontvangen' });
    expect(noResponse.message).toContain('Leg eerst de reactie');

    await core.value('responses.record', { adviceId: advice.id, receivedOn: today, kenmerk: 'X-1' });
    const closed = await core.value('responses.setStatus', { adviceId: advice.id, status: 'afgerond' });
    expect(closed.status).toBe('afgerond');
    const again = await core.failure('responses.setStatus', { adviceId: advice.id, status: 'afgerond' });
    expect(again.message).toBe('Het advies heeft de status "afgerond" al.');
    const back = await core.failure('responses.setStatus', { adviceId: advice.id, status: 'verzonden' });
    expect(back.code).toBe('CONFLICT');
    const reopened = await core.value('responses.setStatus', { adviceId: advice.id, status: 'reactie_ontvangen' });
    expect(reopened.statusLog.slice(-3).map((change) => `${change.fromStatus}→${change.toStatus}`)).toEqual([
      'verzonden→reactie_ontvangen',
      'reactie_ontvangen→afgerond',
      'afgerond→reactie_ontvangen',
    ]);
    expect(reopened.statusLog.every((change) => change.changedBy === 'Bert Jansen')).toBe(true);
  });
});

describe('positions, commitments and the follow-up log', () => {
  it('keeps a position per recommendation, commitments linked to recommendations, and dated log entries', async () => {
    const advice = await sentAdvice(core, 'Wijkteams', addDays(today, -40), ['Open een spreekuur', 'Publiceer wachttijden', 'Betrek mantelzorgers']);
    const recommendations = advice.sections[1]!.items;
    const conclusion = advice.sections[0]!.items[0]!;
    await core.value('responses.record', { adviceId: advice.id, receivedOn: today });
    let overview = await core.value('responses.setPosition', { itemId: recommendations[0]!.id, position: 'overgenomen', collegeText: 'Per 1 maart is er een spreekuur.', assessment: 'tevreden' });
    overview = await core.value('responses.setPosition', { itemId: recommendations[1]!.id, position: 'wordt_onderzocht' });
    overview = await core.value('responses.setPosition', { itemId: recommendations[1]!.id, position: 'deels_overgenomen', notes: 'Navragen in juni' });
    expect(overview.recommendations.map((row) => [row.number, row.position?.position ?? null])).toEqual([
      ['2.1', 'overgenomen'],
      ['2.2', 'deels_overgenomen'],
      ['2.3', null],
    ]);
    expect(overview.recommendations[1]!.position!.notes).toBe('Navragen in juni');

    const notRecommendation = await core.failure('responses.setPosition', { itemId: conclusion.id, position: 'overgenomen' });
    expect(notRecommendation.code).toBe('VALIDATION');
    expect(notRecommendation.message).toContain('1.1 is geen aanbeveling');
    const badPosition = await core.failure('responses.setPosition', { itemId: recommendations[0]!.id, position: 'misschien' });
    expect(badPosition.message).toContain('Kies een standpunt');

    overview = await core.value('commitments.create', {
      adviceId: advice.id,
      description: 'Wachttijden staan vanaf het tweede kwartaal op de website.',
      owner: 'Wethouder Zorg',
      dueOn: addDays(today, 10),
      itemIds: [recommendations[1]!.id],
    });
    const commitment = overview.commitments[0]!;
    expect(commitment).toMatchObject({ status: 'open', itemIds: [recommendations[1]!.id], due: { state: 'op_tijd', daysLeft: 10 } });
    const noDue = await core.failure('commitments.create', { adviceId: advice.id, description: 'Zonder datum' });
    expect(noDue.code).toBe('VALIDATION');
    const wrongItem = await core.failure('commitments.create', { adviceId: advice.id, description: 'x', dueOn: today, itemIds: [conclusion.id] });
    expect(wrongItem.message).toContain('aanbevelingen van hetzelfde advies');

    overview = await core.value('commitments.update', { id: commitment.id, status: 'lopend', dueOn: addDays(today, -1) });
    expect(overview.commitments[0]).toMatchObject({ status: 'lopend', due: { state: 'te_laat', daysOverdue: 1 } });

    overview = await core.value('followup.add', { commitmentId: commitment.id, entryOn: today, text: 'Gebeld met de beleidsmedewerker.' });
    overview = await core.value('followup.add', { itemId: recommendations[0]!.id, entryOn: addDays(today, -1), who: 'Piet', text: 'Spreekuur bezocht.' });
    overview = await core.value('followup.add', { adviceId: advice.id, entryOn: addDays(today, -2), text: 'Besproken in de vergadering.' });
    expect(overview.log.map((entry) => [entry.who, entry.commitmentId !== null, entry.itemId !== null])).toEqual([
      ['Bert Jansen', true, false],
      ['Piet', false, true],
      ['Bert Jansen', false, false],
    ]);
    const twoTargets = await core.failure('followup.add', { adviceId: advice.id, itemId: recommendations[0]!.id, entryOn: today, text: 'x' });
    expect(twoTargets.message).toContain('precies één');

    // Deleting a commitment takes its log entries and links with it, in one go.
    overview = await core.value('commitments.delete', { id: commitment.id });
    expect(overview.commitments).toHaveLength(0);
    expect(overview.log).toHaveLength(2);
  });
});
