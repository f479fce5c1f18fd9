import { buildLetterModel } from '../../../shared/advices/letter';
import type { AdviceDetail, AdviceStatus } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { renderLetterDocx, type AnnexMeeting } from './docx';
import { evidenceFindings } from './links-repository';
import { sha256Hex } from '../files';
import { audited } from '../reliability/audit-trail';
import { findRequest, insertVersion, loadAdvice, updateAdvice, findVersion } from './repository';
import { notFound } from '../api/errors';

export async function requireAdvice(db: Db, id: string): Promise<AdviceDetail> {
  const advice = await loadAdvice(db, id);
  if (!advice) throw notFound('advices.notFound');
  return advice;
}

/** The findings behind the advice grouped by meeting, each naming the items that cite it. */
/**
 * The annex: the findings behind the advice by meeting. Findings flagged as personal data stay out
 * unless asked for, like in every other export; how many were left out is counted, never hidden.
 */
async function annexFor(db: Db, advice: AdviceDetail, includePersonalData: boolean): Promise<{ meetings: AnnexMeeting[]; leftOut: number }> {
  const items = advice.sections.flatMap((section) => section.items);
  const numberOf = new Map(items.map((item) => [item.id, item.number]));
  const evidence = await evidenceFindings(
    db,
    items.map((item) => item.id),
  );
  const byFinding = new Map<string, { text: string; meetingKey: string; title: string; date: string; citedBy: string[] }>();
  const leftOut = new Set<string>();
  for (const [itemId, findings] of evidence) {
    for (const finding of findings) {
      if (finding.containsPersonalData && !includePersonalData) {
        leftOut.add(finding.id);
        continue;
      }
      const entry = byFinding.get(finding.id) ?? {
        text: finding.text,
        meetingKey: finding.meetingId ?? '',
        title: finding.meetingTitle || 'Overige inbreng',
        date: finding.meetingDate,
        citedBy: [],
      };
      const number = numberOf.get(itemId);
      if (number && !entry.citedBy.includes(number)) entry.citedBy.push(number);
      byFinding.set(finding.id, entry);
    }
  }
  const meetings = new Map<string, AnnexMeeting>();
  for (const finding of byFinding.values()) {
    const meeting = meetings.get(finding.meetingKey) ?? { title: finding.title, date: finding.date, findings: [] };
    meeting.findings.push({ text: finding.text, citedBy: finding.citedBy });
    meetings.set(finding.meetingKey, meeting);
  }
  return { meetings: [...meetings.values()].sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999')), leftOut: leftOut.size };
}

/** Builds the letter of an advice as it stands in the database. */
export async function buildAdviceDocx(db: Db, advice: AdviceDetail, options: { annex?: boolean; includePersonalData?: boolean } = {}): Promise<Buffer> {
  return (await buildAdviceLetter(db, advice, options)).bytes;
}

/** The letter, and with an annex how many personal-data findings it left out. */
export async function buildAdviceLetter(
  db: Db,
  advice: AdviceDetail,
  options: { annex?: boolean; includePersonalData?: boolean } = {},
): Promise<{ bytes: Buffer; leftOut: number }> {
  const council = await getCouncil(db);
  const request = advice.requestId ? ((await findRequest(db, advice.requestId)) ?? null) : null;
  const model = buildLetterModel(advice, council, request);
  if (!options.annex) return { bytes: await renderLetterDocx(model, {}), leftOut: 0 };
  const annex = await annexFor(db, advice, options.includePersonalData ?? false);
  return { bytes: await renderLetterDocx(model, { annex: annex.meetings, annexLeftOut: annex.leftOut }), leftOut: annex.leftOut };
}

/** "WMO-2026-001 Inloop in de wijk.docx", safe as a file name on every system. */
export function letterFileName(advice: Pick<AdviceDetail, 'kenmerk' | 'betreft'>, extension: string): string {
  const base = `${advice.kenmerk} ${advice.betreft}`
    .replace(/[\\/:*?"<>|\u0000-\u001F]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${base}.${extension}`;
}

/**
 * The one status transition of an advice (concept → vastgesteld → verzonden), audited, for every
 * caller: the advice page and the adoption in a raadsvergadering. Sending freezes the content as
 * sent and the exact letter in the same transaction. Run it inside a transaction (`trx`).
 */
export async function changeAdviceStatus(trx: Db, userName: string, id: string, status: Exclude<AdviceStatus, 'concept'>, day: string): Promise<AdviceDetail> {
  const advice = await requireAdvice(trx, id);
  if (advice.status === 'verzonden') throw new AppError('CONFLICT', t('advices.frozen', { kenmerk: advice.kenmerk }));
  const empty = advice.sections.filter((section) => section.items.length === 0);
  if (empty.length > 0) throw new AppError('VALIDATION', t('advices.sectionEmpty', { title: empty[0]!.title }));
  if (advice.sections.length === 0) throw new AppError('VALIDATION', t('advices.noContent'));
  const blank = advice.sections.flatMap((section) => section.items).find((item) => item.text.trim() === '');
  if (blank) throw new AppError('VALIDATION', t('advices.itemEmpty', { number: blank.number || '?' }));
  if (status === 'vastgesteld') {
    await audited(trx, userName, 'advices', id, () => updateAdvice(trx, id, { status: 'vastgesteld', adoptedOn: day }, userName));
    return requireAdvice(trx, id);
  }
  if (advice.status !== 'vastgesteld') throw new AppError('CONFLICT', t('advices.adoptFirst'));
  if (advice.adoptedOn && day < advice.adoptedOn) throw new AppError('VALIDATION', t('advices.sentBeforeAdopted'));
  await audited(trx, userName, 'advices', id, () => updateAdvice(trx, id, { status: 'verzonden', sentOn: day }, userName));
  // Freeze: the content as sent and the exact letter, in the same transaction as the status.
  const sent = await requireAdvice(trx, id);
  const docx = await buildAdviceDocx(trx, sent);
  const snapshot: AdviceDetail = { ...sent, versions: [] };
  await insertVersion(trx, { adviceId: id, version: sent.version, sentOn: day, snapshot, docx, sha256: sha256Hex(docx) }, userName);
  return requireAdvice(trx, id);

}

/** The letter of an advice: the exact sent bytes once sent (without annex), else freshly built. */
export async function letterBytes(
  db: Db,
  advice: AdviceDetail,
  options: { annex: boolean; includePersonalData?: boolean },
): Promise<{ bytes: Uint8Array; leftOut: number }> {
  if (advice.status === 'verzonden' && !options.annex) {
    const version = await findVersion(db, advice.id, advice.version);
    if (version) return { bytes: version.docx, leftOut: 0 };
  }
  return buildAdviceLetter(db, advice, options);
}
