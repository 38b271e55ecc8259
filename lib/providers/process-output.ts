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

/**
 * Validates the output of a credential_process against the wire shape, field by field in that order. Errors name
 * the field, never quote the output (it holds secrets), and never carry the JSON.parse error. `fallbackAccountId`
 * is the profile's aws_account_id.
 */
export function parseProcessOutput(stdout: string, now: number, fallbackAccountId?: string): ResolvedCredentials {
  const invalid = (field?: string): MongoAwsCredentialsError =>
    new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `credential_process output ${field ?? 'JSON'} is invalid`, { field: field as string, source: 'process' });
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  const v = value as Record<keyof ProcessOutputWire, unknown>;
  if (v.Version !== 1) throw invalid('Version');
  for (const field of ['AccessKeyId', 'SecretAccessKey'] as const) if (typeof v[field] !== 'string' || v[field] === '') throw invalid(field);
  for (const field of ['SessionToken', 'Expiration', 'AccountId'] as const) if (v[field] != null && typeof v[field] !== 'string') throw invalid(field);
  const wire = v as ProcessOutputWire;
  const expiration = wire.Expiration ? parseRfc3339(wire.Expiration) : undefined;
  if (wire.Expiration && expiration === undefined) throw invalid('Expiration');
  if (expiration !== undefined && expiration.getTime() <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', 'credential_process output Expiration has passed', { field: 'Expiration', source: 'process' });
  }
  const accountId = wire.AccountId || fallbackAccountId;
  return {
    accessKeyId: wire.AccessKeyId,
    secretAccessKey: new Secret(wire.SecretAccessKey),
    ...(wire.SessionToken ? { sessionToken: new Secret(wire.SessionToken) } : {}),
    ...(expiration === undefined ? {} : { expiration }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}
