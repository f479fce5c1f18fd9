import type { DraftedAdvice } from '../../../shared/api/monitoring';
import { t } from '../../../shared/i18n';
import { formatDelta, formatValue } from '../../../shared/monitoring/measures';
import { comparePeriodKeys, periodLabel, previousPeriodKey } from '../../../shared/monitoring/periods';
import { compareValues } from '../../../shared/monitoring/trend';
import { effectiveDirection } from '../../../shared/monitoring/measures';
import { AppError } from '../../../shared/result';
import { nextKenmerk } from '../advices/kenmerk';
import { replaceItemLinks } from '../advices/links-repository';
import { findAdviceByKenmerk, highestSequence, insertAdvice, insertItem, insertSection } from '../advices/repository';
import { todayInNetherlands } from '../../../shared/calendar';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import {
  assessmentsByIds,
  findAssessmentByCell,
  findingIdsOf,
  linkAdviceItemToAssessment,
  listCriteria,
  listWijkteamRefs,
} from './repository';

/**
 * "Advies opstellen": a new draft advice (the advices feature's tables, through its repository)
 * whose first section holds one item per chosen assessment, worded from its value, change and
 * evidence, linked to the assessment and to the findings it rests on. The usual three sections
 * follow. Runs inside the caller's transaction.
 */
export async function draftAdviceFromAssessments(
  db: Db,
  input: { assessmentIds: string[]; betreft: string; kind: 'gevraagd' | 'ongevraagd' },
  userName: string,
): Promise<DraftedAdvice> {
  const ids = [...new Set(input.assessmentIds)];
  const assessments = await assessmentsByIds(db, ids);
  if (assessments.length !== ids.length) {
    const message = t('errors.notFound', { what: t('monitoring.assessmentNotFound') });
    throw new AppError('NOT_FOUND', message, [{ path: 'assessmentIds', message }]);
  }
  const criteria = new Map((await listCriteria(db, { includeRetired: true, ids: [...new Set(assessments.map((a) => a.criterionId))] })).map((c) => [c.id, c]));
  const teams = await listWijkteamRefs(db);
  const teamOrder = new Map(teams.map((team, index) => [team.id, index]));
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  assessments.sort(
    (a, b) =>
      comparePeriodKeys(a.periodKey, b.periodKey) ||
      (teamOrder.get(a.wijkteamId) ?? 0) - (teamOrder.get(b.wijkteamId) ?? 0) ||
      (criteria.get(a.criterionId)?.position ?? 0) - (criteria.get(b.criterionId)?.position ?? 0),
  );

  const council = await getCouncil(db);
  const adviceDate = todayInNetherlands();
  const year = Number(adviceDate.slice(0, 4));
  const { kenmerk, sequence } = await nextKenmerk(council.kenmerkPattern, year, await highestSequence(db, year), async (candidate) =>
    Boolean(await findAdviceByKenmerk(db, candidate)),
  );
  const adviceId = await insertAdvice(
    db,
    {
      kind: input.kind,
      betreft: input.betreft,
      kenmerk,
      sequenceYear: year,
      sequenceNumber: sequence,
      requestId: null,
      addressee: council.defaultAddressee,
      adviceDate,
      openingText: '',
      closingText: '',
      signatories: council.signatories,
      cc: [],
    },
    userName,
  );
  const sections = [
    { title: t('monitoring.draftSection'), numbering: 'decimaal' as const },
    { title: 'Wat inwoners ons vertelden', numbering: 'romeins' as const },
    { title: 'Conclusies', numbering: 'decimaal' as const },
    { title: 'Aanbevelingen', numbering: 'decimaal' as const },
  ];
  let monitoringSectionId = '';
  for (const [position, section] of sections.entries()) {
    const sectionId = await insertSection(db, { adviceId, title: section.title, numbering: section.numbering, position }, userName);
    if (position === 0) monitoringSectionId = sectionId;
  }

  for (const [position, assessment] of assessments.entries()) {
    const criterion = criteria.get(assessment.criterionId)!;
    const previousKey = previousPeriodKey(assessment.periodKey);
    const previous = await findAssessmentByCell(db, { wijkteamId: assessment.wijkteamId, criterionId: assessment.criterionId, periodKey: previousKey });
    let change = '';
    if (previous) {
      const compared = compareValues(previous.value, assessment.value, effectiveDirection(criterion.measureType, criterion.direction));
      change = t('monitoring.draftItemChange', {
        change: `${formatDelta(criterion.measureType, compared.delta)} (${t(`monitoring.outcome.${compared.outcome}`)})`,
        previous: periodLabel(previousKey),
      });
    }
    let text = t('monitoring.draftItem', {
      team: teamNames.get(assessment.wijkteamId) ?? '',
      criterion: criterion.name,
      period: periodLabel(assessment.periodKey),
      value: formatValue(criterion.measureType, assessment.value),
      change,
    });
    if (assessment.evidence) text += t('monitoring.draftItemEvidence', { evidence: assessment.evidence });
    if (assessment.sources) text += t('monitoring.draftItemSources', { sources: assessment.sources.split('\n').filter(Boolean).join('; ') });
    const itemId = await insertItem(db, { adviceId, sectionId: monitoringSectionId, kind: 'bevinding', text, showMentions: false, position }, userName);
    await replaceItemLinks(db, itemId, { findingIds: await findingIdsOf(db, assessment.id), signalIds: [] });
    await linkAdviceItemToAssessment(db, itemId, assessment.id);
  }
  return { adviceId, kenmerk, itemCount: assessments.length };
}
