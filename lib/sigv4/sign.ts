/** AWS Signature Version 4 header signing: validates the input, runs the canonical stages, builds Authorization. */
import { Secret } from '../secret.js';
import type { ResolvedCredentials } from '../types.js';
import { canonicalHeaders, canonicalHeaderValue, canonicalQuery, canonicalUri, defaultCanonicalUri, type PathOptions } from './canonical.js';
import { check, checkHeaderValue, isObject, TOKEN } from './check.js';
import { ALGORITHM, formatAmzDate, sha256Hex, signatureHex, signingKey, stringToSign } from './crypto.js';
import { collectHeaders, type HeaderInput } from './header-set.js';
import { splitUrl } from './url.js';

export interface SignableRequest {
  readonly method: string;
  /** Absolute http(s) URL. In a string the path is signed exactly as written (not re-encoded by WHATWG first). */
  readonly url: string | URL;
  /** An array is a repeated header (signed joined with `,` in order). */
  readonly headers?: HeaderInput;
  /** Hashed as its exact bytes; a string as UTF-8. Absent = empty. */
  readonly body?: string | Uint8Array;
}

export interface SignOptions {
  readonly region: string;
  readonly service: string;
  /** Signing instant (default: now). X-Amz-Date and the scope date both come from it. */
  readonly date?: Date;
}

/**
 * @internal Variants for the vector suites only, never set for MONGODB-AWS or STS: aws-c-auth's
 * `normalize: false` (`normalizePath: false`), S3-style verbatim paths (`uriEscapePath: false`), and
 * `sign_body` (`applyChecksum: true`: add and sign `x-amz-content-sha256`). Only `signResolved` reads them.
 */
export interface SignVariantOptions extends SignOptions, PathOptions {
  readonly applyChecksum?: boolean;
}

export interface SignedRequest {
  /** Lower-case names: the caller's headers + `host` (when absent) + `x-amz-date` + `x-amz-security-token` (with a token) + `authorization`. */
  readonly headers: Record<string, string>;
  readonly authorization: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  /** X-Amz-Date, `YYYYMMDDTHHMMSSZ`. */
  readonly date: string;
}

// The access key id, region and service make up the Credential field of Authorization (`AKID/date/region/service/
// aws4_request`): printable ASCII without `/` and `,`, so that it cannot be misread, nor its header refused.
const CREDENTIAL_PART = /^[!-+\--.0-~]+$/;

/** A string (else ERR_INVALID_ARGUMENT) that matches `pattern` (else ERR_INVALID_SIGNING_INPUT). */
function checkText(value: unknown, field: string, pattern: RegExp): asserts value is string {
  check(typeof value === 'string', field);
  check(pattern.test(value), field, 1);
}

/**
 * The signer proper, on plain strings. The secret is used for the key derivation and nothing else. `uri` makes the
 * canonical URI and `addHeaders` may add headers to sign: the variants live in these callbacks, so that a bundle of
 * `signRequest` alone carries none of them.
 */
function sign(
  request: SignableRequest,
  accessKeyId: unknown,
  secret: string,
  token: string | null | undefined,
  options: SignOptions,
  uri: (path: string) => string,
  addHeaders?: (headers: Map<string, string[]>, payloadHash: string) => void,
): SignedRequest {
  check(isObject(request), 'request');
  const { method, body = '' } = request;
  const { date = new Date(), region, service } = options;
  checkText(method, 'method', TOKEN);
  const url = splitUrl(request.url);
  check(typeof body === 'string' || body instanceof Uint8Array, 'body');
  checkText(region, 'region', CREDENTIAL_PART);
  checkText(service, 'service', CREDENTIAL_PART);
  // A four-digit year keeps X-Amz-Date at 16 characters.
  // (toJSON: null for an invalid Date, `+010000-…` or `-000001-…` outside years 0-9999.)
  check(date instanceof Date && /^\d{4}-/.test(date.toJSON()), 'date');
  check(accessKeyId !== '', 'accessKeyId');
  checkText(accessKeyId, 'accessKeyId', CREDENTIAL_PART);

  const amzDate = formatAmzDate(date);
  const headers = collectHeaders(request.headers);
  if (!headers.has('host')) headers.set('host', [url.host]);
  // A caller's x-amz-date and authorization are replaced in place; without a token, its x-amz-security-token goes.
  headers.set('x-amz-date', [amzDate]);
  if (token) {
    checkHeaderValue('x-amz-security-token', token);
    headers.set('x-amz-security-token', [token]);
  } else headers.delete('x-amz-security-token');
  const payloadHash = sha256Hex(body);
  addHeaders?.(headers, payloadHash);

  const { canonical, signedHeaders } = canonicalHeaders(headers);
  // METHOD, URI, QUERY, header block (ending in its own newline), SIGNED, HASH.
  const canonicalRequest = [method, uri(url.path), canonicalQuery(url.query), canonical, signedHeaders, payloadHash].join('\n');
  // The scope date comes from the same instant as X-Amz-Date.
  const scope = `${amzDate.slice(0, 8)}/${region}/${service}/aws4_request`;
  const sts = stringToSign(amzDate, scope, canonicalRequest);
  const signature = signatureHex(signingKey(secret, scope), sts);
  const authorization = `${ALGORITHM} Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  headers.set('authorization', [authorization]);
  // Object.fromEntries defines own properties, so a header named __proto__ stays a header.
  return {
    // The value to send: a single value as given, repeats canonicalised and joined with `,` as signed.
    headers: Object.fromEntries([...headers].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values.map(canonicalHeaderValue).join(',')])),
    authorization,
    signedHeaders,
    canonicalRequest,
    stringToSign: sts,
    signature,
    date: amzDate,
  };
}

/**
 * Signs with secret-wrapped credentials (the library's internal shape). Synchronous; nothing is cached.
 * A non-empty session token is added as `x-amz-security-token` before signing and signed.
 */
export function signResolved(request: SignableRequest, credentials: ResolvedCredentials, options: SignVariantOptions): SignedRequest {
  check(isObject(credentials), 'credentials');
  const { secretAccessKey, sessionToken } = credentials;
  check(secretAccessKey instanceof Secret && secretAccessKey.length > 0, 'secretAccessKey');
  check(sessionToken === undefined || sessionToken instanceof Secret, 'sessionToken');
  check(isObject(options), 'options');
  return sign(request, credentials.accessKeyId, secretAccessKey.reveal(), sessionToken?.reveal(), options, (path) => canonicalUri(path, options), (headers, payloadHash) => {
    if (options.applyChecksum) headers.set('x-amz-content-sha256', [payloadHash]);
  });
}

/**
 * Signs an HTTP request with AWS Signature Version 4 (Authorization header). Synchronous, node:crypto only,
 * nothing cached. An empty `sessionToken` counts as none. Throws MongoAwsError (ERR_INVALID_ARGUMENT,
 * ERR_INVALID_SIGNING_INPUT, ERR_UNSAFE_HEADER) whose messages never contain credentials, headers or bodies.
 */
export function signRequest(
  request: SignableRequest,
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string },
  options: SignOptions,
): SignedRequest {
  check(isObject(credentials), 'credentials');
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  check(typeof secretAccessKey === 'string' && secretAccessKey, 'secretAccessKey');
  check(typeof (sessionToken ?? '') === 'string', 'sessionToken');
  check(isObject(options), 'options');
  // No variants: they are not part of this API.
  return sign(request, accessKeyId, secretAccessKey, sessionToken, options, defaultCanonicalUri);
}
