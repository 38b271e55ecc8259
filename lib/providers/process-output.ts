/** Pure parser for credential_process stdout: `{Version: 1, AccessKeyId, SecretAccessKey, …}` → ResolvedCredentials. */
import { MongoAwsCredentialsError, type MongoAwsErrorCode } from '../errors.js';
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
  const fail = (field?: string, problem = 'is invalid', code: MongoAwsErrorCode = 'ERR_INVALID_CREDENTIALS_RESPONSE'): MongoAwsCredentialsError =>
    new MongoAwsCredentialsError(code, `credential_process output ${field ?? 'JSON'} ${problem}`, { field: field as string, source: 'process' });
  let v: Record<keyof ProcessOutputWire, unknown>;
  try {
    v = JSON.parse(stdout);
  } catch {
    throw fail();
  }
  if (!(v instanceof Object) || Array.isArray(v)) throw fail();
  if (v.Version !== 1) throw fail('Version');
  for (const field of ['AccessKeyId', 'SecretAccessKey'] as const) if (!v[field] || typeof v[field] !== 'string') throw fail(field);
  for (const field of ['SessionToken', 'Expiration', 'AccountId'] as const) if (v[field] != null && typeof v[field] !== 'string') throw fail(field);
  const wire = v as ProcessOutputWire;
  const expiration = wire.Expiration ? parseRfc3339(wire.Expiration) : undefined;
  if (wire.Expiration && !expiration) throw fail('Expiration');
  if (expiration && expiration.getTime() <= now) throw fail('Expiration', 'has passed', 'ERR_CREDENTIALS_EXPIRED');
  const accountId = wire.AccountId || fallbackAccountId;
  return {
    accessKeyId: wire.AccessKeyId,
    secretAccessKey: new Secret(wire.SecretAccessKey),
    ...(wire.SessionToken ? { sessionToken: new Secret(wire.SessionToken) } : {}),
    ...(expiration ? { expiration } : {}),
    ...(accountId ? { accountId } : {}),
  };
}
