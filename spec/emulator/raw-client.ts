/** Test helper: a bare socket client built on lib/wire, so emulator tests see exactly what a driver would. */
import { connect, type Socket } from 'node:net';
import type { Document } from 'bson';
import { decodeMessage, encodeOpMsg, encodeOpQuery, MessageFramer, type DecodedMessage, type OpMsg, type OpReply } from '../../lib/wire/message.js';
import { after, before } from 'node:test';
import { IdentityRegistry, type EmulatedIdentity } from '../../lib/emulator/registry.js';
import { startMongod, type RunningMongod } from '../../lib/emulator/mongod.js';

export class RawClient {
  readonly #socket: Socket;
  readonly #framer = new MessageFramer();
  readonly #received: DecodedMessage[] = [];
  #waiters: { resolve: (m: DecodedMessage) => void; reject: (e: Error) => void }[] = [];
  #nextId = 100;
  #closed = false;
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const bytes of this.#framer.push(chunk)) this.#deliver(decodeMessage(bytes));
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.#closed = true;
        for (const waiter of this.#waiters) waiter.reject(new Error('connection closed'));
        this.#waiters = [];
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  #deliver(message: DecodedMessage): void {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve(message);
    else this.#received.push(message);
  }

  /** The next message the server sends; rejects once the connection is closed. */
  next(): Promise<DecodedMessage> {
    const queued = this.#received.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  send(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  requestId(): number {
    return this.#nextId++;
  }

  /** OP_MSG command on `db`; resolves with the reply body. */
  async command(db: string, body: Document, flags = 0): Promise<Document> {
    const requestId = this.requestId();
    this.send(encodeOpMsg({ requestId, flags, body: { ...body, $db: db } }));
    const reply = await this.next();
    if (reply.header.responseTo !== requestId) throw new Error('reply to another request');
    return (reply.message as OpMsg).body;
  }

  /** Legacy OP_QUERY; resolves with the OP_REPLY. */
  async query(collection: string, query: Document): Promise<OpReply> {
    const requestId = this.requestId();
    this.send(encodeOpQuery({ requestId, collection, query }));
    const reply = await this.next();
    if (reply.header.responseTo !== requestId) throw new Error('reply to another request');
    return reply.message as OpReply;
  }

  close(): Promise<void> {
    this.#socket.destroy();
    return this.closed;
  }
}

/** A mongod on a fresh registry with user alice, and raw clients closed after the file's tests. */
export function mongodFixture(): { registry: IdentityRegistry; user: EmulatedIdentity; mongod: () => RunningMongod; client: () => Promise<RawClient>; clients: readonly RawClient[] } {
  const registry = new IdentityRegistry();
  const user = registry.addUser({ arn: 'arn:aws:iam::123456789012:user/alice' });
  let mongod: RunningMongod | undefined;
  const clients: RawClient[] = [];
  before(async () => {
    mongod = await startMongod({ registry, roles: [{ role: 'readWriteAnyDatabase', db: 'admin' }] });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await mongod?.close();
  });
  return {
    registry,
    user,
    clients,
    mongod: () => mongod as RunningMongod,
    client: async () => {
      const c = await RawClient.connect((mongod as RunningMongod).port);
      clients.push(c);
      return c;
    },
  };
}
