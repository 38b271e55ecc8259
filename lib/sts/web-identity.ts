/** STS AssumeRoleWithWebIdentity: unsigned (no Authorization, no security token), the web identity token in the body. */
import type { Runtime } from '../runtime.js';
import type { Secret } from '../secret.js';
import type { ResolvedCredentials } from '../types.js';
import { callSts, type StsCallOptions } from './call.js';
import { invalid } from './params.js';

export interface AssumeRoleWithWebIdentityParams extends StsCallOptions {
  readonly roleArn: string;
  /** Default `mongodb-aws-auth-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  /** The OIDC token (4–20000 characters), already read and trimmed by the caller. */
  readonly webIdentityToken: Secret;
  /** OAuth 2.0 provider (only for Login with Amazon / Facebook tokens). */
  readonly providerId?: string | undefined;
  /** Inline session policy (JSON). */
  readonly policy?: string | undefined;
  /** 900–43200; STS default (1 h) when absent. */
  readonly durationSeconds?: number | undefined;
}

/** Errors name options (`roleArn`, `webIdentityToken`). */
export function assumeRoleWithWebIdentity(runtime: Runtime, params: AssumeRoleWithWebIdentityParams): Promise<ResolvedCredentials> {
  return callSts(runtime, 'AssumeRoleWithWebIdentity', params, false, () => {
    const token = params.webIdentityToken.reveal();
    if (token.length < 4 || token.length > 20_000) invalid('webIdentityToken', 'must be 4-20000 characters');
    return [['WebIdentityToken', token], ['ProviderId', params.providerId], ['Policy', params.policy]];
  });
}
