/** STS AssumeRole: signed with the source credentials, for profiles with `role_arn`. */
import type { Runtime } from '../runtime.js';
import { signResolved } from '../sigv4/sign.js';
import type { ResolvedCredentials } from '../types.js';
import { callSts, type StsCallOptions } from './call.js';
import { invalid } from './params.js';

export interface AssumeRoleParams extends StsCallOptions {
  /** Profile `role_arn`. */
  readonly roleArn: string;
  /** Profile `role_session_name`; default `mongodb-aws-auth-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  /** Profile `external_id` (2–1224 characters). */
  readonly externalId?: string | undefined;
  /** Profile `duration_seconds` (900–43200); sent only when set. */
  readonly durationSeconds?: number | undefined;
  /** Profile `mfa_serial`: refused (ERR_INVALID_PROFILE), a code would need a prompt. */
  readonly mfaSerial?: string | undefined;
}

/** Assumes `roleArn` with `source` credentials (signed, service `sts`, region = endpoint region). Errors name profile keys. */
export async function assumeRole(runtime: Runtime, source: ResolvedCredentials, params: AssumeRoleParams): Promise<ResolvedCredentials> {
  if (params.mfaSerial) invalid('mfa_serial', 'is not supported', 'ERR_INVALID_PROFILE');
  const { externalId } = params;
  return callSts(
    runtime,
    'AssumeRole',
    params,
    true,
    () => {
      if (externalId !== undefined && !(typeof externalId === 'string' && externalId.length > 1 && externalId.length < 1225)) {
        invalid('external_id', 'must be 2-1224 characters');
      }
      return [['ExternalId', externalId]];
    },
    (request, region) => signResolved(request, source, { region, service: 'sts', date: new Date(runtime.now()) }).headers,
  );
}
