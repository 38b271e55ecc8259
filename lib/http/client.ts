/** The only place that opens sockets for AWS endpoints: bounded, redirect-free HTTP(S) requests. */
import * as http from 'node:http';
import * as https from 'node:https';
import { MongoAwsConfigError, MongoAwsHttpError } from '../errors.js';
import { assertSafeHeaderValue, assertSafeHeaderName } from './headers.js';

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
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    assertSafeHeaderName(name);
    assertSafeHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  const transport = url.protocol === 'https:' ? https : http;
  // Node wants IPv6 literals without brackets.
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: MongoAwsHttpError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      req.destroy();
      reject(error);
    };
    const req = transport.request({
      method: request.method,
      protocol: url.protocol,
      hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers,
      agent: false,
    });
    const total = setTimeout(() => fail(new MongoAwsHttpError('ERR_HTTP_TIMEOUT', `request timed out after ${request.timeoutMs} ms`)), request.timeoutMs);
    const connect = setTimeout(
      () => fail(new MongoAwsHttpError('ERR_HTTP_TIMEOUT', `connection timed out after ${request.connectTimeoutMs ?? request.timeoutMs} ms`)),
      request.connectTimeoutMs ?? request.timeoutMs,
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once('connect', () => clearTimeout(connect));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = typeof error.code === 'string' ? error.code : 'unknown';
      fail(new MongoAwsHttpError('ERR_HTTP_CONNECTION', `connection failed (${code})`, { cause: error }));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBodyBytes) {
        fail(new MongoAwsHttpError('ERR_HTTP_BODY_TOO_LARGE', `response body exceeds ${request.maxBodyBytes} bytes`, { status: res.statusCode ?? 0 }));
        return;
      }
      res.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > request.maxBodyBytes) {
          fail(new MongoAwsHttpError('ERR_HTTP_BODY_TOO_LARGE', `response body exceeds ${request.maxBodyBytes} bytes`, { status: res.statusCode ?? 0 }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', () => fail(new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'connection closed while reading the response')));
      res.on('aborted', () => fail(new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'connection closed while reading the response')));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        const out: Record<string, string> = Object.create(null) as Record<string, string>;
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
};

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
