/** EC2 instance role credentials over IMDSv2 (token PUT, role GET, credentials GET); never IMDSv1. */
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsError, MongoAwsHttpError, type MongoAwsErrorCode, type MongoAwsErrorOptions } from '../errors.js';
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

/** Also the default; the SDKs' value (the token is not kept). */
const MAX_TTL_SECONDS = 21_600;
const SOURCE = 'instance-metadata';
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';

const fail = (code: MongoAwsErrorCode, message: string, details?: MongoAwsErrorOptions): MongoAwsCredentialsError =>
  new MongoAwsCredentialsError(code, message, { source: SOURCE, ...details });

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
  /** `n` when in (0, max] (and whole when `integer`), else ERR_INVALID_ARGUMENT naming `field`. */
  const inRange = (n: number, field: string, max: number, integer: boolean): number => {
    if (!(n > 0 && n <= max) || (integer && !Number.isInteger(n))) {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} is out of range`, { field, source: SOURCE });
    }
    return n;
  };
  /** A decimal number of the variable or profile key. */
  const setting = (variable: string, max: number, integer: boolean): number | undefined => {
    const found = imdsSetting(env, profile, variable);
    return found && inRange(/^\d+(\.\d+)?$/.test(found[0]) ? Number(found[0]) : NaN, found[1], max, integer);
  };
  // Defaults: 1 s, 3 attempts.
  const timeoutMs = init.timeout !== undefined
    ? checkTimeout(init.timeout, 0, 'timeout')
    : (setting('AWS_METADATA_SERVICE_TIMEOUT', 600, false) ?? 1) * 1000;
  const maxAttempts = init.maxRetries !== undefined
    ? checkCount(init.maxRetries, 0, 'maxRetries', 0) + 1
    : setting('AWS_METADATA_SERVICE_NUM_ATTEMPTS', 10, true) ?? 3;
  const ttl = inRange(init.tokenTtlSeconds ?? MAX_TTL_SECONDS, 'tokenTtlSeconds', MAX_TTL_SECONDS, true);

  /**
   * One step, retried on 5xx, timeouts and dropped connections; returns the trimmed body of a 200. A failed token PUT
   * is ERR_IMDS_TOKEN (ERR_IMDS_DISABLED on 403), a 401 on a role step a rejected token, a 404 on the role list no role.
   */
  const step = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<string> => {
    const { status, body } = await withRetries<HttpResponse>(
      { maxAttempts, baseDelayMs: init.retryDelayMs ?? 100 },
      () => runtime.http({ method, url: base + path, headers, timeoutMs, maxBodyBytes: 64 * 1024 }),
      (response) => response.status >= 500,
    );
    if (status === 200) return body.toString().trim();
    if (status === 404 && path === ROLE_PATH) return '';
    const message = `IMDS ${method} ${path} returned HTTP ${status}`;
    if (method === 'PUT' || status === 401) throw fail(status === 403 ? 'ERR_IMDS_DISABLED' : 'ERR_IMDS_TOKEN', message, { status });
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', message, { status, source: SOURCE });
  };

  const header = 'x-aws-ec2-metadata-token';
  let token: string;
  try {
    token = await step('PUT', '/latest/api/token', { [`${header}-ttl-seconds`]: String(ttl) });
  } catch (error) {
    if (!MongoAwsError.isMongoAwsError(error) || error.code !== 'ERR_HTTP_TIMEOUT') throw error;
    throw fail('ERR_IMDS_TOKEN', 'IMDSv2 token PUT timed out (in a container on EC2, set HttpPutResponseHopLimit to 2)', { cause: error });
  }
  if (!/^[\x21-\x7e]{1,1024}$/.test(token)) throw fail('ERR_IMDS_TOKEN', 'IMDSv2 token is invalid');
  const headers = { [header]: token };
  // The first line names the role.
  const role = (await step('GET', ROLE_PATH, headers)).split(/\s*\n/)[0];
  if (!role) return undefined;
  if (!/^[\w+=,.@-]{1,128}$/.test(role)) throw fail('ERR_INVALID_CREDENTIALS_RESPONSE', 'IMDS role name is invalid', { field: 'role name' });
  return parseTemporaryCredentials(await step('GET', ROLE_PATH + encodeURIComponent(role), headers), SOURCE, runtime.now());
}

/** Provider for EC2; ERR_CREDENTIALS_NOT_FOUND when IMDS is disabled by the environment or the instance has no role. */
export function fromInstanceMetadata(init: FromInstanceMetadataInit = {}): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveInstanceMetadata(runtimeFrom(init), init);
    if (!credentials) throw fail('ERR_CREDENTIALS_NOT_FOUND', 'IMDS is disabled or the instance has no role');
    return toIdentity(credentials);
  };
}
