/** EC2 instance role credentials over IMDSv2 (token PUT, role GET, credentials GET); never IMDSv1. */
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsError, MongoAwsHttpError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import type { HttpResponse } from '../http/client.js';
import { loadSharedConfig, selectProfileName } from '../ini/load.js';
import { runtimeFrom, type Runtime, type RuntimeInit } from '../runtime.js';
import { checkCount, checkTimeout, withRetries } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { imdsSetting, resolveImdsEndpoint } from './imds-endpoint.js';
import { parseTemporaryCredentials } from './temporary-credentials.js';

export interface InstanceMetadataInit {
  /** Per request, whole exchange, in ms. Default: AWS_METADATA_SERVICE_TIMEOUT / profile `metadata_service_timeout` (seconds), else 1000. */
  readonly timeout?: number;
  /** Retries per request on timeouts, dropped connections and HTTP 5xx. Default: AWS_METADATA_SERVICE_NUM_ATTEMPTS / profile `metadata_service_num_attempts` minus 1, else 2. */
  readonly maxRetries?: number;
  /** Upper bound of the first jittered backoff, in ms. Default 100. */
  readonly retryDelayMs?: number;
  /** Base URL (beats AWS_EC2_METADATA_SERVICE_ENDPOINT and the profile). */
  readonly endpoint?: string;
  /** `IPv4` (default) or `IPv6`. */
  readonly endpointMode?: string;
  /** IMDSv2 token lifetime sent in the PUT, 1–21600 s. Default 21600 (the SDKs' value; the token is not kept). */
  readonly tokenTtlSeconds?: number;
  /** Profile for the `ec2_metadata_service_*` and `metadata_service_*` keys; default AWS_DEFAULT_PROFILE / AWS_PROFILE / `default`. */
  readonly profile?: string;
  readonly filepath?: string;
  readonly configFilepath?: string;
  /** Accepted for `@aws-sdk` compatibility: IMDSv1 is never used, whatever its value. */
  readonly ec2MetadataV1Disabled?: boolean;
}
export type FromInstanceMetadataInit = InstanceMetadataInit & RuntimeInit;

export const IMDS_TIMEOUT_MS = 1_000;
export const IMDS_MAX_ATTEMPTS = 3;
export const IMDS_RETRY_DELAY_MS = 100;
export const IMDS_TOKEN_TTL_SECONDS = 21_600;
const SOURCE = 'instance-metadata';
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';

/**
 * `undefined` when AWS_EC2_METADATA_DISABLED is `true` (case-insensitive) or the instance has no role (404 or empty
 * role list). Throws ERR_IMDS_DISABLED on a 403 token reply, ERR_IMDS_TOKEN when no token can be had (a timeout
 * usually means the PUT reply was dropped: hop limit 1 inside a container), ERR_HTTP_CONNECTION when nothing listens.
 * Endpoint, timeout and attempts come from code, then the environment, then the selected profile.
 */
export async function resolveInstanceMetadata(runtime: Runtime, init: InstanceMetadataInit = {}): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  if (env['AWS_EC2_METADATA_DISABLED']?.trim().toLowerCase() === 'true') return undefined;
  const profile = (await loadSharedConfig(runtime, init)).profile(selectProfileName(env, init.profile));
  const base = resolveImdsEndpoint(env, profile, init);
  /** A number of the variable or profile key, in (0, max], whole when `integer`. */
  const setting = (variable: string, max: number, integer: boolean): number | undefined => {
    const found = imdsSetting(env, profile, variable);
    const n = Number(found?.value);
    if (found && (!/^\d+(\.\d+)?$/.test(found.value) || !(n > 0 && n <= max) || (integer && !Number.isInteger(n)))) {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${found.field} is not a valid number here`, { field: found.field, source: SOURCE });
    }
    return found && n;
  };
  const timeoutMs = init.timeout !== undefined
    ? checkTimeout(init.timeout, IMDS_TIMEOUT_MS, 'timeout')
    : (setting('AWS_METADATA_SERVICE_TIMEOUT', 600, false) ?? IMDS_TIMEOUT_MS / 1000) * 1000;
  const maxAttempts = init.maxRetries !== undefined
    ? checkCount(init.maxRetries, 0, 'maxRetries', 0) + 1
    : setting('AWS_METADATA_SERVICE_NUM_ATTEMPTS', 10, true) ?? IMDS_MAX_ATTEMPTS;
  const ttl = init.tokenTtlSeconds ?? IMDS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > IMDS_TOKEN_TTL_SECONDS) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'tokenTtlSeconds must be an integer between 1 and 21600', { field: 'tokenTtlSeconds' });
  }

  /**
   * One step, retried on 5xx, timeouts and dropped connections; returns the trimmed body of a 200. A 401 on a role
   * step is a rejected token (ERR_IMDS_TOKEN); a 404 on the role list is an empty list (no role).
   */
  const step = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<string> => {
    const { status, body } = await withRetries<HttpResponse>(
      { maxAttempts, baseDelayMs: init.retryDelayMs ?? IMDS_RETRY_DELAY_MS },
      () => runtime.http({ method, url: base + path, headers, timeoutMs, maxBodyBytes: 64 * 1024 }),
      (response) => response.status >= 500,
    );
    if (status === 200) return body.toString('utf8').trim();
    if (status === 404 && path === ROLE_PATH) return '';
    const code = method === 'PUT' ? (status === 403 ? 'ERR_IMDS_DISABLED' : 'ERR_IMDS_TOKEN') : status === 401 ? 'ERR_IMDS_TOKEN' : 'ERR_HTTP_STATUS';
    const ErrorType = code === 'ERR_HTTP_STATUS' ? MongoAwsHttpError : MongoAwsCredentialsError;
    throw new ErrorType(code, `IMDS ${method} ${path} returned HTTP ${status}${method === 'PUT' ? ' (IMDSv1 is never used)' : ''}`, { status, source: SOURCE });
  };

  let token: string;
  try {
    token = await step('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) });
  } catch (error) {
    if (!MongoAwsError.isMongoAwsError(error) || error.code !== 'ERR_HTTP_TIMEOUT') throw error;
    throw new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'IMDSv2 token PUT timed out (in a container on EC2: HttpPutResponseHopLimit must be >= 2)', { source: SOURCE, cause: error });
  }
  if (!/^[\x21-\x7e]{1,1024}$/.test(token)) {
    throw new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'IMDSv2 token is empty, too long or not printable', { source: SOURCE });
  }
  const headers = { 'x-aws-ec2-metadata-token': token };
  // The first line names the role.
  const role = (await step('GET', ROLE_PATH, headers)).split(/\s*\n/)[0];
  if (!role) return undefined;
  if (!/^[\w+=,.@-]{1,128}$/.test(role)) {
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', 'IMDS role name is invalid', { field: 'role name', source: SOURCE });
  }
  return parseTemporaryCredentials(await step('GET', ROLE_PATH + encodeURIComponent(role), headers), SOURCE, runtime.now());
}

/** Provider for EC2; ERR_CREDENTIALS_NOT_FOUND when IMDS is disabled by the environment or the instance has no role. */
export function fromInstanceMetadata(init: FromInstanceMetadataInit = {}): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveInstanceMetadata(runtimeFrom(init), init);
    if (!credentials) throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'IMDS disabled (AWS_EC2_METADATA_DISABLED) or no instance role', { source: SOURCE });
    return toIdentity(credentials);
  };
}
