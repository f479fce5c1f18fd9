import { z } from 'zod';
import type { ErrorCode } from '../result';
import { advicePdfParams } from './advices';
import { method } from './define';
import { exchangeExportParams, exchangeImportParams } from './exchange';
import { boundedText, id, noInput } from './fields';
import { findingsExportParams, importCheckInput, meetingReportParams } from './meetings';
import { periodKeyField } from './monitoring';
import { annualReportParams, publicationZipParams } from './publication';
import { movePackageParams, moveTakeOverParams } from './relocation';
import { responsesReportParams } from './responses';

/**
 * Long work runs as a job off the request path. Each kind has its own parameter schema; later
 * features add their kinds here (imports, exports, reports).
 */
export const jobParams = {
  /** `automatisch` is the daily backup the core starts itself; rotation treats both alike. */
  backup: z.object({ reason: z.enum(['automatisch', 'handmatig']).optional() }).strict(),
  monitoringReport: z.object({ periodKey: periodKeyField, frameworkId: id.nullable().default(null) }).strict(),
  monitoringCsv: z.object({ periodKey: periodKeyField.optional(), frameworkId: id.nullable().default(null) }).strict(),
  findingsImport: importCheckInput,
  findingsExport: findingsExportParams,
  meetingReport: meetingReportParams,
  exchangeExport: exchangeExportParams,
  exchangeImport: exchangeImportParams,
  responsesReport: responsesReportParams,
  advicePdf: advicePdfParams,
  /** The sent letter's PDF/A archived beside its frozen .docx (advice_version_pdfs). */
  archivePdf: advicePdfParams,
  publicationZip: publicationZipParams,
  annualReport: annualReportParams,
  /** The move package of a council that started on one computer (issue 14). */
  movePackage: movePackageParams,
  /** The council server takes a move package over (beheerder; only into a server without council data). */
  moveTakeOver: moveTakeOverParams,
} as const;

export type JobKind = keyof typeof jobParams;
export const JOB_KINDS = Object.keys(jobParams) as JobKind[];

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  id: string;
  kind: JobKind;
  state: JobState;
  /** Units done and total (rows, pages, bytes); total 0 while unknown. */
  done: number;
  total: number;
  /** Dutch, for a progress line. */
  message: string;
  /** Kind-specific outcome once done, e.g. `{ path }` of a backup. */
  result?: Record<string, unknown>;
  /** A failed job's typed code, and where the kind has them its reason (e.g. a refused move package's). */
  error?: { code: ErrorCode; reason?: string };
  startedAt: string;
  endedAt?: string;
}

type JobStartInput = { [K in JobKind]: { kind: K; params?: z.input<(typeof jobParams)[K]> } }[JobKind];
type JobStartOutput = { [K in JobKind]: { kind: K; params: z.output<(typeof jobParams)[K]> } }[JobKind];

// Built from the table above; the cast restores the per-kind typing that mapping over keys loses.
const jobStart = z.discriminatedUnion(
  'kind',
  // prefault parses the empty default, so a kind whose parameters are required refuses a missing `params`.
  JOB_KINDS.map((kind) => z.object({ kind: z.literal(kind), params: (jobParams[kind] as z.ZodObject).prefault({}) }).strict()) as [
    z.ZodObject<{ kind: z.ZodLiteral<JobKind>; params: z.ZodPrefault<z.ZodObject> }, z.core.$strict>,
  ],
) as unknown as z.ZodType<JobStartOutput, JobStartInput>;

export const jobsContract = {
  'jobs.start': method<JobStatus>()(jobStart),
  'jobs.get': method<JobStatus>()(z.object({ id: boundedText(100) }).strict()),
  'jobs.list': method<JobStatus[]>()(noInput),
  'jobs.cancel': method<JobStatus>()(z.object({ id: boundedText(100) }).strict()),
  /** The file a finished export job wrote into `exports/`, for a download (a save dialog in Electron). */
  'jobs.resultFile': method<{ fileName: string; bytesBase64: string }>()(z.object({ id: boundedText(100) }).strict()),
};
