import type { AdviceDetail } from '../../shared/api/advices';
import type { TestCore } from './core';

export const RESPONSE_COUNCIL = {
  name: 'Adviesraad Sociaal Domein Groningen',
  municipality: 'Groningen',
  defaultAddressee: 'College van burgemeester en wethouders',
  signatories: [{ name: 'Anna de Vries', role: 'voorzitter' }],
  kenmerkPattern: 'ASD-{jaar}-{volgnummer}',
  responseTermWeeks: 6,
};

/** An advice with one conclusion and the given recommendations, adopted and sent on `sentOn`. */
export async function sentAdvice(core: TestCore, betreft: string, sentOn: string, recommendations: string[], kenmerk?: string): Promise<AdviceDetail> {
  let advice = await core.value('advices.create', { kind: 'ongevraagd', betreft, adviceDate: sentOn, ...(kenmerk ? { kenmerk } : {}) });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Conclusies' });
  advice = await core.value('advices.addItem', { sectionId: advice.sections[0]!.id, kind: 'conclusie', text: 'De wijkteams zijn slecht bereikbaar.' });
  advice = await core.value('advices.addSection', { adviceId: advice.id, title: 'Aanbevelingen' });
  for (const text of recommendations) advice = await core.value('advices.addItem', { sectionId: advice.sections[1]!.id, kind: 'aanbeveling', text });
  await core.value('advices.setStatus', { id: advice.id, status: 'vastgesteld', date: sentOn });
  return core.value('advices.setStatus', { id: advice.id, status: 'verzonden', date: sentOn });
}
