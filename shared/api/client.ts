import { ApiCallError, type Result } from '../result';
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { JobStatus } from './jobs';
import type { Domain } from './live';

/**
 * Live updates (issue 14): another member's write as the server announces it (`change`: its topic and
 * method, never what was written), or `reset` when the client may have missed some and should refetch
 * everything. See docs/server.md, "Live".
 */
export type LiveEvent = { kind: 'change'; topic: Domain; method: MethodName } | { kind: 'reset' };

/** How a call reaches the handlers: IPC in Electron, HTTP in browser mode, direct in tests. */
export interface Transport {
  request(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to job progress; returns the unsubscribe function. */
  onJobEvent(listener: (status: JobStatus) => void): () => void;
  /**
   * Subscribes to other members' writes (server-sent events over HTTP). Absent over IPC: the Electron
   * app has one user, whose own writes already refetch what they change.
   */
  onLiveEvent?(listener: (event: LiveEvent) => void): () => void;
}

// The input may be left out when an empty object would be valid for it: `{}` is meant literally.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ArgsOf<M extends MethodName> = {} extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export interface ApiClient {
  /** Returns the envelope; never throws for an API error. */
  request<M extends MethodName>(method: M, ...args: ArgsOf<M>): Promise<Result<MethodOutput<M>>>;
  /** Returns the value; throws `ApiCallError` on `{ ok: false }`. */
  call<M extends MethodName>(method: M, ...args: ArgsOf<M>): Promise<MethodOutput<M>>;
  onJobEvent(listener: (status: JobStatus) => void): () => void;
  /** Other members' writes where the transport has them; elsewhere nothing ever arrives. */
  onLiveEvent(listener: (event: LiveEvent) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  const request = async <M extends MethodName>(method: M, ...args: ArgsOf<M>) =>
    (await transport.request(method, args[0] ?? {})) as Result<MethodOutput<M>>;
  return {
    request,
    async call(method, ...args) {
      const result = await request(method, ...args);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value;
    },
    onJobEvent: (listener) => transport.onJobEvent(listener),
    onLiveEvent: (listener) => transport.onLiveEvent?.(listener) ?? (() => {}),
  };
}
