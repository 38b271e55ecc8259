/** The commands the emulated mongod answers, behind the same authentication gate a real server applies. */
import { Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE } from '../wire/message.js';
import { commandError, saslContinue, saslStart, type AuthState, type AwsAuthOptions, type SaslStep } from './mongod-auth.js';

/** Wire versions announced by hello: 0 … 25 (MongoDB 8.0); MONGODB-AWS needs ≥ 9, driver 7 too. */
export const MIN_WIRE_VERSION = 0;
export const MAX_WIRE_VERSION = 25;
export const EMULATED_VERSION = '8.0.0';
export const HELLO_COMMANDS: ReadonlySet<string> = new Set(['hello', 'isMaster', 'ismaster']);

/** What one connection knows while running a command. */
export interface CommandContext {
  readonly connectionId: number;
  readonly auth: AuthState;
  readonly aws: AwsAuthOptions;
  /** Roles reported by connectionStatus for an authenticated user. */
  readonly roles: readonly { readonly role: string; readonly db: string }[];
  /** Told about every finished SASL conversation. */
  readonly onSasl: (step: SaslStep) => void;
}

type Handler = (ctx: CommandContext, db: string, command: Document) => Document;

const cursor = (ns: string): Document => ({ cursor: { firstBatch: [], id: Long.fromNumber(0), ns }, ok: 1 });

/** Answered before authentication, as real servers do. */
const OPEN: Record<string, Handler> = {
  hello: (ctx, _db, command) => helloReply('hello', command, ctx),
  isMaster: (ctx, _db, command) => helloReply('isMaster', command, ctx),
  ismaster: (ctx, _db, command) => helloReply('isMaster', command, ctx),
  buildInfo: () => buildInfo(),
  buildinfo: () => buildInfo(),
  ping: () => ({ ok: 1 }),
  endSessions: () => ({ ok: 1 }),
  connectionStatus: (ctx) => ({
    authInfo: {
      authenticatedUsers: ctx.auth.user === undefined ? [] : [{ user: ctx.auth.user, db: '$external' }],
      authenticatedUserRoles: ctx.auth.user === undefined ? [] : ctx.roles.map((r) => ({ role: r.role, db: r.db })),
    },
    ok: 1,
  }),
  saslStart: (ctx, db, command) => sasl(ctx, saslStart(ctx.auth, db, command, ctx.aws)),
  saslContinue: (ctx, db, command) => sasl(ctx, saslContinue(ctx.auth, db, command, ctx.aws)),
};

/** Answered only once authenticated: enough for a client to show it got in. */
const GATED: Record<string, Handler> = {
  listDatabases: () => ({ databases: [], totalSize: 0, totalSizeMb: 0, ok: 1 }),
  listCollections: (_ctx, db) => cursor(`${db}.$cmd.listCollections`),
  find: (_ctx, db, command) => cursor(`${db}.${String(command['find'])}`),
};

/** Real commands the emulator knows by name but does not run: 13 before authentication, 115 after. */
const KNOWN = new Set(
  'aggregate count create createIndexes currentOp dbStats delete distinct drop dropDatabase dropIndexes explain findAndModify getMore getParameter hostInfo insert killCursors listIndexes serverStatus startSession update usersInfo'.split(' '),
);

function sasl(ctx: CommandContext, step: SaslStep): Document {
  if (step.outcome !== undefined) ctx.onSasl(step);
  return step.reply;
}

export function helloReply(name: 'hello' | 'isMaster', command: Document, ctx: { readonly connectionId: number; readonly aws: AwsAuthOptions }): Document {
  return {
    ...(command['helloOk'] === true ? { helloOk: true } : {}),
    [name === 'hello' ? 'isWritablePrimary' : 'ismaster']: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(ctx.aws.now()),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: MIN_WIRE_VERSION,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Document {
  return {
    version: EMULATED_VERSION,
    gitVersion: 'mongodb-aws-auth-emulator',
    versionArray: [8, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    modules: [],
    ok: 1,
  };
}

/** The command name: the body's first key. */
export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

/** Runs one command; the reply is always a document (`ok: 0` with code, codeName and errmsg on failure). */
export function runCommand(ctx: CommandContext, db: string, command: Document): Document {
  const name = commandName(command);
  const open = Object.hasOwn(OPEN, name) ? OPEN[name] : undefined;
  if (open !== undefined) return open(ctx, db, command);
  const gated = Object.hasOwn(GATED, name) ? GATED[name] : undefined;
  if (gated === undefined && !KNOWN.has(name)) return commandError(59, 'CommandNotFound', `no such command: '${name}'`);
  if (ctx.auth.user === undefined) return commandError(13, 'Unauthorized', `command ${name} requires authentication`);
  if (gated === undefined) return commandError(115, 'CommandNotSupported', `command ${name} is not supported by the emulator`);
  return gated(ctx, db, command);
}
