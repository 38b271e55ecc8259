/** Server-side SigV4 header verification as AWS does it: parse Authorization, check scope, key, token and clock, recompute, compare. */
import { signRequest } from '../sigv4/sign.js';
import { constantTimeEqual } from './ids.js';
import type { EmulatedIdentity, IdentityRegistry } from './registry.js';

/** A request as the verifier sees it; `path` may carry a query string, header names in any case. */
export interface SignedHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface VerifyFailure {
  readonly ok: false;
  readonly status: number;
  /** AWS error code: MissingAuthenticationToken, IncompleteSignature, InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch… */
  readonly code: string;
  readonly message: string;
}

export interface VerifySuccess {
  readonly ok: true;
  readonly identity: EmulatedIdentity;
  readonly region: string;
}

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export interface VerifyOptions {
  readonly service: string;
  /** Lower-case header names that must be present and signed (e.g. MONGODB-AWS's x-mongodb-server-nonce). */
  readonly requiredHeaders?: readonly string[];
}

/** AWS refuses a request whose X-Amz-Date is more than 15 minutes from its clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

const PREFIX = 'AWS4-HMAC-SHA256 ';

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  if (!value.startsWith(PREFIX)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(PREFIX.length).split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    if (eq < 0 || fields.has(key)) return undefined;
    fields.set(key, part.slice(eq + 1).trim());
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  const signedHeaders = fields.get('SignedHeaders') ?? '';
  const signature = fields.get('Signature') ?? '';
  if (fields.size !== 3 || scope.length !== 5 || scope[4] !== 'aws4_request') return undefined;
  const [accessKeyId, scopeDate, region, service] = scope as [string, string, string, string];
  if (accessKeyId === '' || !/^\d{8}$/.test(scopeDate) || region === '' || service === '') return undefined;
  if (!/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(signedHeaders) || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return { accessKeyId, scopeDate, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** `YYYYMMDDTHHMMSSZ` → Date, or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  // Round trip: refuses 20250230 (which Date would roll over to March 2).
  return Number.isNaN(date.getTime()) || formatAmzDate(date) !== value ? undefined : date;
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Checks one SigV4-signed request against the registry, in the order real AWS endpoints do. */
export function verifySigV4(registry: IdentityRegistry, request: SignedHttpRequest, now: Date, options: VerifyOptions): VerifySuccess | VerifyFailure {
  const headers = lowerCaseHeaders(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === undefined) return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const auth = parseAuthorization(authorization);
  if (auth === undefined) {
    return fail(400, 'IncompleteSignature', "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters in the AWS4-HMAC-SHA256 format.");
  }
  const amzDate = headers.get('x-amz-date');
  const date = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || date === undefined) {
    return fail(400, 'IncompleteSignature', "Authorization header requires existence of a valid 'X-Amz-Date' header.");
  }
  if (auth.service !== options.service) return mismatch(`Credential should be scoped to correct service: '${options.service}'.`);
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    return mismatch(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  const signed = new Set(auth.signedHeaders);
  if (!signed.has('host')) return mismatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  for (const name of ['x-amz-date', ...(options.requiredHeaders ?? [])]) {
    if (!signed.has(name.toLowerCase())) return mismatch(`'${name.toLowerCase()}' must be a 'SignedHeader' in the AWS Authorization.`);
  }
  for (const name of auth.signedHeaders) {
    if (!headers.has(name)) return mismatch(`Signed header '${name}' is missing from the request.`);
  }

  const identity = registry.lookup(auth.accessKeyId);
  if (identity === undefined) return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  const token = headers.get('x-amz-security-token');
  if (identity.kind === 'temporary') {
    if (token === undefined || !constantTimeEqual(token, identity.sessionToken as string)) {
      return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    if ((identity.expiration as Date).getTime() <= now.getTime()) {
      return fail(403, 'ExpiredToken', 'The security token included in the request is expired');
    }
  } else if (token !== undefined) {
    return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  }

  const skew = date.getTime() - now.getTime();
  if (skew < -MAX_SKEW_MS) {
    return mismatch(`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${formatAmzDate(now)} - 15 min.)`);
  }
  if (skew > MAX_SKEW_MS) {
    return mismatch(`Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${formatAmzDate(now)} + 15 min.)`);
  }

  const signedOnly: Record<string, string> = {};
  for (const name of auth.signedHeaders) signedOnly[name] = headers.get(name) as string;
  const signature = recompute(request, signedOnly, identity, signed.has('x-amz-security-token'), auth, date);
  if (signature === undefined || !constantTimeEqual(signature, auth.signature)) {
    return mismatch('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return { ok: true, identity, region: auth.region };
}

/** The signature our signer computes over the signed headers only; undefined when the input cannot be signed at all. */
function recompute(
  request: SignedHttpRequest,
  headers: Record<string, string>,
  identity: EmulatedIdentity,
  tokenSigned: boolean,
  auth: ParsedAuthorization,
  date: Date,
): string | undefined {
  const credentials =
    tokenSigned && identity.sessionToken !== undefined
      ? { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey, sessionToken: identity.sessionToken }
      : { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey };
  const url = `http://localhost${request.path.startsWith('/') ? '' : '/'}${request.path}`;
  try {
    return signRequest({ method: request.method, url, headers, body: request.body }, credentials, { region: auth.region, service: auth.service, date }).signature;
  } catch {
    // Unsignable input (control characters, a header name our signer refuses): it cannot match.
    return undefined;
  }
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) out.set(name.toLowerCase(), value);
  return out;
}

function fail(status: number, code: string, message: string): VerifyFailure {
  return { ok: false, status, code, message };
}

function mismatch(message: string): VerifyFailure {
  return fail(403, 'SignatureDoesNotMatch', message);
}
