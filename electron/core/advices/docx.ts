import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { LetterModel } from '../../../shared/advices/letter';
import type { TextBlock } from '../../../shared/advices/text';
import { formatDateLong } from '../../../shared/i18n/format';
import { t } from '../../../shared/i18n';

/** A4 in twentieths of a point, with margins of 2.5 cm. */
const PAGE = { width: 11906, height: 16838, margin: 1418 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';
const SIZE = 21; // half-points: 10.5 pt, usual for council letters
/** Indent of an item's text after its number ("2.14" fits). */
const NUMBER_INDENT = 720;

export interface AnnexMeeting {
  title: string;
  date: string;
  findings: { text: string; citedBy: string[] }[];
}

export interface LetterOptions {
  /** The findings behind the advice, grouped by meeting; an annex is added when given. */
  annex?: AnnexMeeting[];
  /** Findings left out of the annex because they are flagged as personal data; said in the annex. */
  annexLeftOut?: number;
}

/** A run; font and size come from the document's default style, so plain runs stay small (the export of 200 items is timed). */
function run(text: string, options: { bold?: boolean; size?: number; color?: string; italics?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    ...(options.size ? { size: options.size } : {}),
    ...(options.bold ? { bold: true } : {}),
    ...(options.italics ? { italics: true } : {}),
    ...(options.color ? { color: options.color } : {}),
  });
}

function plain(text: string, spacingAfter = 0, options: Parameters<typeof run>[1] = {}): Paragraph {
  return new Paragraph({ children: [run(text, options)], spacing: { after: spacingAfter, line: 276 } });
}

/** PNG and JPEG sizes from their headers, so a logo keeps its proportions. */
export function imageSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      const marker = bytes[offset + 1]!;
      const length = bytes.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
      offset += 2 + length;
    }
  }
  return null;
}

function logo(dataUrl: string): Paragraph | null {
  const match = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl);
  if (!match) return null;
  const bytes = Buffer.from(match[2]!, 'base64');
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return null;
  const height = 60;
  const width = Math.min(240, Math.round((size.width / size.height) * height));
  return new Paragraph({
    children: [new ImageRun({ type: match[1] === 'png' ? 'png' : 'jpg', data: bytes, transformation: { width, height: Math.round((width / size.width) * size.height) } })],
    spacing: { after: 120 },
  });
}

/** An item: its number as text, a tab, and the text hanging after it; further blocks indented alike. */
function itemParagraphs(number: string, blocks: TextBlock[], note: string): Paragraph[] {
  const indent = number ? { left: NUMBER_INDENT, hanging: NUMBER_INDENT } : undefined;
  const continued = number ? { left: NUMBER_INDENT } : undefined;
  const out: Paragraph[] = [];
  const content = blocks.length > 0 ? blocks : [{ kind: 'paragraph', text: '' } as TextBlock];
  content.forEach((block, index) => {
    const first = index === 0;
    const last = index === content.length - 1;
    const noteRuns = last && note ? [run(` ${note}`, { italics: true })] : [];
    if (block.kind === 'paragraph') {
      out.push(
        new Paragraph({
          children: [...(first && number ? [run(number), run('\t')] : []), run(block.text), ...noteRuns],
          ...(first ? (indent ? { indent } : {}) : continued ? { indent: continued } : {}),
          tabStops: [{ type: TabStopType.LEFT, position: NUMBER_INDENT }],
          spacing: { after: last ? 160 : 80, line: 276 },
        }),
      );
    } else {
      block.items.forEach((bullet, bulletIndex) => {
        const isFirstLine = first && bulletIndex === 0;
        const lastLine = last && bulletIndex === block.items.length - 1;
        const left = (number ? NUMBER_INDENT : 0) + 360;
        out.push(
          new Paragraph({
            children: [
              ...(isFirstLine && number ? [run(number), run('\t')] : []),
              run('•\t'),
              run(bullet),
              ...(lastLine ? noteRuns : []),
            ],
            indent: isFirstLine && number ? { left, hanging: left } : { left, hanging: 360 },
            tabStops: [
              { type: TabStopType.LEFT, position: number ? NUMBER_INDENT : 0 },
              { type: TabStopType.LEFT, position: left },
            ],
            spacing: { after: lastLine ? 160 : 40, line: 276 },
          }),
        );
      });
    }
  });
  return out;
}

function blockParagraphs(blocks: TextBlock[]): Paragraph[] {
  return blocks.flatMap((block) =>
    block.kind === 'paragraph'
      ? [plain(block.text, 160)]
      : block.items.map((bullet, index) =>
          new Paragraph({
            children: [run('•\t'), run(bullet)],
            indent: { left: 360, hanging: 360 },
            tabStops: [{ type: TabStopType.LEFT, position: 360 }],
            spacing: { after: index === block.items.length - 1 ? 160 : 40, line: 276 },
          }),
        ),
  );
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

function signatureTable(signatories: LetterModel['signatories']): Table | Paragraph {
  if (signatories.length === 0) return plain('');
  const width = Math.floor(TEXT_WIDTH / Math.min(signatories.length, 3));
  const rows: TableRow[] = [];
  for (let start = 0; start < signatories.length; start += 3) {
    const slice = signatories.slice(start, start + 3);
    rows.push(
      new TableRow({
        children: slice.map(
          (signatory) =>
            new TableCell({
              width: { size: width, type: WidthType.DXA },
              borders: NO_BORDERS,
              margins: { left: 0, right: 120, top: 0, bottom: 0 },
              children: [
                new Paragraph({ children: [run('')], spacing: { after: 600 } }),
                plain(signatory.name, 0, { bold: true }),
                plain(signatory.role, 120),
              ],
            }),
        ),
      }),
    );
  }
  return new Table({ rows, borders: NO_BORDERS, width: { size: width * Math.min(signatories.length, 3), type: WidthType.DXA }, columnWidths: Array(Math.min(signatories.length, 3)).fill(width) });
}

function metaLine(label: string, value: string): Paragraph {
  return new Paragraph({
    children: [run(label, { color: '555555' }), run('\t'), run(value)],
    tabStops: [{ type: TabStopType.LEFT, position: 1418 }],
    indent: { left: 1418, hanging: 1418 },
    spacing: { after: 40 },
  });
}

export function letterSections(model: LetterModel, options: LetterOptions = {}): ISectionOptions[] {
  const children: (Paragraph | Table)[] = [];
  const logoParagraph = model.logoDataUrl ? logo(model.logoDataUrl) : null;
  if (logoParagraph) children.push(logoParagraph);
  children.push(new Paragraph({ children: [run(model.councilName, { bold: true, size: 28 })], spacing: { after: 40 } }));
  for (const line of model.councilAddress) children.push(plain(line, 0, { size: 18, color: '555555' }));
  children.push(new Paragraph({ children: [], spacing: { after: 480 } }));

  for (const line of model.addressee) children.push(plain(line));
  children.push(new Paragraph({ children: [], spacing: { after: 480 } }));

  children.push(metaLine('Datum', model.placeAndDate));
  children.push(metaLine('Kenmerk', model.kenmerk));
  children.push(
    new Paragraph({
      children: [run('Betreft', { color: '555555' }), run('\t'), run(model.betreft, { bold: true })],
      tabStops: [{ type: TabStopType.LEFT, position: 1418 }],
      indent: { left: 1418, hanging: 1418 },
      spacing: { after: 480 },
    }),
  );

  children.push(plain(model.salutation, 240));
  children.push(...blockParagraphs(model.opening));

  for (const section of model.sections) {
    children.push(
      new Paragraph({ children: [run(section.heading, { bold: true, size: 23 })], keepNext: true, spacing: { before: 240, after: 120 } }),
    );
    for (const item of section.items) children.push(...itemParagraphs(item.number, item.blocks, item.note));
  }

  children.push(new Paragraph({ children: [], spacing: { after: 120 } }));
  children.push(...blockParagraphs(model.closing));
  children.push(plain(model.greeting, 60));
  children.push(plain(model.councilName, 0));
  children.push(signatureTable(model.signatories));
  if (model.cc.length > 0) {
    children.push(new Paragraph({ children: [run('Afschrift aan:', { color: '555555' })], spacing: { before: 360, after: 40 } }));
    for (const line of model.cc) children.push(plain(line, 0));
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ font: FONT, size: 16, color: '555555', children: ['pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
  const page = {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567 },
  };
  const sections: ISectionOptions[] = [{ properties: { page }, footers: { default: footer }, children }];

  const annexLeftOut = options.annexLeftOut ?? 0;
  if (options.annex && (options.annex.length > 0 || annexLeftOut > 0)) {
    const annex: Paragraph[] = [
      new Paragraph({ children: [run('Bijlage: de inbreng waarop dit advies steunt', { bold: true, size: 26 })], spacing: { after: 120 } }),
      plain(`Bij advies ${model.kenmerk}, ‘${model.betreft}’.`, 240, { color: '555555' }),
      ...(annexLeftOut > 0 ? [plain(t('advices.annexLeftOut', { count: annexLeftOut }), 240, { color: '555555' })] : []),
    ];
    for (const meeting of options.annex) {
      const heading = meeting.date ? `${meeting.title}, ${formatDateLong(meeting.date)}` : meeting.title;
      annex.push(new Paragraph({ children: [run(heading, { bold: true })], keepNext: true, spacing: { before: 200, after: 80 } }));
      for (const finding of meeting.findings)
        annex.push(
          new Paragraph({
            children: [run('•\t'), run(finding.text), ...(finding.citedBy.length > 0 ? [run(` (bij ${finding.citedBy.join(', ')})`, { italics: true })] : [])],
            indent: { left: 360, hanging: 360 },
            tabStops: [{ type: TabStopType.LEFT, position: 360 }],
            spacing: { after: 60, line: 276 },
          }),
        );
    }
    sections.push({ properties: { page }, footers: { default: footer }, children: annex });
  }
  return sections;
}

export async function renderLetterDocx(model: LetterModel, options: LetterOptions = {}): Promise<Buffer> {
  const document = new Document({
    creator: model.councilName || 'Advieswerk',
    title: `${model.kenmerk} ${model.betreft}`,
    description: 'Advies',
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: letterSections(model, options),
  });
  return Packer.toBuffer(document);
}
