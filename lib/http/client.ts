/** The only place that opens sockets for AWS endpoints: bounded, redirect-free HTTP(S) requests. */
import { describeCause, MongoAwsConfigError, MongoAwsHttpError, type MongoAwsErrorCode, type MongoAwsErrorOptions } from '../errors.js';
import { assertSafeHeaderName, assertSendableHeaderValue } from './headers.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Whole exchange, from DNS to the last body byte. */
  readonly timeoutMs: number;
  /** Until the socket is connected; defaults to `timeoutMs`. */
  readonly connectTimeoutMs?: number;
  /** Larger bodies fail with ERR_HTTP_BODY_TOO_LARGE. */
  readonly maxBodyBytes: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export const USER_AGENT = 'mongodb-aws-auth/0.1';

/** Input checks, before any socket: `field` names the request property. */
function check(ok: unknown, field: string, code: MongoAwsErrorCode = 'ERR_INVALID_ARGUMENT'): asserts ok {
  if (!ok) throw new MongoAwsConfigError(code, `${field} is invalid`, { field });
}

/** Resolves with the response whatever its status: callers check it with `expectStatus`. */
export const httpRequest: HttpTransport = async ({ method, url: target, headers: extra = {}, body, timeoutMs, connectTimeoutMs = timeoutMs, maxBodyBytes }) => {
  let url: URL | undefined;
  try {
    url = new URL(target);
  } catch {
    // reported below
  }
  check(url && /^https?:$/.test(url.protocol) && !url.username && !url.password, 'url', 'ERR_INVALID_ENDPOINT');
  check(['GET', 'PUT', 'POST'].includes(method), 'method');
  const limit = (value: number, field: string, min = 1): void => check(Number.isFinite(value) && value >= min, field);
  limit(timeoutMs, 'timeoutMs');
  limit(connectTimeoutMs, 'connectTimeoutMs');
  limit(maxBodyBytes, 'maxBodyBytes', 0);
  // Null prototype: a `__proto__` header is plain data.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  headers['user-agent'] = USER_AGENT;
  for (const [name, value] of Object.entries(extra)) {
    assertSafeHeaderName(name);
    assertSendableHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  // Loaded on first use, not at import: most processes (env credentials) never make a request, and
  // node:http/node:https cost cold-start time (scripts/bench-cold-start.mjs).
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');

  return new Promise<HttpResponse>((resolve, reject) => {
    // Node turns the URL into host (IPv6 without brackets), port and path; `agent: false` = one socket, never reused.
    const req = request(url, { method, headers, agent: false });
    // Every step is idempotent, so a late second failure (or an `end` after one) changes nothing.
    const stop = (): void => {
      clearTimeout(total);
      clearTimeout(connect);
    };
    const fail = (code: MongoAwsErrorCode, message: string, options?: MongoAwsErrorOptions): void => {
      stop();
      req.destroy();
      reject(new MongoAwsHttpError(code, message, options));
    };
    // Node's timers fire at once past 2^31-1 ms: clamp.
    const timer = (ms: number, what: string): NodeJS.Timeout => setTimeout(() => fail('ERR_HTTP_TIMEOUT', `${what} timed out after ${ms} ms`), Math.min(ms, 2 ** 31 - 1));
    const total = timer(timeoutMs, 'request');
    const connect = timer(connectTimeoutMs, 'connection');
    req.on('socket', (socket) => (socket.connecting ? socket.once('connect', () => clearTimeout(connect)) : clearTimeout(connect)));
    req.on('error', (error) => fail('ERR_HTTP_CONNECTION', `connection failed (${describeCause(error)})`, { cause: error }));
    req.on('response', (res) => {
      const status = res.statusCode as number;
      const tooLarge = (): void => fail('ERR_HTTP_BODY_TOO_LARGE', `body exceeds ${maxBodyBytes} bytes`, { status });
      const chunks: Buffer[] = [];
      let size = 0;
      // A declared length above the cap fails at once (NaN when absent); the destroyed response emits nothing more.
      if (Number(res.headers['content-length']) > maxBodyBytes) tooLarge();
      res.on('data', (chunk: Buffer) => ((size += chunk.length) > maxBodyBytes ? tooLarge() : chunks.push(chunk)));
      res.on('error', () => fail('ERR_HTTP_CONNECTION', 'response cut short', { status }));
      res.on('end', () => {
        stop();
        resolve({ status, headers: headerMap(res.rawHeaders), body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
};

/** Lower-case names, repeated headers joined with ", ", null prototype (a `__proto__` header is plain data). */
function headerMap(raw: readonly string[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    out[name] = name in out ? `${out[name]}, ${raw[i + 1]}` : (raw[i + 1] as string);
  }
  return out;
}

/** Throws ERR_HTTP_STATUS unless the status is the expected one. The body never enters the error. */
export function expectStatus(response: HttpResponse, expected: number, what: string): void {
  if (response.status !== expected) {
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', `${what} returned HTTP ${response.status}`, { status: response.status });
  }
}
