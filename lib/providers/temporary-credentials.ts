/** Pure parser for the JSON that ECS/EKS container endpoints and EC2 IMDS return: PascalCase wire shape → ResolvedCredentials. */
import { MongoAwsCredentialsError } from '../errors.js';
import { Secret } from '../secret.js';
import { safeExcerpt, safeRemoteCode } from '../sts/remote-error.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { ResolvedCredentials } from '../types.js';

/** What both endpoints send (IMDS adds `Code`, `Type`, `LastUpdated`; containers may add `RoleArn`, `AccountId`). */
export interface TemporaryCredentialsWire {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
  readonly Expiration: string;
  readonly AccountId?: string | null;
  readonly Code?: string;
}

export type TemporaryCredentialsSource = 'container' | 'instance-metadata';

const ACCOUNT_ID = /^\d{12}$/;

export function isTemporaryCredentialsWire(value: unknown): value is TemporaryCredentialsWire {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    nonEmptyString(v['AccessKeyId']) &&
    nonEmptyString(v['SecretAccessKey']) &&
    nonEmptyString(v['Token']) &&
    typeof v['Expiration'] === 'string' &&
    (v['AccountId'] === undefined || v['AccountId'] === null || typeof v['AccountId'] === 'string') &&
    (v['Code'] === undefined || typeof v['Code'] === 'string')
  );
}

/**
 * Parses a 200 response body. Throws ERR_INVALID_CREDENTIALS_RESPONSE (naming the field, never quoting the body)
 * and ERR_CREDENTIALS_EXPIRED when `Expiration` is not after `now`.
 */
export function parseTemporaryCredentials(body: string, source: TemporaryCredentialsSource, now: number): ResolvedCredentials {
  const value = parseJsonObject(body, source);
  const code = value['Code'];
  if (code !== undefined && code !== 'Success') {
    const remoteCode = safeRemoteCode(code);
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${label(source)} reported Code other than Success`, {
      field: 'Code',
      source,
      ...(remoteCode === undefined ? {} : { remoteCode }),
    });
  }
  for (const field of ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'] as const) {
    if (!nonEmptyString(value[field])) {
      throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${label(source)} response field ${field} is missing or not a non-empty string`, { field, source });
    }
  }
  if (!isTemporaryCredentialsWire(value)) {
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${label(source)} response field AccountId is not a string`, { field: 'AccountId', source });
  }
  const expiration = parseRfc3339(value.Expiration);
  if (expiration === undefined) {
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${label(source)} response field Expiration is not an RFC 3339 timestamp`, { field: 'Expiration', source });
  }
  if (expiration.getTime() <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', `${label(source)} returned credentials that have already expired`, { field: 'Expiration', source });
  }
  const accountId = value.AccountId;
  return {
    accessKeyId: value.AccessKeyId,
    secretAccessKey: new Secret(value.SecretAccessKey),
    sessionToken: new Secret(value.Token),
    expiration,
    ...(typeof accountId === 'string' && ACCOUNT_ID.test(accountId) ? { accountId } : {}),
  };
}

/** `{Code, Message}` from a container endpoint's error body, made safe; empty when the body is not such JSON. */
export function parseRemoteErrorBody(body: string): { code?: string; message?: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const code = safeRemoteCode(v['Code'] ?? v['code']);
  const message = safeExcerpt(v['Message'] ?? v['message']);
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

function parseJsonObject(body: string, source: TemporaryCredentialsSource): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    // The parse error quotes the input, which holds secrets: never attach it.
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${label(source)} response is not valid JSON`, { source });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${label(source)} response is not a JSON object`, { source });
  }
  return value as Record<string, unknown>;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function label(source: TemporaryCredentialsSource): string {
  return source === 'container' ? 'container credentials endpoint' : 'instance metadata service';
}
