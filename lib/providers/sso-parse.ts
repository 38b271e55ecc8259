/** Pure parsers for IAM Identity Center: the cached token file and the GetRoleCredentials reply. */
import { MongoAwsCredentialsError } from '../errors.js';
import { Secret } from '../secret.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { ResolvedCredentials } from '../types.js';

export interface SsoToken {
  readonly accessToken: Secret;
  readonly expiresAt: Date;
}

/** `~/.aws/sso/cache/<sha1>.json` as written by `aws sso login` (extra fields such as refreshToken are ignored). */
export interface SsoTokenCacheWire {
  readonly accessToken: string;
  readonly expiresAt: string;
}

/** `GetRoleCredentials` reply: `expiration` is epoch milliseconds. */
export interface RoleCredentialsWire {
  readonly roleCredentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
    readonly expiration: number;
  };
}

function tokenError(message: string, field?: string): MongoAwsCredentialsError {
  return new MongoAwsCredentialsError('ERR_SSO_TOKEN', message, { source: 'sso', ...(field === undefined ? {} : { field }) });
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSsoTokenCacheWire(value: unknown): value is SsoTokenCacheWire {
  return isObject(value) && nonEmpty(value['accessToken']) && typeof value['expiresAt'] === 'string';
}

/** Old CLI versions wrote `…Z` as `…UTC`. */
function parseExpiresAt(value: string): Date | undefined {
  return parseRfc3339(value.endsWith('UTC') ? `${value.slice(0, -3)}Z` : value);
}

/** ERR_SSO_TOKEN when the file is not a token cache or the token has expired (run `aws sso login`). */
export function parseSsoTokenCache(text: string, now: number): SsoToken {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw tokenError('SSO token cache file is not valid JSON');
  }
  if (!isSsoTokenCacheWire(value)) {
    const field = isObject(value) && nonEmpty(value['accessToken']) ? 'expiresAt' : 'accessToken';
    throw tokenError(`SSO token cache file has no valid ${field}`, field);
  }
  const expiresAt = parseExpiresAt(value.expiresAt);
  if (expiresAt === undefined) throw tokenError('SSO token cache field expiresAt is not an RFC 3339 timestamp', 'expiresAt');
  if (expiresAt.getTime() <= now) throw tokenError('SSO access token has expired; run "aws sso login" again', 'expiresAt');
  return { accessToken: new Secret(value.accessToken), expiresAt };
}

const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isRoleCredentialsWire(value: unknown): value is RoleCredentialsWire {
  if (!isObject(value) || !isObject(value['roleCredentials'])) return false;
  const c = value['roleCredentials'];
  const expiration = c['expiration'];
  return (
    nonEmpty(c['accessKeyId']) &&
    nonEmpty(c['secretAccessKey']) &&
    nonEmpty(c['sessionToken']) &&
    typeof expiration === 'number' &&
    Number.isInteger(expiration) &&
    expiration >= 0 &&
    expiration <= MAX_MS
  );
}

function responseError(message: string, field?: string): MongoAwsCredentialsError {
  return new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', message, { source: 'sso', ...(field === undefined ? {} : { field }) });
}

/** The reply to a 200 GetRoleCredentials call; `accountId` is the profile's sso_account_id. */
export function parseRoleCredentials(body: string, now: number, accountId: string): ResolvedCredentials {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw responseError('SSO GetRoleCredentials response is not valid JSON');
  }
  if (!isRoleCredentialsWire(value)) {
    const c = isObject(value) && isObject(value['roleCredentials']) ? value['roleCredentials'] : undefined;
    if (c === undefined) throw responseError('SSO GetRoleCredentials response has no roleCredentials object', 'roleCredentials');
    const field = (['accessKeyId', 'secretAccessKey', 'sessionToken'] as const).find((f) => !nonEmpty(c[f])) ?? 'expiration';
    throw responseError(`SSO GetRoleCredentials response field roleCredentials.${field} is missing or invalid`, `roleCredentials.${field}`);
  }
  const c = value.roleCredentials;
  const expiration = new Date(c.expiration);
  if (c.expiration <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', 'SSO GetRoleCredentials returned credentials that have already expired', {
      field: 'roleCredentials.expiration',
      source: 'sso',
    });
  }
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: new Secret(c.secretAccessKey),
    sessionToken: new Secret(c.sessionToken),
    expiration,
    accountId,
  };
}
