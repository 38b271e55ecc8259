/** Pure resolution planning: shared config + profile name → base step and AssumeRole hops, or a typed error. */
import {
  assumeRoleStep,
  CREDENTIAL_SOURCE,
  keyCount,
  MISSING,
  namedSource,
  notFound,
  processStep,
  profileError,
  SESSION_NAME,
  setting,
  settings,
  staticStep,
  type Profile,
} from './settings.js';
import { ssoStep } from './sso-settings.js';
import type { AssumeRoleStep, BaseStep, PlanOutcome, ProfileView } from './steps.js';

const SOURCE = 'source_profile';

/**
 * Follows the cross-SDK assume-role rules (smithy-rs `assume-role-tests.json`), botocore where they are silent:
 * - role profile: `role_arn` with exactly one of `source_profile` / `credential_source` (and no web identity token file);
 * - a profile reached as a source with complete static keys uses them, even when it has `role_arn`;
 * - a profile seen twice is a cycle, except a role profile naming itself whose static keys sign its own role;
 * - otherwise, per profile: web identity, static keys, `credential_process`, SSO, then partial keys are an error.
 */
export function planProfile(view: ProfileView, selected: string): PlanOutcome {
  const visited: string[] = [];
  const roles: AssumeRoleStep[] = [];
  const done = (base: BaseStep): PlanOutcome => ({ kind: 'plan', plan: { base, roles } });
  const keys = (name: string, profile: Profile): BaseStep => staticStep(name, profile, view.credentialsProfile(name));
  let name = selected;
  for (;;) {
    const profile = view.profile(name);
    // The profile whose source_profile led here; undefined for the selected profile.
    const from = visited.at(-1);
    if (!profile) {
      if (!from) return { kind: 'not-found' };
      throw notFound(from, SOURCE);
    }
    if (visited.includes(name)) throw profileError(name, SOURCE, 'loops', 'ERR_PROFILE_CYCLE');
    const count = keyCount(profile);
    if (from && count > 1) return done(keys(name, profile));
    visited.push(name);
    const roleArn = setting(profile, 'role_arn');
    const tokenFile = setting(profile, 'web_identity_token_file');
    if (tokenFile) {
      // Environment variables never fill in a profile's missing role_arn (web_identity_source_profile_no_env).
      if (!roleArn) throw profileError(name, 'role_arn', MISSING);
      return done({ kind: 'web-identity', profile: name, roleArn, tokenFile, ...settings(profile, { roleSessionName: SESSION_NAME }) });
    }
    if (!roleArn) {
      // Credentials the profile holds itself, in botocore's order.
      const base = count > 1 ? keys(name, profile) : (processStep(name, profile) ?? ssoStep(view, name, profile) ?? (count ? keys(name, profile) : undefined));
      if (base) return done(base);
      if (!from) return { kind: 'no-credentials' };
      throw profileError(from, SOURCE, 'names a profile without credentials');
    }
    const source = setting(profile, SOURCE);
    if (!source === !setting(profile, CREDENTIAL_SOURCE)) throw source ? profileError(name, CREDENTIAL_SOURCE, `conflicts with ${SOURCE}`) : profileError(name, SOURCE, MISSING);
    roles.unshift(assumeRoleStep(name, profile, roleArn));
    const named = namedSource(name, profile);
    if (named) return done({ kind: 'named-source', profile: name, source: named });
    // A role profile naming itself: its own static keys sign its role; without keys the next turn finds the loop.
    if (source === name && count) return done(keys(name, profile));
    name = source as string;
  }
}
