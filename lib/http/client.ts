/** The only place that opens sockets for AWS endpoints: bounded, redirect-free HTTP(S) requests. */
import * as http from 'node:http';
import * as https from 'node:https';
import { describeCause, MongoAwsConfigError, MongoAwsHttpError } from '../errors.js';
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

/** Resolves with the response whatever its status: callers check it with `expectStatus`. */
export const httpRequest: HttpTransport = async (request) => {
  const url = typeof request.url === 'string' ? parseUrl(request.url) : request.url;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', 'endpoint URL must use http or https', { field: 'url' });
  }
  if (url.username !== '' || url.password !== '') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', 'endpoint URL must not contain userinfo', { field: 'url' });
  }
  if (request.method !== 'GET' && request.method !== 'PUT' && request.method !== 'POST') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'HTTP method must be GET, PUT or POST', { field: 'method' });
  }
  const timeoutMs = checkLimit(request.timeoutMs, 'timeoutMs', 1);
  const connectTimeoutMs = request.connectTimeoutMs === undefined ? timeoutMs : checkLimit(request.connectTimeoutMs, 'connectTimeoutMs', 1);
  const maxBodyBytes = checkLimit(request.maxBodyBytes, 'maxBodyBytes', 0);
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  headers['user-agent'] = USER_AGENT;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    assertSafeHeaderName(name);
    assertSendableHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  const transport = url.protocol === 'https:' ? https : http;
  // Node wants IPv6 literals without brackets.
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    let total: NodeJS.Timeout | undefined;
    let connect: NodeJS.Timeout | undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      return true;
    };
    const fail = (error: MongoAwsHttpError): void => {
      if (!settle()) return;
      req?.destroy();
      reject(error);
    };
    try {
      req = transport.request({
        method: request.method,
        protocol: url.protocol,
        hostname,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        headers,
        agent: false,
      });
      /* c8 ignore start */
    } catch (error) {
      // Defensive: every input Node validates synchronously was checked above.
      fail(new MongoAwsHttpError('ERR_HTTP_CONNECTION', `request could not be sent (${describeCause(error)})`, { cause: error }));
      return;
    }
    /* c8 ignore stop */
    total = setTimeout(() => fail(new MongoAwsHttpError('ERR_HTTP_TIMEOUT', `request timed out after ${timeoutMs} ms`)), timeoutMs);
    connect = setTimeout(() => fail(new MongoAwsHttpError('ERR_HTTP_TIMEOUT', `connection timed out after ${connectTimeoutMs} ms`)), connectTimeoutMs);
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once('connect', () => clearTimeout(connect));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(new MongoAwsHttpError('ERR_HTTP_CONNECTION', `connection failed (${describeCause(error)})`, { cause: error }));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const tooLarge = (): MongoAwsHttpError => new MongoAwsHttpError('ERR_HTTP_BODY_TOO_LARGE', `response body exceeds ${maxBodyBytes} bytes`, { status });
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        fail(tooLarge());
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.byteLength;
        if (size > maxBodyBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      const closed = (): void => fail(new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'connection closed while reading the response', { status }));
      res.on('error', closed);
      res.on('aborted', closed);
      res.on('end', () => {
        if (settle()) resolve({ status, headers: headerMap(res.rawHeaders), body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
};

/** Lower-case names, repeated headers joined with ", ", null prototype (a `__proto__` header is plain data). */
function headerMap(raw: readonly string[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Timeouts and caps are ours or the caller's options: finite numbers; timers are clamped to what Node supports. */
function checkLimit(value: number, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be a finite number of at least ${min}`, { field });
  }
  return field === 'maxBodyBytes' ? value : Math.min(value, MAX_TIMER_MS);
}

/** Throws ERR_HTTP_STATUS unless the status is the expected one. The body never enters the error. */
export function expectStatus(response: HttpResponse, expected: number, what: string): void {
  if (response.status !== expected) {
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', `${what} returned HTTP ${response.status}`, { status: response.status });
  }
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', 'endpoint URL is not a valid URL', { field: 'url' });
  }
}
