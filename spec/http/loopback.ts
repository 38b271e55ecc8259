/** Loopback test servers for the HTTP client tests: ephemeral ports, connection counting, closed by the caller. */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import assert from 'node:assert/strict';
import { MongoAwsError } from '../../lib/errors.js';
import type { HttpRequest } from '../../lib/http/client.js';
/** An assert.rejects predicate: a MongoAwsError with this code. */
export function isCode(code: string) {
  return (error: unknown): boolean => {
    assert.ok(MongoAwsError.isMongoAwsError(error), `expected a MongoAwsError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

/** A GET with generous limits, overridable field by field. */
export function request(url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'GET', url, timeoutMs: 10_000, maxBodyBytes: 1024, ...extra };
}


export interface Loopback {
  readonly url: string;
  readonly port: number;
  /** TCP connections the server has accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 (or `::1`) with `handler`. */
export async function startServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<Loopback> {
  const server = http.createServer(handler);
  const sockets = new Set<net.Socket>();
  let count = 0;
  server.on('connection', (socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    connections: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface StalledListener {
  readonly port: number;
  /** False when this OS completes handshakes past the backlog (no way to stall a connect on loopback). */
  readonly stalled: boolean;
  close(): Promise<void>;
}

// The listener lives in a worker whose event loop is blocked, so nothing accepts: once the kernel's accept queue
// (backlog 1) is full, new SYNs are dropped and a client's connect stays pending — a connect timeout on loopback.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const server = net.createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(workerData), 0, 0);
  server.close();
});
`;

export async function startStalledListener(): Promise<StalledListener> {
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER, { eval: true, workerData: shared });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const fillers: net.Socket[] = [];
  let stalled = false;
  for (let i = 0; i < 16 && !stalled; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
    const outcome = await new Promise<'connected' | 'pending' | 'error'>((resolve) => {
      const timer = setTimeout(() => resolve('pending'), 250);
      socket.once('connect', () => (clearTimeout(timer), resolve('connected')));
      socket.once('error', () => (clearTimeout(timer), resolve('error')));
    });
    if (outcome === 'error') break;
    stalled = outcome === 'pending';
  }
  return {
    port,
    stalled,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      Atomics.store(new Int32Array(shared), 0, 1);
      Atomics.notify(new Int32Array(shared), 0);
      await worker.terminate();
    },
  };
}
