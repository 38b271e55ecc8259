/** Pure parser for the JSON that ECS/EKS container endpoints and EC2 IMDS return: PascalCase wire shape → ResolvedCredentials. */
import { MongoAwsCredentialsError } from '../errors.js';
import { Secret } from '../secret.js';
import { safeExcerpt, safeRemoteCode } from '../sts/remote-error.js';
import { parseRfc3339 } from '../sts/timestamp.js';
import type { ResolvedCredentials } from '../types.js';

/** What both endpoints send on success, `Expiration` in RFC 3339 (IMDS adds `Code`, `Type`, `LastUpdated`; containers may add `RoleArn`, `AccountId`). */
export interface TemporaryCredentialsWire {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
  readonly Expiration: string;
  readonly AccountId?: string | null;
  readonly Code?: 'Success';
}

export type TemporaryCredentialsSource = 'container' | 'instance-metadata';

/** The first field that breaks the wire shape, checked in this order; `undefined` when there is none (any JSON value). */
function badField(value: unknown): string | undefined {
  return ['Code', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'AccountId'].find((field) => {
    const v = (value as Record<string, unknown> | null | undefined)?.[field];
    return field === 'Code'
      ? v !== undefined && v !== 'Success'
      : field === 'AccountId'
        ? v != null && typeof v !== 'string'
        : typeof v !== 'string' || v === '' || (field === 'Expiration' && !parseRfc3339(v));
  });
}

/** A success document: the four credential fields non-empty strings, `Expiration` RFC 3339. */
export function isTemporaryCredentialsWire(value: unknown): value is TemporaryCredentialsWire {
  return !badField(value);
}

/** `undefined` when `body` is not JSON. The parse error quotes the input, which holds secrets: it is never kept. */
function json(body: string): Record<string, unknown> | null | undefined {
  try {
    return JSON.parse(body) as Record<string, unknown> | null;
  } catch {
    return undefined;
  }
}

/**
 * Parses a 200 response body. Throws ERR_INVALID_CREDENTIALS_RESPONSE (naming the field, never quoting the body)
 * and ERR_CREDENTIALS_EXPIRED when `Expiration` is not after `now`.
 */
export function parseTemporaryCredentials(body: string, source: TemporaryCredentialsSource, now: number): ResolvedCredentials {
  const value = json(body);
  // Not JSON: no field. Not an object (null, a string, an array…): AccessKeyId is missing.
  const field = value === undefined ? '' : badField(value);
  if (field !== undefined) {
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `${source} response: ${field || 'JSON'} is invalid`, {
      source,
      ...(field && { field }),
      // An unsafe code is undefined, and the error drops undefined details.
      ...(field === 'Code' && { remoteCode: safeRemoteCode(value?.['Code']) as string }),
    });
  }
  const wire = value as unknown as TemporaryCredentialsWire;
  const expiration = parseRfc3339(wire.Expiration) as Date;
  if (expiration.getTime() <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', `${source} credentials have expired`, { field: 'Expiration', source });
  }
  const accountId = wire.AccountId as string; // null and undefined fail the test below
  return {
    accessKeyId: wire.AccessKeyId,
    secretAccessKey: new Secret(wire.SecretAccessKey),
    sessionToken: new Secret(wire.Token),
    expiration,
    ...(/^\d{12}$/.test(accountId) && { accountId }),
  };
}

/** `{Code, Message}` from a container endpoint's error body, made safe; empty when the body is not such JSON. */
export function parseRemoteErrorBody(body: string): { code?: string; message?: string } {
  const value = json(body);
  // `value?.X` is undefined for null, strings and numbers alike.
  const code = safeRemoteCode(value?.['Code'] ?? value?.['code']);
  const message = safeExcerpt(value?.['Message'] ?? value?.['message']);
  return { ...(code && { code }), ...(message && { message }) };
}
