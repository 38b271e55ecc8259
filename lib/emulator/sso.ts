/** Emulated IAM Identity Center portal: GetRoleCredentials (`GET /federation/credentials`), bearer token, no SigV4. */
import type { EndpointDefinition, Reply } from './http-server.js';
import type { IdentityRegistry } from './registry.js';

const DEFAULT_CODES: Readonly<Record<number, string>> = {
  400: 'InvalidRequestException',
  401: 'UnauthorizedException',
  403: 'ForbiddenException',
  404: 'ResourceNotFoundException',
  429: 'TooManyRequestsException',
};

/** restJson1 error: the type in `x-amzn-errortype`, the text in `message`. */
export function ssoError(status: number, code: string | undefined, message: string): Reply {
  const type = code ?? DEFAULT_CODES[status] ?? 'InternalServerException';
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': type }, body: JSON.stringify({ message }) };
}

/** Any registered role `arn:aws:iam::<account_id>:role/<role_name>` is available to every registered access token. */
export function ssoEndpoint(init: { registry: IdentityRegistry }): EndpointDefinition {
  const { registry } = init;
  return {
    name: 'sso',
    errorReply: (status, code) => ssoError(status, code, 'Fault injected by the emulator'),
    handle: (request, context) => {
      if (request.pathname !== '/federation/credentials') return ssoError(404, undefined, 'Not Found');
      if (request.method !== 'GET') return ssoError(405, 'MethodNotAllowedException', 'Method not allowed');
      const token = request.headers['x-amz-sso_bearer_token'];
      if (token === undefined || !registry.hasSsoAccessToken(token)) return ssoError(401, undefined, 'Session token not found or invalid');
      const roleName = request.query.get('role_name');
      const accountId = request.query.get('account_id');
      if (roleName === null || accountId === null || roleName === '' || accountId === '') {
        return ssoError(400, undefined, 'role_name and account_id are required');
      }
      const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
      if (registry.role(roleArn) === undefined) return ssoError(403, undefined, 'No access');
      const credentials = registry.issueTemporary(roleArn, { sessionName: 'emulator-sso-user', expired: context.fault.expiredCredentials });
      const body = {
        roleCredentials: {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
          expiration: credentials.expiration.getTime(),
        },
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    },
  };
}
