/** Pure: the IAM Identity Center portal URL for a region, honouring endpoint overrides, FIPS and dual-stack settings. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

type Section = Readonly<Record<string, string | undefined>>;
export type ServicesSection = Readonly<Record<string, Readonly<Record<string, string>>>>;

function read(section: Section | undefined, key: string): string | undefined {
  return (section && Object.hasOwn(section, key) && section[key]?.trim()) || undefined;
}

/**
 * `AWS_ENDPOINT_URL_SSO` > `[services]` `sso.endpoint_url` > `AWS_ENDPOINT_URL` > profile `endpoint_url` (none of
 * them when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls` is true); else
 * `https://portal.sso[-fips].{region}.{amazonaws.com | api.aws}` (`.amazonaws.com.cn` for `cn-*`).
 * `region` was validated as a host label sequence by the caller.
 */
export function resolveSsoEndpoint(env: Env, region: string, profile?: Section, services?: ServicesSection): string {
  // A boolean setting NAME: variable AWS_NAME beats profile key name (lower case); only `true` turns it on.
  const flag = (name: string): boolean => (read(env, `AWS_${name}`) ?? read(profile, name.toLowerCase()))?.toLowerCase() === 'true';
  if (!flag('IGNORE_CONFIGURED_ENDPOINT_URLS')) {
    const sso = services && Object.hasOwn(services, 'sso') ? services['sso'] : undefined;
    const url = 'endpoint_url';
    const variable = 'AWS_ENDPOINT_URL';
    const candidates: [Section | undefined, string, string?][] = [
      [env, `${variable}_SSO`],
      [sso, url, `services.sso.${url}`],
      [env, variable],
      [profile, url],
    ];
    for (const [section, key, field = key] of candidates) {
      const value = read(section, key);
      if (!value) continue;
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {}
      // http(s) only; no user info, query or fragment.
      if (!url || !/^https?:$/.test(url.protocol) || url.username + url.password + url.search + url.hash) {
        throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${field} is not an http(s) URL`, { field });
      }
      return url.href.replace(/\/+$/, '');
    }
  }
  const china = region.startsWith('cn-');
  const suffix = flag('USE_DUALSTACK_ENDPOINT') ? (china ? 'api.amazonwebservices.com.cn' : 'api.aws') : china ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://portal.sso${flag('USE_FIPS_ENDPOINT') ? '-fips' : ''}.${region}.${suffix}`;
}
