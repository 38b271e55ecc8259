/** Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read on every call, never cached. */
import { MongoAwsConfigError, MongoAwsCredentialsError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import { runtimeFrom, type Runtime, type RuntimeInit } from '../runtime.js';
import { Secret } from '../secret.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';

/** Options of `fromEnv` (none yet besides the test hook; the shape of `@aws-sdk/credential-providers`). */
export type FromEnvInit = RuntimeInit;

const KEY = 'AWS_ACCESS_KEY_ID';
const SECRET = 'AWS_SECRET_ACCESS_KEY';
const EXPIRATION = 'AWS_CREDENTIAL_EXPIRATION';

/**
 * `undefined` when neither key nor secret is set (empty or whitespace-only values count as unset).
 * ERR_PARTIAL_CREDENTIALS when only one of them is set (botocore: configured but broken stops the chain).
 * The session token is AWS_SESSION_TOKEN, else the legacy AWS_SECURITY_TOKEN.
 */
export async function resolveEnv(runtime: Runtime): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  // The value, or `undefined` when unset, empty or whitespace only. Values are used verbatim.
  const read = (name: string): string | undefined => (env[name]?.trim() ? env[name] : undefined);
  const accessKeyId = read(KEY);
  const secretAccessKey = read(SECRET);
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    const field = accessKeyId ? SECRET : KEY;
    throw new MongoAwsCredentialsError('ERR_PARTIAL_CREDENTIALS', `${field} is not set`, { field, source: 'env' });
  }
  const sessionToken = read('AWS_SESSION_TOKEN') ?? read('AWS_SECURITY_TOKEN');
  const expirationText = read(EXPIRATION);
  const expiration = expirationText ? parseRfc3339(expirationText.trim()) : null;
  if (expiration === undefined) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${EXPIRATION} is not an RFC 3339 timestamp`, { field: EXPIRATION, source: 'env' });
  }
  const accountId = read('AWS_ACCOUNT_ID')?.trim();
  return {
    accessKeyId,
    secretAccessKey: new Secret(secretAccessKey),
    ...(sessionToken && { sessionToken: new Secret(sessionToken) }),
    ...(expiration && { expiration }),
    ...(accountId && { accountId }),
  };
}

/** Provider reading the environment on every call; ERR_CREDENTIALS_NOT_FOUND when the variables are unset. */
export function fromEnv(init?: FromEnvInit): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveEnv(runtimeFrom(init));
    if (!credentials) throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', `${KEY} and ${SECRET} are not set`, { source: 'env' });
    return toIdentity(credentials);
  };
}
