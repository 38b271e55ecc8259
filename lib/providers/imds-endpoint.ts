/** Base URL of the EC2 instance metadata service from code, environment and profile settings. Pure. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

export const IMDS_IPV4 = 'http://169.254.169.254';
export const IMDS_IPV6 = 'http://[fd00:ec2::254]';

export interface ImdsEndpointOverrides {
  /** Base URL given in code; beats everything. */
  readonly endpoint?: string;
  /** `IPv4` or `IPv6` given in code; beats the environment's and profile's mode, not their endpoint. */
  readonly endpointMode?: string;
}

/**
 * Endpoint: code > AWS_EC2_METADATA_SERVICE_ENDPOINT > profile `ec2_metadata_service_endpoint` > mode, where mode is
 * code > AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE > profile `ec2_metadata_service_endpoint_mode` > IPv4 (case-insensitive,
 * as botocore). An unparsable URL or unknown mode is ERR_INVALID_ENDPOINT. Returns the base URL without a trailing `/`.
 */
export function resolveImdsEndpoint(env: Env, profile?: Readonly<Record<string, string>>, overrides: ImdsEndpointOverrides = {}): string {
  const endpoint = first([
    [overrides.endpoint, 'endpoint'],
    [env['AWS_EC2_METADATA_SERVICE_ENDPOINT'], 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [setting(profile, 'ec2_metadata_service_endpoint'), 'ec2_metadata_service_endpoint'],
  ]);
  if (endpoint !== undefined) return validate(endpoint.value, endpoint.field);
  const mode = first([
    [overrides.endpointMode, 'endpointMode'],
    [env['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'], 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'],
    [setting(profile, 'ec2_metadata_service_endpoint_mode'), 'ec2_metadata_service_endpoint_mode'],
  ]);
  if (mode === undefined) return IMDS_IPV4;
  switch (mode.value.toLowerCase()) {
    case 'ipv4':
      return IMDS_IPV4;
    case 'ipv6':
      return IMDS_IPV6;
    default:
      throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${mode.field} must be IPv4 or IPv6`, { field: mode.field, source: 'instance-metadata' });
  }
}

function validate(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} is not a valid URL`, { field, source: 'instance-metadata' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} must be an http or https base URL without user info, query or fragment`, {
      field,
      source: 'instance-metadata',
    });
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

function first(candidates: ReadonlyArray<readonly [string | undefined, string]>): { value: string; field: string } | undefined {
  for (const [raw, field] of candidates) {
    const value = raw?.trim();
    if (value !== undefined && value !== '') return { value, field };
  }
  return undefined;
}

function setting(profile: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return profile !== undefined && Object.hasOwn(profile, key) ? profile[key] : undefined;
}
