import { z } from 'zod';
import { NUMBERING_STYLES, type NumberingStyle } from '../advices/numbering';
import { cleanPastedText } from '../advices/text';
import { t } from '../i18n';
import { method } from './define';
import { boundedText, calendarDate, id, LIMITS, noInput, requiredText, seenVersion } from './fields';
import type { JobStatus } from './jobs';

export const ADVICE_KINDS = ['gevraagd', 'ongevraagd'] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];
export const ADVICE_STATUSES = ['concept', 'vastgesteld', 'verzonden'] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];
export const ITEM_KINDS = ['bevinding', 'conclusie', 'aanbeveling', 'overig'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** An item's text may be long prose, but bounded: 20 000 characters is some eight pages. */
export const ITEM_TEXT_MAX = LIMITS.text;
const LETTER_TEXT_MAX = LIMITS.text;

export interface Signatory {
  name: string;
  role: string;
}

export interface AdviceRequest {
  id: string;
  receivedOn: string;
  fromWhom: string;
  subject: string;
  kenmerk: string;
  deadline: string;
  documents: string[];
  notes: string;
  /** Days until the deadline from today (negative when overdue); null once answered by a sent advice. */
  daysLeft: number | null;
  adviceIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface AdviceSummary {
  id: string;
  kind: AdviceKind;
  betreft: string;
  kenmerk: string;
  adviceDate: string;
  status: AdviceStatus;
  adoptedOn: string | null;
  sentOn: string | null;
  requestId: string | null;
  /** 1 for the first version; raised by an explicit new version after sending. */
  version: number;
  /** When a sent advice was archived (out of the default list, still counted everywhere), else null. */
  archivedAt: string | null;
  itemCount: number;
  updatedAt: string;
}

export interface AdviceItem {
  id: string;
  sectionId: string;
  kind: ItemKind;
  text: string;
  /** Derived: "2.1", "I.3" or "" in an unnumbered section. */
  number: string;
  findingIds: string[];
  signalIds: string[];
  relatedItemIds: string[];
  /** Derived: "zie 2.1 en 2.3" from the related items, in the current numbering. */
  crossReference: string;
  /** Whether the letter adds "(genoemd op 7 van 12 bijeenkomsten)" from the linked signals. */
  showMentions: boolean;
  /** Filled when showMentions and the data is there: "genoemd op 7 van 12 bijeenkomsten". */
  mentions: string;
  /** The item's version: send it back as `expectedUpdatedAt` with an update (edit conflicts). */
  updatedAt: string;
  /** Who changed the item last (the account's name). */
  updatedBy: string;
}

export interface AdviceSection {
  id: string;
  title: string;
  numbering: NumberingStyle;
  /** Derived: "2", "II" or "". */
  number: string;
  /** The section's version (its title and numbering): send it back as `expectedUpdatedAt` (edit conflicts). */
  updatedAt: string;
  items: AdviceItem[];
}

export interface AdviceReference {
  id: string;
  kenmerk: string;
  betreft: string;
  adviceDate: string;
  sentOn: string | null;
}

export interface AdviceVersionInfo {
  version: number;
  sentOn: string;
  sha256: string;
  createdAt: string;
  /** The archived PDF/A-2b beside the frozen .docx (sha256), null until it is made (a job after sending). */
  pdfSha256: string | null;
}

export interface AdviceDetail extends AdviceSummary {
  addressee: string;
  openingText: string;
  closingText: string;
  signatories: Signatory[];
  cc: string[];
  references: AdviceReference[];
  meetingIds: string[];
  sections: AdviceSection[];
  /** True once sent: content edits are refused until a new version is made. */
  frozen: boolean;
  versions: AdviceVersionInfo[];
}

/** What a sent version holds, forever: the content as sent and the exact letter. */
export interface FrozenAdvice {
  version: number;
  sentOn: string;
  snapshot: AdviceDetail;
  docxBase64: string;
  sha256: string;
}

/** Job `advicePdf`: the letter of an advice converted to PDF by LibreOffice. */
export const advicePdfParams = z.object({ id }).strict();

/** An export the core wrote into `exports/` under a name it chose, with its bytes for a download. */
export interface ExportedFile {
  fileName: string;
  bytesBase64: string;
  /** Where the core wrote it, inside `exports/` beside the database. */
  path: string;
  sha256: string;
  /** Findings flagged as personal data that were left out (letter with annex). */
  leftOut?: number;
}

export interface ItemTrace {
  itemId: string;
  /** The findings behind the item: its own, through its signals, and those of the items it rests on (`via`: their numbers; empty for its own). */
  findings: { id: string; text: string; meetingId: string | null; meetingTitle: string; meetingDate: string; via: string[] }[];
  /** The signals of the item and of the items it rests on (`via` as for findings). */
  signals: { id: string; title: string; meetingCount: number; via: string[] }[];
  relatedItems: { id: string; number: string; text: string }[];
  citedByItems: { id: string; number: string; text: string }[];
  /** Derived: the items it rests on through "Volgt uit", transitively, nearest first. */
  chain: { id: string; number: string; text: string; kind: ItemKind }[];
  /** Derived: the meetings where the findings behind it were mentioned, oldest first. */
  meetings: { id: string; title: string; date: string; findingCount: number }[];
}

/** An advice item that cites a finding (directly or through a signal). */
export interface CitingItem {
  adviceId: string;
  kenmerk: string;
  betreft: string;
  itemId: string;
  number: string;
}

/** Text from the editor, pasted from Word perhaps: cleaned of invisible characters, then bounded. */
export function pastedText(max: number) {
  return z.preprocess((value) => (typeof value === 'string' ? cleanPastedText(value) : value), boundedText(max));
}
function requiredPastedText(max: number) {
  return z.preprocess((value) => (typeof value === 'string' ? cleanPastedText(value) : value), requiredText(max));
}

/** A kenmerk as the API takes it; also the rule for a kenmerk arriving in an advice exchange file. */
export const kenmerkText = requiredPastedText(LIMITS.short).refine((value) => /^[\p{L}\p{N}][\p{L}\p{N} ./_-]*$/u.test(value), {
  error: () => t('advices.kenmerkInvalid'),
});

const signatory = z.object({ name: requiredPastedText(LIMITS.name), role: requiredPastedText(LIMITS.name) }).strict();
const ccList = z.array(requiredPastedText(LIMITS.line)).max(20, { error: () => t('advices.tooManyCc') });
const idList = (max: number) => z.array(id).max(max, { error: () => t('advices.tooManyLinks', { max }) });

const requestFields = {
  receivedOn: calendarDate,
  fromWhom: pastedText(LIMITS.name).default(''),
  subject: requiredPastedText(LIMITS.line),
  kenmerk: pastedText(LIMITS.short).default(''),
  deadline: calendarDate,
  documents: z.array(requiredPastedText(LIMITS.line)).max(50).default([]),
  notes: pastedText(LIMITS.text).default(''),
};

export const adviceRequestInput = z.object(requestFields).strict();

export const adviceCreateInput = z
  .object({
    kind: z.enum(ADVICE_KINDS, { error: () => t('advices.kindInvalid') }),
    betreft: requiredPastedText(LIMITS.line),
    /** Empty or absent: generated from the council's pattern. */
    kenmerk: kenmerkText.optional(),
    requestId: id.nullable().default(null),
    adviceDate: calendarDate.optional(),
    /** Empty or absent: the council's default addressee. */
    addressee: pastedText(LIMITS.line).optional(),
    /** Start with the usual three sections (bevindingen, conclusies, aanbevelingen). */
    withDefaultSections: z.boolean().default(false),
  })
  .strict();

export const adviceUpdateInput = z
  .object({
    id,
    /** The advice's `updatedAt` as last seen: a letter field someone else changed since is refused with CONFLICT. */
    expectedUpdatedAt: seenVersion.optional(),
    kind: z.enum(ADVICE_KINDS, { error: () => t('advices.kindInvalid') }).optional(),
    betreft: requiredPastedText(LIMITS.line).optional(),
    kenmerk: kenmerkText.optional(),
    requestId: id.nullable().optional(),
    adviceDate: calendarDate.optional(),
    addressee: pastedText(LIMITS.line).optional(),
    openingText: pastedText(LETTER_TEXT_MAX).optional(),
    closingText: pastedText(LETTER_TEXT_MAX).optional(),
    signatories: z.array(signatory).max(10, { error: () => t('council.tooManySignatories') }).optional(),
    cc: ccList.optional(),
    referenceIds: idList(20).optional(),
    meetingIds: idList(200).optional(),
  })
  .strict();

const itemLinks = {
  findingIds: idList(500),
  signalIds: idList(500),
  relatedItemIds: idList(100),
};

export const itemAddInput = z
  .object({
    sectionId: id,
    kind: z.enum(ITEM_KINDS, { error: () => t('advices.itemKindInvalid') }),
    text: pastedText(ITEM_TEXT_MAX).default(''),
    /** Position within the section; absent: at the end. */
    index: z.number().int().min(0).optional(),
    findingIds: itemLinks.findingIds.default([]),
    signalIds: itemLinks.signalIds.default([]),
    relatedItemIds: itemLinks.relatedItemIds.default([]),
    showMentions: z.boolean().default(false),
  })
  .strict();

export const itemUpdateInput = z
  .object({
    id,
    /** The item's `updatedAt` as last seen: refused with CONFLICT when someone changed the item since. */
    expectedUpdatedAt: seenVersion.optional(),
    kind: z.enum(ITEM_KINDS, { error: () => t('advices.itemKindInvalid') }).optional(),
    text: pastedText(ITEM_TEXT_MAX).optional(),
    findingIds: itemLinks.findingIds.optional(),
    signalIds: itemLinks.signalIds.optional(),
    relatedItemIds: itemLinks.relatedItemIds.optional(),
    showMentions: z.boolean().optional(),
  })
  .strict();

const sectionTitle = requiredPastedText(LIMITS.line);
const numbering = z.enum(NUMBERING_STYLES, { error: () => t('advices.numberingInvalid') });

export const adviceListInput = z
  .object({
    search: boundedText(LIMITS.line).default(''),
    status: z.enum(ADVICE_STATUSES).optional(),
    kind: z.enum(ADVICE_KINDS).optional(),
    /** Archived (sent) advices are left out unless asked for. */
    includeArchived: z.boolean().optional(),
  })
  .strict();

export const advicesContract = {
  'adviceRequests.list': method<AdviceRequest[]>()(noInput),
  'adviceRequests.create': method<AdviceRequest>()(adviceRequestInput),
  'adviceRequests.update': method<AdviceRequest>()(
    z
      .object({
        id,
        receivedOn: calendarDate.optional(),
        fromWhom: pastedText(LIMITS.name).optional(),
        subject: requiredPastedText(LIMITS.line).optional(),
        kenmerk: pastedText(LIMITS.short).optional(),
        deadline: calendarDate.optional(),
        documents: z.array(requiredPastedText(LIMITS.line)).max(50).optional(),
        notes: pastedText(LIMITS.text).optional(),
      })
      .strict(),
  ),
  'adviceRequests.delete': method<{ id: string }>()(z.object({ id }).strict()),

  'advices.list': method<AdviceSummary[]>()(adviceListInput),
  'advices.get': method<AdviceDetail>()(z.object({ id }).strict()),
  'advices.nextKenmerk': method<{ kenmerk: string }>()(z.object({ year: z.number().int().min(1900).max(2999).optional() }).strict()),
  'advices.create': method<AdviceDetail>()(adviceCreateInput),
  'advices.update': method<AdviceDetail>()(adviceUpdateInput),
  'advices.delete': method<{ id: string }>()(z.object({ id }).strict()),
  'advices.setStatus': method<AdviceDetail>()(
    z
      .object({
        id,
        status: z.enum(['vastgesteld', 'verzonden'], { error: () => t('advices.statusInvalid') }),
        date: calendarDate.optional(),
      })
      .strict(),
  ),
  'advices.newVersion': method<AdviceDetail>()(z.object({ id }).strict()),
  'advices.archive': method<AdviceDetail>()(z.object({ id }).strict()),
  'advices.unarchive': method<AdviceDetail>()(z.object({ id }).strict()),
  'advices.frozen': method<FrozenAdvice>()(z.object({ id, version: z.number().int().min(1).optional() }).strict()),

  'advices.addSection': method<AdviceDetail>()(
    z.object({ adviceId: id, title: sectionTitle, numbering: numbering.default('decimaal'), index: z.number().int().min(0).optional() }).strict(),
  ),
  'advices.updateSection': method<AdviceDetail>()(
    z.object({ id, title: sectionTitle.optional(), numbering: numbering.optional(), expectedUpdatedAt: seenVersion.optional() }).strict(),
  ),
  /** `expectedUpdatedAt`: the newest version among the section and its items as the client saw them. */
  'advices.deleteSection': method<AdviceDetail>()(z.object({ id, expectedUpdatedAt: seenVersion.optional() }).strict()),
  'advices.moveSection': method<AdviceDetail>()(z.object({ id, index: z.number().int().min(0) }).strict()),
  'advices.addItem': method<AdviceDetail>()(itemAddInput),
  'advices.updateItem': method<AdviceDetail>()(itemUpdateInput),
  'advices.deleteItem': method<AdviceDetail>()(z.object({ id, expectedUpdatedAt: seenVersion.optional() }).strict()),
  /** Undo of deleteItem: the item back in its place, with its links, citations and number. */
  'advices.restoreItem': method<AdviceDetail>()(z.object({ id }).strict()),
  'advices.moveItem': method<AdviceDetail>()(z.object({ id, sectionId: id, index: z.number().int().min(0) }).strict()),
  'advices.traceItem': method<ItemTrace>()(z.object({ id }).strict()),

  'advices.citingFinding': method<CitingItem[]>()(z.object({ findingId: id }).strict()),

  'advices.exportDocx': method<ExportedFile>()(
    z
      .object({
        id,
        annex: z.boolean().default(false),
        /** The annex lists findings flagged as personal data only when asked for. */
        includePersonalData: z.boolean().default(false),
      })
      .strict(),
  ),
  /** The letter as PDF through LibreOffice: a job (`advicePdf`), downloaded with `jobs.resultFile`. */
  'advices.exportPdf': method<JobStatus>()(z.object({ id }).strict()),
  /**
   * The PDF/A-2b of the sent letter, archived beside its frozen .docx: made by a job (`archivePdf`)
   * after sending, or later with this method (when LibreOffice was missing). CONFLICT for an unsent advice.
   */
  'advices.archivePdf': method<JobStatus>()(z.object({ id }).strict()),
  'advices.exportJson': method<unknown>()(z.object({ id }).strict()),
  'advices.importJson': method<AdviceDetail>()(z.object({ data: z.unknown() }).strict()),
};

export type { NumberingStyle };
