/** Emulated STS AssumeRole (signed, registered roles only) and AssumeRoleWithWebIdentity (unsigned, trusted token). */
import type { EmulatorRequest, Reply } from './http-server.js';
import { constantTimeEqual } from './ids.js';
import type { EmulatedIdentity, IdentityRegistry } from './registry.js';
import { verifySigV4 } from './sigv4-verify.js';
import { credentialsTree, stsError, stsSuccess } from './sts-xml.js';

interface CommonParams {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
}

/** Parameter checks of both operations; a ValidationError reply, or the values. */
function commonParams(params: URLSearchParams, json: boolean): CommonParams | Reply {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const duration = params.get('DurationSeconds');
  if (roleArn === null || roleArn.length < 20 || roleArn.length > 2048) return validation('roleArn', 'Member must have length between 20 and 2048', json);
  if (sessionName === null || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return validation('roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}', json);
  }
  const durationSeconds = duration === null ? 3600 : Number(duration);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
    return validation('durationSeconds', 'Member must have value between 900 and 43200', json);
  }
  return { roleArn, sessionName, durationSeconds };
}

function validation(member: string, constraint: string, json: boolean): Reply {
  return stsError(400, 'ValidationError', `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`, json);
}

function issued(registry: IdentityRegistry, common: CommonParams, expired: boolean, json: boolean) {
  const credentials = registry.issueTemporary(common.roleArn, { durationSeconds: common.durationSeconds, sessionName: common.sessionName, expired });
  const identity = registry.lookup(credentials.accessKeyId) as EmulatedIdentity;
  return {
    credentials: credentialsTree(credentials, json),
    user: { AssumedRoleId: identity.userId, Arn: credentials.arn },
  };
}

/** AssumeRole: any identity the registry knows may assume any registered role (no trust policies are modelled). */
export function assumeRole(
  registry: IdentityRegistry,
  request: EmulatorRequest,
  params: URLSearchParams,
  now: Date,
  expired: boolean,
  json: boolean,
): Reply {
  const verified = verifySigV4(registry, request, now, { service: 'sts' });
  if (!verified.ok) return stsError(verified.status, verified.code, verified.message, json);
  const common = commonParams(params, json);
  if ('status' in common) return common;
  if (registry.role(common.roleArn) === undefined) {
    return stsError(403, 'AccessDenied', `User: ${verified.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${common.roleArn}`, json);
  }
  const { credentials, user } = issued(registry, common, expired, json);
  return stsSuccess('AssumeRole', { AssumedRoleUser: user, Credentials: credentials }, json);
}

/** AssumeRoleWithWebIdentity: unsigned; the token must equal the one the role trusts. */
export function assumeRoleWithWebIdentity(registry: IdentityRegistry, params: URLSearchParams, expired: boolean, json: boolean): Reply {
  const common = commonParams(params, json);
  if ('status' in common) return common;
  const token = params.get('WebIdentityToken');
  if (token === null || token.length < 4 || token.length > 20000) return validation('webIdentityToken', 'Member must have length between 4 and 20000', json);
  const role = registry.role(common.roleArn);
  if (role?.trustedWebIdentityToken === undefined) {
    return stsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', json);
  }
  if (!constantTimeEqual(token, role.trustedWebIdentityToken)) {
    return stsError(400, 'InvalidIdentityToken', 'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.', json);
  }
  const { credentials, user } = issued(registry, common, expired, json);
  return stsSuccess(
    'AssumeRoleWithWebIdentity',
    {
      Audience: 'sts.amazonaws.com',
      AssumedRoleUser: user,
      Provider: `arn:aws:iam::${role.account}:oidc-provider/oidc.emulator.invalid`,
      Credentials: credentials,
      SubjectFromWebIdentityToken: 'system:serviceaccount:emulator:default',
    },
    json,
  );
}
