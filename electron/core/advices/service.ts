import { buildLetterModel } from '../../../shared/advices/letter';
import type { AdviceDetail } from '../../../shared/api/advices';
import { t } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { renderLetterDocx, type AnnexMeeting } from './docx';
import { evidenceFindings } from './links';
import { findRequest, findVersion, loadAdvice } from './repository';

export async function requireAdvice(db: Db, id: string): Promise<AdviceDetail> {
  const advice = await loadAdvice(db, id);
  if (!advice) throw new AppError('NOT_FOUND', t('errors.notFound', { what: t('advices.notFound') }));
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
