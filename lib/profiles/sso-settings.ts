/** Pure: a profile's IAM Identity Center settings, with `sso_session` resolved against its [sso-session] section. */
import { invalidProfile, quote, setting, type Profile } from './settings.js';
import type { ProfileView, SsoStep } from './steps.js';

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] as const;
/** A region goes into a host name: letters, digits and single hyphens only. */
export const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function hasSsoSettings(profile: Profile): boolean {
  return SSO_KEYS.some((key) => setting(profile, key) !== undefined);
}

/** The SSO step of a profile, or undefined when it has no sso_* keys. Conflicts and gaps are ERR_INVALID_PROFILE. */
export function ssoStep(view: Pick<ProfileView, 'ssoSession'>, name: string, profile: Profile): SsoStep | undefined {
  if (!hasSsoSettings(profile)) return undefined;
  const session = setting(profile, 'sso_session');
  let startUrl = setting(profile, 'sso_start_url');
  let region = setting(profile, 'sso_region');
  if (session !== undefined) {
    const section = view.ssoSession(session);
    if (section === undefined) {
      throw invalidProfile(name, 'sso_session', `sso-session ${quote(session)} referenced by the profile was not found`);
    }
    startUrl = fromSession(name, session, section, 'sso_start_url', startUrl);
    region = fromSession(name, session, section, 'sso_region', region);
  } else {
    if (startUrl === undefined) throw invalidProfile(name, 'sso_start_url', 'SSO profile without sso_session must set sso_start_url');
    if (region === undefined) throw invalidProfile(name, 'sso_region', 'SSO profile without sso_session must set sso_region');
  }
  if (!REGION.test(region)) throw invalidProfile(name, 'sso_region', 'sso_region is not a valid region name');
  const accountId = setting(profile, 'sso_account_id');
  const roleName = setting(profile, 'sso_role_name');
  if (accountId !== undefined && roleName === undefined) {
    throw invalidProfile(name, 'sso_role_name', 'sso_account_id is set, so sso_role_name must also be set');
  }
  if (roleName !== undefined && accountId === undefined) {
    throw invalidProfile(name, 'sso_account_id', 'sso_role_name is set, so sso_account_id must also be set');
  }
  return {
    kind: 'sso',
    profile: name,
    startUrl,
    region,
    ...(session === undefined ? {} : { session }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(roleName === undefined ? {} : { roleName }),
  };
}

/** With sso_session, the value must come from the session; a profile copy must agree with it. */
function fromSession(name: string, session: string, section: Profile, key: string, inProfile: string | undefined): string {
  const value = setting(section, key);
  if (value === undefined) {
    throw invalidProfile(name, key, `${key} must be set in [sso-session ${session}] when the profile names an sso_session`);
  }
  if (inProfile !== undefined && inProfile !== value) {
    throw invalidProfile(name, key, `${key} in the profile conflicts with ${key} in [sso-session ${session}]`);
  }
  return value;
}
