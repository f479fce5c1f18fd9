import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { ledTo } from '../../../shared/advices/chain';
import { dutchList } from '../../../shared/advices/numbering';
import type { AdviceDetail } from '../../../shared/api/advices';
import type { ResponseOverview } from '../../../shared/api/responses';
import { formatDateLong, t } from '../../../shared/i18n';
import { loadAdvice } from '../advices/repository';
import type { Db } from '../db/connection';
import { advicesOfYear, findingsOfMeetings, itemsCitingFindings, itemsOfSentAdvices } from './repository';

// ---- adviezenoverzicht -----------------------------------------------------------------------

export interface YearOverview {
  year: number;
  councilName: string;
  advices: (ResponseOverview & { kind: string; adviceDate: string })[];
}

const position = (value: string | undefined) => (value ? t(`responses.position.${value as 'overgenomen'}`) : t('responses.position.none'));
const statusText = (value: string) => t(`responses.status.${value as 'verzonden'}`);
const commitmentStatus = (value: string) => t(`responses.commitmentStatus.${value as 'open'}`);

export async function yearOverview(
  db: Db,
  year: number,
  councilName: string,
  load: (adviceId: string) => Promise<ResponseOverview>,
): Promise<YearOverview> {
  const rows = await advicesOfYear(db, year);
  const advices = [];
  for (const row of rows) advices.push({ ...(await load(row.id)), kind: row.kind, adviceDate: row.advice_date });
  return { year, councilName, advices };
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

/** Text width of A4 with 2.5 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 9070;

function table(header: string[], rows: string[][], shares: number[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: shares.map((share) => Math.round(share * TEXT_WIDTH)),
    rows: [new TableRow({ tableHeader: true, children: header.map((text) => cell(text, true)) }), ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) }))],
  });
}

function para(text: string, options: { bold?: boolean; spacingAfter?: number } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: options.bold ?? false })], spacing: { after: options.spacingAfter ?? 120 } });
}

export async function overviewDocx(overview: YearOverview): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t('reports.overviewTitle', { year: overview.year }))] }),
    para(overview.councilName),
    para(t('reports.overviewCount', { count: overview.advices.length }), { spacingAfter: 240 }),
  ];
  for (const advice of overview.advices) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${advice.kenmerk} – ${advice.betreft}`)] }));
    children.push(
      para(
        t('reports.overviewAdviceLine', {
          kind: advice.kind,
          status: statusText(advice.status),
          date: formatDateLong(advice.adviceDate),
          sent: advice.sentOn ? formatDateLong(advice.sentOn) : '–',
        }),
      ),
    );
    for (const response of advice.responses)
      children.push(para(t('reports.overviewResponse', { date: formatDateLong(response.receivedOn), kenmerk: response.kenmerk || '–', summary: response.summary })));
    if (advice.recommendations.length > 0)
      children.push(
        table(
          [t('reports.number'), t('reports.recommendation'), t('reports.position'), t('reports.collegeText')],
          advice.recommendations.map((row) => [row.number, row.text, position(row.position?.position), row.position?.collegeText ?? '']),
          [0.07, 0.37, 0.23, 0.33],
        ),
      );
    if (advice.commitments.length > 0) {
      children.push(para(t('reports.commitments'), { bold: true }));
      children.push(
        table(
          [t('reports.commitment'), t('reports.owner'), t('reports.dueOn'), t('reports.status')],
          advice.commitments.map((commitment) => [commitment.description, commitment.owner, formatDateLong(commitment.dueOn), commitmentStatus(commitment.status)]),
          [0.36, 0.2, 0.24, 0.2],
        ),
      );
    }
  }
  const document = new Document({
    creator: overview.councilName || 'Advieswerk',
    title: t('reports.overviewTitle', { year: overview.year }),
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

export async function overviewXlsx(overview: YearOverview): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = overview.councilName || 'Advieswerk';
  const advices = workbook.addWorksheet(t('reports.sheetAdvices'));
  advices.columns = [
    { header: t('reports.kenmerk'), key: 'kenmerk', width: 18 },
    { header: t('reports.betreft'), key: 'betreft', width: 40 },
    { header: t('reports.kind'), key: 'kind', width: 12 },
    { header: t('reports.status'), key: 'status', width: 18 },
    { header: t('reports.sentOn'), key: 'sentOn', width: 12 },
    { header: t('reports.responseDue'), key: 'due', width: 14 },
    { header: t('reports.responseReceived'), key: 'received', width: 14 },
    { header: t('reports.recommendations'), key: 'recommendations', width: 14 },
    ...(['overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'wordt_onderzocht', 'geen_standpunt'] as const).map((key) => ({ header: position(key), key, width: 14 })),
    { header: t('reports.commitments'), key: 'commitments', width: 14 },
  ];
  const recommendations = workbook.addWorksheet(t('reports.sheetRecommendations'));
  recommendations.columns = [
    { header: t('reports.kenmerk'), key: 'kenmerk', width: 18 },
    { header: t('reports.number'), key: 'number', width: 8 },
    { header: t('reports.recommendation'), key: 'text', width: 50 },
    { header: t('reports.position'), key: 'position', width: 18 },
    { header: t('reports.collegeText'), key: 'collegeText', width: 50 },
    { header: t('reports.assessment'), key: 'assessment', width: 18 },
  ];
  const commitments = workbook.addWorksheet(t('reports.sheetCommitments'));
  commitments.columns = [
    { header: t('reports.kenmerk'), key: 'kenmerk', width: 18 },
    { header: t('reports.commitment'), key: 'description', width: 50 },
    { header: t('reports.owner'), key: 'owner', width: 20 },
    { header: t('reports.dueOn'), key: 'dueOn', width: 12 },
    { header: t('reports.status'), key: 'status', width: 14 },
  ];
  for (const advice of overview.advices) {
    const counts: Record<string, number> = {};
    for (const row of advice.recommendations) if (row.position) counts[row.position.position] = (counts[row.position.position] ?? 0) + 1;
    advices.addRow({
      kenmerk: advice.kenmerk,
      betreft: advice.betreft,
      kind: advice.kind,
      status: statusText(advice.status),
      sentOn: advice.sentOn ?? '',
      due: advice.responseDue?.dueOn ?? '',
      received: advice.responses[0]?.receivedOn ?? '',
      recommendations: advice.recommendations.length,
      overgenomen: counts.overgenomen ?? 0,
      deels_overgenomen: counts.deels_overgenomen ?? 0,
      niet_overgenomen: counts.niet_overgenomen ?? 0,
      wordt_onderzocht: counts.wordt_onderzocht ?? 0,
      geen_standpunt: counts.geen_standpunt ?? 0,
      commitments: advice.commitments.length,
    });
    for (const row of advice.recommendations)
      recommendations.addRow({
        kenmerk: advice.kenmerk,
        number: row.number,
        text: row.text,
        position: position(row.position?.position),
        collegeText: row.position?.collegeText ?? '',
        assessment: row.position?.assessment ? t(`responses.assessment.${row.position.assessment}`) : '',
      });
    for (const commitment of advice.commitments)
      commitments.addRow({ kenmerk: advice.kenmerk, description: commitment.description, owner: commitment.owner, dueOn: commitment.dueOn, status: commitmentStatus(commitment.status) });
  }
  for (const sheet of [advices, recommendations, commitments]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- terugkoppeling ------------------------------------------------------------------------

export interface FeedbackItem {
  kenmerk: string;
  betreft: string;
  number: string;
  kind: string;
  text: string;
  position: string | null;
  collegeText: string;
  since: string[];
  /** Empty for an item that used the finding itself; else the numbers of the items it follows from ("Volgt uit"), nearest last. */
  via: string[];
}

export interface FeedbackFinding {
  text: string;
  meetingTitle: string;
  items: FeedbackItem[];
}

export interface Feedback {
  title: string;
  councilName: string;
  findings: FeedbackFinding[];
  leftOutPersonal: number;
  /** Follow-up log entries flagged as personal data that would otherwise have been told. */
  leftOutLogEntries: number;
}

/**
 * For the findings of a meeting or a programme: the items of sent advices that used them (directly
 * or through a signal), the college's position, and what happened since (commitments, log).
 * Findings and log entries marked as containing personal data are left out and only counted.
 */
export async function feedbackFor(db: Db, scope: { meetingIds: string[]; title: string; councilName: string }, overviewOf: (adviceId: string) => Promise<ResponseOverview>): Promise<Feedback> {
  if (scope.meetingIds.length === 0) return { title: scope.title, councilName: scope.councilName, findings: [], leftOutPersonal: 0, leftOutLogEntries: 0 };
  const findings = await findingsOfMeetings(db, scope.meetingIds);
  const shared = findings.filter((finding) => finding.contains_personal_data === 0);
  const ids = shared.map((finding) => finding.id);
  const { direct, viaSignal } = await itemsCitingFindings(db, ids);
  const itemIds = [...new Set([...direct, ...viaSignal].map((link) => link.item_id))];
  const items = await itemsOfSentAdvices(db, itemIds);
  const adviceOf = new Map(items.map((item) => [item.id, item.advice_id]));
  const details = new Map<string, { advice: AdviceDetail; overview: ResponseOverview }>();
  for (const adviceId of new Set(adviceOf.values())) {
    const advice = await loadAdvice(db, adviceId);
    if (advice) details.set(adviceId, { advice, overview: await overviewOf(adviceId) });
  }
  const leftOutLogEntries = new Set<string>();
  const describe = (itemId: string, via: string[] = []): FeedbackItem | null => {
    const adviceId = adviceOf.get(itemId);
    const found = adviceId ? details.get(adviceId) : undefined;
    if (!found) return null;
    const item = found.advice.sections.flatMap((section) => section.items).find((candidate) => candidate.id === itemId);
    if (!item) return null;
    const row = found.overview.recommendations.find((recommendation) => recommendation.itemId === itemId);
    const since = [
      ...found.overview.commitments
        .filter((commitment) => commitment.itemIds.includes(itemId))
        .map((commitment) => t('reports.feedbackCommitment', { what: commitment.description, due: formatDateLong(commitment.dueOn), status: commitmentStatus(commitment.status) })),
      ...found.overview.log
        .filter((entry) => entry.itemId === itemId)
        .filter((entry) => {
          if (entry.containsPersonalData) leftOutLogEntries.add(entry.id);
          return !entry.containsPersonalData;
        })
        .map((entry) => `${formatDateLong(entry.entryOn)}: ${entry.text}`),
    ];
    return {
      kenmerk: found.advice.kenmerk,
      betreft: found.advice.betreft,
      number: item.number,
      kind: item.kind,
      text: item.text,
      position: row?.position?.position ?? null,
      collegeText: row?.position?.collegeText ?? '',
      since,
      via,
    };
  };
  // The chain: an item that used the finding, then the items that follow from it ("Volgt uit") in
  // the same advice, transitively (I.1 → 2.1 → 3.1), each with the items it came through.
  const withChain = (itemIds: string[]): FeedbackItem[] => {
    const out: FeedbackItem[] = [];
    const told = new Set<string>();
    for (const itemId of itemIds) {
      const direct = describe(itemId);
      if (!direct || told.has(itemId)) continue;
      told.add(itemId);
      out.push(direct);
      const items = details.get(adviceOf.get(itemId)!)!.advice.sections.flatMap((section) => section.items);
      const byId = new Map(items.map((item) => [item.id, item]));
      const cameThrough = new Map<string, string[]>([[itemId, []]]);
      for (const followingId of ledTo(items, itemId)) {
        const following = byId.get(followingId)!;
        // The path it came through: the nearest earlier item of the chain it rests on.
        const from = following.relatedItemIds.find((relatedId) => cameThrough.has(relatedId))!;
        const path = [...cameThrough.get(from)!, byId.get(from)!.number];
        cameThrough.set(followingId, path);
        if (told.has(followingId)) continue;
        told.add(followingId);
        adviceOf.set(followingId, adviceOf.get(itemId)!);
        const described = describe(followingId, path);
        if (described) out.push(described);
      }
    }
    return out;
  };
  const told = shared.map((finding) => {
    const linked = [...new Set([...direct, ...viaSignal].filter((link) => link.finding_id === finding.id).map((link) => link.item_id))];
    return { text: finding.text, meetingTitle: finding.meetingTitle, items: withChain(linked) };
  });
  return { title: scope.title, councilName: scope.councilName, leftOutPersonal: findings.length - shared.length, leftOutLogEntries: leftOutLogEntries.size, findings: told };
}

export async function feedbackDocx(feedback: Feedback): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t('reports.feedbackTitle', { title: feedback.title }))] }),
    para(t('reports.feedbackIntro', { council: feedback.councilName ? `de ${feedback.councilName}` : t('reports.feedbackCouncilFallback') }), { spacingAfter: 240 }),
  ];
  if (feedback.leftOutPersonal > 0) children.push(para(t('reports.feedbackLeftOut', { count: feedback.leftOutPersonal }), { spacingAfter: 240 }));
  if (feedback.leftOutLogEntries > 0) children.push(para(t('reports.feedbackLogLeftOut', { count: feedback.leftOutLogEntries }), { spacingAfter: 240 }));
  if (feedback.findings.length === 0) children.push(para(t('reports.feedbackNone')));
  for (const finding of feedback.findings) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(t('reports.feedbackYouSaid', { text: finding.text }))] }));
    if (finding.items.length === 0) {
      children.push(para(t('reports.feedbackNotUsedYet')));
      continue;
    }
    for (const item of finding.items) {
      children.push(
        para(
          item.via.length === 0
            ? t('reports.feedbackWeAdvised', { kenmerk: item.kenmerk, betreft: item.betreft, number: item.number, text: item.text })
            : t('reports.feedbackLedTo', { number: item.number, via: dutchList(item.via), text: item.text }),
          { bold: false },
        ),
      );
      if (item.kind === 'aanbeveling')
        children.push(
          para(
            item.position
              ? t('reports.feedbackCollege', { position: position(item.position), text: item.collegeText ? ` ${item.collegeText}` : '' })
              : t('reports.feedbackNoPosition'),
          ),
        );
      if (item.since.length > 0) {
        children.push(para(t('reports.feedbackSince')));
        for (const line of item.since) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(line)] }));
      }
    }
  }
  children.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing: { before: 360 }, children: [new TextRun(t('reports.feedbackThanks'))] }));
  const document = new Document({
    creator: feedback.councilName || 'Advieswerk',
    title: t('reports.feedbackTitle', { title: feedback.title }),
    // Larger type for readers with low vision.
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
