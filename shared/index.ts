export * from './result';
export * from './api/contract';
export * from './api/client';
export type { CouncilSettings, CurrentUser, Signatory } from './api/council';
export type { Wijk } from './api/wijken';
export type { JobKind, JobState, JobStatus } from './api/jobs';
export type { SystemInfo } from './api/system';
