/** STS AssumeRole: signed with the source credentials, for profiles with `role_arn`. */
import { MongoAwsConfigError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { signResolved } from '../sigv4/sign.js';
import type { ResolvedCredentials } from '../types.js';
import { callSts, type StsCallOptions } from './call.js';
import { checkRoleArn, defaultSessionName, checkSessionName, checkDurationSeconds } from './params.js';

export interface AssumeRoleParams extends StsCallOptions {
  /** Profile `role_arn`. */
  readonly roleArn: string;
  /** Profile `role_session_name`; default `mongodb-aws-auth-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  /** Profile `external_id`. */
  readonly externalId?: string | undefined;
  /** Profile `duration_seconds` (900–43200); sent only when set. */
  readonly durationSeconds?: number | undefined;
  /** Profile `mfa_serial`: refused (ERR_INVALID_PROFILE), a code would need a prompt. */
  readonly mfaSerial?: string | undefined;
}

/** Assumes `roleArn` with `source` credentials (signed, service `sts`, region = endpoint region). */
export async function assumeRole(runtime: Runtime, source: ResolvedCredentials, params: AssumeRoleParams): Promise<ResolvedCredentials> {
  if (params.mfaSerial !== undefined && params.mfaSerial !== '') {
    throw new MongoAwsConfigError('ERR_INVALID_PROFILE', 'profile key mfa_serial needs an MFA code prompt, which this library does not support', { field: 'mfa_serial' });
  }
  const roleArn = checkRoleArn(params.roleArn, 'role_arn');
  const sessionName = params.roleSessionName === undefined ? defaultSessionName(runtime.now()) : checkSessionName(params.roleSessionName, 'role_session_name');
  const duration = checkDurationSeconds(params.durationSeconds, 'duration_seconds');
  const externalId = params.externalId;
  if (externalId !== undefined && (typeof externalId !== 'string' || externalId.length < 2 || externalId.length > 1224)) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'external_id must be 2 to 1224 characters', { field: 'external_id' });
  }
  return callSts(
    runtime,
    'AssumeRole',
    [
      ['RoleArn', roleArn],
      ['RoleSessionName', sessionName],
      ['ExternalId', externalId],
      ['DurationSeconds', duration === undefined ? undefined : String(duration)],
    ],
    params,
    (request, region) => signResolved(request, source, { region, service: 'sts', date: new Date(runtime.now()) }).headers,
  );
}
