/** One MongoDB connection over node:net / node:tls: OP_MSG commands with per-command timeouts. */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Document } from 'bson';
import { MongoAwsServerError } from '../errors.js';
import { decodeMessage, encodeOpMsg, MessageFramer, OP_MSG } from '../wire/message.js';

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** `true` for TLS with Node's defaults (certificates verified), or extra node:tls options. */
  readonly tls: boolean | tls.ConnectionOptions;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  /** @internal Test hook: name resolution for the socket (node:net `lookup`). */
  readonly lookup?: net.LookupFunction;
}

interface Pending {
  readonly resolve: (reply: Document) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

let nextRequestId = 1;

function connectionError(message: string, cause?: unknown): MongoAwsServerError {
  return new MongoAwsServerError('ERR_CONNECTION', message, cause === undefined ? {} : { cause });
}

export class WireConnection {
  readonly host: string;
  readonly port: number;
  readonly #socket: net.Socket;
  readonly #commandTimeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  readonly #framer = new MessageFramer();
  #closedError: Error | undefined;

  private constructor(socket: net.Socket, options: ConnectionOptions) {
    this.host = options.host;
    this.port = options.port;
    this.#socket = socket;
    this.#commandTimeoutMs = options.commandTimeoutMs;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(connectionError(`connection to ${this.host}:${this.port} failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`, error)));
    socket.on('close', () => this.#fail(connectionError(`connection to ${this.host}:${this.port} closed`)));
  }

  /** Opens the socket (and TLS) within `connectTimeoutMs`. */
  static open(options: ConnectionOptions): Promise<WireConnection> {
    return new Promise((resolve, reject) => {
      const secure = options.tls !== false;
      const tlsOptions = typeof options.tls === 'object' ? options.tls : {};
      const lookup = options.lookup === undefined ? {} : { lookup: options.lookup };
      const socket = secure
        ? tls.connect({ host: options.host, port: options.port, ...lookup, ...(net.isIP(options.host) === 0 ? { servername: options.host } : {}), ...tlsOptions })
        : net.connect({ host: options.host, port: options.port, ...lookup });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new MongoAwsServerError('ERR_TIMEOUT', `connecting to ${options.host}:${options.port} timed out after ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      const onError = (error: NodeJS.ErrnoException): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(connectionError(`connecting to ${options.host}:${options.port} failed (${error.code ?? 'error'})`, error));
      };
      socket.once('error', onError);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', onError);
        resolve(new WireConnection(socket, options));
      });
    });
  }

  /** Sends `document` to `db` and resolves with the reply, `ok: 0` included. */
  runCommand(db: string, document: Document, timeoutMs = this.#commandTimeoutMs): Promise<Document> {
    if (this.#closedError !== undefined) return Promise.reject(this.#closedError);
    const requestId = nextRequestId++ & 0x7fffffff;
    const name = Object.keys(document)[0] ?? 'command';
    const bytes = encodeOpMsg({ requestId, body: { ...document, $db: db } });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(new MongoAwsServerError('ERR_TIMEOUT', `command ${name} timed out after ${timeoutMs} ms`));
        // A reply may still arrive and would desynchronise nothing (it is matched by id), but the socket is suspect.
        this.close();
      }, timeoutMs);
      this.#pending.set(requestId, { resolve, reject, timer });
      this.#socket.write(bytes);
    });
  }

  /** Like `runCommand`, but `ok: 0` becomes ERR_SERVER_COMMAND carrying the server's code and code name. */
  async command(db: string, document: Document, timeoutMs?: number): Promise<Document> {
    const reply = await this.runCommand(db, document, timeoutMs);
    if (reply['ok'] !== 1 && reply['ok'] !== true && Number(reply['ok']) !== 1) {
      const name = Object.keys(document)[0] ?? 'command';
      const code = typeof reply['code'] === 'number' ? reply['code'] : undefined;
      const codeName = typeof reply['codeName'] === 'string' ? reply['codeName'] : undefined;
      throw new MongoAwsServerError('ERR_SERVER_COMMAND', `command ${name} failed${codeName === undefined ? '' : ` (${codeName})`}`, {
        ...(code === undefined ? {} : { serverCode: code }),
        ...(codeName === undefined ? {} : { remoteCode: codeName }),
      });
    }
    return reply;
  }

  close(): void {
    this.#fail(connectionError('connection closed by the client'));
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    try {
      for (const bytes of this.#framer.push(chunk)) {
        const { header, message } = decodeMessage(bytes);
        if (message.opCode !== OP_MSG) throw new MongoAwsServerError('ERR_WIRE_PROTOCOL', 'server replied with an unexpected opCode', { field: 'opCode' });
        const pending = this.#pending.get(header.responseTo);
        if (pending === undefined) continue;
        this.#pending.delete(header.responseTo);
        clearTimeout(pending.timer);
        pending.resolve(message.body);
      }
    } catch (error) {
      this.#fail(error as Error);
      this.#socket.destroy();
    }
  }

  #fail(error: Error): void {
    if (this.#closedError === undefined) this.#closedError = error;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
