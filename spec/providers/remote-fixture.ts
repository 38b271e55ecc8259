/** Test fixtures for the remote providers: a scripted loopback server that records requests, and a test runtime. */
import type * as http from 'node:http';
import { inspect } from 'node:util';
import assert from 'node:assert/strict';
import { httpRequest, type HttpRequest, type HttpTransport } from '../../lib/http/client.js';
import { RUNTIME, runtimeFrom, type Runtime, type RuntimeInit } from '../../lib/runtime.js';
import { startServer, type Loopback } from '../http/loopback.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What the server does with one request: answer, never answer (timeout), or drop the connection. */
export type Reply = { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string } | 'hang' | 'destroy';

export interface Scripted extends Loopback {
  readonly requests: RecordedRequest[];
}

/** Answers with `route(request)`; a list is played in order, then repeats its last entry. */
export async function scriptedServer(script: readonly Reply[] | ((request: RecordedRequest, index: number) => Reply)): Promise<Scripted> {
  const requests: RecordedRequest[] = [];
  const server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const index = requests.length;
      requests.push(recorded);
      const reply = typeof script === 'function' ? script(recorded, index) : (script[Math.min(index, script.length - 1)] ?? { status: 500 });
      if (reply === 'hang') return;
      if (reply === 'destroy') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  return Object.assign(server, { requests });
}

export interface TestRuntimeOptions {
  readonly env?: Record<string, string | undefined>;
  /** In-memory files by path; anything else does not exist. */
  readonly files?: Record<string, string>;
  readonly now?: number;
  /** Sends requests for `from` (origin, e.g. http://169.254.170.2) to `to` (a loopback origin). */
  readonly redirect?: { readonly from: string; readonly to: string };
  /** Sees every request before it is sent. */
  readonly onRequest?: (request: HttpRequest) => void;
}

export const NOW = Date.parse('2026-01-01T00:00:00Z');
export const LATER = '2026-01-01T06:00:00Z';

export function testRuntime(options: TestRuntimeOptions = {}): Partial<Runtime> {
  const files = options.files ?? {};
  const http: HttpTransport = async (request) => {
    options.onRequest?.(request);
    const url = String(request.url);
    const redirected = options.redirect !== undefined && url.startsWith(options.redirect.from) ? options.redirect.to + url.slice(options.redirect.from.length) : url;
    return httpRequest({ ...request, url: redirected });
  };
  return {
    env: () => ({ HOME: '/nonexistent-home', ...options.env }),
    readFile: async (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    homedir: () => '/nonexistent-home',
    now: () => options.now ?? NOW,
    http,
  };
}

export function withRuntime<T extends object>(init: T, options: TestRuntimeOptions): T & RuntimeInit {
  return { ...init, [RUNTIME]: testRuntime(options) };
}

export function fullRuntime(options: TestRuntimeOptions = {}): Runtime {
  return runtimeFrom({ [RUNTIME]: testRuntime(options) });
}

/** Asserts that none of `secrets` appears in an error's message, stack, properties or util.inspect output. */
export function assertNoSecrets(value: unknown, secrets: readonly string[]): void {
  const texts = [inspect(value, { depth: 8, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 8 }));
  for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), `secret leaked: ${secret}`);
}

/** Awaits a promise expected to reject; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; field?: string; status?: number; remoteCode?: string; source?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  assert.fail('expected a rejection');
}
