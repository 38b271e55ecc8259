/** EC2 instance role credentials over IMDSv2 (token PUT, role GET, credentials GET); never IMDSv1. */
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsError, MongoAwsHttpError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import type { HttpResponse } from '../http/client.js';
import { loadSharedConfig, selectProfileName } from '../ini/load.js';
import { runtimeFrom, type Env, type Runtime, type RuntimeInit } from '../runtime.js';
import { checkCount, checkTimeout, withRetries } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { resolveImdsEndpoint } from './imds-endpoint.js';
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
const MAX_BODY_BYTES = 64 * 1024;
const TOKEN_PATH = '/latest/api/token';
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';
const ROLE_NAME = /^[\w+=,.@-]{1,128}$/;
const SAFE_TOKEN = /^[\x21-\x7e]{1,1024}$/;

interface Settings {
  readonly base: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly ttl: number;
}

/**
 * `undefined` when AWS_EC2_METADATA_DISABLED is `true` (case-insensitive) or the instance has no role (404 or empty
 * role list). Throws ERR_IMDS_DISABLED on a 403 token reply, ERR_IMDS_TOKEN when no token can be had (a timeout
 * usually means the PUT reply was dropped: hop limit 1 inside a container), ERR_HTTP_CONNECTION when nothing listens.
 */
export async function resolveInstanceMetadata(runtime: Runtime, init: InstanceMetadataInit = {}): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  if (env['AWS_EC2_METADATA_DISABLED']?.trim().toLowerCase() === 'true') return undefined;
  const settings = await imdsSettings(runtime, env, init);
  const token = await fetchToken(runtime, settings);
  const headers = { 'x-aws-ec2-metadata-token': token };
  const roles = await get(runtime, settings, ROLE_PATH, headers);
  if (roles.status === 404) return undefined;
  expectOk(roles, 'role list');
  const role = roles.body.toString('utf8').trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (role === '') return undefined;
  if (!ROLE_NAME.test(role)) {
    throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', 'instance metadata service returned an invalid role name', { field: 'role name', source: 'instance-metadata' });
  }
  const credentials = await get(runtime, settings, ROLE_PATH + encodeURIComponent(role), headers);
  expectOk(credentials, 'role credentials');
  return parseTemporaryCredentials(credentials.body.toString('utf8'), 'instance-metadata', runtime.now());
}

/** Provider for EC2; ERR_CREDENTIALS_NOT_FOUND when IMDS is disabled by the environment or the instance has no role. */
export function fromInstanceMetadata(init: FromInstanceMetadataInit = {}): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveInstanceMetadata(runtimeFrom(init), init);
    if (credentials === undefined) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'no instance role: IMDS is disabled by AWS_EC2_METADATA_DISABLED or the instance has no IAM role', {
        source: 'instance-metadata',
      });
    }
    return toIdentity(credentials);
  };
}

/** Endpoint, timeout and attempts from code, then environment, then the selected profile. */
export async function imdsSettings(runtime: Runtime, env: Env, init: InstanceMetadataInit): Promise<Settings> {
  const config = await loadSharedConfig(runtime, { filepath: init.filepath, configFilepath: init.configFilepath });
  const profile = config.profile(selectProfileName(env, init.profile));
  const base = resolveImdsEndpoint(env, profile, {
    ...(init.endpoint === undefined ? {} : { endpoint: init.endpoint }),
    ...(init.endpointMode === undefined ? {} : { endpointMode: init.endpointMode }),
  });
  const timeoutMs = init.timeout !== undefined
    ? checkTimeout(init.timeout, IMDS_TIMEOUT_MS, 'timeout')
    : numberSetting(env, profile, 'AWS_METADATA_SERVICE_TIMEOUT', 'metadata_service_timeout', (s) => s > 0 && s <= 600, (s) => s * 1000) ?? IMDS_TIMEOUT_MS;
  const maxAttempts = init.maxRetries !== undefined
    ? checkCount(init.maxRetries, 0, 'maxRetries', 0) + 1
    : numberSetting(env, profile, 'AWS_METADATA_SERVICE_NUM_ATTEMPTS', 'metadata_service_num_attempts', (n) => Number.isInteger(n) && n >= 1 && n <= 10, (n) => n) ?? IMDS_MAX_ATTEMPTS;
  const ttl = init.tokenTtlSeconds ?? IMDS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21_600) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'tokenTtlSeconds must be an integer between 1 and 21600', { field: 'tokenTtlSeconds' });
  }
  return { base, timeoutMs, maxAttempts, baseDelayMs: init.retryDelayMs ?? IMDS_RETRY_DELAY_MS, ttl };
}

async function fetchToken(runtime: Runtime, settings: Settings): Promise<string> {
  let response: HttpResponse;
  try {
    response = await request(runtime, settings, 'PUT', TOKEN_PATH, { 'x-aws-ec2-metadata-token-ttl-seconds': String(settings.ttl) });
  } catch (error) {
    if (MongoAwsError.isMongoAwsError(error) && error.code === 'ERR_HTTP_TIMEOUT') {
      throw new MongoAwsCredentialsError(
        'ERR_IMDS_TOKEN',
        'IMDSv2 token request timed out; inside a container on EC2 the instance needs HttpPutResponseHopLimit >= 2 (aws ec2 modify-instance-metadata-options)',
        { source: 'instance-metadata', cause: error },
      );
    }
    throw error;
  }
  if (response.status === 403) {
    throw new MongoAwsCredentialsError('ERR_IMDS_DISABLED', 'IMDSv2 token request forbidden: the instance metadata service is disabled', { status: 403, source: 'instance-metadata' });
  }
  if (response.status !== 200) {
    throw new MongoAwsCredentialsError('ERR_IMDS_TOKEN', `IMDSv2 token request returned HTTP ${response.status} (IMDSv1 is never used)`, { status: response.status, source: 'instance-metadata' });
  }
  const token = response.body.toString('utf8').trim();
  if (!SAFE_TOKEN.test(token)) {
    throw new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'IMDSv2 token response is empty, too long or not printable', { source: 'instance-metadata' });
  }
  return token;
}

function get(runtime: Runtime, settings: Settings, path: string, headers: Record<string, string>): Promise<HttpResponse> {
  return request(runtime, settings, 'GET', path, headers);
}

function request(runtime: Runtime, settings: Settings, method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<HttpResponse> {
  return withRetries<HttpResponse>(
    { maxAttempts: settings.maxAttempts, baseDelayMs: settings.baseDelayMs },
    () => runtime.http({ method, url: settings.base + path, headers, timeoutMs: settings.timeoutMs, maxBodyBytes: MAX_BODY_BYTES }),
    (response) => response.status >= 500,
  );
}

function expectOk(response: HttpResponse, what: string): void {
  if (response.status === 401) {
    throw new MongoAwsCredentialsError('ERR_IMDS_TOKEN', `instance metadata service rejected the IMDSv2 token for the ${what}`, { status: 401, source: 'instance-metadata' });
  }
  if (response.status !== 200) {
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', `instance metadata ${what} request returned HTTP ${response.status}`, { status: response.status, source: 'instance-metadata' });
  }
}

function numberSetting(
  env: Env,
  profile: Readonly<Record<string, string>> | undefined,
  variable: string,
  key: string,
  valid: (n: number) => boolean,
  convert: (n: number) => number,
): number | undefined {
  const fromEnv = env[variable]?.trim();
  const fromProfile = profile !== undefined && Object.hasOwn(profile, key) ? profile[key]?.trim() : undefined;
  const [raw, field] = fromEnv !== undefined && fromEnv !== '' ? [fromEnv, variable] : [fromProfile, key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !valid(n)) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} is not a valid number for this setting`, { field, source: 'instance-metadata' });
  }
  return convert(n);
}
