/** Conversion between the public credential shape (plain strings) and the internal, secret-wrapped one. */
import { checkArgument } from '../errors.js';
import { Secret } from '../secret.js';
import type { AwsCredentialIdentity, ResolvedCredentials } from '../types.js';

/** Validates a public credential object (from a caller or a custom provider) and wraps its secrets. */
export function fromIdentity(value: unknown, field = 'credentials'): ResolvedCredentials {
  checkArgument(typeof value === 'object' && value, field);
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId } = value as Record<string, unknown>;
  const check: (ok: unknown, key: string) => asserts ok = (ok, key) => checkArgument(ok, `${field}.${key}`);
  check(typeof accessKeyId === 'string' && accessKeyId, 'accessKeyId');
  check(typeof secretAccessKey === 'string' && secretAccessKey, 'secretAccessKey');
  // null counts as absent.
  check(typeof (sessionToken ?? '') === 'string', 'sessionToken');
  check(expiration == null || (expiration instanceof Date && !Number.isNaN(+expiration)), 'expiration');
  return {
    accessKeyId,
    secretAccessKey: new Secret(secretAccessKey),
    ...(typeof sessionToken === 'string' && sessionToken && { sessionToken: new Secret(sessionToken) }),
    ...(expiration instanceof Date && { expiration }),
    ...(typeof accountId === 'string' && accountId && { accountId }),
  };
}

/** The public shape the MongoDB driver reads. The one place secrets become plain strings again. */
export function toIdentity({ accessKeyId, secretAccessKey, sessionToken, expiration, accountId }: ResolvedCredentials): AwsCredentialIdentity {
  return {
    accessKeyId,
    secretAccessKey: secretAccessKey.reveal(),
    ...(sessionToken && { sessionToken: sessionToken.reveal() }),
    ...(expiration && { expiration }),
    ...(accountId !== undefined && { accountId }),
  };
}
