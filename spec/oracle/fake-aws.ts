/** A loopback stand-in for IMDS, container, STS and SSO endpoints that serves a scenario's recorded responses. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedExchange } from '../replay/scenario.js';
import { shiftBody, type Shift } from './sandbox.js';

const HOP_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/**
 * Each request gets the first not-yet-served recorded response for the same method and path (the two SDKs order
 * and retry requests differently, so the replay is by route, not by position); anything else gets 404. Expiry
 * values are shifted into the future. `reset()` rewinds it between the two SDK runs.
 */
export class FakeAws {
  readonly #server: Server;
  readonly #exchanges: readonly RecordedExchange[];
  readonly #shift: Shift;
  #used = new Set<number>();
  /** `METHOD path` of each request, in order. */
  requests: string[] = [];

  private constructor(exchanges: readonly RecordedExchange[], shift: Shift) {
    this.#exchanges = exchanges;
    this.#shift = shift;
    this.#server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        this.requests.push(`${req.method ?? ''} ${path}`);
        const index = this.#exchanges.findIndex((e, i) => !this.#used.has(i) && e.request.method === req.method && new URL(e.request.uri).pathname === path);
        const exchange = this.#exchanges[index];
        if (exchange === undefined) {
          res.writeHead(404).end();
          return;
        }
        this.#used.add(index);
        const headers: Record<string, string[]> = {};
        for (const [name, values] of Object.entries(exchange.response.headers)) if (!HOP_HEADERS.has(name)) headers[name] = [...values];
        res.writeHead(exchange.response.status, headers).end(shiftBody(exchange.response.body, this.#shift));
      });
    });
  }

  static async start(exchanges: readonly RecordedExchange[], shift: Shift): Promise<FakeAws> {
    const fake = new FakeAws(exchanges, shift);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', () => resolve()));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.#used = new Set();
    this.requests = [];
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
