/** Pure resolution planning: shared config + profile name → base step and AssumeRole hops, or a typed error. */
import { MongoAwsConfigError } from '../errors.js';
import {
  assumeRoleStep,
  invalidProfile,
  namedSource,
  partialKeysError,
  quote,
  setting,
  staticKeyState,
  staticStep,
  type Profile,
} from './settings.js';
import { ssoStep } from './sso-settings.js';
import type { AssumeRoleStep, BaseStep, PlanOutcome, ProfileView } from './steps.js';

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
  let name = selected;
  for (;;) {
    const profile = view.profile(name);
    if (profile === undefined) {
      if (visited.length === 0) return { kind: 'not-found' };
      throw new MongoAwsConfigError('ERR_PROFILE_NOT_FOUND', `source profile ${quote(name)} referenced from profile ${quote(visited.at(-1) as string)} was not found`, {
        field: 'source_profile',
      });
    }
    if (visited.includes(name)) {
      throw new MongoAwsConfigError('ERR_PROFILE_CYCLE', `source_profile chain loops back to profile ${quote(name)}`, { field: 'source_profile' });
    }
    const isSource = visited.length > 0;
    if (isSource && staticKeyState(profile) === 'complete') {
      return done(staticStep(name, profile, view.credentialsProfile(name)), roles);
    }
    visited.push(name);
    const roleArn = setting(profile, 'role_arn');
    if (roleArn === undefined || setting(profile, 'web_identity_token_file') !== undefined) {
      const base = baseStep(view, name, profile);
      if (base !== undefined) return done(base, roles);
      if (!isSource) return { kind: 'no-credentials' };
      throw invalidProfile(name, 'source_profile', 'profile is used as a source_profile but holds no credentials');
    }
    const source = setting(profile, 'source_profile');
    const credentialSource = setting(profile, 'credential_source');
    if (source !== undefined && credentialSource !== undefined) {
      throw invalidProfile(name, 'credential_source', 'role profile sets both source_profile and credential_source');
    }
    if (source === undefined && credentialSource === undefined) {
      throw invalidProfile(name, 'source_profile', 'role_arn needs source_profile, credential_source or web_identity_token_file');
    }
    roles.unshift(assumeRoleStep(name, profile, roleArn));
    if (credentialSource !== undefined) {
      return done({ kind: 'named-source', profile: name, source: namedSource(name, credentialSource) }, roles);
    }
    if (source === name) return done(selfSource(view, name, profile), roles);
    name = source as string;
  }
}

function done(base: BaseStep, roles: AssumeRoleStep[]): PlanOutcome {
  return { kind: 'plan', plan: { base, roles } };
}

/** A role profile that names itself: its own static keys sign its role; without keys it is a loop. */
function selfSource(view: ProfileView, name: string, profile: Profile): BaseStep {
  const state = staticKeyState(profile);
  if (state === 'complete') return staticStep(name, profile, view.credentialsProfile(name));
  if (state === 'partial') throw partialKeysError(name, profile, view.credentialsProfile(name));
  throw new MongoAwsConfigError('ERR_PROFILE_CYCLE', `profile ${quote(name)} names itself as source_profile but has no static keys`, {
    field: 'source_profile',
  });
}

/** Credentials a profile holds itself (no source_profile hop). Undefined when it holds only settings. */
function baseStep(view: ProfileView, name: string, profile: Profile): BaseStep | undefined {
  const tokenFile = setting(profile, 'web_identity_token_file');
  if (tokenFile !== undefined) {
    // Environment variables never fill in a profile's missing role_arn (web_identity_source_profile_no_env).
    const roleArn = setting(profile, 'role_arn');
    if (roleArn === undefined) throw invalidProfile(name, 'role_arn', 'web_identity_token_file is set but role_arn is missing');
    const roleSessionName = setting(profile, 'role_session_name');
    return { kind: 'web-identity', profile: name, roleArn, tokenFile, ...(roleSessionName === undefined ? {} : { roleSessionName }) };
  }
  const keys = staticKeyState(profile);
  if (keys === 'complete') return staticStep(name, profile, view.credentialsProfile(name));
  const command = setting(profile, 'credential_process');
  if (command !== undefined) {
    const accountId = setting(profile, 'aws_account_id');
    return { kind: 'process', profile: name, command, ...(accountId === undefined ? {} : { accountId }) };
  }
  const sso = ssoStep(view, name, profile);
  if (sso !== undefined) return sso;
  if (keys === 'partial') throw partialKeysError(name, profile, view.credentialsProfile(name));
  return undefined;
}
