/** Pure parsers for IAM Identity Center: the cached token file and the GetRoleCredentials reply. */
import { MongoAwsCredentialsError, type MongoAwsErrorCode } from '../errors.js';
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

export const LOGIN_HINT = '; run "aws sso login"';

type Fail = (field?: string, problem?: string) => MongoAwsCredentialsError;

/**
 * The guard both parsers share: `text` parsed as JSON, then `path` walked through nested objects. Returns the object
 * reached, or an empty one when a step is not an object (the caller then names the first field it lacks). Never
 * quotes the text, never keeps the JSON.parse error.
 */
function jsonObject(text: string, fail: Fail, ...path: string[]): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail();
  }
  for (const key of ['', ...path]) {
    if (key !== '') value = (value as Record<string, unknown>)[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  }
  return value as Record<string, unknown>;
}

function failure(code: MongoAwsErrorCode, what: string): Fail {
  return (field, problem = 'is invalid') => new MongoAwsCredentialsError(code, `${what} ${field ?? 'JSON'} ${problem}`, { field: field as string, source: 'sso' });
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** ERR_SSO_TOKEN when the file is not a token cache or the token has expired (run `aws sso login`). */
export function parseSsoTokenCache(text: string, now: number): SsoToken {
  const fail = failure('ERR_SSO_TOKEN', 'SSO token cache');
  const { accessToken, expiresAt } = (jsonObject(text, fail) ?? {}) as Partial<Record<keyof SsoTokenCacheWire, unknown>>;
  if (!nonEmpty(accessToken)) throw fail('accessToken');
  // Old CLI versions wrote `…Z` as `…UTC`.
  const expiry = typeof expiresAt === 'string' ? parseRfc3339(expiresAt.replace(/UTC$/, 'Z')) : undefined;
  if (expiry === undefined) throw fail('expiresAt');
  if (expiry.getTime() <= now) throw fail('expiresAt', `says the token has expired${LOGIN_HINT}`);
  return { accessToken: new Secret(accessToken), expiresAt: expiry };
}

/** The reply to a 200 GetRoleCredentials call; `accountId` is the profile's sso_account_id. */
export function parseRoleCredentials(body: string, now: number, accountId: string): ResolvedCredentials {
  const fail = failure('ERR_INVALID_CREDENTIALS_RESPONSE', 'SSO GetRoleCredentials response');
  const c = jsonObject(body, fail, 'roleCredentials');
  if (c === undefined) throw fail('roleCredentials');
  for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken']) if (!nonEmpty(c[key])) throw fail(`roleCredentials.${key}`);
  const wire = c as RoleCredentialsWire['roleCredentials'];
  const expiration = wire.expiration;
  // Integer epoch milliseconds up to the end of year 9999.
  if (!Number.isInteger(expiration) || expiration < 0 || expiration > 253_402_300_799_999) throw fail('roleCredentials.expiration');
  if (expiration <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', 'SSO roleCredentials.expiration has passed', { field: 'roleCredentials.expiration', source: 'sso' });
  }
  return {
    accessKeyId: wire.accessKeyId,
    secretAccessKey: new Secret(wire.secretAccessKey),
    sessionToken: new Secret(wire.sessionToken),
    expiration: new Date(expiration),
    accountId,
  };
}
