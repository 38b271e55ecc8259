// Differential test: every cross-SDK scenario runs through the real `@aws-sdk/credential-providers`
// fromNodeProviderChain and through ours, same environment and files, endpoints on one loopback server.
// Each difference must be the documented one, and our side of it is asserted against the cross-SDK data
// (or botocore, where the project follows botocore).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vectorPath } from '../conformance/harness.js';
import { meaningOf } from '../replay/error-meanings.js';
import { loadScenarios, type Scenario } from '../replay/scenario.js';
import { runBoth, type Difference } from './compare.js';
import type { Side } from './run.js';

interface Documented {
  readonly difference: Exclude<Difference, 'agree'>;
  readonly reason: string;
  /** Asserts our side of the difference. */
  readonly ours: (ours: Side, scenario: Scenario) => void;
}

/** Ours returns what test-case.json expects (expiry aside: the oracle shifts expiries into the future). */
function asCrossSdk(ours: Side, scenario: Scenario): void {
  if (scenario.expected.kind === 'error') {
    assert.ok('error' in ours, 'expected our chain to fail');
    return;
  }
  assert.ok('ok' in ours, `expected credentials, got ${'error' in ours ? ours.error : ''}`);
  const want = scenario.expected.credentials;
  assert.deepEqual(
    { id: ours.ok.accessKeyId, secret: ours.ok.secretAccessKey, token: ours.ok.sessionToken, account: ours.ok.accountId },
    { id: want.access_key_id, secret: want.secret_access_key, token: want.session_token, account: want.account_id },
  );
}

function failsWith(code: string): (ours: Side) => void {
  return (ours) => assert.deepEqual(ours, { error: code });
}

/** Ours fails with the code the cross-SDK error text means. */
function stopsAtProfile(ours: Side, scenario: Scenario): void {
  assert.equal(scenario.expected.kind, 'error');
  if (scenario.expected.kind === 'error') assert.deepEqual(ours, { error: meaningOf(scenario.expected.contains).code });
}

const ACCOUNT = 'JS v3 drops the account id of container (AccountId) and SSO (sso_account_id) credentials; ours keeps it, as the cross-SDK data expects';
const FALLS_THROUGH = 'JS v3 moves on to the next provider (IMDS) after a broken profile (tryNextLink); ours stops with the profile error, as botocore and the cross-SDK data do';
const FIPS = 'not comparable on loopback: JS v3 refuses FIPS together with a custom endpoint (endpoint rules), which the oracle needs; ours lets the endpoint override win';

export const DOCUMENTED: Readonly<Record<string, Documented>> = {
  e2e_fips_and_dual_stack_sso: { difference: 'outcome', reason: FIPS, ours: asCrossSdk },
  e2e_fips_and_dual_stack_sts: { difference: 'outcome', reason: FIPS, ours: (ours) => assert.ok('ok' in ours) },
  ecs_credentials: { difference: 'credentials', reason: ACCOUNT, ours: asCrossSdk },
  ecs_credentials_invalid_profile: { difference: 'credentials', reason: ACCOUNT, ours: asCrossSdk },
  eks_pod_identity_credentials: { difference: 'credentials', reason: ACCOUNT, ours: asCrossSdk },
  sso_assume_role: { difference: 'credentials', reason: ACCOUNT, ours: asCrossSdk },
  sso_credentials: { difference: 'credentials', reason: ACCOUNT, ours: asCrossSdk },
  sso_override_global_env_url: { difference: 'credentials', reason: ACCOUNT, ours: asCrossSdk },
  imds_default_chain_retries: {
    difference: 'outcome',
    reason: 'JS v3 does not retry IMDS (maxRetries 0); ours retries 5xx replies, as the Rust recording expects',
    ours: asCrossSdk,
  },
  profile_static_keys_case_insensitive: {
    difference: 'outcome',
    reason: 'JS v3 reads profile keys case-sensitively; ours lower-cases them (cross-SDK profile rules)',
    ours: asCrossSdk,
  },
  credential_process: {
    difference: 'outcome',
    reason: 'ours runs credential_process without a shell (botocore); JS v3 through a shell, so only JS runs the scenario pipeline',
    ours: failsWith('ERR_INVALID_CREDENTIALS_RESPONSE'),
  },
  credential_process_account_id_fallback: {
    difference: 'outcome',
    reason: 'as credential_process: no shell in ours (botocore)',
    ours: failsWith('ERR_INVALID_CREDENTIALS_RESPONSE'),
  },
  profile_overrides_web_identity: {
    difference: 'path',
    reason: 'JS v3 falls through to web identity from env after profile A fails and calls STS with the token the scenario says must not be used; ours stops (cross-SDK)',
    ours: stopsAtProfile,
  },
  imds_no_iam_role: { difference: 'path', reason: `${FALLS_THROUGH} (JS asks IMDS a second time)`, ours: stopsAtProfile },
  imds_token_fail: { difference: 'path', reason: `${FALLS_THROUGH}; JS also falls back to IMDSv1 after the 403`, ours: stopsAtProfile },
  web_identity_source_profile_no_env: { difference: 'path', reason: FALLS_THROUGH, ours: stopsAtProfile },
  credential_process_failure: { difference: 'path', reason: FALLS_THROUGH, ours: failsWith('ERR_PROCESS_FAILED') },
  credential_process_invalid: { difference: 'path', reason: FALLS_THROUGH, ours: stopsAtProfile },
  invalid_config: { difference: 'path', reason: FALLS_THROUGH, ours: stopsAtProfile },
  sso_server_error: {
    difference: 'path',
    reason: 'JS v3 retries GetRoleCredentials after a 503; ours makes the single request the recording holds',
    ours: stopsAtProfile,
  },
  empty_config: {
    difference: 'path',
    reason: 'after the IMDSv2 token PUT fails (404), JS v3 falls back to IMDSv1; ours never uses IMDSv1 (MongoDB spec)',
    ours: failsWith('ERR_CREDENTIALS_NOT_FOUND'),
  },
};

const FOLDERS = ['default-credential-provider-chain', 'profile-provider'];

test('the real @aws-sdk/credential-providers chain and ours agree on every cross-SDK scenario, or differ as documented', async (t) => {
  const seen = new Set<string>();
  for (const folder of FOLDERS) {
    for (const scenario of loadScenarios(vectorPath('aws-sdk-cross-sdk', 'aws-config', 'test-data', folder))) {
      seen.add(scenario.name);
      await t.test(`${folder}/${scenario.name}`, async () => {
        const run = await runBoth(scenario);
        const documented = DOCUMENTED[scenario.name];
        const detail = `sdk ${JSON.stringify(run.sdk)} [${run.sdkRequests.join(', ')}]; ours ${JSON.stringify(run.ours)} [${run.ourRequests.join(', ')}]`;
        if (run.difference === 'agree') {
          assert.equal(documented, undefined, `documented as different but they agree: ${detail}`);
          t.diagnostic(`${scenario.name}: agree`);
          return;
        }
        assert.ok(documented !== undefined, `undocumented ${run.difference} difference: ${detail}`);
        assert.equal(run.difference, documented.difference, detail);
        documented.ours(run.ours, scenario);
        t.diagnostic(`${scenario.name}: ${run.difference} differs — ${documented.reason}`);
      });
    }
  }
  assert.deepEqual(Object.keys(DOCUMENTED).filter((name) => !seen.has(name)), [], 'every documented difference names a scenario');
});
