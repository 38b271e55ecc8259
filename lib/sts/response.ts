/** Pure parsing of STS AssumeRole / AssumeRoleWithWebIdentity replies (XML, or JSON when the content type says so). */
import { MongoAwsCredentialsError } from '../errors.js';
import { Secret } from '../secret.js';
import type { ResolvedCredentials } from '../types.js';
import { describeRemote, safeExcerpt, safeRemoteCode } from './remote-error.js';
import { parseEpochSeconds, parseRfc3339 } from './timestamp.js';
import { extractXmlLeaves } from './xml.js';

export type StsAction = 'AssumeRole' | 'AssumeRoleWithWebIdentity';

export interface StsReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Codes worth another attempt (besides HTTP 5xx): throttling and the identity provider being unreachable. */
export const RETRYABLE_STS_CODES: ReadonlySet<string> = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'IDPCommunicationError']);

interface CredentialFields {
  readonly AccessKeyId: unknown;
  readonly SecretAccessKey: unknown;
  readonly SessionToken: unknown;
  readonly Expiration: unknown;
  readonly Arn: unknown;
}

/** Credentials from a 200 reply; ERR_STS_ERROR (with `remoteCode`) for an error reply; ERR_INVALID_CREDENTIALS_RESPONSE for anything malformed. */
export function parseStsReply(action: StsAction, reply: StsReply, now: number): ResolvedCredentials {
  if (reply.status !== 200) throw stsError(action, reply);
  const fields = isJson(reply) ? jsonFields(action, reply.body) : xmlFields(action, reply.body);
  return toCredentials(action, fields, now);
}

/** The error an unsuccessful reply stands for. Never includes the body beyond a bounded excerpt of the AWS message. */
export function stsError(action: StsAction, reply: StsReply): MongoAwsCredentialsError {
  const { code, message } = isJson(reply) ? jsonError(reply.body) : xmlError(reply.body);
  return new MongoAwsCredentialsError('ERR_STS_ERROR', `STS ${action} failed with HTTP ${reply.status}${describeRemote(code, message)}`, {
    status: reply.status,
    ...(code === undefined ? {} : { remoteCode: code }),
  });
}

function isJson(reply: StsReply): boolean {
  const type = (reply.headers['content-type'] ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  return type === 'application/json' || type.endsWith('+json') || type.startsWith('application/x-amz-json');
}

function xmlFields(action: StsAction, body: string): CredentialFields {
  const leaves = extractXmlLeaves(body);
  const result = `${action}Response/${action}Result`;
  const cred = (name: string): string | undefined => leaves.get(`${result}/Credentials/${name}`);
  return {
    AccessKeyId: cred('AccessKeyId'),
    SecretAccessKey: cred('SecretAccessKey'),
    SessionToken: cred('SessionToken'),
    Expiration: cred('Expiration')?.trim(),
    Arn: leaves.get(`${result}/AssumedRoleUser/Arn`)?.trim(),
  };
}

function jsonFields(action: StsAction, body: string): CredentialFields {
  const root = parseJson(body);
  // AWS nests the result two levels down; the MongoDB spec's example shows Credentials at the top.
  const result = child(child(root, `${action}Response`), `${action}Result`) ?? root;
  const credentials = child(result, 'Credentials');
  const field = (name: string): unknown => (credentials === undefined ? undefined : credentials[name]);
  const user = child(result, 'AssumedRoleUser');
  return {
    AccessKeyId: field('AccessKeyId'),
    SecretAccessKey: field('SecretAccessKey'),
    SessionToken: field('SessionToken'),
    Expiration: field('Expiration'),
    Arn: user === undefined ? undefined : user['Arn'],
  };
}

function toCredentials(action: StsAction, fields: CredentialFields, now: number): ResolvedCredentials {
  for (const name of ['AccessKeyId', 'SecretAccessKey', 'SessionToken'] as const) {
    const value = fields[name];
    if (typeof value !== 'string' || value === '') invalid(action, `field Credentials.${name} is missing or empty`, name);
  }
  const raw = fields.Expiration;
  const expiration = typeof raw === 'string' ? parseRfc3339(raw) : typeof raw === 'number' ? parseEpochSeconds(raw) : undefined;
  if (expiration === undefined) invalid(action, 'field Credentials.Expiration is missing or not a timestamp', 'Expiration');
  if (expiration.getTime() <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', `STS ${action} returned credentials that have already expired`, { field: 'Expiration' });
  }
  const accountId = accountIdFromArn(fields.Arn);
  return {
    accessKeyId: fields.AccessKeyId as string,
    secretAccessKey: new Secret(fields.SecretAccessKey as string),
    sessionToken: new Secret(fields.SessionToken as string),
    expiration,
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/** The 12-digit account field (5th) of `arn:aws:sts::123456789012:assumed-role/role/session`. */
export function accountIdFromArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  const account = parts[4];
  return parts[0] === 'arn' && parts.length >= 6 && account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

function xmlError(body: string): { code?: string; message?: string } {
  let leaves: ReadonlyMap<string, string>;
  try {
    leaves = extractXmlLeaves(body);
  } catch {
    return {};
  }
  return safeParts(leaves.get('ErrorResponse/Error/Code')?.trim(), leaves.get('ErrorResponse/Error/Message'));
}

function jsonError(body: string): { code?: string; message?: string } {
  let root: Record<string, unknown>;
  try {
    root = parseJson(body);
  } catch {
    return {};
  }
  const error = child(root, 'Error') ?? child(child(root, 'ErrorResponse'), 'Error');
  if (error !== undefined) return safeParts(error['Code'], error['Message']);
  // awsJson-style errors: {"__type": "...#Code", "message": "..."}.
  const type = root['__type'];
  return safeParts(typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : undefined, root['message'] ?? root['Message']);
}

function safeParts(rawCode: unknown, rawMessage: unknown): { code?: string; message?: string } {
  const code = safeRemoteCode(rawCode);
  const message = safeExcerpt(rawMessage);
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

function parseJson(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    // JSON.parse errors quote the input: never attach them.
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', 'STS response is not valid JSON');
  }
  const object = asObject(value);
  if (object === undefined) throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', 'STS response is not a JSON object');
  return object;
}

function child(parent: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  return parent === undefined || !Object.hasOwn(parent, key) ? undefined : asObject(parent[key]);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function invalid(action: StsAction, what: string, field: string): never {
  throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `STS ${action} response ${what}`, { field });
}
