/** One loopback HTTP server per scenario run: checks each request against the recording and serves the recorded responses in order. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareRequest, type ReplayFacts } from './compare.js';
import type { RecordedExchange } from './scenario.js';

/** Carries the URL the provider meant to call, so the server can compare it with the recording. */
export const ORIGINAL_URL_HEADER = 'x-replay-original-url';

/** Headers the replay does not copy from the recording: they describe the recorded connection, not the reply. */
const HOP_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);

export class ReplayServer {
  readonly #server: Server;
  readonly #exchanges: readonly RecordedExchange[];
  readonly #facts: ReplayFacts;
  #next = 0;
  /** Mismatches, in order; empty when every request matched. */
  readonly problems: string[] = [];
  /** How signatures were checked. */
  readonly notes: string[] = [];

  private constructor(exchanges: readonly RecordedExchange[], facts: ReplayFacts) {
    this.#exchanges = exchanges;
    this.#facts = facts;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.problems.push(`replay server error: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(599);
        res.end();
      });
    });
  }

  static async start(exchanges: readonly RecordedExchange[], facts: ReplayFacts): Promise<ReplayServer> {
    const server = new ReplayServer(exchanges, facts);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return server;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Recorded exchanges never requested. */
  get unused(): number {
    return this.#exchanges.length - Math.min(this.#next, this.#exchanges.length);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const original = req.headers[ORIGINAL_URL_HEADER];
    const index = this.#next++;
    const exchange = this.#exchanges[index];
    if (typeof original !== 'string') {
      this.problems.push(`request #${index + 1} did not come through the replay transport`);
      res.writeHead(599).end();
      return;
    }
    const url = new URL(original);
    if (exchange === undefined) {
      this.problems.push(`unexpected request #${index + 1}: ${req.method ?? '?'} ${url.origin}${url.pathname}`);
      res.writeHead(599).end();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === ORIGINAL_URL_HEADER || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // The host a real endpoint would see: ours only when the caller set one (it signs it), else the URL's.
    if (headers['host'] === `127.0.0.1:${this.port}`) headers['host'] = url.host;
    const { problems, notes } = await compareRequest(exchange, { method: req.method ?? '', url, headers, body }, this.#facts);
    for (const p of problems) this.problems.push(`request #${index + 1} (${exchange.request.method} ${exchange.request.uri}): ${p}`);
    for (const n of notes) this.notes.push(`request #${index + 1}: ${n}`);
    const out: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(exchange.response.headers)) if (!HOP_HEADERS.has(name)) out[name] = [...values];
    res.writeHead(exchange.response.status, out);
    res.end(exchange.response.body);
  }
}
