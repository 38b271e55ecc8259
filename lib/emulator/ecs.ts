/** Emulated ECS/EKS container credentials agent: a relative-URI path (no auth) and a full-URI path guarded by a token. */
import type { EndpointDefinition, Reply } from './http-server.js';
import { constantTimeEqual } from './ids.js';
import type { IdentityRegistry } from './registry.js';
import { RotatingCredentials } from './rotating.js';
import { isoSeconds } from './sts-xml.js';

/** `{ Code, Message }`, the JSON error the agents answer with and the JS SDK surfaces. */
export function ecsError(status: number, code: string | undefined, message: string): Reply {
  const fallback = status === 403 ? 'AccessDenied' : status === 404 ? 'NotFound' : status >= 500 ? 'InternalServerError' : 'InvalidRequest';
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: code ?? fallback, Message: message }) };
}

export interface EcsEndpointInit {
  readonly registry: IdentityRegistry;
  readonly roleArn: string;
  readonly account: string;
  /** What `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` holds, e.g. `/v2/credentials/<uuid>`. */
  readonly relativePath: string;
  /** Path part of `AWS_CONTAINER_CREDENTIALS_FULL_URI` (EKS Pod Identity style). */
  readonly fullPath: string;
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN`: the exact `Authorization` header value the full-URI path requires. */
  readonly authorizationToken: string;
}

export function ecsEndpoint(init: EcsEndpointInit): EndpointDefinition {
  const rotating = new RotatingCredentials(init.registry, init.roleArn, 'emulator-task');
  return {
    name: 'ecs',
    errorReply: (status, code) => ecsError(status, code, 'Fault injected by the emulator'),
    handle: (request, context) => {
      const relative = request.path === init.relativePath;
      const full = request.pathname === init.fullPath;
      if (!relative && !full) return ecsError(404, undefined, 'Credentials not found for this path');
      if (request.method !== 'GET') return ecsError(405, 'MethodNotAllowed', 'Only GET is supported');
      if (full && !relative) {
        const authorization = request.headers['authorization'];
        if (authorization === undefined || !constantTimeEqual(authorization, init.authorizationToken)) {
          return ecsError(403, undefined, 'Authorization header is missing or not valid');
        }
      }
      const { credentials } = rotating.get(context.fault.expiredCredentials);
      const document = {
        RoleArn: rotating.roleArn,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken,
        AccountId: init.account,
        Expiration: isoSeconds(credentials.expiration),
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(document) };
    },
  };
}
