import { z } from 'zod';
import { t } from '../i18n';
import type { DueInfo } from '../responses/deadlines';
import type { FullStatus } from '../responses/status';
import type { ExportedFile } from './advices';
import type { JobStatus } from './jobs';
import { method } from './define';
import { boundedText, calendarDate, fileName, id, LIMITS, noInput, optionalText } from './fields';

export const POSITIONS = ['overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'wordt_onderzocht', 'geen_standpunt'] as const;
export type Position = (typeof POSITIONS)[number];
export const ASSESSMENTS = ['tevreden', 'niet_tevreden', 'verder_bespreken'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];
export const COMMITMENT_STATUSES = ['open', 'lopend', 'nagekomen', 'niet_nagekomen', 'vervallen'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** Response letters: PDF or Word, at most 10 MB (base64 stays under the host's body limit). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
} as const;

export interface AttachmentInfo {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface CollegeResponse {
  id: string;
  adviceId: string;
  receivedOn: string;
  kenmerk: string;
  summary: string;
  attachment: AttachmentInfo | null;
  createdAt: string;
  createdBy: string;
}

export interface RecommendationPosition {
  itemId: string;
  position: Position;
  collegeText: string;
  assessment: Assessment | null;
  notes: string;
  updatedAt: string;
  updatedBy: string;
}

export interface RecommendationRow {
  itemId: string;
  number: string;
  text: string;
  position: RecommendationPosition | null;
}

export interface Commitment {
  id: string;
  adviceId: string;
  description: string;
  owner: string;
  dueOn: string;
  status: CommitmentStatus;
  notes: string;
  itemIds: string[];
  due: DueInfo;
  updatedAt: string;
}

export interface FollowupEntry {
  id: string;
  adviceId: string;
  itemId: string | null;
  commitmentId: string | null;
  entryOn: string;
  who: string;
  text: string;
  /** Left out of reports for others; purged as a whole after the retention period. */
  containsPersonalData: boolean;
  createdAt: string;
}

export interface StatusChange {
  fromStatus: string | null;
  toStatus: string;
  changedAt: string;
  changedBy: string;
}

export interface ResponseOverview {
  adviceId: string;
  kenmerk: string;
  betreft: string;
  status: FullStatus;
  sentOn: string | null;
  /** When the college's answer is due; null while not sent. */
  responseDue: DueInfo | null;
  responses: CollegeResponse[];
  recommendations: RecommendationRow[];
  commitments: Commitment[];
  log: FollowupEntry[];
  statusLog: StatusChange[];
}

export interface AwaitingAdvice {
  adviceId: string;
  kenmerk: string;
  betreft: string;
  sentOn: string;
  dueOn: string;
  daysOverdue: number;
  state: DueInfo['state'];
}

export interface CommitmentDue {
  id: string;
  adviceId: string;
  kenmerk: string;
  description: string;
  owner: string;
  dueOn: string;
  status: CommitmentStatus;
  daysOverdue: number;
}

export interface PositionYear {
  year: number;
  advices: number;
  counts: Record<Position, number>;
  /** Recommendations with a position of the college (geen standpunt included). */
  total: number;
  /** overgenomen + half of deels, as a share of total (0..1); null without positions. */
  adoption: number | null;
}

export interface DashboardFigures {
  today: string;
  termWeeks: number;
  awaiting: AwaitingAdvice[];
  commitmentsOverdue: CommitmentDue[];
  commitmentsDueSoon: CommitmentDue[];
  positionsPerYear: PositionYear[];
}

export interface PositionRecord {
  adviceId: string;
  kenmerk: string;
  betreft: string;
  itemId: string;
  text: string;
  position: Position;
  collegeText: string;
}

export interface OverdueBadge {
  advices: number;
  commitments: number;
  total: number;
}

export interface OverdueNotice {
  kind: 'advies' | 'toezegging';
  id: string;
  adviceId: string;
  title: string;
  dueOn: string;
}

const attachmentInput = z
  .object({
    fileName,
    mediaType: z.enum(Object.keys(ATTACHMENT_TYPES) as [keyof typeof ATTACHMENT_TYPES], { error: () => t('responses.attachmentTypeInvalid') }),
    bytesBase64: z
      .string()
      .min(1)
      .max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4, { error: () => t('responses.attachmentTooLarge') })
      .regex(/^[A-Za-z0-9+/]+=*$/, { error: () => t('responses.attachmentInvalid') }),
  })
  .strict();

const position = z.enum(POSITIONS, { error: () => t('responses.positionInvalid') });
const assessment = z.enum(ASSESSMENTS, { error: () => t('responses.assessmentInvalid') });
const commitmentStatus = z.enum(COMMITMENT_STATUSES, { error: () => t('responses.commitmentStatusInvalid') });
const itemIds = z.array(id).max(100);
const requiredLine = (max: number) => boundedText(max).refine((value) => value.length > 0, { error: () => t('errors.textRequired') });

export const responseRecordInput = z
  .object({
    adviceId: id,
    receivedOn: calendarDate,
    kenmerk: optionalText(LIMITS.short),
    summary: optionalText(LIMITS.text),
    attachment: attachmentInput.optional(),
  })
  .strict();

export const positionSetInput = z
  .object({
    itemId: id,
    position,
    collegeText: optionalText(LIMITS.text),
    assessment: assessment.nullable().default(null),
    notes: optionalText(LIMITS.text),
  })
  .strict();

export const commitmentCreateInput = z
  .object({
    adviceId: id,
    description: requiredLine(LIMITS.text),
    owner: optionalText(LIMITS.name),
    dueOn: calendarDate,
    status: commitmentStatus.default('open'),
    itemIds: itemIds.default([]),
    notes: optionalText(LIMITS.text),
  })
  .strict();

export const followupAddInput = z
  .object({
    adviceId: id.optional(),
    itemId: id.optional(),
    commitmentId: id.optional(),
    entryOn: calendarDate,
    /** Empty: the current user. */
    who: optionalText(LIMITS.name),
    text: requiredLine(LIMITS.text),
    containsPersonalData: z.boolean().default(false),
  })
  .strict()
  .refine((value) => [value.adviceId, value.itemId, value.commitmentId].filter(Boolean).length === 1, {
    error: () => t('responses.followupTarget'),
  });

/** Parameters of the job kind `responsesReport`: the adviezenoverzicht or a terugkoppeling, into the exports folder. */
export const responsesReportParams = z
  .object({
    report: z.enum(['adviezenoverzicht', 'terugkoppeling']),
    year: z.number().int().min(1900).max(2999).optional(),
    format: z.enum(['docx', 'xlsx']).default('docx'),
    meetingId: id.optional(),
    programmeId: id.optional(),
  })
  .strict()
  .refine((value) => (value.report === 'adviezenoverzicht' ? value.year !== undefined : Boolean(value.meetingId) !== Boolean(value.programmeId)), {
    error: () => t('reports.scopeRequired'),
  });

export type ResponsesReportParams = { report: 'adviezenoverzicht' | 'terugkoppeling'; year?: number | undefined; format: 'docx' | 'xlsx'; meetingId?: string | undefined; programmeId?: string | undefined };

export const responsesContract = {
  'responses.forAdvice': method<ResponseOverview>()(z.object({ adviceId: id }).strict()),
  'responses.record': method<ResponseOverview>()(responseRecordInput),
  'responses.update': method<ResponseOverview>()(
    z
      .object({
        id,
        receivedOn: calendarDate.optional(),
        kenmerk: boundedText(LIMITS.short).optional(),
        summary: boundedText(LIMITS.text).optional(),
        attachment: attachmentInput.optional(),
      })
      .strict(),
  ),
  'responses.delete': method<ResponseOverview>()(z.object({ id }).strict()),
  'responses.attachment': method<AttachmentInfo & { bytesBase64: string }>()(z.object({ id }).strict()),
  'responses.setStatus': method<ResponseOverview>()(
    z.object({ adviceId: id, status: z.enum(['verzonden', 'reactie_ontvangen', 'afgerond'], { error: () => t('responses.statusInvalid') }) }).strict(),
  ),
  'responses.setPosition': method<ResponseOverview>()(positionSetInput),
  'responses.clearPosition': method<ResponseOverview>()(z.object({ itemId: id }).strict()),
  'commitments.create': method<ResponseOverview>()(commitmentCreateInput),
  'commitments.update': method<ResponseOverview>()(
    z
      .object({
        id,
        description: requiredLine(LIMITS.text).optional(),
        owner: boundedText(LIMITS.name).optional(),
        dueOn: calendarDate.optional(),
        status: commitmentStatus.optional(),
        itemIds: itemIds.optional(),
        notes: boundedText(LIMITS.text).optional(),
      })
      .strict(),
  ),
  'commitments.delete': method<ResponseOverview>()(z.object({ id }).strict()),
  'followup.add': method<ResponseOverview>()(followupAddInput),
  'followup.delete': method<ResponseOverview>()(z.object({ id }).strict()),
  'dashboard.get': method<DashboardFigures>()(noInput),
  'dashboard.positions': method<PositionRecord[]>()(
    z.object({ year: z.number().int().min(1900).max(2999), position: position.optional() }).strict(),
  ),
  'dashboard.badge': method<OverdueBadge>()(noInput),
  /** What became overdue since last asked; marks it as seen. For the notification at start. */
  'dashboard.newlyOverdue': method<OverdueNotice[]>()(noInput),

  /** The response, positions, commitments and log of an advice as an exchange file (docs/exchange-format.md); import with the exchange import. */
  'responses.exportExchange': method<ExportedFile>()(z.object({ adviceId: id }).strict()),

  /** All advices of a year with status, positions and commitments, for the annual report: starts the `responsesReport` job. */
  'reports.adviezenoverzicht': method<JobStatus>()(
    z
      .object({
        year: z.number().int().min(1900).max(2999),
        format: z.enum(['docx', 'xlsx']),
      })
      .strict(),
  ),
  /** Reporting back to participants of a meeting or a programme, personal data left out: starts the `responsesReport` job. */
  'reports.terugkoppeling': method<JobStatus>()(
    z
      .object({ meetingId: id.optional(), programmeId: id.optional() })
      .strict()
      .refine((value) => Boolean(value.meetingId) !== Boolean(value.programmeId), { error: () => t('reports.scopeRequired') }),
  ),
};
