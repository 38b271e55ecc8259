/** Emulated STS: GetCallerIdentity verification (also called in-process by the MongoDB half) and the query-API endpoint. */
import type { EndpointDefinition, EmulatorRequest, HandlerContext, Reply } from './http-server.js';
import type { IdentityRegistry } from './registry.js';
import { verifySigV4, type SignedHttpRequest, type VerifyFailure } from './sigv4-verify.js';
import { assumeRole, assumeRoleWithWebIdentity } from './sts-handlers.js';
import { stsCodeForStatus, stsError, stsSuccess, wantsJson } from './sts-xml.js';

export const STS_VERSION = '2011-06-15';

export type { SignedHttpRequest, VerifyFailure } from './sigv4-verify.js';

export interface CallerIdentity {
  readonly ok: true;
  readonly arn: string;
  readonly account: string;
  readonly userId: string;
}

export interface VerifyCallerOptions {
  /** Lower-case headers that must be present and signed, e.g. `['x-mongodb-server-nonce', 'x-mongodb-gs2-cb-flag']`. */
  readonly requiredHeaders?: readonly string[];
}

/** Query-string parameters merged with (and overridden by) form-body parameters. */
export function stsParams(request: { path: string; body: string }): URLSearchParams {
  const query = request.path.indexOf('?');
  const params = new URLSearchParams(query < 0 ? '' : request.path.slice(query + 1));
  for (const [key, value] of new URLSearchParams(request.body)) params.set(key, value);
  return params;
}

/**
 * Verifies a signed `GetCallerIdentity` request exactly as STS would: Authorization syntax, service `sts`, scope date,
 * signed host, known key, matching (unexpired) session token, X-Amz-Date within 15 minutes of `now`, the signature
 * recomputed over the signed headers and compared in constant time, then `Action=GetCallerIdentity&Version=2011-06-15`.
 */
export function verifyGetCallerIdentity(
  registry: IdentityRegistry,
  request: SignedHttpRequest,
  now: Date,
  options: VerifyCallerOptions = {},
): CallerIdentity | VerifyFailure {
  const verified = verifySigV4(registry, request, now, {
    service: 'sts',
    ...(options.requiredHeaders === undefined ? {} : { requiredHeaders: options.requiredHeaders }),
  });
  if (!verified.ok) return verified;
  const params = stsParams(request);
  const action = params.get('Action');
  if (action === null) return { ok: false, status: 400, code: 'MissingAction', message: 'Missing Action' };
  if (action !== 'GetCallerIdentity' || params.get('Version') !== STS_VERSION) {
    return { ok: false, status: 400, code: 'InvalidAction', message: `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}` };
  }
  const { identity } = verified;
  return { ok: true, arn: identity.arn, account: identity.account, userId: identity.userId };
}

export interface StsEndpointInit {
  readonly registry: IdentityRegistry;
}

/** The STS endpoint: `POST /` with a form body (or the same parameters in the query string). */
export function stsEndpoint(init: StsEndpointInit): EndpointDefinition {
  const { registry } = init;
  return {
    name: 'sts',
    errorReply: (status, code) => stsError(status, code ?? stsCodeForStatus(status), 'Fault injected by the emulator'),
    handle: (request: EmulatorRequest, context: HandlerContext): Reply => {
      const json = wantsJson(request.headers);
      if (request.method !== 'POST' && request.method !== 'GET') {
        return stsError(405, 'MethodNotAllowed', 'The request method is not supported', json);
      }
      const params = stsParams(request);
      const action = params.get('Action');
      if (action === null) return stsError(400, 'MissingAction', 'Missing Action', json);
      context.record.action = action;
      const now = new Date(registry.now());
      if (params.get('Version') !== STS_VERSION) {
        return stsError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, json);
      }
      switch (action) {
        case 'GetCallerIdentity': {
          const result = verifyGetCallerIdentity(registry, request, now);
          if (!result.ok) return stsError(result.status, result.code, result.message, json);
          return stsSuccess('GetCallerIdentity', { Arn: result.arn, UserId: result.userId, Account: result.account }, json);
        }
        case 'AssumeRole':
          return assumeRole(registry, request, params, now, context.fault.expiredCredentials, json);
        case 'AssumeRoleWithWebIdentity':
          return assumeRoleWithWebIdentity(registry, params, context.fault.expiredCredentials, json);
        default:
          return stsError(400, 'InvalidAction', `Could not find operation ${action} for version ${STS_VERSION}`, json);
      }
    },
  };
}
