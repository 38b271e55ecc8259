/** Which STS endpoint to call and which region to sign for, from code, environment and profile settings. Pure. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

export interface StsEndpoint {
  /** Base URL; requests go to its path (normally `/`). */
  readonly url: string;
  /** Signing region. */
  readonly region: string;
}

export type ProfileSettings = Readonly<Record<string, string>>;
export type ServicesSection = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const GLOBAL_STS_URL = 'https://sts.amazonaws.com/';
export const GLOBAL_STS_REGION = 'us-east-1';

/** botocore `args.py::LEGACY_GLOBAL_STS_REGIONS`: served by the global endpoint when `sts_regional_endpoints = legacy`. */
export const LEGACY_GLOBAL_REGIONS: ReadonlySet<string> = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1', 'eu-north-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

// Partitions by region prefix: DNS suffix, dual-stack suffix (none: the partition has no dual-stack STS).
// Anything else is the `aws` partition, as is `us-gov-*`.
const PARTITIONS: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ['cn-', 'amazonaws.com.cn', 'api.amazonwebservices.com.cn'],
  ['us-isob-', 'sc2s.sgov.gov', undefined],
  ['us-isof-', 'csp.hci.ic.gov', undefined],
  ['us-iso-', 'c2s.ic.gov', undefined],
  ['eu-isoe-', 'cloud.adc-e.uk', undefined],
];
const AWS_PARTITION = ['', 'amazonaws.com', 'api.aws'] as const;

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Endpoint URL: `AWS_ENDPOINT_URL_STS` > profile `services` section `sts.endpoint_url` > `AWS_ENDPOINT_URL` >
 * profile `endpoint_url` (all ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls`
 * is true). Region: `explicitRegion` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`. Without an endpoint
 * URL: regional `https://sts.{region}.amazonaws.com` (`.amazonaws.com.cn` for `cn-*`), or the global endpoint signed
 * for us-east-1 when there is no region, the region is `aws-global`, or `sts_regional_endpoints = legacy` and the
 * region is one of the 16 legacy regions. `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` selects `sts-fips.{region}`
 * (GovCloud's regional endpoints already are FIPS), `AWS_USE_DUALSTACK_ENDPOINT` / `use_dualstack_endpoint` the
 * dual-stack suffix (`api.aws`); either one rules out the global endpoint (us-east-1 is used instead).
 */
export function resolveStsEndpoint(env: Env, profileSettings?: ProfileSettings, services?: ServicesSection, explicitRegion?: string): StsEndpoint {
  const region = pickRegion(env, profileSettings, explicitRegion);
  const configured = configuredEndpoint(env, profileSettings, services);
  if (configured !== undefined) {
    return { url: validateEndpoint(configured.value, configured.field), region: region?.value ?? GLOBAL_STS_REGION };
  }
  const fips = flag(env, profileSettings, 'AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint');
  const dualStack = flag(env, profileSettings, 'AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint');
  const global = region === undefined || region.value === 'aws-global' || (legacyMode(env, profileSettings) && LEGACY_GLOBAL_REGIONS.has(region.value));
  if (global && !fips && !dualStack) return { url: GLOBAL_STS_URL, region: GLOBAL_STS_REGION };
  const name = global ? GLOBAL_STS_REGION : (region?.value ?? GLOBAL_STS_REGION);
  const [, suffix, dualStackSuffix] = PARTITIONS.find(([prefix]) => name.startsWith(prefix)) ?? AWS_PARTITION;
  if (dualStack && dualStackSuffix === undefined) {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', 'dual-stack STS endpoints do not exist in this region\'s partition', { field: 'use_dualstack_endpoint' });
  }
  // GovCloud's regional endpoints are FIPS already: `sts-fips` only for its dual-stack names.
  const host = fips && (dualStack || !name.startsWith('us-gov-')) ? 'sts-fips' : 'sts';
  return { url: `https://${host}.${name}.${dualStack ? dualStackSuffix : suffix}/`, region: name };
}

/** A boolean setting: environment beats profile; `true` / `false`, case-insensitive; absent = false. */
function flag(env: Env, profile: ProfileSettings | undefined, variable: string, key: string): boolean {
  const fromEnv = nonEmpty(env[variable]);
  const [raw, field] = fromEnv !== undefined ? [fromEnv, variable] : [setting(profile, key), key];
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value !== 'true' && value !== 'false') throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be true or false`, { field });
  return value === 'true';
}

function pickRegion(env: Env, profile: ProfileSettings | undefined, explicit: string | undefined): { value: string; field: string } | undefined {
  const candidates: ReadonlyArray<readonly [string | undefined, string]> = [
    [explicit, 'region'],
    [env['AWS_REGION'], 'AWS_REGION'],
    [env['AWS_DEFAULT_REGION'], 'AWS_DEFAULT_REGION'],
    [setting(profile, 'region'), 'region (profile)'],
  ];
  for (const [raw, field] of candidates) {
    const value = raw?.trim();
    if (value === undefined || value === '') continue;
    if (!REGION.test(value)) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} is not a valid AWS region name`, { field });
    return { value, field };
  }
  return undefined;
}

function configuredEndpoint(env: Env, profile: ProfileSettings | undefined, services: ServicesSection | undefined): { value: string; field: string } | undefined {
  const ignore = nonEmpty(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']) ?? setting(profile, 'ignore_configured_endpoint_urls');
  if (ignore?.toLowerCase() === 'true') return undefined;
  const sts = services !== undefined && Object.hasOwn(services, 'sts') ? services['sts'] : undefined;
  const candidates: ReadonlyArray<readonly [string | undefined, string]> = [
    [env['AWS_ENDPOINT_URL_STS'], 'AWS_ENDPOINT_URL_STS'],
    [setting(sts, 'endpoint_url'), 'services.sts.endpoint_url'],
    [env['AWS_ENDPOINT_URL'], 'AWS_ENDPOINT_URL'],
    [setting(profile, 'endpoint_url'), 'endpoint_url'],
  ];
  for (const [raw, field] of candidates) {
    const value = nonEmpty(raw);
    if (value !== undefined) return { value, field };
  }
  return undefined;
}

function legacyMode(env: Env, profile: ProfileSettings | undefined): boolean {
  const fromEnv = nonEmpty(env['AWS_STS_REGIONAL_ENDPOINTS']);
  const [raw, field] = fromEnv !== undefined ? [fromEnv, 'AWS_STS_REGIONAL_ENDPOINTS'] : [setting(profile, 'sts_regional_endpoints'), 'sts_regional_endpoints'];
  if (raw === undefined) return false;
  const mode = raw.toLowerCase();
  if (mode !== 'legacy' && mode !== 'regional') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be "legacy" or "regional"`, { field });
  }
  return mode === 'legacy';
}

function validateEndpoint(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} is not a valid URL`, { field });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} must be an http or https URL with a host and no user info`, { field });
  }
  return url.href;
}

function setting(section: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return section !== undefined && Object.hasOwn(section, key) ? nonEmpty(section[key]) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
