/** Cross-SDK assume-role-tests.json (smithy-rs): profile chains → ordered steps or an error, through the pure planner. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MongoAwsError } from '../../lib/errors.js';
import { planProfile } from '../../lib/profiles/plan.js';
import type { AssumeRoleStep, BaseStep, PlanOutcome, ProfileView } from '../../lib/profiles/steps.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

type Section = Record<string, string>;
interface AssumeRoleVector {
  readonly docs: string;
  readonly input: { readonly profiles: Record<string, Section>; readonly sso_sessions?: Record<string, Section>; readonly selected_profile: string };
  readonly output: { readonly ProfileChain?: readonly unknown[]; readonly Error?: string };
}

/** Every profile of the vector sits in the config file; the credentials file is empty. */
export function viewOf(input: AssumeRoleVector['input']): ProfileView {
  const get = (map: Record<string, Section> | undefined, name: string): Section | undefined => (map !== undefined && Object.hasOwn(map, name) ? map[name] : undefined);
  return {
    profile: (name) => get(input.profiles, name),
    credentialsProfile: () => undefined,
    ssoSession: (name) => get(input.sso_sessions, name),
  };
}

/** Our steps in the vector's wire shape (snake_case, absent optionals omitted). */
export function wireStep(step: BaseStep | AssumeRoleStep): unknown {
  const opt = (key: string, value: string | number | undefined): Record<string, string | number> => (value === undefined ? {} : { [key]: value });
  switch (step.kind) {
    case 'static':
      return {
        AccessKey: {
          access_key_id: step.accessKeyId,
          secret_access_key: step.secretAccessKey.reveal(),
          ...opt('session_token', step.sessionToken?.reveal()),
          ...opt('account_id', step.accountId),
        },
      };
    case 'named-source':
      return { NamedSource: step.source };
    case 'web-identity':
      return { WebIdentityToken: { role_arn: step.roleArn, web_identity_token_file: step.tokenFile, ...opt('role_session_name', step.roleSessionName) } };
    case 'process':
      return { CredentialProcess: { credential_process: step.command, ...opt('account_id', step.accountId) } };
    case 'sso':
      return {
        Sso: {
          ...opt('sso_session', step.session),
          sso_region: step.region,
          sso_start_url: step.startUrl,
          ...opt('sso_account_id', step.accountId),
          ...opt('sso_role_name', step.roleName),
        },
      };
    case 'assume-role':
      return {
        AssumeRole: {
          role_arn: step.roleArn,
          ...opt('role_session_name', step.roleSessionName),
          ...opt('external_id', step.externalId),
          ...opt('duration_seconds', step.durationSeconds),
        },
      };
  }
}

type Expected = { readonly outcome: 'not-found' | 'no-credentials' } | { readonly code: string; readonly field: string };

/**
 * The vector's error texts are the Rust SDK's; each is mapped to what it means here. A text no rule knows fails the case.
 * "did not contain credential information" for the selected profile means "not configured" (the chain moves on,
 * imds_config_with_no_creds); for a source profile it is a configuration error.
 */
export function expectedFor(message: string, selected: string): Expected {
  const rules: [RegExp, (m: RegExpMatchArray) => Expected][] = [
    [/must contain `source_profile`/, () => ({ code: 'ERR_INVALID_PROFILE', field: 'source_profile' })],
    [/both source_profile and credential_source/, () => ({ code: 'ERR_INVALID_PROFILE', field: 'credential_source' })],
    [/^profile missing (aws_secret_access_key|aws_access_key_id)$/, (m) => ({ code: 'ERR_PARTIAL_CREDENTIALS', field: m[1] as string })],
    [/^profile `(.*)` did not contain credential information$/, (m) => (m[1] === selected ? { outcome: 'no-credentials' } : { code: 'ERR_INVALID_PROFILE', field: 'source_profile' })],
    [/^could not find source profile/, () => ({ code: 'ERR_PROFILE_NOT_FOUND', field: 'source_profile' })],
    [/^No profiles were defined$/, () => ({ outcome: 'not-found' })],
    [/infinite loop/, () => ({ code: 'ERR_PROFILE_CYCLE', field: 'source_profile' })],
    [/`role_arn` was missing/, () => ({ code: 'ERR_INVALID_PROFILE', field: 'role_arn' })],
    [/^if `\w+` is set, then `(\w+)` must also be set$/, (m) => ({ code: 'ERR_INVALID_PROFILE', field: m[1] as string })],
    [/`sso_region` can only be specified in the \[sso-session\]/, () => ({ code: 'ERR_INVALID_PROFILE', field: 'sso_region' })],
    [/^sso-session named `.*` \(referenced by profile `.*`\) was not found$/, () => ({ code: 'ERR_INVALID_PROFILE', field: 'sso_session' })],
  ];
  for (const [pattern, meaning] of rules) {
    const match = message.match(pattern);
    if (match !== null) return meaning(match);
  }
  throw new Error(`no known meaning for vector error text: ${message}`);
}

function secretsOf(input: AssumeRoleVector['input']): string[] {
  return Object.values(input.profiles)
    .map((p) => p['aws_secret_access_key'])
    .filter((s): s is string => s !== undefined && s.length >= 6);
}

function runCase(vector: AssumeRoleVector): void {
  const { input, output } = vector;
  let outcome: PlanOutcome | undefined;
  let error: unknown;
  try {
    outcome = planProfile(viewOf(input), input.selected_profile);
  } catch (e) {
    error = e;
  }
  if (output.ProfileChain !== undefined) {
    if (error !== undefined) throw error;
    assert.equal(outcome?.kind, 'plan');
    if (outcome?.kind !== 'plan') return;
    const ours = [wireStep(outcome.plan.base), ...outcome.plan.roles.map(wireStep)];
    assert.deepEqual(ours, output.ProfileChain);
    return;
  }
  const expected = expectedFor(output.Error as string, input.selected_profile);
  if ('outcome' in expected) {
    if (error !== undefined) throw error;
    assert.equal(outcome?.kind, expected.outcome);
    return;
  }
  assert.ok(MongoAwsError.isMongoAwsError(error), `expected ${expected.code}, got ${outcome?.kind ?? String(error)}`);
  assert.equal(error.code, expected.code);
  assert.equal(error.field, expected.field);
  for (const secret of secretsOf(input)) assert.ok(!error.message.includes(secret), 'error message must not contain a secret');
}

export const suite: VectorSuite = {
  name: 'aws-sdk-cross-sdk assume-role-tests',
  cases: async () => {
    const vectors = JSON.parse(await readFile(vectorPath('aws-sdk-cross-sdk', 'aws-config', 'test-data', 'assume-role-tests.json'), 'utf8')) as AssumeRoleVector[];
    return vectors.map((vector, index): VectorCase => ({ name: `#${index + 1} ${vector.docs}`, run: () => runCase(vector) }));
  },
};
