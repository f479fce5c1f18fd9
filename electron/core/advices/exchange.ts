import { ADVICE_EXCHANGE_FORMAT, ADVICE_EXCHANGE_VERSION, adviceExchangeFile, type AdviceExchangeFile } from '../../../shared/api/advice-exchange';
import { kenmerkText, type AdviceDetail } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { nextKenmerk } from './kenmerk';
import { replaceItemLinks } from './links-repository';
import { findAdviceByKenmerk, findLiveAdviceByKenmerk, highestSequence, insertAdvice, insertItem, insertSection, replaceReferences, replaceRelations } from './repository';
import { requireAdvice } from './service';
import { missingIds } from '../db/existing';

export async function exportAdvice(db: Db, id: string): Promise<AdviceExchangeFile> {
  const advice = await requireAdvice(db, id);
  return toExchange(advice);
}

export function toExchange(advice: AdviceDetail): AdviceExchangeFile {
  return {
    format: ADVICE_EXCHANGE_FORMAT,
    version: ADVICE_EXCHANGE_VERSION,
    exportedAt: new Date().toISOString(),
    advice: {
      kenmerk: advice.kenmerk,
      kind: advice.kind,
      betreft: advice.betreft,
      adviceDate: advice.adviceDate,
      addressee: advice.addressee,
      openingText: advice.openingText,
      closingText: advice.closingText,
      signatories: advice.signatories,
      cc: advice.cc,
      references: advice.references.map((reference) => ({ kenmerk: reference.kenmerk, betreft: reference.betreft, adviceDate: reference.adviceDate })),
      sections: advice.sections.map((section) => ({
        title: section.title,
        numbering: section.numbering,
        items: section.items.map((item) => ({
          key: item.id,
          kind: item.kind,
          text: item.text,
          showMentions: item.showMentions,
          relatedItemKeys: item.relatedItemIds,
          findingIds: item.findingIds,
          signalIds: item.signalIds,
        })),
      })),
    },
  };
}

/**
 * Imports an exchange file as a new concept advice, in the caller's transaction. The kenmerk is
 * kept when free, else a new one is generated; references are matched by kenmerk; links to findings
 * and signals this database does not have are left out (another council has other input).
 */
export async function importAdvice(db: Db, data: unknown, userName: string): Promise<AdviceDetail> {
  const parsed = adviceExchangeFile.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    throw new AppError('VALIDATION', t('advices.importInvalid', { details: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') }), issues);
  }
  const file = parsed.data.advice;
  const keys = new Set<string>();
  for (const item of file.sections.flatMap((section) => section.items)) {
    if (keys.has(item.key)) throw new AppError('VALIDATION', t('advices.importInvalid', { details: `dubbele sleutel "${item.key}"` }));
    keys.add(item.key);
  }
  for (const item of file.sections.flatMap((section) => section.items))
    for (const related of item.relatedItemKeys)
      if (!keys.has(related) || related === item.key) throw new AppError('VALIDATION', t('advices.importInvalid', { details: `onbekende verwijzing "${related}"` }));

  const council = await getCouncil(db);
  let kenmerk = file.kenmerk;
  let sequenceYear: number | null = null;
  let sequenceNumber: number | null = null;
  // A kenmerk the API would refuse (say "../x") is not kept either: it gets a new one, as a taken one does.
  if (!kenmerk || !kenmerkText.safeParse(kenmerk).success || (await findAdviceByKenmerk(db, kenmerk))) {
    const year = Number(file.adviceDate.slice(0, 4));
    const generated = await nextKenmerk(council.kenmerkPattern, year, await highestSequence(db, year), async (candidate) => Boolean(await findAdviceByKenmerk(db, candidate)));
    kenmerk = generated.kenmerk;
    sequenceYear = year;
    sequenceNumber = generated.sequence;
  }
  const adviceId = await insertAdvice(
    db,
    {
      kind: file.kind,
      betreft: file.betreft,
      kenmerk,
      sequenceYear,
      sequenceNumber,
      requestId: null,
      addressee: file.addressee || council.defaultAddressee,
      adviceDate: file.adviceDate,
      openingText: file.openingText,
      closingText: file.closingText,
      signatories: file.signatories.length > 0 ? file.signatories : council.signatories,
      cc: file.cc,
    },
    userName,
  );
  const referenceIds: string[] = [];
  for (const reference of file.references) {
    const found = await findLiveAdviceByKenmerk(db, reference.kenmerk);
    if (found && !referenceIds.includes(found.id)) referenceIds.push(found.id);
  }
  await replaceReferences(db, adviceId, referenceIds);

  const idByKey = new Map<string, string>();
  const items = file.sections.flatMap((section) => section.items);
  const knownFindings = new Set(items.flatMap((item) => item.findingIds));
  const knownSignals = new Set(items.flatMap((item) => item.signalIds));
  for (const missing of await missingIds(db, 'findings', [...knownFindings])) knownFindings.delete(missing);
  for (const missing of await missingIds(db, 'signals', [...knownSignals])) knownSignals.delete(missing);
  for (const [sectionPosition, section] of file.sections.entries()) {
    const sectionId = await insertSection(db, { adviceId, title: section.title, numbering: section.numbering, position: sectionPosition }, userName);
    for (const [position, item] of section.items.entries()) {
      const itemId = await insertItem(db, { adviceId, sectionId, position, kind: item.kind, text: item.text, showMentions: item.showMentions }, userName);
      idByKey.set(item.key, itemId);
      await replaceItemLinks(db, itemId, {
        findingIds: [...new Set(item.findingIds.filter((findingId) => knownFindings.has(findingId)))],
        signalIds: [...new Set(item.signalIds.filter((signalId) => knownSignals.has(signalId)))],
      });
    }
  }
  for (const item of items) {
    if (item.relatedItemKeys.length > 0)
      await replaceRelations(db, idByKey.get(item.key)!, [...new Set(item.relatedItemKeys.map((related) => idByKey.get(related)!))]);
  }
  return requireAdvice(db, adviceId);
}
