import { buildLetterModel } from '../../../shared/advices/letter';
import type { AdviceDetail } from '../../../shared/api/advices';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';
import { renderLetterDocx, type AnnexMeeting } from './docx';
import { evidenceFindings } from './links-repository';
import { findRequest, loadAdvice } from './repository';
import { notFound } from '../api/errors';

export async function requireAdvice(db: Db, id: string): Promise<AdviceDetail> {
  const advice = await loadAdvice(db, id);
  if (!advice) throw notFound('advices.notFound');
  return advice;
}

/** The findings behind the advice grouped by meeting, each naming the items that cite it. */
async function annexFor(db: Db, advice: AdviceDetail): Promise<AnnexMeeting[]> {
  const items = advice.sections.flatMap((section) => section.items);
  const numberOf = new Map(items.map((item) => [item.id, item.number]));
  const evidence = await evidenceFindings(
    db,
    items.map((item) => item.id),
  );
  const byFinding = new Map<string, { text: string; meetingKey: string; title: string; date: string; citedBy: string[] }>();
  for (const [itemId, findings] of evidence) {
    for (const finding of findings) {
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
  return [...meetings.values()].sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999'));
}

/** Builds the letter of an advice as it stands in the database. */
export async function buildAdviceDocx(db: Db, advice: AdviceDetail, options: { annex?: boolean } = {}): Promise<Buffer> {
  const council = await getCouncil(db);
  const request = advice.requestId ? ((await findRequest(db, advice.requestId)) ?? null) : null;
  const model = buildLetterModel(advice, council, request);
  const annex = options.annex ? await annexFor(db, advice) : undefined;
  return renderLetterDocx(model, annex ? { annex } : {});
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
