/** Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read on every call, never cached. */
import { MongoAwsConfigError, MongoAwsCredentialsError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import { runtimeFrom, type Env, type Runtime, type RuntimeInit } from '../runtime.js';
import { Secret } from '../secret.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';

/** Options of `fromEnv` (none yet besides the test hook; the shape of `@aws-sdk/credential-providers`). */
export type FromEnvInit = RuntimeInit;

/**
 * `undefined` when neither key nor secret is set (empty or whitespace-only values count as unset).
 * ERR_PARTIAL_CREDENTIALS when only one of them is set (botocore: configured but broken stops the chain).
 * The session token is AWS_SESSION_TOKEN, else the legacy AWS_SECURITY_TOKEN.
 */
export async function resolveEnv(runtime: Runtime): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  const accessKeyId = read(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = read(env, 'AWS_SECRET_ACCESS_KEY');
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    const present = accessKeyId === undefined ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    throw new MongoAwsCredentialsError('ERR_PARTIAL_CREDENTIALS', `${present} is set but ${missing} is not`, { field: missing, source: 'env' });
  }
  const sessionToken = read(env, 'AWS_SESSION_TOKEN') ?? read(env, 'AWS_SECURITY_TOKEN');
  const expirationText = read(env, 'AWS_CREDENTIAL_EXPIRATION');
  let expiration: Date | undefined;
  if (expirationText !== undefined) {
    expiration = parseRfc3339(expirationText.trim());
    if (expiration === undefined) {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 / RFC 3339 timestamp', {
        field: 'AWS_CREDENTIAL_EXPIRATION',
        source: 'env',
      });
    }
  }
  const accountId = read(env, 'AWS_ACCOUNT_ID')?.trim();
  return {
    accessKeyId,
    secretAccessKey: new Secret(secretAccessKey),
    ...(sessionToken === undefined ? {} : { sessionToken: new Secret(sessionToken) }),
    ...(expiration === undefined ? {} : { expiration }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/** Provider reading the environment on every call; ERR_CREDENTIALS_NOT_FOUND when the variables are unset. */
export function fromEnv(init?: FromEnvInit): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveEnv(runtimeFrom(init));
    if (credentials === undefined) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set', { source: 'env' });
    }
    return toIdentity(credentials);
  };
}

/** The variable's value, or `undefined` when unset, empty or whitespace only. Values are used verbatim. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}
