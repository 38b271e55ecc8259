/** Replay of the AWS cross-SDK profile-provider scenarios (smithy-rs profile-provider) through the profile step of the chain. */
import assert from 'node:assert/strict';
import { toIdentity } from '../../lib/credentials/identity.js';
import { MongoAwsCredentialsError, MongoAwsError } from '../../lib/errors.js';
import { resolveIni } from '../../lib/providers/ini.js';
import { runtimeFrom, type RuntimeInit } from '../../lib/runtime.js';
import type { AwsCredentialIdentity } from '../../lib/types.js';
import { replayScenario, type Outcome } from '../replay/harness.js';
import { loadScenarios, type Scenario } from '../replay/scenario.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

export const PROFILE_SCENARIOS = ['aws-sdk-cross-sdk', 'aws-config', 'test-data', 'profile-provider'];

/**
 * These scenarios exercise the profile provider alone (Rust's ProfileFileCredentialsProvider), so the step is
 * called as the chain calls it; "not configured" becomes ERR_CREDENTIALS_NOT_FOUND, as the chain reports it.
 */
async function profileStep(init: RuntimeInit): Promise<AwsCredentialIdentity> {
  const resolved = await resolveIni(runtimeFrom(init), {});
  if (resolved === undefined) throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'the selected profile holds no credentials');
  return toIdentity(resolved.credentials);
}

function assertCode(outcome: Outcome, code: string): void {
  if (!('error' in outcome)) throw new Error(`expected ${code}, got credentials`);
  assert.ok(MongoAwsError.isMongoAwsError(outcome.error), 'expected a library error');
  assert.equal(outcome.error.code, code);
}

interface Divergence {
  readonly reason: string;
  readonly run: (scenario: Scenario) => Promise<void>;
}

const NO_SHELL =
  'credential_process runs without a shell, split like botocore (lib/providers/process.ts); the Rust and JS SDKs run it through sh';

/** Cases this project resolves differently, with the reason; each run() asserts our behaviour. */
export const PROFILE_DIVERGENCES: Readonly<Record<string, Divergence>> = {
  credential_process: {
    reason: `${NO_SHELL}: the scenario's pipeline \`echo … | base64 --decode\` becomes one echo whose output is not JSON`,
    run: (scenario) => assertUnpiped(scenario),
  },
  credential_process_account_id_fallback: {
    reason: `${NO_SHELL}: as credential_process, the pipeline is not interpreted`,
    run: (scenario) => assertUnpiped(scenario),
  },
  credential_process_failure: {
    reason: `${NO_SHELL}: \`exit\` is a shell builtin, so the command cannot be started (ERR_PROCESS_FAILED, the Rust meaning, reached by ENOENT rather than exit status 1)`,
    run: async (scenario) => {
      await replayScenario(scenario, profileStep, {
        expect: (outcome, report) => {
          assertCode(outcome, 'ERR_PROCESS_FAILED');
          assert.deepEqual(report.processes, [['exit', '1']]);
        },
      });
    },
  },
};

async function assertUnpiped(scenario: Scenario): Promise<void> {
  await replayScenario(scenario, profileStep, {
    expect: (outcome, report) => {
      assertCode(outcome, 'ERR_INVALID_CREDENTIALS_RESPONSE');
      assert.equal(report.processes.length, 1);
      const argv = report.processes[0] as readonly string[];
      assert.equal(argv[0], 'echo');
      assert.ok(argv.includes('|'), 'the pipe reached echo as an argument: no shell ran');
    },
  });
}

export const suite: VectorSuite = {
  name: 'cross-sdk profile provider (replay)',
  cases: async () =>
    loadScenarios(vectorPath(...PROFILE_SCENARIOS)).map((scenario): VectorCase => {
      const divergence = PROFILE_DIVERGENCES[scenario.name];
      if (divergence === undefined) return { name: scenario.name, run: async () => void (await replayScenario(scenario, profileStep)) };
      return { name: scenario.name, run: () => divergence.run(scenario), divergence: divergence.reason };
    }),
};
