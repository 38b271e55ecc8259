/** Server side of the MONGODB-AWS SASL conversation, written as mongod runs it (independent of the client code in lib/sasl). */
import { randomBytes } from 'node:crypto';
import { Binary, deserialize, Int32, serialize, type Document } from 'bson';
import type { IdentityRegistry } from './registry.js';
import { verifyGetCallerIdentity } from './sts.js';

export const AWS_MECHANISM = 'MONGODB-AWS';
export const DEFAULT_STS_HOST = 'sts.amazonaws.com';
export const GET_CALLER_IDENTITY_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
/** The headers mongod requires in SignedHeaders: they bind the signature to this conversation. */
export const BINDING_HEADERS = ['x-mongodb-server-nonce', 'x-mongodb-gs2-cb-flag'] as const;

const GS2_CB_FLAG_N = 110;
const CONVERSATION_ID = 1;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Per-connection authentication state. */
export interface AuthState {
  conversation?: { readonly db: string; readonly nonce: Uint8Array };
  /** The MongoDB user name: the caller ARN, assumed roles mapped to their role ARN. */
  user?: string;
  /** The ARN GetCallerIdentity returned. */
  callerArn?: string;
}

export interface AwsAuthOptions {
  readonly registry: IdentityRegistry;
  readonly stsHost: string;
  /** Clock for the X-Amz-Date window (ms since the epoch). */
  readonly now: () => number;
}

/** A command reply plus, for a finished conversation, why it ended (tests read `reason`; the client never sees it). */
export interface SaslStep {
  readonly reply: Document;
  readonly outcome?: { readonly ok: boolean; readonly user?: string; readonly callerArn?: string; readonly reason?: string };
}

export function commandError(code: number, codeName: string, errmsg: string): Document {
  return { ok: 0, errmsg, code, codeName };
}

/** The generic refusal real servers send, whatever the reason. */
function refuse(state: AuthState, reason: string): SaslStep {
  delete state.conversation;
  return { reply: commandError(18, 'AuthenticationFailed', 'Authentication failed.'), outcome: { ok: false, reason } };
}

/**
 * mongod authenticates an assumed-role caller as its role:
 * `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` → `arn:aws:iam::ACCOUNT:role/NAME`; any other ARN is the user name as is.
 */
export function userNameFromArn(arn: string): string {
  const match = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return match === null ? arn : `arn:${match[1] as string}:iam::${match[2] as string}:role/${match[3] as string}`;
}

function payloadOf(command: Document): Document | undefined {
  const payload: unknown = command['payload'];
  if (!(payload instanceof Binary)) return undefined;
  try {
    return deserialize(payload.buffer, { promoteValues: false });
  } catch {
    return undefined;
  }
}

function saslReply(done: boolean, payload: Uint8Array): Document {
  return { conversationId: CONVERSATION_ID, done, payload: new Binary(payload), ok: 1 };
}

export function saslStart(state: AuthState, db: string, command: Document, options: AwsAuthOptions): SaslStep {
  const mechanism: unknown = command['mechanism'];
  if (typeof mechanism !== 'string') {
    return { reply: commandError(40414, 'Location40414', "BSON field 'saslStart.mechanism' is missing but a required field") };
  }
  if (mechanism !== AWS_MECHANISM) {
    return { reply: commandError(334, 'MechanismUnavailable', `Received authentication for mechanism ${mechanism} which is unknown or not enabled`) };
  }
  if (db !== '$external') {
    return { reply: commandError(2, 'BadValue', `Unsupported mechanism '${AWS_MECHANISM}' on authentication database '${db}'`) };
  }
  const first = payloadOf(command);
  if (first === undefined) return refuse(state, 'client-first payload is not a BSON document');
  const r: unknown = first['r'];
  if (!(r instanceof Binary) || r.sub_type !== 0 || r.length() !== 32) return refuse(state, 'client nonce r is not 32 bytes of BinData subtype 0');
  const p: unknown = first['p'];
  if (!(p instanceof Int32) || p.value !== GS2_CB_FLAG_N) return refuse(state, 'gs2-cb-flag p is not int32 110');
  const nonce = new Uint8Array(64);
  nonce.set(r.buffer.subarray(0, 32), 0);
  nonce.set(randomBytes(32), 32);
  state.conversation = { db, nonce };
  return { reply: saslReply(false, serialize({ s: new Binary(nonce), h: options.stsHost })) };
}

export function saslContinue(state: AuthState, db: string, command: Document, options: AwsAuthOptions): SaslStep {
  const conversation = state.conversation;
  if (conversation === undefined) return { reply: commandError(17, 'ProtocolError', 'No SASL session state found') };
  if (Number(command['conversationId']) !== CONVERSATION_ID) return { reply: commandError(17, 'ProtocolError', 'sasl: Mismatched conversation id') };
  if (db !== conversation.db) return { reply: commandError(17, 'ProtocolError', 'Attempt to switch database target during SASL authentication.') };
  const second = payloadOf(command);
  if (second === undefined) return refuse(state, 'client-second payload is not a BSON document');
  const { a, d, t } = second;
  const extra = Object.keys(second).filter((key) => key !== 'a' && key !== 'd' && key !== 't');
  if (typeof a !== 'string' || typeof d !== 'string' || (t !== undefined && typeof t !== 'string') || extra.length > 0) {
    return refuse(state, 'client-second fields are not {a, d[, t]} strings');
  }
  if ([a, d, t ?? ''].some((value) => CONTROL.test(value))) return refuse(state, 'control character in a header value');
  const signed = /SignedHeaders=([^,\s]*)/.exec(a)?.[1]?.split(';') ?? [];
  const unbound = BINDING_HEADERS.find((name) => !signed.includes(name));
  if (unbound !== undefined) return refuse(state, `${unbound} is not signed`);

  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(GET_CALLER_IDENTITY_BODY.length),
    host: options.stsHost,
    'x-amz-date': d,
    ...(t === undefined ? {} : { 'x-amz-security-token': t }),
    'x-mongodb-server-nonce': Buffer.from(conversation.nonce).toString('base64'),
    'x-mongodb-gs2-cb-flag': 'n',
    authorization: a,
  };
  const request = { method: 'POST', path: '/', headers, body: GET_CALLER_IDENTITY_BODY };
  const result = verifyGetCallerIdentity(options.registry, request, new Date(options.now()));
  if (!result.ok) return refuse(state, result.code);
  delete state.conversation;
  state.user = userNameFromArn(result.arn);
  state.callerArn = result.arn;
  return { reply: saslReply(true, new Uint8Array(0)), outcome: { ok: true, user: state.user, callerArn: result.arn } };
}
