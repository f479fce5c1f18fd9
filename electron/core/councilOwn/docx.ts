import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { CouncilAction, CouncilMeetingDetail } from '../../../shared/api/council-own';
import { formatDateLong, t, type MessageKey } from '../../../shared/i18n';
import { getCouncil } from '../council/repository';
import type { Db } from '../db/connection';

/**
 * The agenda (sent beforehand) and the verslag with besluitenlijst and actielijst of a
 * raadsvergadering, in the house style of the letters: A4, Arial 10.5, margins of 2.5 cm, the
 * council's name on top, page numbers below. Names and roles only: no background or contact details.
 * All text goes in as text runs, so markup typed by someone shows literally.
 */

const PAGE = { width: 11906, height: 16838, margin: 1418 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';
const SIZE = 21;
const NUMBER_INDENT = 567;
const GREY = '555555';

function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text, ...options });
}

function paragraph(children: TextRun[], after = 120, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
  return new Paragraph({ children, spacing: { after, line: 276 }, ...extra });
}

function heading(text: string): Paragraph {
  return new Paragraph({ children: [run(text, { bold: true, size: 24 })], spacing: { before: 280, after: 120 }, keepNext: true });
}

/** "1.<tab>Title", the title hanging after the number. */
function numbered(number: string, text: string, options: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(number, options), run('\t'), run(text, options)],
    indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT },
    tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
    spacing: { before: 160, after: 60, line: 276 },
    keepNext: true,
  });
}

function indented(children: TextRun[], after = 60): Paragraph {
  return new Paragraph({ children, indent: { left: NUMBER_INDENT }, spacing: { after, line: 276 } });
}

/** Label and value side by side, as in the head of minutes. */
function detailsTable(rows: [string, string][]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const labelWidth = 2835;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    borders,
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: labelWidth, type: WidthType.DXA }, borders, children: [paragraph([run(label, { bold: true })], 40)] }),
            new TableCell({ width: { size: TEXT_WIDTH - labelWidth, type: WidthType.DXA }, borders, children: [paragraph([run(value)], 40)] }),
          ],
        }),
    ),
  });
}

function actionTable(actions: CouncilAction[]): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
  const borders = { top: line, bottom: line, left: line, right: line };
  const widths = [567, TEXT_WIDTH - 567 - 2268 - 1701 - 1134, 2268, 1701, 1134];
  const cell = (text: string, index: number, header = false) =>
    new TableCell({
      width: { size: widths[index]!, type: WidthType.DXA },
      borders,
      ...(header ? { shading: { fill: 'E7E6E6' } } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [paragraph([run(text, header ? { bold: true } : {})], 0)],
    });
  const header = [t('councilOwn.docNumber'), t('councilOwn.action'), t('councilOwn.owner'), t('councilOwn.dueOn'), t('councilOwn.status')];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text, index) => cell(text, index, true)) }),
      ...actions.map(
        (action, index) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(String(index + 1), 0),
              cell(action.description, 1),
              cell(action.ownerName, 2),
              cell(formatDateLong(action.dueOn), 3),
              cell(t(`councilOwn.status_${action.status}` as MessageKey), 4),
            ],
          }),
      ),
    ],
  });
}

function links(item: CouncilMeetingDetail['items'][number]): string {
  const parts = [
    item.request ? `${t('councilOwn.linkedRequest')} "${item.request.label}"` : '',
    item.advice ? `${t('councilOwn.linkedAdvice')} ${item.advice.label}` : '',
    item.response ? `${t('councilOwn.linkedResponse')} ${item.response.label}` : '',
    item.monitoringPeriod ? `${t('councilOwn.monitoringPeriod')} ${item.monitoringPeriod}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? t('councilOwn.docBackground', { links: parts.join('; ') }) : '';
}

async function header(db: Db, title: string, date: string): Promise<Paragraph[]> {
  const council = await getCouncil(db);
  const councilName = council.name || t('councilOwn.docCouncilFallback');
  return [
    paragraph([run(councilName, { bold: true, color: GREY })], 240),
    new Paragraph({ children: [run(title, { bold: true, size: 36 })], spacing: { after: 60 } }),
    paragraph([run(t('councilOwn.docMeetingOf', { date: formatDateLong(date) }), { size: 24 })], 240),
  ];
}

function document(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ font: FONT, size: 16, color: GREY, children: [`${title} · pagina `, PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
  return Packer.toBuffer(
    new Document({
      creator: 'Advieswerk',
      title,
      styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
      sections: [
        {
          properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
          footers: { default: footer },
          children,
        },
      ],
    }),
  );
}

function meetingDetails(meeting: CouncilMeetingDetail, withAttendance: boolean): [string, string][] {
  const rows: [string, string][] = [[t('councilOwn.docDate'), formatDateLong(meeting.date)]];
  if (meeting.startTime) rows.push([t('councilOwn.docTime'), `${meeting.startTime} uur`]);
  if (meeting.place) rows.push([t('councilOwn.docPlace'), meeting.place]);
  const named = (present: boolean) =>
    meeting.attendance
      .filter((attendee) => attendee.present === present)
      .map((attendee) => (attendee.role === 'lid' ? attendee.name : `${attendee.name} (${t(`councilOwn.role_${attendee.role}` as MessageKey).toLowerCase()})`))
      .join(', ');
  if (withAttendance) {
    if (named(true)) rows.push([t('councilOwn.docPresent'), named(true)]);
    if (named(false)) rows.push([t('councilOwn.docAbsent'), named(false)]);
  }
  if (meeting.guests) rows.push([t('councilOwn.docGuests'), meeting.guests]);
  return rows;
}

/** Opening, the items in order, the carried-over actielijst, rondvraag and sluiting. */
function agendaNumbers(meeting: CouncilMeetingDetail) {
  const itemNumber = (index: number) => String(index + 2);
  const actionsNumber = String(meeting.items.length + 2);
  const closingNumber = String(meeting.items.length + 3);
  return { itemNumber, actionsNumber, closingNumber };
}

export async function buildAgendaDocx(db: Db, meeting: CouncilMeetingDetail): Promise<Buffer> {
  const { itemNumber, actionsNumber, closingNumber } = agendaNumbers(meeting);
  const children: (Paragraph | Table)[] = [...(await header(db, t('councilOwn.docAgendaTitle'), meeting.date)), detailsTable(meetingDetails(meeting, false))];
  children.push(numbered('1.', t('councilOwn.docOpening'), { bold: true }));
  meeting.items.forEach((item, index) => {
    children.push(numbered(`${itemNumber(index)}.`, item.title, { bold: true }));
    const background = links(item);
    if (background) children.push(indented([run(background, { italics: true, color: GREY })]));
  });
  children.push(numbered(`${actionsNumber}.`, t('councilOwn.docActionReview'), { bold: true }));
  if (meeting.carriedActions.length === 0) children.push(indented([run(t('councilOwn.docNoActions'))]));
  for (const action of meeting.carriedActions)
    children.push(indented([run(`• ${action.description}`), run(` (${action.ownerName}, ${t('councilOwn.dueOn').toLowerCase()} ${formatDateLong(action.dueOn)})`, { color: GREY })]));
  children.push(numbered(`${closingNumber}.`, t('councilOwn.docClosing'), { bold: true }));
  return document(`${t('councilOwn.docAgendaTitle')} ${formatDateLong(meeting.date)}`, children);
}

export async function buildMinutesDocx(db: Db, meeting: CouncilMeetingDetail): Promise<Buffer> {
  const { itemNumber, actionsNumber, closingNumber } = agendaNumbers(meeting);
  const children: (Paragraph | Table)[] = [...(await header(db, t('councilOwn.docMinutesTitle'), meeting.date)), detailsTable(meetingDetails(meeting, true))];
  children.push(numbered('1.', t('councilOwn.docOpening'), { bold: true }));
  meeting.items.forEach((item, index) => {
    children.push(numbered(`${itemNumber(index)}.`, item.title, { bold: true }));
    const background = links(item);
    if (background) children.push(indented([run(background, { italics: true, color: GREY })]));
    for (const line of item.notes.split(/\r?\n/).filter((text) => text.trim() !== '')) children.push(indented([run(line)]));
    for (const decision of item.decisions) children.push(indented([run(`${t('councilOwn.decision')}: `, { bold: true }), run(decision.text)]));
  });
  children.push(numbered(`${actionsNumber}.`, t('councilOwn.docActionReview'), { bold: true }));
  if (meeting.carriedActions.length === 0) children.push(indented([run(t('councilOwn.docNoActions'))]));
  for (const action of meeting.carriedActions)
    children.push(indented([run(`• ${action.description} `), run(`(${action.ownerName}): ${t(`councilOwn.status_${action.status}` as MessageKey).toLowerCase()}`, { color: GREY })]));
  children.push(numbered(`${closingNumber}.`, t('councilOwn.docClosing'), { bold: true }));

  children.push(heading(t('councilOwn.docDecisionList')));
  const decisions = meeting.items.flatMap((item, index) => item.decisions.map((decision) => ({ number: itemNumber(index), text: decision.text })));
  if (decisions.length === 0) children.push(paragraph([run(t('councilOwn.docNoDecisions'))]));
  decisions.forEach((decision, index) =>
    children.push(
      new Paragraph({
        children: [run(`B${index + 1}`, { bold: true }), run('\t'), run(decision.text), run(` (agendapunt ${decision.number})`, { color: GREY })],
        indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT },
        tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
        spacing: { after: 80, line: 276 },
      }),
    ),
  );

  children.push(heading(t('councilOwn.docActionList')));
  const open = [...meeting.carriedActions.filter((action) => action.status === 'open'), ...meeting.newActions];
  if (open.length === 0) children.push(paragraph([run(t('councilOwn.docNoActions'))]));
  else children.push(actionTable(open));
  return document(`${t('councilOwn.docMinutesTitle')} ${formatDateLong(meeting.date)}`, children);
}

/** "Agenda raadsvergadering 2026-03-12.docx". */
export function meetingFileName(kind: 'Agenda' | 'Verslag', date: string): string {
  return `${kind} raadsvergadering ${date}.docx`;
}
