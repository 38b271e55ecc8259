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
export const TOKEN_CACHE = 'SSO token cache';
export const GET_ROLE_CREDENTIALS = 'SSO GetRoleCredentials';

type Fail = (field?: string, problem?: string, code?: MongoAwsErrorCode) => MongoAwsCredentialsError;

/** Errors of one parser: `WHAT FIELD PROBLEM`, source `sso`; the field is named, the text never quoted. */
export function failure(what: string, code: MongoAwsErrorCode): Fail {
  return (field, problem = 'is invalid', other = code) => new MongoAwsCredentialsError(other, `${what} ${field ?? 'JSON'} ${problem}`, { field: field as string, source: 'sso' });
}

/**
 * The guard both parsers share: `text` as JSON (the JSON.parse error is never kept: its message quotes the input),
 * the object under `key` when given, whose `strings` must be non-empty strings. Fails naming `key` when there is
 * no such object (else the first string), then the first string field that breaks the rule.
 */
function fields(text: string, fail: Fail, strings: string[], key?: string): Record<string, unknown> {
  const object = (value: unknown): value is Record<string, unknown> => value instanceof Object && !Array.isArray(value);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail();
  }
  if (key && object(value)) value = value[key];
  if (!object(value)) throw fail(key ?? strings[0]);
  for (const name of strings) if (typeof value[name] !== 'string' || !value[name]) throw fail(key ? `${key}.${name}` : name);
  return value;
}

/** ERR_SSO_TOKEN when the file is not a token cache or the token has expired (run `aws sso login`). */
export function parseSsoTokenCache(text: string, now: number): SsoToken {
  const fail = failure(TOKEN_CACHE, 'ERR_SSO_TOKEN');
  const { accessToken, expiresAt } = fields(text, fail, ['accessToken']);
  // Old CLI versions wrote `…Z` as `…UTC`.
  const expiry = typeof expiresAt === 'string' ? parseRfc3339(expiresAt.replace(/UTC$/, 'Z')) : undefined;
  if (!expiry) throw fail('expiresAt');
  if (expiry.getTime() <= now) throw fail('expiresAt', `has expired${LOGIN_HINT}`);
  return { accessToken: new Secret(accessToken as string), expiresAt: expiry };
}

/** The reply to a 200 GetRoleCredentials call; `accountId` is the profile's sso_account_id. */
export function parseRoleCredentials(body: string, now: number, accountId: string): ResolvedCredentials {
  const fail = failure(GET_ROLE_CREDENTIALS, 'ERR_INVALID_CREDENTIALS_RESPONSE');
  const wire = fields(body, fail, ['accessKeyId', 'secretAccessKey', 'sessionToken'], 'roleCredentials') as unknown as RoleCredentialsWire['roleCredentials'];
  const expiration = wire.expiration;
  // Integer epoch milliseconds up to the end of year 9999.
  if (!Number.isInteger(expiration) || expiration < 0 || expiration > 253_402_300_799_999) throw fail('roleCredentials.expiration');
  if (expiration <= now) throw fail('roleCredentials.expiration', 'has passed', 'ERR_CREDENTIALS_EXPIRED');
  return {
    accessKeyId: wire.accessKeyId,
    secretAccessKey: new Secret(wire.secretAccessKey),
    sessionToken: new Secret(wire.sessionToken),
    expiration: new Date(expiration),
    accountId,
  };
}
