/** The saslStart / saslContinue command documents and the pure validation of the server's replies. */
import { Binary, type Document } from 'bson';
import { MongoAwsProtocolError, MongoAwsServerError } from '../errors.js';
import { binarySubtype0 } from './payloads.js';

export const MECHANISM = 'MONGODB-AWS';
/** The credential source database of MONGODB-AWS. */
export const AUTH_DB = '$external';

export interface SaslReply {
  /** The server's conversation id, exactly as received, to send back. */
  readonly conversationId: unknown;
  readonly payload: Uint8Array;
  readonly done: boolean;
}

export function saslStartCommand(payload: Uint8Array): Document {
  return { saslStart: 1, mechanism: MECHANISM, payload: new Binary(payload, Binary.SUBTYPE_DEFAULT), autoAuthorize: 1 };
}

export function saslContinueCommand(conversationId: unknown, payload: Uint8Array): Document {
  return { saslContinue: 1, conversationId, payload: new Binary(payload, Binary.SUBTYPE_DEFAULT) };
}

function invalidReply(step: string, field: string): MongoAwsProtocolError {
  return new MongoAwsProtocolError('ERR_INVALID_SASL_PAYLOAD', `${step} reply has a missing or invalid ${field}`, { field });
}

/** A JS number, boolean, or a bson Int32/Double/Long (from any bson copy) as a number; else undefined. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { _bsontype?: unknown; value?: unknown; toNumber?: unknown };
  if ((v._bsontype === 'Int32' || v._bsontype === 'Double') && typeof v.value === 'number') return v.value;
  if (v._bsontype === 'Long' && typeof v.toNumber === 'function') return (v.toNumber as () => number).call(value);
  return undefined;
}

function field(reply: Document, key: string): unknown {
  return Object.hasOwn(reply, key) ? reply[key] : undefined;
}

const CODE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Validates a saslStart or saslContinue reply. `ok: 0` → MongoAwsServerError ERR_AUTHENTICATION_FAILED with the
 * server's numeric `code` as `serverCode` and its `codeName` (when a plain identifier) as `remoteCode`; the
 * server's `errmsg` is not repeated. A missing or mistyped `ok`, `conversationId`, `payload` (BinData subtype 0
 * or bytes) or `done` (boolean) → ERR_INVALID_SASL_PAYLOAD.
 */
export function parseSaslReply(reply: unknown, step: 'saslStart' | 'saslContinue'): SaslReply {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) throw invalidReply(step, 'document');
  const doc = reply as Document;
  const ok = numericValue(field(doc, 'ok'));
  if (ok === undefined || Number.isNaN(ok)) throw invalidReply(step, 'ok');
  if (ok !== 1) {
    const code = numericValue(field(doc, 'code'));
    const codeName = field(doc, 'codeName');
    throw new MongoAwsServerError('ERR_AUTHENTICATION_FAILED', `MONGODB-AWS authentication failed: the server refused ${step}`, {
      ...(code !== undefined && Number.isInteger(code) ? { serverCode: code } : {}),
      ...(typeof codeName === 'string' && CODE_NAME.test(codeName) ? { remoteCode: codeName } : {}),
    });
  }
  const conversationId = field(doc, 'conversationId');
  if (numericValue(conversationId) === undefined || typeof conversationId === 'boolean') throw invalidReply(step, 'conversationId');
  const rawPayload = field(doc, 'payload');
  const payload = rawPayload instanceof Uint8Array ? rawPayload : binarySubtype0(rawPayload);
  if (payload === undefined) throw invalidReply(step, 'payload');
  const done = field(doc, 'done');
  if (done !== undefined && typeof done !== 'boolean') throw invalidReply(step, 'done');
  return { conversationId, payload, done: done === true };
}
