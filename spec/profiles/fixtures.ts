/** Test fixtures for profile credentials: a temporary home with real files, loopback servers, STS/SSO replies. */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { httpRequest, type HttpRequest } from '../../lib/http/client.js';
import { RUNTIME, runtimeFrom, type Runtime } from '../../lib/runtime.js';

export interface TempHome {
  readonly dir: string;
  /** Writes `text` at `relative` (folders created). Returns the absolute path. */
  write(relative: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

export async function tempHome(): Promise<TempHome> {
  const dir = await mkdtemp(join(tmpdir(), 'mongodb-aws-auth-profiles-'));
  return {
    dir,
    write: async (relative, text) => {
      const path = join(dir, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export const NOW = Date.parse('2026-01-01T00:00:00Z');

/** Writes a config file (and optionally a credentials file) in a fresh folder; returns the variables naming them. */
export async function writeFiles(home: TempHome, config: string, credentials?: string): Promise<Record<string, string>> {
  const folder = `f${Math.random().toString(36).slice(2)}`;
  const configPath = await home.write(`${folder}/config`, config);
  const credentialsPath = credentials === undefined ? `${configPath}.absent` : await home.write(`${folder}/credentials`, credentials);
  return { AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: credentialsPath };
}

export interface RuntimeOptions {
  readonly env?: Record<string, string | undefined>;
  readonly now?: number;
  /** Requests whose URL starts with `from` go to `to` instead (a loopback origin); the original URL is recorded. */
  readonly redirect?: { readonly from: string; readonly to: string };
  readonly sent?: HttpRequest[];
}

/** Real files, processes and sockets; environment, clock and home directory from the test. */
export function testRuntime(home: TempHome, options: RuntimeOptions = {}): Partial<Runtime> {
  return {
    env: () => ({ HOME: home.dir, PATH: process.env['PATH'], ...options.env }),
    homedir: () => home.dir,
    now: () => options.now ?? NOW,
    http: async (request) => {
      options.sent?.push(request);
      const url = String(request.url);
      const redirect = options.redirect;
      return httpRequest(redirect !== undefined && url.startsWith(redirect.from) ? { ...request, url: redirect.to + url.slice(redirect.from.length) } : request);
    },
  };
}

export function runtimeOf(home: TempHome, options: RuntimeOptions = {}): Runtime {
  return runtimeFrom({ [RUNTIME]: testRuntime(home, options) });
}

export function initFor<T extends object>(init: T, home: TempHome, options: RuntimeOptions = {}): T & { [RUNTIME]: Partial<Runtime> } {
  return { ...init, [RUNTIME]: testRuntime(home, options) };
}

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface Server {
  readonly url: string;
  readonly requests: Recorded[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 (ephemeral port) answering each request with `route(request, index)`. */
export async function server(route: (request: Recorded, index: number) => Reply): Promise<Server> {
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const listener = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = route(recorded, requests.length - 1);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  listener.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = listener.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: string;
  readonly account: string;
}

/** An STS success reply in the recorded XML shape (smithy-rs http-traffic.json). */
export function stsXml(action: 'AssumeRole' | 'AssumeRoleWithWebIdentity', c: IssuedCredentials): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body:
      `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>` +
      `<AssumedRoleUser><AssumedRoleId>AROATEST:s</AssumedRoleId><Arn>arn:aws:sts::${c.account}:assumed-role/r/s</Arn></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>` +
      `<SessionToken>${c.sessionToken}</SessionToken><Expiration>${c.expiration}</Expiration></Credentials>` +
      `</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function stsErrorXml(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
  };
}

/** Form fields of an STS request body. */
export function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The access key id in a SigV4 Authorization header (`Credential=AKID/date/region/service/aws4_request`). */
export function signer(request: Recorded): { accessKeyId: string; region: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/sts\/aws4_request/.exec(String(request.headers['authorization'] ?? ''));
  return match === null ? undefined : { accessKeyId: match[1] as string, region: match[2] as string };
}

/** Asserts that no secret appears in an error's message, stack, cause, properties or util.inspect output. */
export function assertNoSecrets(value: unknown, secrets: readonly string[]): void {
  const texts = [inspect(value, { depth: 8, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 8, showHidden: true }));
  for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret leaked into an error or inspect output');
}

export type CodedError = Error & { code?: string; field?: string; status?: number; remoteCode?: string; source?: string };

export async function rejection(promise: Promise<unknown>): Promise<CodedError> {
  try {
    await promise;
  } catch (error) {
    return error as CodedError;
  }
  return assert.fail('expected a rejection');
}
