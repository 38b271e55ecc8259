/** The emulated mongod: a loopback TCP server speaking OP_MSG (and legacy OP_QUERY hello) that authenticates MONGODB-AWS. */
import { createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Document } from 'bson';
import { MongoAwsConfigError } from '../errors.js';
import {
  decodeMessage,
  encodeOpMsg,
  encodeOpReply,
  MessageFramer,
  MSG_MORE_TO_COME,
  OP_MSG,
  OP_QUERY,
  type DecodedMessage,
} from '../wire/message.js';
import { commandError, DEFAULT_STS_HOST, type SaslStep } from './mongod-auth.js';
import { commandName, HELLO_COMMANDS, runCommand, type CommandContext } from './mongod-commands.js';
import type { IdentityRegistry } from './registry.js';

/** Fault knobs, read on every command: mutate the object returned as `faults` to change them while running. */
export interface MongodFaults {
  /** Delay before answering each message. */
  latencyMs?: number;
  /** Destroy the connection, without a reply, when this command arrives (name compared case-insensitively). */
  closeOnCommand?: string;
  /** Answer this command with an error instead of running it. */
  errorOnCommand?: { readonly command: string; readonly code: number; readonly codeName?: string; readonly errmsg?: string };
}

export interface MongodOptions {
  readonly registry: IdentityRegistry;
  /** The `h` sent in server-first and the Host the signature must cover; default `sts.amazonaws.com`. */
  readonly stsHost?: string;
  /** Clock (ms since the epoch) for localTime and the X-Amz-Date window; default the registry's. */
  readonly now?: () => number;
  readonly faults?: MongodFaults;
  /** Roles connectionStatus reports for an authenticated user; default none. */
  readonly roles?: readonly { readonly role: string; readonly db: string }[];
  /** Largest accepted message; default 48 000 000 bytes. */
  readonly maxMessageSize?: number;
}

/** One finished SASL conversation. `reason` says why a refusal happened (the client only ever sees code 18). */
export interface AuthEvent {
  readonly connectionId: number;
  readonly ok: boolean;
  readonly user?: string;
  readonly callerArn?: string;
  readonly reason?: string;
}

export interface MongodConnections {
  readonly open: number;
  readonly accepted: number;
  /** The last 1000 finished conversations, oldest first. */
  readonly authentications: readonly AuthEvent[];
}

export interface RunningMongod {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `mongodb://127.0.0.1:PORT/` */
  readonly uri: string;
  readonly faults: MongodFaults;
  readonly connections: MongodConnections;
  close(): Promise<void>;
}

const MAX_EVENTS = 1000;

export async function startMongod(options: MongodOptions): Promise<RunningMongod> {
  const stsHost = options.stsHost ?? DEFAULT_STS_HOST;
  if (stsHost === '' || /[\s/]/.test(stsHost)) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'emulator mongod: stsHost is not valid', { field: 'stsHost' });
  const aws = { registry: options.registry, stsHost, now: options.now ?? options.registry.now };
  const faults: MongodFaults = options.faults ?? {};
  const sockets = new Set<Socket>();
  const events: AuthEvent[] = [];
  let accepted = 0;
  let nextRequestId = 1;

  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const framer = new MessageFramer(options.maxMessageSize === undefined ? {} : { maxMessageSize: options.maxMessageSize });
    const ctx: CommandContext = {
      connectionId: accepted,
      auth: {},
      aws,
      roles: options.roles ?? [],
      onSasl: (step: SaslStep) => {
        events.push({ connectionId: ctx.connectionId, ...step.outcome } as AuthEvent);
        if (events.length > MAX_EVENTS) events.shift();
      },
    };
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let messages: Uint8Array[];
      try {
        messages = framer.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const bytes of messages) {
        queue = queue
          .then(() => handle(bytes))
          .catch(() => {
            socket.destroy();
          });
      }
    });

    async function handle(bytes: Uint8Array): Promise<void> {
      if (socket.destroyed) return;
      if (faults.latencyMs !== undefined && faults.latencyMs > 0) await sleep(faults.latencyMs);
      const reply = respond(decodeMessage(bytes, { maxMessageSize: framer.maxMessageSize }));
      if (reply === 'close') socket.destroy();
      else if (reply !== undefined && !socket.destroyed) socket.write(reply);
    }

    function respond({ header, message }: DecodedMessage): Uint8Array | 'close' | undefined {
      const requestId = nextRequestId++;
      if (message.opCode === OP_MSG) {
        const body: Document = { ...message.body };
        for (const sequence of message.sequences) body[sequence.identifier] = [...sequence.documents];
        const db: unknown = body['$db'];
        const reply = typeof db === 'string' ? execute(db, body) : commandError(40571, 'Location40571', 'OP_MSG requests require a $db argument');
        if (reply === 'close') return reply;
        if ((message.flags & MSG_MORE_TO_COME) !== 0) return undefined;
        return encodeOpMsg({ requestId, responseTo: header.requestId, body: reply });
      }
      if (message.opCode !== OP_QUERY) return 'close';
      const query: Document = message.query['$query'] !== null && typeof message.query['$query'] === 'object' ? message.query['$query'] : message.query;
      const name = commandName(query);
      const dot = message.collection.indexOf('.');
      const reply =
        message.collection.endsWith('.$cmd') && HELLO_COMMANDS.has(name)
          ? execute(message.collection.slice(0, dot), query)
          : commandError(352, 'UnsupportedOpQueryCommand', `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`);
      if (reply === 'close') return reply;
      return encodeOpReply({ requestId, responseTo: header.requestId, flags: 8, documents: [reply] });
    }

    function execute(db: string, command: Document): Document | 'close' {
      const name = commandName(command).toLowerCase();
      if (faults.closeOnCommand?.toLowerCase() === name) return 'close';
      const forced = faults.errorOnCommand;
      if (forced !== undefined && forced.command.toLowerCase() === name) {
        return commandError(forced.code, forced.codeName ?? 'InjectedFault', forced.errmsg ?? 'error injected by the emulator');
      }
      return runCommand(ctx, db, command);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    uri: `mongodb://127.0.0.1:${port}/`,
    faults,
    connections: {
      get open() {
        return sockets.size;
      },
      get accepted() {
        return accepted;
      },
      get authentications() {
        return [...events];
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
