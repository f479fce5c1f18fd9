import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Finding, MeetingDetail } from '../../../shared/api/meetings';
import { formatDateLong, t, type MessageKey } from '../../../shared/i18n';
import { findCouncilName } from '../council/repository';
import type { Db } from '../db/connection';
import { listFindingsForMeeting } from '../findings/repository';
import { findMeeting } from './repository';
import { fileNamePart, writeNewFileInto } from '../files';

export interface ReportGroup {
  title: string;
  findings: Finding[];
}

/**
 * Findings grouped as the meeting ran: first each theme table in its order, then other themes
 * alphabetically, then what had no theme (plenary and the like).
 */
export function groupFindings(meeting: MeetingDetail, findings: Finding[]): ReportGroup[] {
  const groups: ReportGroup[] = meeting.tables.map((table) => ({ title: table.theme, findings: findings.filter((finding) => finding.themeTableId === table.id) }));
  const rest = findings.filter((finding) => !finding.themeTableId || !meeting.tables.some((table) => table.id === finding.themeTableId));
  const themes = [...new Set(rest.map((finding) => finding.theme).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'nl'));
  for (const theme of themes) groups.push({ title: theme, findings: rest.filter((finding) => finding.theme === theme) });
  groups.push({ title: t('report.noTheme'), findings: rest.filter((finding) => !finding.theme) });
  return groups.filter((group) => group.findings.length > 0);
}

function detail(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
}

export async function buildMeetingReport(db: Db, meetingId: string, includePersonalData: boolean): Promise<{ bytes: Buffer; meeting: MeetingDetail; count: number; left: number; notesLeftOut: boolean }> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new Error(t('errors.notFound', { what: t('meetings.notFound') }));
  const all = await listFindingsForMeeting(db, meetingId);
  const findings = includePersonalData ? all : all.filter((finding) => !finding.containsPersonalData);
  const left = all.length - findings.length;
  const council = await findCouncilName(db);

  const time = [meeting.startTime, meeting.endTime].filter(Boolean).join(' – ');
  const children: Paragraph[] = [];
  if (council?.name) children.push(new Paragraph({ children: [new TextRun({ text: council.name, bold: true })] }));
  children.push(new Paragraph({ text: t('report.heading', { title: meeting.title }), heading: HeadingLevel.TITLE }));
  children.push(new Paragraph({ text: t('meetings.details'), heading: HeadingLevel.HEADING_1 }));
  children.push(detail(t('meetings.date'), `${formatDateLong(meeting.date)}${time ? `, ${time}` : ''}`));
  children.push(detail(t('meetings.format'), t(`meetings.format_${meeting.format}` as MessageKey)));
  if (meeting.programmeName) children.push(detail(t('meetings.programme'), meeting.programmeName));
  if (meeting.wijken.length > 0) children.push(detail(t('meetings.wijken'), meeting.wijken.map((wijk) => wijk.name).join(', ')));
  if (meeting.location) children.push(detail(t('meetings.location'), meeting.location));
  if (meeting.attendeeCount !== null) children.push(detail(t('meetings.attendeeCount'), String(meeting.attendeeCount)));
  if (meeting.organiser) children.push(detail(t('meetings.organiser'), meeting.organiser));
  if (meeting.tables.length > 0) {
    children.push(
      detail(
        t('meetings.tables'),
        meeting.tables.map((table) => (table.facilitator ? `${table.theme} (${table.facilitator})` : table.theme)).join('; '),
      ),
    );
  }
  const notesLeftOut = Boolean(meeting.notes) && meeting.notesContainPersonalData && !includePersonalData;
  if (meeting.notes && !notesLeftOut) children.push(detail(t('meetings.notes'), meeting.notes));
  if (notesLeftOut) children.push(new Paragraph({ children: [new TextRun({ text: t('report.notesLeftOut'), italics: true })] }));

  children.push(new Paragraph({ text: t('report.findings'), heading: HeadingLevel.HEADING_1 }));
  const groups = groupFindings(meeting, findings);
  if (groups.length === 0) children.push(new Paragraph(t('report.noFindings')));
  groups.forEach((group, groupIndex) => {
    children.push(new Paragraph({ text: `${groupIndex + 1}. ${group.title}`, heading: HeadingLevel.HEADING_2 }));
    group.findings.forEach((finding, index) => {
      children.push(
        new Paragraph({
          indent: { left: 720, hanging: 720 },
          children: [new TextRun(`${groupIndex + 1}.${index + 1}\t${finding.text}`)],
          tabStops: [{ type: 'left', position: 720 }],
        }),
      );
    });
  });
  if (left > 0) children.push(new Paragraph({ children: [new TextRun({ text: t('report.personalDataLeftOut', { count: left }), italics: true })] }));
  if (includePersonalData && (all.some((finding) => finding.containsPersonalData) || (meeting.notesContainPersonalData && meeting.notes))) {
    children.push(new Paragraph({ children: [new TextRun({ text: t('report.personalDataIncluded'), italics: true })] }));
  }

  const document = new Document({
    creator: 'Advieswerk',
    title: t('report.heading', { title: meeting.title }),
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ children: [...children, new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: t('report.madeWith'), size: 16 })] })] }],
  });
  return { bytes: await Packer.toBuffer(document), meeting, count: findings.length, left, notesLeftOut };
}

/** Writes the report through a temporary file renamed when complete. */
export function writeReportFile(dir: string, meeting: MeetingDetail, bytes: Buffer): string {
  return writeNewFileInto(dir, `verslag-${meeting.date}-${fileNamePart(meeting.title, 'bijeenkomst')}.docx`, bytes);
}
