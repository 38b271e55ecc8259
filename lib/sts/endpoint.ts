/** Which STS endpoint to call and which region to sign for, from code, environment and profile settings. Pure. */
import type { Env } from '../runtime.js';
import { invalid } from './params.js';

export interface StsEndpoint {
  /** Base URL; requests go to its path (normally `/`). */
  readonly url: string;
  /** Signing region. */
  readonly region: string;
}

export type ProfileSettings = Readonly<Record<string, string>>;
export type ServicesSection = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const GLOBAL_STS_URL = 'https://sts.amazonaws.com/';
const US_EAST_1 = 'us-east-1';
const INVALID_ENDPOINT = 'ERR_INVALID_ENDPOINT';
const DUAL_STACK = 'use_dualstack_endpoint';

/** botocore `args.py::LEGACY_GLOBAL_STS_REGIONS`: served by the global endpoint when `sts_regional_endpoints = legacy`. */
export const LEGACY_GLOBAL_REGIONS: ReadonlySet<string> = new Set(
  'ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2 aws-global ca-central-1 eu-central-1 eu-north-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1 us-east-1 us-east-2 us-west-1 us-west-2'.split(' '),
);

// Partitions by region prefix: DNS suffix, dual-stack suffix (none: the partition has no dual-stack STS).
// The last row, `aws`, takes every other region, `us-gov-*` included.
const PARTITIONS: ReadonlyArray<readonly [string, string, string?]> = [
  ['cn-', 'amazonaws.com.cn', 'api.amazonwebservices.com.cn'],
  ['us-isob-', 'sc2s.sgov.gov'],
  ['us-isof-', 'csp.hci.ic.gov'],
  ['us-iso-', 'c2s.ic.gov'],
  ['eu-isoe-', 'cloud.adc-e.uk'],
  ['', 'amazonaws.com', 'api.aws'],
];

/**
 * Endpoint URL: `AWS_ENDPOINT_URL_STS` > profile `services` section `sts.endpoint_url` > `AWS_ENDPOINT_URL` >
 * profile `endpoint_url` (all ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls`
 * is true). Region: `explicitRegion` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`. Without an endpoint
 * URL: regional `https://sts.{region}.amazonaws.com` (`.amazonaws.com.cn` for `cn-*`), or the global endpoint signed
 * for us-east-1 when there is no region, the region is `aws-global`, or `sts_regional_endpoints = legacy` and the
 * region is one of the 16 legacy regions. `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` selects `sts-fips.{region}`
 * (GovCloud's regional endpoints already are FIPS), `AWS_USE_DUALSTACK_ENDPOINT` / `use_dualstack_endpoint` the
 * dual-stack suffix (`api.aws`); either one rules out the global endpoint (us-east-1 is used instead).
 * A setting's environment variable is `AWS_` + its profile key in upper case, and beats the profile.
 */
export function resolveStsEndpoint(env: Env, profileSettings?: ProfileSettings, services?: ServicesSection, explicitRegion?: string): StsEndpoint {
  // Candidates are [value, the field errors name]; the first non-empty (trimmed) value wins.
  const first = (...candidates: Array<[string | undefined, string]>): [string, string] | [] => {
    for (const [raw, field] of candidates) {
      const value = raw?.trim();
      if (value) return [value, field];
    }
    return [];
  };
  // A setting's environment variable (`AWS_` + key in upper case), then its profile key.
  const setting = (key: string, name = `AWS_${key.toUpperCase()}`): Array<[string | undefined, string]> => [
    [env[name], name],
    [profileSettings?.[key], key],
  ];
  // A `yes` / `no` setting (case-insensitive), true for `yes`.
  const choice = (key: string, yes = 'true', no = 'false'): boolean => {
    const [value = no, field = key] = first(...setting(key));
    const lower = value.toLowerCase();
    if (lower !== yes && lower !== no) invalid(field, `must be ${yes} or ${no}`);
    return lower === yes;
  };
  const [region, regionField = ''] = first(
    [explicitRegion, 'region'],
    [env['AWS_REGION'], 'AWS_REGION'],
    [env['AWS_DEFAULT_REGION'], 'AWS_DEFAULT_REGION'],
    [profileSettings?.['region'], 'region (profile)'],
  );
  if (region && !/^\b[a-z\d-]{1,63}\b$/.test(region)) invalid(regionField, 'is not a region');
  const [configured, field = ''] =
    first(...setting('ignore_configured_endpoint_urls'))[0]?.toLowerCase() === 'true'
      ? []
      : first([env['AWS_ENDPOINT_URL_STS'], 'AWS_ENDPOINT_URL_STS'], [services?.['sts']?.['endpoint_url'], 'services.sts.endpoint_url'], ...setting('endpoint_url'));
  if (configured !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(configured);
    } catch {
      // Reported below without the value.
    }
    if (!/^https?:$/.test(url?.protocol ?? '') || url?.username || url?.password) invalid(field, 'is not a valid http(s) URL', INVALID_ENDPOINT);
    return { url: String(url), region: region ?? US_EAST_1 };
  }
  const fips = choice('use_fips_endpoint');
  const dualStack = choice(DUAL_STACK);
  const global = region === undefined || region === 'aws-global' || (choice('sts_regional_endpoints', 'legacy', 'regional') && LEGACY_GLOBAL_REGIONS.has(region));
  // The global endpoint (GLOBAL_STS_URL) has no FIPS or dual-stack variant: those use us-east-1's.
  const name = global ? US_EAST_1 : region;
  const [, suffix, dualStackSuffix] = PARTITIONS.find(([prefix]) => name.startsWith(prefix)) ?? [];
  if (dualStack && !dualStackSuffix) invalid(DUAL_STACK, 'has no STS in this partition', INVALID_ENDPOINT);
  // GovCloud's regional endpoints are FIPS already: `sts-fips` only for its dual-stack names.
  const host = `sts${fips && (dualStack || !name.startsWith('us-gov-')) ? '-fips' : ''}${global && !fips && !dualStack ? '' : `.${name}`}`;
  return { url: `https://${host}.${dualStack ? dualStackSuffix : suffix}/`, region: name };
}
