/** A small node:http server for one emulated endpoint: body cap, request log (names only), faults, clean close. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { ActiveFault, AwsFaults, AwsServerName } from './faults.js';

export interface EmulatorRequest {
  readonly method: string;
  /** Path with query string, as sent. */
  readonly path: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  /** Lower-case names; a repeated header's values joined with `,` (the SigV4 canonical form). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the log keeps of a request: never header values, query values or bodies. */
export interface RecordedRequest {
  readonly server: AwsServerName;
  readonly method: string;
  /** Path without query string. */
  readonly path: string;
  readonly queryNames: readonly string[];
  readonly headerNames: readonly string[];
  /** STS `Action`, when the request named one. */
  action?: string;
  /** Status answered; undefined when the connection was dropped. */
  status?: number;
}

export interface HandlerContext {
  readonly fault: ActiveFault;
  readonly record: RecordedRequest;
}

export interface EndpointDefinition {
  readonly name: AwsServerName;
  readonly handle: (request: EmulatorRequest, context: HandlerContext) => Reply | Promise<Reply>;
  /** The endpoint's own error document for a status (used by status faults). */
  readonly errorReply: (status: number, code?: string) => Reply;
}

export interface ServerInit {
  readonly faults: AwsFaults;
  readonly requests: RecordedRequest[];
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 64 KiB; larger bodies get 413. */
  readonly maxBodyBytes?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export async function startHttpServer(endpoint: EndpointDefinition, init: ServerInit): Promise<RunningServer> {
  const maxBodyBytes = init.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Aborted on close, so an injected latency never keeps the process alive.
  const closing = new AbortController();
  const server = createServer((req, res) => {
    serve(endpoint, init, maxBodyBytes, closing.signal, req, res).catch(() => {
      // Closed mid-delay, or a handler bug: answer 500 if the socket is still there.
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: '' });
    });
  });
  const host = init.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  endpoint: EndpointDefinition,
  init: ServerInit,
  maxBodyBytes: number,
  closing: AbortSignal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = req.url ?? '/';
  const url = new URL(path, 'http://emulator.invalid');
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) headers[name] = (values ?? []).join(',');
  const record: RecordedRequest = {
    server: endpoint.name,
    method: req.method ?? 'GET',
    path: url.pathname,
    queryNames: [...new Set(url.searchParams.keys())],
    headerNames: Object.keys(headers),
  };
  init.requests.push(record);

  const body = await readBody(req, maxBodyBytes);
  if (body === undefined) {
    record.status = 413;
    send(res, { status: 413, headers: { connection: 'close' }, body: '' });
    return;
  }
  const fault = init.faults.take(endpoint.name, url.pathname);
  if (fault.latencyMs > 0) await delay(fault.latencyMs, undefined, { signal: closing });
  if (fault.closeConnection) {
    req.socket.destroy();
    return;
  }
  const request: EmulatorRequest = { method: record.method, path, pathname: url.pathname, query: url.searchParams, headers, body };
  let reply = fault.status === undefined ? await endpoint.handle(request, { fault, record }) : endpoint.errorReply(fault.status, fault.code);
  if (fault.malformedBody) reply = { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
  record.status = reply.status;
  send(res, reply);
}

/** The body as UTF-8, or undefined past the cap. */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}
