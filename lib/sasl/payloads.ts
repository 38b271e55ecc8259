/** BSON encoding of the MONGODB-AWS SASL payloads (auth spec field table) and validation of server-first. */
import { BSON, Binary, Int32, type Document } from 'bson';
import { timingSafeEqual } from 'node:crypto';
import { MongoAwsProtocolError } from '../errors.js';
import { validateStsHost } from './region.js';

export const CLIENT_NONCE_LENGTH = 32;
export const SERVER_NONCE_LENGTH = 64;
/** `p`: the gs2-cb-flag `n` (no channel binding), always sent as int32. */
export const GS2_CB_FLAG = 110;
/** Upper bound on a server payload; the spec's server-first is about 100 bytes. Bounds BSON nesting too. */
export const MAX_SERVER_PAYLOAD_BYTES = 16 * 1024;

export interface ServerFirst {
  /** `s`: the full 64-byte server nonce (client nonce followed by 32 server bytes). */
  readonly serverNonce: Uint8Array;
  /** `h`: the validated STS host. */
  readonly host: string;
}

export interface ClientFinalInput {
  /** The SigV4 `Authorization` header value. */
  readonly authorization: string;
  /** The `X-Amz-Date` value that was signed. */
  readonly date: string;
  /** Session token of temporary credentials; omitted entirely for permanent ones. */
  readonly sessionToken?: string;
}

function invalidPayload(message: string, field = 'payload'): MongoAwsProtocolError {
  return new MongoAwsProtocolError('ERR_INVALID_SASL_PAYLOAD', message, { field });
}

/** Bytes of a BSON Binary of subtype 0, or undefined for anything else (also works across two bson copies). */
export function binarySubtype0(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { _bsontype?: unknown; sub_type?: unknown; buffer?: unknown; position?: unknown };
  if (v._bsontype !== 'Binary' || v.sub_type !== Binary.SUBTYPE_DEFAULT) return undefined;
  if (!(v.buffer instanceof Uint8Array) || typeof v.position !== 'number') return undefined;
  return v.buffer.subarray(0, v.position);
}

/** Decodes a payload that must be exactly one BSON document. Any decoding failure is ERR_INVALID_SASL_PAYLOAD. */
export function decodePayload(bytes: Uint8Array, maxBytes = MAX_SERVER_PAYLOAD_BYTES): Document {
  if (!(bytes instanceof Uint8Array)) throw invalidPayload('SASL payload must be binary data');
  if (bytes.length > maxBytes) throw invalidPayload('SASL payload is too large');
  try {
    // promoteValues: false keeps int32/double/binary as typed objects so callers can check BSON types.
    return BSON.deserialize(bytes, { promoteValues: false, promoteBuffers: false, validation: { utf8: true } });
  } catch {
    // No cause: a decoding error may describe the payload; the payload is not ours to repeat.
    throw invalidPayload('SASL payload is not a valid BSON document');
  }
}

/** Client-first: `{ r: BinData(0, nonce), p: int32 110 }`. */
export function encodeClientFirst(clientNonce: Uint8Array): Uint8Array {
  if (clientNonce.length !== CLIENT_NONCE_LENGTH) {
    throw new MongoAwsProtocolError('ERR_INVALID_SIGNING_INPUT', 'client nonce must be 32 bytes', { field: 'r' });
  }
  return BSON.serialize({ r: new Binary(clientNonce, Binary.SUBTYPE_DEFAULT), p: new Int32(GS2_CB_FLAG) });
}

/**
 * Validates server-first: `s` a BinData subtype 0 of exactly 64 bytes whose first 32 equal the client nonce
 * (ERR_INVALID_SERVER_NONCE, one fixed message), `h` a valid STS host (ERR_INVALID_STS_HOST).
 * Fields other than `s` and `h` are ignored, as the current spec (silent since SPEC-1646) and the Node and
 * Python drivers do; they carry nothing we act on.
 */
export function parseServerFirst(payload: Uint8Array, clientNonce: Uint8Array): ServerFirst {
  const doc = decodePayload(payload);
  const s = binarySubtype0(Object.hasOwn(doc, 's') ? doc['s'] : undefined);
  if (
    s === undefined ||
    s.length !== SERVER_NONCE_LENGTH ||
    clientNonce.length !== CLIENT_NONCE_LENGTH ||
    !timingSafeEqual(s.subarray(0, CLIENT_NONCE_LENGTH), clientNonce)
  ) {
    throw new MongoAwsProtocolError('ERR_INVALID_SERVER_NONCE', 'server nonce is invalid', { field: 's' });
  }
  const h: unknown = Object.hasOwn(doc, 'h') ? doc['h'] : undefined;
  validateStsHost(h);
  return { serverNonce: Uint8Array.from(s), host: h };
}

/** Client-final: `{ a: string, d: string[, t: string] }`; `t` is absent (not empty, not null) without a token. */
export function encodeClientFinal(input: ClientFinalInput): Uint8Array {
  const doc: Record<string, string> = { a: input.authorization, d: input.date };
  if (input.sessionToken !== undefined) doc['t'] = input.sessionToken;
  return BSON.serialize(doc);
}
