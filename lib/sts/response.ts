/** Pure parsing of STS AssumeRole / AssumeRoleWithWebIdentity XML replies (the query API's only format unless JSON is asked for). */
import { MongoAwsCredentialsError, type MongoAwsErrorOptions } from '../errors.js';
import { Secret } from '../secret.js';
import type { ResolvedCredentials } from '../types.js';
import { describeRemote, safeExcerpt, safeRemoteCode } from './remote-error.js';
import { parseRfc3339 } from './timestamp.js';
import { extractXmlLeaves, invalidReply } from './xml.js';

export type StsAction = 'AssumeRole' | 'AssumeRoleWithWebIdentity';

export interface StsReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Credentials from a 200 reply; ERR_STS_ERROR (with `remoteCode`) for an error reply; ERR_INVALID_CREDENTIALS_RESPONSE for anything malformed. */
export function parseStsReply(action: StsAction, reply: StsReply, now: number): ResolvedCredentials {
  if (reply.status !== 200) throw stsError(action, reply);
  const leaves = extractXmlLeaves(reply.body);
  const get = (path: string): string | undefined => leaves.get(`${action}Response/${action}Result/${path}`);
  const fail = (field: string): never => invalidReply(`${action} reply lacks a valid ${field}`, field);
  // Keys and token verbatim (only presence is checked); Expiration and Arn trimmed.
  const [accessKeyId = '', secretAccessKey = '', sessionToken = ''] = ['AccessKeyId', 'SecretAccessKey', 'SessionToken'].map(
    (field) => get(`Credentials/${field}`) || fail(field),
  );
  const expiration = parseRfc3339(get('Credentials/Expiration')?.trim()) ?? fail('Expiration');
  if (expiration.getTime() <= now) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', `STS ${action} credentials expired`, { field: 'Expiration' });
  }
  const accountId = accountIdFromArn(get('AssumedRoleUser/Arn')?.trim());
  return {
    accessKeyId,
    secretAccessKey: new Secret(secretAccessKey),
    sessionToken: new Secret(sessionToken),
    expiration,
    ...(accountId && { accountId }),
  };
}

/** The 12-digit account field (5th) of `arn:aws:sts::123456789012:assumed-role/role/session`. */
export function accountIdFromArn(arn: unknown): string | undefined {
  return /^arn(:[^:]*){3}:(\d{12}):/.exec(arn as string)?.[2];
}

/** The error an unsuccessful reply stands for. Never includes the body beyond a bounded excerpt of the AWS message. */
export function stsError(action: StsAction, reply: StsReply): MongoAwsCredentialsError {
  let leaves: ReadonlyMap<string, string> = new Map();
  try {
    leaves = extractXmlLeaves(reply.body);
  } catch {
    // An unparsable error body (an HTML page from a proxy) still fails with its status.
  }
  const get = (name: string): string | undefined => leaves.get(`ErrorResponse/Error/${name}`);
  const remoteCode = safeRemoteCode(get('Code')?.trim());
  return new MongoAwsCredentialsError('ERR_STS_ERROR', `STS ${action} failed with HTTP ${reply.status}${describeRemote(remoteCode, safeExcerpt(get('Message')))}`, {
    status: reply.status,
    remoteCode,
  } as MongoAwsErrorOptions);
}
