import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { planProfile } from '../../lib/profiles/plan.js';
import { chooseProfile } from '../../lib/profiles/select.js';
import type { PlanOutcome, ProfileView } from '../../lib/profiles/steps.js';
import { executePlan } from '../../lib/profiles/execute.js';
import { Secret } from '../../lib/secret.js';

type Sections = Record<string, Record<string, string>>;

function view(config: Sections, credentials: Sections = {}, sessions: Sections = {}): ProfileView {
  const get = (map: Sections, name: string) => (Object.hasOwn(map, name) ? map[name] : undefined);
  return {
    profile: (name) => {
      const a = get(config, name);
      const b = get(credentials, name);
      return a === undefined && b === undefined ? undefined : { ...a, ...b };
    },
    credentialsProfile: (name) => get(credentials, name),
    ssoSession: (name) => get(sessions, name),
  };
}

function plan(outcome: PlanOutcome) {
  assert.equal(outcome.kind, 'plan');
  return outcome.kind === 'plan' ? outcome.plan : assert.fail();
}

const KEYS = { aws_access_key_id: 'AKID', aws_secret_access_key: 'secret' };

describe('planProfile beyond the cross-SDK vectors', () => {
  test('static keys record the file the access key id came from, the legacy aws_security_token and the account id', () => {
    const fromCredentials = plan(planProfile(view({ a: { region: 'x' } }, { a: KEYS }), 'a')).base;
    assert.equal(fromCredentials.kind === 'static' && fromCredentials.file, 'credentials');
    const fromConfig = plan(planProfile(view({ a: { ...KEYS, aws_security_token: 'legacy', aws_session_token: 'modern', aws_account_id: '1' } }), 'a')).base;
    assert.ok(fromConfig.kind === 'static');
    assert.equal(fromConfig.file, 'config');
    assert.equal(fromConfig.sessionToken?.reveal(), 'legacy');
    assert.equal(fromConfig.accountId, '1');
  });

  test('empty values count as unset', () => {
    assert.equal(planProfile(view({ a: { aws_access_key_id: '', aws_secret_access_key: '', role_arn: '' } }), 'a').kind, 'no-credentials');
  });

  test('web identity beats static keys in the same profile (botocore order); source_profile without role_arn is ignored', () => {
    assert.equal(plan(planProfile(view({ a: { ...KEYS, role_arn: 'arn:r', web_identity_token_file: '/t' } }), 'a')).base.kind, 'web-identity');
    assert.equal(plan(planProfile(view({ a: { source_profile: 'b', credential_process: 'cmd' }, b: KEYS }), 'a')).base.kind, 'process');
  });

  test('order inside one profile: static keys, then credential_process, then SSO; partial keys only when nothing else applies', () => {
    const sso = { sso_start_url: 'https://s', sso_region: 'us-east-1', sso_account_id: '1', sso_role_name: 'r' };
    assert.equal(plan(planProfile(view({ a: { ...KEYS, credential_process: 'cmd', ...sso } }), 'a')).base.kind, 'static');
    const proc = plan(planProfile(view({ a: { credential_process: 'cmd', aws_account_id: '42', aws_access_key_id: 'x', ...sso } }), 'a')).base;
    assert.deepEqual(proc, { kind: 'process', profile: 'a', command: 'cmd', accountId: '42' });
    assert.equal(plan(planProfile(view({ a: { aws_access_key_id: 'x', ...sso } }), 'a')).base.kind, 'sso');
  });

  test('a source profile may hold credential_process or SSO settings; the role is assumed with what it yields', () => {
    const viaProcess = plan(planProfile(view({ a: { role_arn: 'arn:r', source_profile: 'b' }, b: { credential_process: 'cmd' } }), 'a'));
    assert.equal(viaProcess.base.kind, 'process');
    assert.equal(viaProcess.roles.length, 1);
    const sso = { sso_start_url: 'https://s', sso_region: 'us-east-1', sso_account_id: '1', sso_role_name: 'r' };
    assert.equal(plan(planProfile(view({ a: { role_arn: 'arn:r', source_profile: 'b' }, b: sso }), 'a')).base.kind, 'sso');
  });

  test('AssumeRole parameters: duration_seconds must be an integer in 900..43200; role_session_name must be valid; mfa_serial is refused', () => {
    const role = (extra: Record<string, string>) => planProfile(view({ a: { role_arn: 'arn:r', source_profile: 'b', ...extra }, b: KEYS }), 'a');
    assert.deepEqual(plan(role({ duration_seconds: '900' })).roles[0], { kind: 'assume-role', profile: 'a', roleArn: 'arn:r', durationSeconds: 900 });
    for (const bad of ['899', '43201', '1.5', '-900', 'abc', '1e3']) {
      assert.throws(() => role({ duration_seconds: bad }), { code: 'ERR_INVALID_PROFILE', field: 'duration_seconds' });
    }
    assert.throws(() => role({ role_session_name: 'has space' }), { code: 'ERR_INVALID_PROFILE', field: 'role_session_name' });
    assert.throws(() => role({ mfa_serial: 'arn:mfa' }), { code: 'ERR_INVALID_PROFILE', field: 'mfa_serial' });
  });

  test('credential_source must be one of the three names, matched exactly', () => {
    const named = (source: string) => planProfile(view({ a: { role_arn: 'arn:r', credential_source: source } }), 'a');
    for (const source of ['Environment', 'EcsContainer', 'Ec2InstanceMetadata']) assert.deepEqual(plan(named(source)).base, { kind: 'named-source', profile: 'a', source });
    for (const bad of ['environment', 'Ec2', 'Env ']) assert.throws(() => named(bad), { code: 'ERR_INVALID_PROFILE', field: 'credential_source' });
  });

  test('a role profile naming itself without static keys is a cycle; with partial keys it is ERR_PARTIAL_CREDENTIALS', () => {
    assert.throws(() => planProfile(view({ a: { role_arn: 'arn:r', source_profile: 'a' } }), 'a'), { code: 'ERR_PROFILE_CYCLE' });
    assert.throws(() => planProfile(view({ a: { role_arn: 'arn:r', source_profile: 'a', aws_access_key_id: 'x' } }), 'a'), {
      code: 'ERR_PARTIAL_CREDENTIALS',
      field: 'aws_secret_access_key',
    });
  });

  test('a source profile with only settings is ERR_INVALID_PROFILE; a longer loop is ERR_PROFILE_CYCLE', () => {
    assert.throws(() => planProfile(view({ a: { role_arn: 'arn:r', source_profile: 'b' }, b: { region: 'x' } }), 'a'), { code: 'ERR_INVALID_PROFILE', field: 'source_profile' });
    const loop = view({ a: { role_arn: 'arn:a', source_profile: 'b' }, b: { role_arn: 'arn:b', source_profile: 'c' }, c: { role_arn: 'arn:c', source_profile: 'b' } });
    assert.throws(() => planProfile(loop, 'a'), { code: 'ERR_PROFILE_CYCLE' });
  });

  test('legacy SSO needs sso_start_url and sso_region; sso_region must be a region name; start URL conflicts are refused', () => {
    assert.throws(() => planProfile(view({ a: { sso_region: 'us-east-1', sso_account_id: '1', sso_role_name: 'r' } }), 'a'), { field: 'sso_start_url' });
    assert.throws(() => planProfile(view({ a: { sso_start_url: 'https://s', sso_account_id: '1', sso_role_name: 'r' } }), 'a'), { field: 'sso_region' });
    assert.throws(() => planProfile(view({ a: { sso_start_url: 'https://s', sso_region: 'evil.example/x' } }), 'a'), { code: 'ERR_INVALID_PROFILE', field: 'sso_region' });
    const sessions = { s: { sso_start_url: 'https://one', sso_region: 'us-east-1' } };
    assert.throws(() => planProfile(view({ a: { sso_session: 's', sso_start_url: 'https://two' } }, {}, sessions), 'a'), { code: 'ERR_INVALID_PROFILE', field: 'sso_start_url' });
    assert.equal(plan(planProfile(view({ a: { sso_session: 's', sso_start_url: 'https://one', sso_region: 'us-east-1' } }, {}, sessions), 'a')).base.kind, 'sso');
    assert.throws(() => planProfile(view({ a: { sso_session: 's' } }, {}, { s: { sso_region: 'us-east-1' } }), 'a'), { field: 'sso_start_url' });
  });

  test('executePlan reports where credentials came from and signs each hop with the previous credentials', async () => {
    const seen: string[] = [];
    const fake = (id: string) => ({ accessKeyId: id, secretAccessKey: new Secret(`${id}-secret`) });
    const runners = {
      namedSource: async () => fake('NAMED'),
      webIdentity: async () => fake('WEB'),
      process: async () => fake('PROC'),
      sso: async () => fake('SSO'),
      assumeRole: async (source: { accessKeyId: string }, step: { roleArn: string }) => (seen.push(`${source.accessKeyId}->${step.roleArn}`), fake(step.roleArn)),
    };
    const chain = plan(planProfile(view({ a: { role_arn: 'R1', source_profile: 'b' }, b: { role_arn: 'R2', credential_source: 'Environment' } }), 'a'));
    const result = await executePlan(chain, runners);
    assert.deepEqual(seen, ['NAMED->R2', 'R2->R1']);
    assert.equal(result.source, 'assume-role');
    assert.equal(result.credentials.accessKeyId, 'R1');
    const sources = await Promise.all(
      [
        { a: { role_arn: 'R', web_identity_token_file: '/t' } },
        { a: { credential_process: 'c' } },
        { a: { sso_start_url: 'https://s', sso_region: 'us-east-1', sso_account_id: '1', sso_role_name: 'r' } },
      ].map(async (config) => (await executePlan(plan(planProfile(view(config), 'a')), runners)).source),
    );
    assert.deepEqual(sources, ['web-identity', 'process', 'sso']);
  });

  test('chooseProfile reports which setting named the profile', () => {
    assert.deepEqual(chooseProfile({}, undefined), { name: 'default' });
    assert.deepEqual(chooseProfile({ AWS_PROFILE: 'p' }, ''), { name: 'p', field: 'AWS_PROFILE' });
    assert.deepEqual(chooseProfile({ AWS_PROFILE: 'p', AWS_DEFAULT_PROFILE: 'd' }, undefined), { name: 'd', field: 'AWS_DEFAULT_PROFILE' });
    assert.deepEqual(chooseProfile({ AWS_PROFILE: 'p' }, 'o'), { name: 'o', field: 'profile' });
  });
});

describe('planProfile fuzz', () => {
  const names = ['a', 'b', 'c', 'd'];
  const value = (key: string): fc.Arbitrary<string> => {
    switch (key) {
      case 'source_profile':
      case 'sso_session':
        return fc.constantFrom(...names, '');
      case 'credential_source':
        return fc.constantFrom('Environment', 'EcsContainer', 'Ec2InstanceMetadata', 'bogus');
      case 'sso_region':
        return fc.constantFrom('us-east-1', 'bad region', '');
      case 'duration_seconds':
        return fc.constantFrom('900', '3600', 'x', '');
      default:
        return fc.constantFrom('v', '', 'arn:aws:iam::1:role/r');
    }
  };
  const keys = ['role_arn', 'source_profile', 'credential_source', 'web_identity_token_file', 'aws_access_key_id', 'aws_secret_access_key', 'credential_process', 'sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'duration_seconds', 'region'];
  const section = fc
    .subarray(keys)
    .chain((chosen) => fc.tuple(...chosen.map((k) => value(k).map((v) => [k, v] as const))))
    .map((pairs) => Object.fromEntries(pairs) as Record<string, string>);
  const sections = fc.dictionary(fc.constantFrom(...names), section, { maxKeys: 4 });

  test('random profile maps end in a plan, not-found, no-credentials or a MongoAwsError, and roles never outnumber profiles', () => {
    fc.assert(
      fc.property(sections, sections, sections, fc.constantFrom(...names), (config, credentials, sessions, selected) => {
        try {
          const outcome = planProfile(view(config, credentials, sessions), selected);
          if (outcome.kind === 'plan') {
            assert.ok(outcome.plan.roles.length <= names.length);
            for (const role of outcome.plan.roles) assert.notEqual(role.roleArn, '');
          }
        } catch (error) {
          assert.ok(MongoAwsError.isMongoAwsError(error), String(error));
        }
      }),
      { numRuns: 1000, seed: 2024 },
    );
  });
});
