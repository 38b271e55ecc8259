/** Pure parser for the JSON that ECS/EKS container endpoints and EC2 IMDS return: PascalCase wire shape → ResolvedCredentials. */
import { MongoAwsCredentialsError, type MongoAwsErrorCode } from '../errors.js';
import { Secret } from '../secret.js';
import { safeExcerpt, safeRemoteCode } from '../sts/remote-error.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { ResolvedCredentials } from '../types.js';

/** What both endpoints send on success (IMDS adds `Code`, `Type`, `LastUpdated`; containers may add `RoleArn`, `AccountId`). */
export interface TemporaryCredentialsWire {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
  readonly Expiration: string;
  readonly AccountId?: string | null;
  readonly Code?: 'Success';
}

export type TemporaryCredentialsSource = 'container' | 'instance-metadata';

/** The first field that breaks the wire shape, checked in this order; `undefined` when there is none. */
function badField(value: Record<string, unknown>): string | undefined {
  return ['Code', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'AccountId'].find((field) => {
    const v = value[field];
    return field === 'Code' ? v !== undefined && v !== 'Success' : field === 'AccountId' ? v != null && typeof v !== 'string' : typeof v !== 'string' || v === '';
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isTemporaryCredentialsWire(value: unknown): value is TemporaryCredentialsWire {
  return isObject(value) && badField(value) === undefined;
}

/**
 * Parses a 200 response body. Throws ERR_INVALID_CREDENTIALS_RESPONSE (naming the field, never quoting the body)
 * and ERR_CREDENTIALS_EXPIRED when `Expiration` is not after `now`.
 */
export function parseTemporaryCredentials(body: string, source: TemporaryCredentialsSource, now: number): ResolvedCredentials {
  const fail = (field: string, code: MongoAwsErrorCode = 'ERR_INVALID_CREDENTIALS_RESPONSE', remoteCode?: string): MongoAwsCredentialsError =>
    new MongoAwsCredentialsError(code, `${source} response: ${field} is ${code === 'ERR_CREDENTIALS_EXPIRED' ? 'past' : 'invalid'}`, {
      source,
      ...(field !== 'JSON' && { field }),
      ...(remoteCode && { remoteCode }),
    });
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    // The parse error quotes the input, which holds secrets: never attach it.
  }
  if (!isObject(value)) throw fail('JSON');
  const field = badField(value);
  if (field !== undefined) throw fail(field, undefined, field === 'Code' ? safeRemoteCode(value['Code']) : undefined);
  const wire = value as unknown as TemporaryCredentialsWire;
  const expiration = parseRfc3339(wire.Expiration);
  if (!expiration) throw fail('Expiration');
  if (expiration.getTime() <= now) throw fail('Expiration', 'ERR_CREDENTIALS_EXPIRED');
  const accountId = wire.AccountId;
  return {
    accessKeyId: wire.AccessKeyId,
    secretAccessKey: new Secret(wire.SecretAccessKey),
    sessionToken: new Secret(wire.Token),
    expiration,
    ...(accountId && /^\d{12}$/.test(accountId) && { accountId }),
  };
}

/** `{Code, Message}` from a container endpoint's error body, made safe; empty when the body is not such JSON. */
export function parseRemoteErrorBody(body: string): { code?: string; message?: string } {
  let value: Record<string, unknown> | undefined;
  try {
    value = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
  // `value?.X` is undefined for null, strings and numbers alike.
  const code = safeRemoteCode(value?.['Code'] ?? value?.['code']);
  const message = safeExcerpt(value?.['Message'] ?? value?.['message']);
  return { ...(code && { code }), ...(message && { message }) };
}
