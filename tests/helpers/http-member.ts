import http, { type IncomingHttpHeaders } from 'node:http';

/**
 * A member's browser over loopback, for the tests and benches that talk to a real council server: it keeps
 * the session cookie the server sets and sends our own Origin, as the app's page does. One place for it,
 * so a change in how the server answers (cookie, envelope) is followed everywhere at once.
 */

/** The API's envelope as the server sends it. */
export interface ApiEnvelope {
  ok: boolean;
  value?: any;
  error?: { code: string; message: string; issues?: { path: string; message: string }[]; details?: unknown };
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body read as the API's envelope; undefined when it is not JSON (an HTML page, a proxy's error). */
  json: ApiEnvelope | undefined;
}

export interface HttpRequestOptions {
  port: number;
  host?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as it is; JSON bodies are stringified by the caller (a hostile body may be anything). */
  body?: string;
  /** `false` (the default): a fresh connection per request. A keep-alive agent models a browser's pool. */
  agent?: http.Agent | false;
  timeoutMs?: number;
}

/** A request that failed before an answer: `reusedSocket` tells a kept-alive connection closed under it. */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly reusedSocket: boolean,
  ) {
    super(message);
  }
}

export function httpRequest(options: HttpRequestOptions): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.host ?? '127.0.0.1',
        port: options.port,
        method: options.method ?? 'POST',
        path: options.path,
        agent: options.agent ?? false,
        headers: {
          ...(options.body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(options.body)) } : {}),
          ...(options.headers ?? {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: ApiEnvelope | undefined;
          try {
            json = JSON.parse(text) as ApiEnvelope;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', (error: NodeJS.ErrnoException) => reject(new HttpRequestError(error.message, error.code, false)));
      },
    );
    const timeoutMs = options.timeoutMs;
    if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new Error(`geen antwoord binnen ${timeoutMs / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new HttpRequestError(error.message, error.code, req.reusedSocket)));
    req.end(options.body);
  });
}

/** One member's browser: the session cookie it was given and our own Origin on every request. */
export class HttpMember {
  cookie = '';
  /** `port` may be asked for late: a member made before its server has started. */
  constructor(
    private readonly serverPort: number | (() => number),
    private readonly options: { agent?: http.Agent | false; timeoutMs?: number } = {},
  ) {}

  get port(): number {
    return typeof this.serverPort === 'number' ? this.serverPort : this.serverPort();
  }

  /** The headers the app's page sends itself: its Origin and, once signed in, the session cookie. */
  headers(): Record<string, string> {
    return { Origin: `http://127.0.0.1:${this.port}`, ...(this.cookie ? { Cookie: this.cookie } : {}) };
  }

  async request(options: Omit<HttpRequestOptions, 'port' | 'agent' | 'timeoutMs'>): Promise<HttpReply> {
    const reply = await httpRequest({
      ...options,
      port: this.port,
      headers: { ...this.headers(), ...(options.headers ?? {}) },
      ...(this.options.agent !== undefined ? { agent: this.options.agent } : {}),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    const setCookie = reply.headers['set-cookie']?.[0];
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return reply;
  }

  /** `/auth/<action>` (setup, login, logout, …) with a JSON body. */
  auth(action: string, body: unknown): Promise<HttpReply> {
    return this.request({ path: `/auth/${action}`, body: JSON.stringify(body) });
  }

  /** `/api/<method>`; `undefined` (a hostile value) has no JSON and is sent as an empty body. */
  call(method: string, input: unknown = {}): Promise<HttpReply> {
    return this.request({ path: `/api/${method}`, body: JSON.stringify(input) ?? '' });
  }
}
