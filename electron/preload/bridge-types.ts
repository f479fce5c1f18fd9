import type { JobStatus } from '../../shared/api/jobs';
import type { Result } from '../../shared/result';

/**
 * What the preload exposes as `window.advieswerk`. Structurally the same as `Transport` in
 * shared/api/client.ts, so the renderer can hand it straight to `createClient`.
 */
export interface PreloadBridge {
  /** Calls an API method; resolves with its envelope. Unknown methods never reach the main process. */
  request(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to job progress; returns the unsubscribe function. */
  onJobEvent(listener: (status: JobStatus) => void): () => void;
}

export type { DesktopBridge } from '../../shared/desktop-connection';
