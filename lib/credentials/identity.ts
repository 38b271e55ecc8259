/** Conversion between the public credential shape (plain strings) and the internal, secret-wrapped one. */
import { MongoAwsConfigError } from '../errors.js';
import { Secret } from '../secret.js';
import type { AwsCredentialIdentity, ResolvedCredentials } from '../types.js';

/** Validates a public credential object (from a caller or a custom provider) and wraps its secrets. */
export function fromIdentity(value: unknown, field = 'credentials'): ResolvedCredentials {
  if (typeof value !== 'object' || value === null) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be an object`, { field });
  }
  const v = value as Record<string, unknown>;
  const accessKeyId = v['accessKeyId'];
  const secretAccessKey = v['secretAccessKey'];
  const sessionToken = v['sessionToken'];
  const expiration = v['expiration'];
  const accountId = v['accountId'];
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field}.accessKeyId must be a non-empty string`, { field: `${field}.accessKeyId` });
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field}.secretAccessKey must be a non-empty string`, { field: `${field}.secretAccessKey` });
  }
  if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== 'string') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field}.sessionToken must be a string`, { field: `${field}.sessionToken` });
  }
  if (expiration !== undefined && expiration !== null && !(expiration instanceof Date && !Number.isNaN(expiration.getTime()))) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field}.expiration must be a valid Date`, { field: `${field}.expiration` });
  }
  return {
    accessKeyId,
    secretAccessKey: new Secret(secretAccessKey),
    ...(typeof sessionToken === 'string' && sessionToken !== '' ? { sessionToken: new Secret(sessionToken) } : {}),
    ...(expiration instanceof Date ? { expiration } : {}),
    ...(typeof accountId === 'string' && accountId !== '' ? { accountId } : {}),
  };
}

/** The public shape the MongoDB driver reads. The one place secrets become plain strings again. */
export function toIdentity(credentials: ResolvedCredentials): AwsCredentialIdentity {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey.reveal(),
    ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken.reveal() }),
    ...(credentials.expiration === undefined ? {} : { expiration: credentials.expiration }),
    ...(credentials.accountId === undefined ? {} : { accountId: credentials.accountId }),
  };
}
