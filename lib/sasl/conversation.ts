/** The MONGODB-AWS conversation steps: client-first with a fresh nonce, then client-final signed for the server's STS host. */
import { randomBytes } from 'node:crypto';
import { MongoAwsError, MongoAwsProtocolError } from '../errors.js';
import { signResolved } from '../sigv4/sign.js';
import type { ResolvedCredentials } from '../types.js';
import { CLIENT_NONCE_LENGTH, encodeClientFinal, encodeClientFirst, parseServerFirst } from './payloads.js';
import { deriveRegion } from './region.js';
import { buildStsRequest, serverNonceHeader, STS_SERVICE } from './sts-request.js';

/** Key of the test-only hooks on `authenticate`'s options. Not part of the supported API. */
export const SASL_TEST_HOOKS: unique symbol = Symbol.for('mongodb-aws-auth.sasl-test-hooks') as never;

export interface SaslTestHooks {
  /** Replaces the CSPRNG for the 32-byte client nonce. */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** Replaces the clock used for `X-Amz-Date`. */
  readonly now?: () => Date;
}

export interface ConversationOptions {
  /** @internal Test hooks: deterministic nonce and clock. */
  readonly [SASL_TEST_HOOKS]?: SaslTestHooks;
}

export interface ClientFirst {
  readonly clientNonce: Uint8Array;
  readonly payload: Uint8Array;
}

/** Client-first with 32 bytes from the CSPRNG (or the test hook). */
export function startConversation(options?: ConversationOptions): ClientFirst {
  const hook = options?.[SASL_TEST_HOOKS]?.randomBytes;
  const clientNonce = Uint8Array.from(hook === undefined ? randomBytes(CLIENT_NONCE_LENGTH) : hook(CLIENT_NONCE_LENGTH));
  return { clientNonce, payload: encodeClientFirst(clientNonce) };
}

/**
 * Validates server-first against the client nonce, signs the GetCallerIdentity request for its host and region,
 * and returns client-final `{ a, d[, t] }`. `d` is the exact `X-Amz-Date` the signer used.
 */
export function continueConversation(
  clientNonce: Uint8Array,
  serverPayload: Uint8Array,
  credentials: ResolvedCredentials,
  options?: ConversationOptions,
): Uint8Array {
  const { serverNonce, host } = parseServerFirst(serverPayload, clientNonce);
  const region = deriveRegion(host);
  const request = buildStsRequest(host, serverNonceHeader(serverNonce));
  const now = options?.[SASL_TEST_HOOKS]?.now;
  let signed;
  try {
    signed = signResolved(request, credentials, { region, service: STS_SERVICE, ...(now === undefined ? {} : { date: now() }) });
  } catch (error) {
    // `https://<h>/` did not parse as a URL: the host is at fault, not the caller.
    if (MongoAwsError.isMongoAwsError(error) && error.field === 'url') {
      throw new MongoAwsProtocolError('ERR_INVALID_STS_HOST', 'server payload field h is not a valid URL host', { field: 'h', cause: error });
    }
    throw error;
  }
  const token = credentials.sessionToken?.reveal();
  return encodeClientFinal({
    authorization: signed.authorization,
    date: signed.date,
    ...(token === undefined ? {} : { sessionToken: token }),
  });
}
