/** EC2 instance metadata settings from code, environment and profile: the base URL, and the lookup the other settings share. Pure. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

export const IMDS_IPV4 = 'http://169.254.169.254';
export const IMDS_IPV6 = 'http://[fd00:ec2::254]';

export interface ImdsEndpointOverrides {
  /** Base URL given in code; beats everything. */
  readonly endpoint?: string | undefined;
  /** `IPv4` or `IPv6` given in code; beats the environment's and profile's mode, not their endpoint. */
  readonly endpointMode?: string | undefined;
}

type Profile = Readonly<Record<string, string>> | undefined;

/**
 * `[value, field]`: the first non-blank (trimmed) value of the option given in code (`field` = `option`), the
 * variable, and the profile key named after the variable (`AWS_METADATA_SERVICE_TIMEOUT` → `metadata_service_timeout`).
 */
export function imdsSetting(env: Env, profile: Profile, variable: string, code?: string, option = ''): [string, string] | undefined {
  const key = variable.slice(4).toLowerCase();
  for (const [raw, field] of [[code, option], [env[variable], variable], [profile?.[key], key]] as const) {
    const value = raw?.trim();
    if (value) return [value, field];
  }
  return undefined;
}

/**
 * Endpoint: code > AWS_EC2_METADATA_SERVICE_ENDPOINT > profile `ec2_metadata_service_endpoint` > mode, where mode is
 * code > AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE > profile `ec2_metadata_service_endpoint_mode` > IPv4 (case-insensitive,
 * as botocore). An unparsable URL or unknown mode is ERR_INVALID_ENDPOINT. Returns the base URL without a trailing `/`.
 */
export function resolveImdsEndpoint(env: Env, profile?: Readonly<Record<string, string>>, overrides: ImdsEndpointOverrides = {}): string {
  const variable = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';
  const fail = (field: string, what: string): MongoAwsConfigError =>
    new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} must be ${what}`, { field, source: 'instance-metadata' });
  const [endpoint, field = ''] = imdsSetting(env, profile, variable, overrides.endpoint, 'endpoint') ?? [];
  if (endpoint) {
    const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) throw fail(field, 'an http(s) base URL');
    return url.origin + url.pathname.replace(/\/+$/, '');
  }
  const [mode = 'IPv4', modeField = ''] = imdsSetting(env, profile, `${variable}_MODE`, overrides.endpointMode, 'endpointMode') ?? [];
  if (!/^ipv[46]$/i.test(mode)) throw fail(modeField, 'IPv4 or IPv6');
  return mode.endsWith('6') ? IMDS_IPV6 : IMDS_IPV4;
}
