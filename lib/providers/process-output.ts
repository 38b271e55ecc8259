/** Pure parser for credential_process stdout: `{Version: 1, AccessKeyId, SecretAccessKey, …}` → ResolvedCredentials. */
import { MongoAwsCredentialsError } from '../errors.js';
import { Secret } from '../secret.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { ResolvedCredentials } from '../types.js';

/** The documented wire shape (AWS SDKs and Tools Reference Guide, "Sourcing credentials with an external process"). */
export interface ProcessOutputWire {
  readonly Version: 1;
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string | null;
  readonly Expiration?: string | null;
  readonly AccountId?: string | null;
}

function invalid(message: string, field?: string): MongoAwsCredentialsError {
  return new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', message, { source: 'process', ...(field === undefined ? {} : { field }) });
}

function optionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

export function isProcessOutputWire(value: unknown): value is ProcessOutputWire {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    v['Version'] === 1 &&
    typeof v['AccessKeyId'] === 'string' &&
    v['AccessKeyId'] !== '' &&
    typeof v['SecretAccessKey'] === 'string' &&
    v['SecretAccessKey'] !== '' &&
    optionalString(v['SessionToken']) &&
    optionalString(v['Expiration']) &&
    optionalString(v['AccountId'])
  );
}

/** The first rule a non-conforming output breaks, as an error naming the field. */
function problemWith(value: unknown): MongoAwsCredentialsError {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('credential_process output is not a JSON object');
  const v = value as Record<string, unknown>;
  if (v['Version'] !== 1) return invalid('credential_process output field Version must be the number 1', 'Version');
  for (const field of ['AccessKeyId', 'SecretAccessKey'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') return invalid(`credential_process output field ${field} is missing or not a non-empty string`, field);
  }
  const field = (['SessionToken', 'Expiration'] as const).find((f) => !optionalString(v[f])) ?? 'AccountId';
  return invalid(`credential_process output field ${field} must be a string`, field);
}

/**
 * Validates the output of a credential_process. Errors name the field, never quote the output (it holds secrets),
 * and never carry the JSON.parse error. `fallbackAccountId` is the profile's aws_account_id.
 */
export function parseProcessOutput(stdout: string, now: number, fallbackAccountId?: string): ResolvedCredentials {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    throw invalid('credential_process output is not valid JSON');
  }
  if (!isProcessOutputWire(value)) throw problemWith(value);
  const v = value;
  let expiration: Date | undefined;
  if (typeof v.Expiration === 'string' && v.Expiration !== '') {
    expiration = parseRfc3339(v.Expiration);
    if (expiration === undefined) throw invalid('credential_process output field Expiration is not an RFC 3339 timestamp', 'Expiration');
    if (expiration.getTime() <= now) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', 'credential_process returned credentials that have already expired', {
        field: 'Expiration',
        source: 'process',
      });
    }
  }
  const token = typeof v.SessionToken === 'string' && v.SessionToken !== '' ? v.SessionToken : undefined;
  const accountId = typeof v.AccountId === 'string' && v.AccountId !== '' ? v.AccountId : fallbackAccountId;
  return {
    accessKeyId: v.AccessKeyId,
    secretAccessKey: new Secret(v.SecretAccessKey),
    ...(token === undefined ? {} : { sessionToken: new Secret(token) }),
    ...(expiration === undefined ? {} : { expiration }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}
