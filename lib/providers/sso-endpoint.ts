/** Pure: the IAM Identity Center portal URL for a region, honouring endpoint overrides, FIPS and dual-stack settings. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

type Section = Readonly<Record<string, string>>;
export type ServicesSection = Readonly<Record<string, Section>>;

function read(section: Readonly<Record<string, string | undefined>> | undefined, key: string): string | undefined {
  const value = section !== undefined && Object.hasOwn(section, key) ? section[key]?.trim() : undefined;
  return value === undefined || value === '' ? undefined : value;
}

function flag(env: Env, variable: string, profile: Section | undefined, key: string): boolean {
  return (read(env, variable) ?? read(profile, key))?.toLowerCase() === 'true';
}

/**
 * `AWS_ENDPOINT_URL_SSO` > `[services]` `sso.endpoint_url` > `AWS_ENDPOINT_URL` > profile `endpoint_url` (none of
 * them when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls` is true); else
 * `https://portal.sso[-fips].{region}.{amazonaws.com | api.aws}` (`.amazonaws.com.cn` for `cn-*`).
 * `region` was validated as a host label sequence by the caller.
 */
export function resolveSsoEndpoint(env: Env, region: string, profile?: Section, services?: ServicesSection): string {
  if (!flag(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', profile, 'ignore_configured_endpoint_urls')) {
    const sso = services !== undefined && Object.hasOwn(services, 'sso') ? services['sso'] : undefined;
    const candidates: ReadonlyArray<readonly [string | undefined, string]> = [
      [read(env, 'AWS_ENDPOINT_URL_SSO'), 'AWS_ENDPOINT_URL_SSO'],
      [read(sso, 'endpoint_url'), 'services.sso.endpoint_url'],
      [read(env, 'AWS_ENDPOINT_URL'), 'AWS_ENDPOINT_URL'],
      [read(profile, 'endpoint_url'), 'endpoint_url'],
    ];
    for (const [value, field] of candidates) if (value !== undefined) return validate(value, field);
  }
  const fips = flag(env, 'AWS_USE_FIPS_ENDPOINT', profile, 'use_fips_endpoint');
  const dualStack = flag(env, 'AWS_USE_DUALSTACK_ENDPOINT', profile, 'use_dualstack_endpoint');
  const china = region.startsWith('cn-');
  const suffix = dualStack ? (china ? 'api.amazonwebservices.com.cn' : 'api.aws') : china ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://portal.${fips ? 'sso-fips' : 'sso'}.${region}.${suffix}`;
}

function validate(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} is not a valid URL`, { field });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} must be an http or https URL without user info, query or fragment`, { field });
  }
  return url.href.replace(/\/+$/, '');
}
