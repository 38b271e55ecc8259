/** One STS query-API call: endpoint choice, form body, optional signing, bounded retries, reply parsing. */
import type { Runtime } from '../runtime.js';
import type { ResolvedCredentials } from '../types.js';
import { resolveStsEndpoint, type ProfileSettings, type ServicesSection, type StsEndpoint } from './endpoint.js';
import { FORM_CONTENT_TYPE, buildQueryBody } from './query.js';
import { RETRYABLE_STS_CODES, parseStsReply, stsError, type StsAction, type StsReply } from './response.js';
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

export const STS_TIMEOUT_MS = 10_000;
export const STS_MAX_ATTEMPTS = 3;
export const STS_RETRY_DELAY_MS = 100;
export const STS_MAX_BODY_BYTES = 64 * 1024;

export interface StsHttpRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Adds signature headers to a request for the given signing region (AssumeRole); absent for unsigned calls. */
export type StsSigner = (request: StsHttpRequest, region: string) => Readonly<Record<string, string>>;

export async function callSts(
  runtime: Runtime,
  action: StsAction,
  params: ReadonlyArray<readonly [string, string | undefined]>,
  options: StsCallOptions,
  signer?: StsSigner,
): Promise<ResolvedCredentials> {
  const timeoutMs = checkTimeout(options.timeoutMs, STS_TIMEOUT_MS, 'timeoutMs');
  const maxAttempts = checkCount(options.maxAttempts, STS_MAX_ATTEMPTS, 'maxAttempts', 1);
  const baseDelayMs = options.retryDelayMs ?? STS_RETRY_DELAY_MS;
  const endpoint = options.endpoint ?? resolveStsEndpoint(runtime.env(), options.profile, options.services, options.region);
  const body = buildQueryBody(action, params);
  const reply = await withRetries<StsReply>(
    { maxAttempts, baseDelayMs },
    async () => {
      const unsigned: StsHttpRequest = { method: 'POST', url: endpoint.url, headers: { 'content-type': FORM_CONTENT_TYPE }, body };
      const headers = signer === undefined ? unsigned.headers : signer(unsigned, endpoint.region);
      const response = await runtime.http({ method: 'POST', url: endpoint.url, headers, body, timeoutMs, maxBodyBytes: STS_MAX_BODY_BYTES });
      return { status: response.status, headers: response.headers, body: response.body.toString('utf8') };
    },
    (reply) => reply.status >= 500 || (reply.status !== 200 && RETRYABLE_STS_CODES.has(stsError(action, reply).remoteCode ?? '')),
  );
  return parseStsReply(action, reply, runtime.now());
}
