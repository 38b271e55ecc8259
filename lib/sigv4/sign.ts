/** AWS Signature Version 4 header signing: validates the input, runs the canonical stages, builds Authorization. */
import { MongoAwsConfigError, MongoAwsProtocolError } from '../errors.js';
import { assertSafeHeaderValue } from '../http/headers.js';
import { Secret } from '../secret.js';
import type { ResolvedCredentials } from '../types.js';
import { canonicalHeaders, canonicalQuery, canonicalUri, type PathOptions } from './canonical.js';
import { ALGORITHM, formatAmzDate, sha256Hex, signatureHex, signingKey, stringToSign } from './crypto.js';
import { collectHeaders, wireValue, type HeaderInput } from './header-set.js';
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

const TOKEN = /^[!#$%&'*+.^_`|~\w-]+$/;
// Printable ASCII without `/` and `,`, so the Credential field cannot be misread.
const ACCESS_KEY_ID = /^[!-+\--.0-~]+$/;

/** Wrong type or missing → ERR_INVALID_ARGUMENT; a value of the right type that cannot be signed → ERR_INVALID_SIGNING_INPUT. */
function fail(field: string, message: string, wrongType = true): never {
  throw wrongType
    ? new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} ${message}`, { field })
    : new MongoAwsProtocolError('ERR_INVALID_SIGNING_INPUT', `${field} ${message}`, { field });
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The signer proper, on plain strings. The secret is used for the key derivation and nothing else. */
function sign(request: SignableRequest, accessKeyId: unknown, secret: string, token: string | undefined, options: SignVariantOptions): SignedRequest {
  if (!isObject(request)) fail('request', 'must be an object');
  if (!isObject(options)) fail('options', 'must be an object');
  const { method, body = '' } = request;
  const { date = new Date() } = options;
  if (typeof method !== 'string') fail('method', 'must be a string');
  if (!TOKEN.test(method)) fail('method', 'must be an HTTP token', false);
  const url = splitUrl(request.url);
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) fail('body', 'must be a string or a Uint8Array');
  for (const field of ['region', 'service'] as const) {
    const value: unknown = options[field];
    if (typeof value !== 'string') fail(field, 'must be a string');
    // They go into the scope: no `/`, whitespace or controls.
    if (!/^[^\s/\0-\x1f\x7f]+$/.test(value)) fail(field, "must be non-empty, without '/' or whitespace", false);
  }
  // A four-digit year keeps X-Amz-Date at 16 characters.
  if (!(date instanceof Date && date.getUTCFullYear() >= 0 && date.getUTCFullYear() < 1e4)) fail('date', 'must be a valid Date with a four-digit year');
  if (typeof accessKeyId !== 'string' || accessKeyId === '') fail('accessKeyId', 'must be a non-empty string');
  if (!ACCESS_KEY_ID.test(accessKeyId)) fail('accessKeyId', 'must be printable ASCII without / or ,', false);

  const amzDate = formatAmzDate(date);
  const headers = collectHeaders(request.headers);
  if (!headers.has('host')) headers.set('host', [url.host]);
  headers.set('x-amz-date', [amzDate]);
  if (token) {
    assertSafeHeaderValue('x-amz-security-token', token);
    headers.set('x-amz-security-token', [token]);
  }
  const payloadHash = sha256Hex(body);
  if (options.applyChecksum) headers.set('x-amz-content-sha256', [payloadHash]);

  const { canonical, signedHeaders } = canonicalHeaders(headers);
  // METHOD, URI, QUERY, header block (ending in its own newline), SIGNED, HASH.
  const canonicalRequest = [method, canonicalUri(url.path, options), canonicalQuery(url.query), canonical, signedHeaders, payloadHash].join('\n');
  // The scope date comes from the same instant as X-Amz-Date.
  const scope = `${amzDate.slice(0, 8)}/${options.region}/${options.service}/aws4_request`;
  const sts = stringToSign(amzDate, scope, canonicalRequest);
  const signature = signatureHex(signingKey(secret, scope), sts);
  const authorization = `${ALGORITHM} Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  // Object.fromEntries defines own properties, so a header named __proto__ stays a header.
  const out: Record<string, string> = Object.fromEntries([...headers].map(([name, values]) => [name, wireValue(values)]));
  out['authorization'] = authorization;
  return { headers: out, authorization, signedHeaders, canonicalRequest, stringToSign: sts, signature, date: amzDate };
}

/**
 * Signs with secret-wrapped credentials (the library's internal shape). Synchronous; nothing is cached.
 * A non-empty session token is added as `x-amz-security-token` before signing and signed.
 */
export function signResolved(request: SignableRequest, credentials: ResolvedCredentials, options: SignVariantOptions): SignedRequest {
  if (!isObject(credentials)) fail('credentials', 'must be an object');
  const { secretAccessKey, sessionToken } = credentials;
  if (!(secretAccessKey instanceof Secret) || secretAccessKey.length === 0) fail('secretAccessKey', 'must be a non-empty Secret');
  if (sessionToken !== undefined && !(sessionToken instanceof Secret)) fail('sessionToken', 'must be a Secret');
  return sign(request, credentials.accessKeyId, secretAccessKey.reveal(), sessionToken?.reveal(), options);
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
  if (!isObject(credentials)) fail('credentials', 'must be an object');
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') fail('secretAccessKey', 'must be a non-empty string');
  if (sessionToken != null && typeof sessionToken !== 'string') fail('sessionToken', 'must be a string');
  if (!isObject(options)) fail('options', 'must be an object');
  // Only the public options: the internal variants are not part of this API.
  const { region, service, date } = options;
  return sign(request, accessKeyId, secretAccessKey, sessionToken ?? undefined, { region, service, date } as SignOptions);
}
