/** One STS role call: parameter checks, endpoint choice, form body, optional signing, bounded retries, reply parsing. */
import type { Runtime } from '../runtime.js';
import type { ResolvedCredentials } from '../types.js';
import { resolveStsEndpoint, type ProfileSettings, type ServicesSection, type StsEndpoint } from './endpoint.js';
import { invalid, type RoleParams, type StsParam } from './params.js';
import { buildQueryBody } from './query.js';
import { parseStsReply, stsError, type StsAction, type StsReply } from './response.js';
import { checkCount, checkTimeout, withRetries } from './retry.js';

/** Where and how to reach STS. Every field is optional. */
export interface StsCallOptions {
  /** Region given in code (the driver's `clientConfig.region`); beats AWS_REGION, AWS_DEFAULT_REGION and the profile. */
  readonly region?: string | undefined;
  /** Settings of the profile in use: `region`, `endpoint_url`, `sts_regional_endpoints`, `ignore_configured_endpoint_urls`. */
  readonly profile?: ProfileSettings | undefined;
  /** The `[services …]` section the profile names, for `sts = endpoint_url = …`. */
  readonly services?: ServicesSection | undefined;
  /** Use this endpoint as is, skipping resolution. */
  readonly endpoint?: StsEndpoint | undefined;
  /** Per attempt, whole exchange. Default 10 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Default 3 (HTTP 5xx, throttling, IDPCommunicationError, timeouts and dropped connections are retried). */
  readonly maxAttempts?: number | undefined;
  /** Upper bound of the first jittered backoff. Default 100 ms. */
  readonly retryDelayMs?: number | undefined;
}

export interface StsHttpRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Adds signature headers to a request for the given signing region (AssumeRole); absent for unsigned calls. */
export type StsSigner = (request: StsHttpRequest, region: string) => Readonly<Record<string, string>>;

/**
 * Checks `roleArn`, `roleSessionName` (default `mongodb-aws-auth-<epoch ms>`) and `durationSeconds`, then the
 * parameters `extra()` adds, then `timeoutMs` and `maxAttempts`, all before any request. Errors name the option
 * (`roleArn`), or with `profileKeys` the profile key (`role_arn`). The body sends `RoleArn`, `RoleSessionName`,
 * the extra parameters, then `DurationSeconds`; replies are capped at 64 KiB.
 */
export async function callSts(
  runtime: Runtime,
  action: StsAction,
  params: StsCallOptions & RoleParams,
  profileKeys: boolean,
  extra: () => StsParam[],
  signer?: StsSigner,
): Promise<ResolvedCredentials> {
  const name = (option: string): string => (profileKeys ? option.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : option);
  const { roleArn, roleSessionName = `mongodb-aws-auth-${Math.trunc(runtime.now())}`, durationSeconds } = params;
  if (typeof roleArn !== 'string' || roleArn.length > 2048 || !/^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:[!-~]+$/.test(roleArn)) {
    invalid(name('roleArn'), 'must be a role ARN');
  }
  if (typeof roleSessionName !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) invalid(name('roleSessionName'), 'must be 2-64 of [\\w+=,.@-]');
  if (durationSeconds !== undefined && !(Number.isInteger(durationSeconds) && durationSeconds >= 900 && durationSeconds <= 43_200)) {
    invalid(name('durationSeconds'), 'must be an integer 900-43200');
  }
  const body = buildQueryBody(action, [['RoleArn', roleArn], ['RoleSessionName', roleSessionName], ...extra(), ['DurationSeconds', durationSeconds?.toString()]]);
  const timeoutMs = checkTimeout(params.timeoutMs, 10_000, 'timeoutMs');
  const maxAttempts = checkCount(params.maxAttempts, 3, 'maxAttempts', 1);
  const { url, region } = params.endpoint ?? resolveStsEndpoint(runtime.env(), params.profile, params.services, params.region);
  const reply = await withRetries<StsReply>(
    { maxAttempts, baseDelayMs: params.retryDelayMs ?? 100 },
    async () => {
      const request: StsHttpRequest = { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
      const response = await runtime.http({ ...request, headers: signer?.(request, region) ?? request.headers, timeoutMs, maxBodyBytes: 65_536 });
      return { status: response.status, body: response.body.toString() };
    },
    // 5xx, throttling, and the identity provider being unreachable are worth another attempt.
    (reply) =>
      reply.status >= 500 ||
      (reply.status !== 200 && /^(Throttling(Exception)?|RequestLimitExceeded|IDPCommunicationError)$/.test(stsError(action, reply).remoteCode ?? '')),
  );
  return parseStsReply(action, reply, runtime.now());
}
