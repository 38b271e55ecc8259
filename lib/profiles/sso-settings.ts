/** Pure: a profile's IAM Identity Center settings, with `sso_session` resolved against its [sso-session] section. */
import { INVALID, MISSING, profileError, setting, settings, type Profile } from './settings.js';
import type { ProfileView, SsoStep } from './steps.js';

/** A region goes into a host name: letters, digits and single hyphens only. */
export const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const KEYS = { session: 'sso_session', startUrl: 'sso_start_url', region: 'sso_region', accountId: 'sso_account_id', roleName: 'sso_role_name' } as const;

/**
 * The SSO step of a profile, or undefined when it has no sso_* keys. With sso_session, the start URL and region
 * come from the [sso-session] section and a profile copy must agree; without, the profile sets both. Conflicts
 * and gaps are ERR_INVALID_PROFILE naming the key.
 */
export function ssoStep(view: Pick<ProfileView, 'ssoSession'>, name: string, profile: Profile): SsoStep | undefined {
  const own = settings(profile, KEYS);
  if (!Object.keys(own).length) return undefined;
  const section = own.session ? view.ssoSession(own.session) : profile;
  if (!section) throw profileError(name, KEYS.session, 'names a missing [sso-session]');
  const step = { kind: 'sso', profile: name, ...own } as { -readonly [K in keyof SsoStep]: SsoStep[K] };
  for (const key of ['startUrl', 'region'] as const) {
    const value = setting(section, KEYS[key]);
    if (!value || (own[key] && own[key] !== value)) throw profileError(name, KEYS[key], value ? 'conflicts with [sso-session]' : MISSING);
    step[key] = value;
  }
  if (!REGION.test(step.region)) throw profileError(name, KEYS.region, INVALID);
  if (!own.accountId !== !own.roleName) throw profileError(name, own.accountId ? KEYS.roleName : KEYS.accountId, MISSING);
  return step;
}
